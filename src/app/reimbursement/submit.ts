/**
 * Files a reimbursement draft: item rows checked (nothing stored on a bad amount), the gate
 * checked again, the amount compared with the approved budget (flagged on the card when over),
 * then the chain manager → finance.
 */
import { and, eq } from 'drizzle-orm';
import { reimbursements } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/client.js';
import type { Card } from '../../../cards/kit.js';
import { ITEM_ROWS, reimbursementFiledCard } from '../../../cards/reimbursement-form.js';
import type { FieldRow } from '../../domain/approval/view.js';
import { DomainError } from '../../domain/errors.js';
import { i18n } from '../../domain/i18n.js';
import { formatYuan, parseYuan } from '../../domain/money.js';
import type { Member } from '../../domain/roster.js';
import type { ReimbursementItem } from '../../domain/visit/types.js';
import type { ApprovalHooks } from '../approval/hooks.js';
import type { UseCaseContext } from '../approval/apply.js';
import { submitRequest } from '../approval/submit.js';
import { bad, text } from '../visit/form-values.js';
import { gateFor, loadReimbursable, reimbLabel } from './start.js';

export const REIMBURSEMENT_SUBJECT = 'reimbursement';

export function readItems(f: Record<string, unknown>): ReimbursementItem[] {
  const items: ReimbursementItem[] = [];
  for (let i = 1; i <= ITEM_ROWS; i++) {
    const label = i18n(`费用项目 ${i}`, `Item ${i}`);
    const name = text(f, `ri_item_${i}`, label, 100);
    const amount = text(f, `ri_amount_${i}`, i18n(`金额 ${i}`, `Amount ${i}`), 20);
    if (!name && !amount) continue;
    if (!name) throw bad(label, '有金额但没写项目', 'has an amount but no item');
    if (!amount) throw bad(label, '没有金额', 'has no amount');
    const fen = parseYuan(amount);
    if (fen === null || fen <= 0) throw bad(i18n(`金额 ${i}`, `Amount ${i}`), `「${amount}」不是有效金额，例如 350 或 1.2万`, `"${amount}" is not an amount, e.g. 350`);
    items.push({ item: name, amountFen: fen });
  }
  if (!items.length) throw new DomainError('VALIDATION', i18n('请至少填写一项费用和金额。', 'Fill in at least one item with its amount.'));
  return items;
}

export async function submitReimbursement(tx: Tx, input: { id: string; form: Record<string, unknown>; actor: Member }, ctx: UseCaseContext): Promise<Card> {
  const tz = ctx.deps.config.timeZone;
  const [draft] = await tx.select().from(reimbursements).where(eq(reimbursements.id, input.id));
  if (!draft || draft.ownerId !== input.actor.openId) throw new DomainError('FORBIDDEN', i18n('这不是你的报销单。', 'This is not your claim.'));
  if (draft.status !== 'draft') throw new DomainError('CONFLICT', i18n('这张报销单已经提交过了。', 'This claim has already been submitted.'));
  const items = readItems(input.form);
  const subject = await loadReimbursable(tx, draft.subjectType, draft.subjectId);
  if (gateFor(subject, tz)) {
    throw new DomainError('PRECONDITION_FAILED', i18n('这次拜访还没有确认的拜访总结（或接待还没有报告），不能报销。', 'The visit has no confirmed record (or the reception no report) yet, so it cannot be reimbursed.'));
  }
  const totalFen = items.reduce((s, it) => s + it.amountFen, 0);
  const won = await tx
    .update(reimbursements)
    .set({ status: 'submitted', items, totalFen, updatedAt: ctx.now })
    .where(and(eq(reimbursements.id, draft.id), eq(reimbursements.status, 'draft')))
    .returning({ id: reimbursements.id });
  if (!won.length) throw new DomainError('CONFLICT', i18n('这张报销单已经提交过了。', 'This claim has already been submitted.'));
  const label = reimbLabel(subject, tz);
  const over = totalFen > subject.budgetFen;
  const fields: FieldRow[] = [
    { label: i18n('报销事项', 'For'), value: label },
    ...items.map((it) => ({ label: i18n(it.item, it.item), value: formatYuan(it.amountFen) })),
    { label: i18n('合计', 'Total'), value: formatYuan(totalFen) },
    { label: i18n('批准预算', 'Approved budget'), value: subject.budgetFen ? formatYuan(subject.budgetFen) : i18n('无', 'None') },
    { label: i18n('票据', 'Receipts'), value: i18n(`${draft.receipts.length} 张`, String(draft.receipts.length)) },
  ];
  if (over) fields.push({ label: i18n('⚠️ 超出预算', '⚠️ Over budget'), value: formatYuan(totalFen - subject.budgetFen) });
  const { requestId } = await submitRequest(
    tx,
    {
      kind: 'reimbursement', subjectType: REIMBURSEMENT_SUBJECT, subjectId: draft.id, requester: input.actor, fields,
      summary: i18n(`${label} · ${formatYuan(totalFen)}${over ? ' ⚠️超预算' : ''}`, `${label} · ${formatYuan(totalFen)}${over ? ' ⚠️ over budget' : ''}`),
      hasBudget: true,
    },
    ctx,
  );
  await tx.update(reimbursements).set({ requestId }).where(eq(reimbursements.id, draft.id));
  return reimbursementFiledCard({ subject: label, items, totalFen, budgetFen: subject.budgetFen, receipts: draft.receipts.length });
}

export const reimbursementHooks: ApprovalHooks = {
  async onApproved(ctx, approval) {
    await ctx.tx
      .update(reimbursements)
      .set({ status: 'approved', updatedAt: ctx.now })
      .where(and(eq(reimbursements.id, approval.state.request.subjectId), eq(reimbursements.status, 'submitted')));
  },
};
