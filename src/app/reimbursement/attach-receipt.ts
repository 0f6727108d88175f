/**
 * A receipt sent as an image or file in the direct chat attaches to the person's newest open
 * reimbursement draft (the message id and the Lark key are kept; the file stays in Lark).
 * Without a draft the message is not ours and the next handler may take it.
 */
import { and, desc, eq } from 'drizzle-orm';
import { reimbursements } from '../../../db/schema/index.js';
import type { Conversation, NonTextMessage } from '../conversation.js';
import { i18n, pick } from '../../domain/i18n.js';
import type { Receipt } from '../../domain/visit/types.js';
import { loadReimbursable, reimbLabel } from './start.js';

export async function attachReceipt(ctx: Conversation, m: NonTextMessage): Promise<boolean> {
  const key = m.type === 'image' ? m.content.image_key : m.content.file_key;
  if ((m.type !== 'image' && m.type !== 'file') || typeof key !== 'string' || !key) return false;
  const [draft] = await ctx.tx
    .select()
    .from(reimbursements)
    .where(and(eq(reimbursements.ownerId, ctx.member.openId), eq(reimbursements.status, 'draft')))
    .orderBy(desc(reimbursements.updatedAt))
    .limit(1);
  if (!draft) return false;
  if (draft.receipts.some((r) => r.messageId === m.messageId)) return true;
  const receipt: Receipt = { messageId: m.messageId, type: m.type, key, name: typeof m.content.file_name === 'string' ? m.content.file_name : null };
  const receipts = [...draft.receipts, receipt];
  await ctx.tx.update(reimbursements).set({ receipts, updatedAt: ctx.now }).where(and(eq(reimbursements.id, draft.id), eq(reimbursements.status, 'draft')));
  const subject = reimbLabel(await loadReimbursable(ctx.tx, draft.subjectType, draft.subjectId), ctx.deps.config.timeZone);
  await ctx.reply({ text: pick(i18n(`已附到报销单（${subject}），共 ${receipts.length} 张票据。`, `Attached to the claim (${subject}); ${receipts.length} receipt(s) so far.`), ctx.locale) });
  return true;
}
