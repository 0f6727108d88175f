/**
 * Files a reimbursement draft: item rows checked (nothing stored on a bad amount), the gate
 * checked again, the amount compared with the approved budget (flagged on the card when over),
 * then the chain manager → finance.
 */
import { and, eq, inArray, ne } from 'drizzle-orm';
import { reimbursements } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/client.js';
import type { Card } from '../../../cards/kit.js';
import { ITEM_ROWS, reimbursementFiledCard, reimbursementFormCard } from '../../../cards/reimbursement-form.js';
import { lastDecided } from '../../domain/approval/records.js';
import type { FieldRow } from '../../domain/approval/view.js';
import { DomainError } from '../../domain/errors.js';
import { i18n } from '../../domain/i18n.js';
import { formatYuan, parseYuan } from '../../domain/money.js';
import type { Member } from '../../domain/roster.js';
import type { ReimbursementItem } from '../../domain/visit/types.js';
import type { ApprovalHooks } from '../approval/hooks.js';
import type { UseCaseContext } from '../approval/apply.js';
import type { EffectOptions } from '../approval/effects.js';
import { resubmitRequest } from '../approval/resubmit.js';
import type { StoredApproval } from '../approval/store.js';
import { submitRequest } from '../approval/submit.js';
import { withdrawRequest } from '../approval/withdraw.js';
import { fieldError as bad, readText as text } from '../../domain/card-form.js';
import { gateFor, LIVE_CLAIM, loadReimbursable, reimbLabel, type Reimbursable } from './start.js';

const REIMBURSEMENT_SUBJECT = 'reimbursement';

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

/** What the approvers see of a claim: the rows, the summary, the filed card. */
function claimDisplay(subject: Reimbursable, items: ReimbursementItem[], receipts: number, tz: string) {
  const totalFen = items.reduce((s, it) => s + it.amountFen, 0);
  const label = reimbLabel(subject, tz);
  const over = totalFen > subject.budgetFen;
  const fields: FieldRow[] = [
    { label: i18n('报销事项', 'For'), value: label },
    ...items.map((it) => ({ label: i18n(it.item, it.item), value: formatYuan(it.amountFen) })),
    { label: i18n('合计', 'Total'), value: formatYuan(totalFen) },
    { label: i18n('批准预算', 'Approved budget'), value: subject.budgetFen ? formatYuan(subject.budgetFen) : i18n('无', 'None') },
    { label: i18n('票据', 'Receipts'), value: i18n(`${receipts} 张`, String(receipts)) },
  ];
  if (over) fields.push({ label: i18n('⚠️ 超出预算', '⚠️ Over budget'), value: formatYuan(totalFen - subject.budgetFen) });
  const summary = i18n(`${label} · ${formatYuan(totalFen)}${over ? ' ⚠️超预算' : ''}`, `${label} · ${formatYuan(totalFen)}${over ? ' ⚠️ over budget' : ''}`);
  const card = reimbursementFiledCard({ subject: label, items, totalFen, budgetFen: subject.budgetFen, receipts });
  return { totalFen, fields, summary, card };
}

const alreadyFiled = () => new DomainError('CONFLICT', i18n('这一项已经提交过报销。', 'A claim for this has already been filed.'));

/** Another claim of the same visit or reception still in approval, or paid. */
async function liveClaimOf(tx: Tx, claim: { id: string; subjectType: string; subjectId: string }) {
  const [other] = await tx
    .select({ id: reimbursements.id })
    .from(reimbursements)
    .where(and(eq(reimbursements.subjectType, claim.subjectType as 'visit'), eq(reimbursements.subjectId, claim.subjectId), ne(reimbursements.id, claim.id), inArray(reimbursements.status, [...LIVE_CLAIM])))
    .limit(1);
  return other ?? null;
}

async function subjectPastGate(tx: Tx, draft: { subjectType: 'visit' | 'reception'; subjectId: string }, tz: string): Promise<Reimbursable> {
  const subject = await loadReimbursable(tx, draft.subjectType, draft.subjectId);
  if (gateFor(subject, tz)) {
    throw new DomainError('PRECONDITION_FAILED', i18n('这次拜访还没有确认的拜访总结（或接待还没有报告），不能报销。', 'The visit has no confirmed record (or the reception no report) yet, so it cannot be reimbursed.'));
  }
  return subject;
}

export async function submitReimbursement(tx: Tx, input: { id: string; form: Record<string, unknown>; actor: Member }, ctx: UseCaseContext): Promise<Card> {
  const tz = ctx.deps.config.timeZone;
  const [draft] = await tx.select().from(reimbursements).where(eq(reimbursements.id, input.id));
  if (!draft || draft.ownerId !== input.actor.openId) throw new DomainError('FORBIDDEN', i18n('这不是你的报销单。', 'This is not your claim.'));
  if (draft.status !== 'draft') throw new DomainError('CONFLICT', i18n('这张报销单已经提交过了。', 'This claim has already been submitted.'));
  const items = readItems(input.form);
  const subject = await subjectPastGate(tx, draft, tz);
  if (await liveClaimOf(tx, draft)) throw alreadyFiled();
  const shown = claimDisplay(subject, items, draft.receipts.length, tz);
  const won = await tx
    .update(reimbursements)
    .set({ status: 'submitted', items, totalFen: shown.totalFen, updatedAt: ctx.now })
    .where(and(eq(reimbursements.id, draft.id), eq(reimbursements.status, 'draft')))
    .returning({ id: reimbursements.id });
  if (!won.length) throw new DomainError('CONFLICT', i18n('这张报销单已经提交过了。', 'This claim has already been submitted.'));
  // A rejected claim of the same visit is superseded by this one: withdrawn, so it cannot be resubmitted beside it.
  const rejected = await tx
    .select({ requestId: reimbursements.requestId })
    .from(reimbursements)
    .where(and(eq(reimbursements.subjectType, draft.subjectType), eq(reimbursements.subjectId, draft.subjectId), eq(reimbursements.status, 'rejected')));
  for (const r of rejected) {
    if (r.requestId) await withdrawRequest(tx, { requestId: r.requestId, requester: input.actor, reason: '已重新提交报销 / filed again' }, ctx);
  }
  const { requestId } = await submitRequest(
    tx,
    { kind: 'reimbursement', subjectType: REIMBURSEMENT_SUBJECT, subjectId: draft.id, requester: input.actor, fields: shown.fields, summary: shown.summary, hasBudget: true },
    ctx,
  );
  await tx.update(reimbursements).set({ requestId }).where(eq(reimbursements.id, draft.id));
  return shown.card;
}

/**
 * A rejected or returned claim, edited and sent again: the same request starts a new round with
 * the new items (earlier rounds kept). The engine decides whether that is allowed.
 */
export async function resubmitReimbursement(
  tx: Tx,
  input: { id: string; requestId: string; version: number; form: Record<string, unknown>; actor: Member },
  ctx: UseCaseContext,
  o: EffectOptions = {},
): Promise<Card> {
  const tz = ctx.deps.config.timeZone;
  const [claim] = await tx.select().from(reimbursements).where(eq(reimbursements.id, input.id));
  if (!claim || claim.requestId !== input.requestId) throw new DomainError('NOT_FOUND', i18n('找不到这张报销单。', 'That claim was not found.'));
  if (claim.ownerId !== input.actor.openId) throw new DomainError('FORBIDDEN', i18n('这不是你的报销单。', 'This is not your claim.'));
  const items = readItems(input.form);
  const subject = await subjectPastGate(tx, claim, tz);
  const shown = claimDisplay(subject, items, claim.receipts.length, tz);
  await resubmitRequest(tx, { requestId: input.requestId, requester: input.actor, version: input.version, fields: shown.fields, summary: shown.summary, hasBudget: true }, ctx, o);
  await tx.update(reimbursements).set({ items, totalFen: shown.totalFen, updatedAt: ctx.now }).where(eq(reimbursements.id, claim.id));
  return shown.card;
}

const claimOf = async (tx: Tx, approval: StoredApproval) => (await tx.select().from(reimbursements).where(eq(reimbursements.id, approval.state.request.subjectId)))[0] ?? null;

export const reimbursementHooks: ApprovalHooks = {
  async onApproved(ctx, approval) {
    await ctx.tx
      .update(reimbursements)
      .set({ status: 'approved', updatedAt: ctx.now })
      .where(and(eq(reimbursements.id, approval.state.request.subjectId), eq(reimbursements.status, 'submitted')));
  },

  /** Rejected or withdrawn: the visit can be claimed again (`报销` lists it). */
  async onEnded(ctx, approval, outcome) {
    await ctx.tx
      .update(reimbursements)
      .set({ status: outcome, updatedAt: ctx.now })
      .where(and(eq(reimbursements.id, approval.state.request.subjectId), inArray(reimbursements.status, ['submitted', 'rejected'])));
  },

  /** Sent again after a rejection: refused while another claim of the same visit is in approval or paid. */
  async onResubmitted(ctx, approval) {
    const claim = await claimOf(ctx.tx, approval);
    if (!claim) return;
    if (await liveClaimOf(ctx.tx, claim)) throw alreadyFiled();
    await ctx.tx.update(reimbursements).set({ status: 'submitted', updatedAt: ctx.now }).where(eq(reimbursements.id, claim.id));
  },

  /** "Edit & resubmit": the items form, filled in from the claim, whose submit starts a new round. */
  async editCard(ctx, approval) {
    const claim = await claimOf(ctx.tx, approval);
    if (!claim) return null;
    const subject = await loadReimbursable(ctx.tx, claim.subjectType, claim.subjectId);
    const reason = lastDecided(approval.state.steps)?.comment ?? null;
    return reimbursementFormCard({
      id: claim.id, subject: reimbLabel(subject, ctx.deps.config.timeZone), budgetFen: subject.budgetFen, receipts: claim.receipts.length, items: claim.items,
      edit: { requestId: approval.state.request.id, version: approval.state.request.version, reason },
    });
  },
};
