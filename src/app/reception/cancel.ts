/**
 * A reception that will not take place is cancelled with a reason, like a visit: a plan still in
 * approval is withdrawn, and the report duty is cancelled (it is neither done nor late).
 */
import { and, eq } from 'drizzle-orm';
import { approvalRequests, receptions } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/client.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import type { Member } from '../../domain/roster.js';
import { canCancel } from '../../domain/visit/rules.js';
import type { UseCaseContext } from '../approval/apply.js';
import { withdrawRequest } from '../approval/withdraw.js';
import { cancelObligation } from '../obligations/index.js';
import { readText as text } from '../../domain/card-form.js';
import { partiesWereTold, tellReceptionParties } from './parties.js';
import { loadReception, RECEPTION_SUBJECT, receptionChanged, type ReceptionRow } from './store.js';
import { syncReceptionEvent } from '../visit/calendar-sync.js';

export function assertReceptionLead(row: ReceptionRow, actor: Member, what: I18nText = i18n('取消接待', 'cancel it')): void {
  if (row.ownerId !== actor.openId) throw new DomainError('FORBIDDEN', i18n(`只有接待负责人可以${what.zh_cn}。`, `Only the reception lead can ${what.en_us}.`));
}

/** A reception already reported, or cancelled, stays (canCancel). */
export function assertReceptionCancellable(row: Pick<ReceptionRow, 'status'>): void {
  if (!canCancel(row.status)) {
    throw new DomainError('PRECONDITION_FAILED', i18n('已报告或已取消的接待不能再取消。', 'A reception already reported or cancelled cannot be cancelled.'));
  }
}

export async function cancelReception(
  tx: Tx,
  input: { receptionId: string; version: number; form: Record<string, unknown>; actor: Member },
  ctx: UseCaseContext,
): Promise<ReceptionRow> {
  const before = await loadReception(tx, input.receptionId);
  assertReceptionLead(before, input.actor);
  const reason = text(input.form, 'rc_reason', i18n('取消原因', 'Reason'), 200, true)!;
  assertReceptionCancellable(before);
  const [row] = await tx
    .update(receptions)
    .set({ status: 'cancelled', cancelReason: reason, version: before.version + 1, updatedAt: ctx.now })
    .where(and(eq(receptions.id, before.id), eq(receptions.version, input.version), eq(receptions.status, before.status)))
    .returning();
  if (!row) throw receptionChanged();
  if (row.requestId) {
    const [req] = await tx.select({ status: approvalRequests.status }).from(approvalRequests).where(eq(approvalRequests.id, row.requestId));
    if (req && req.status !== 'approved' && req.status !== 'withdrawn') await withdrawRequest(tx, { requestId: row.requestId, requester: input.actor, reason }, ctx);
  }
  await cancelObligation(tx, 'reception_report', { type: RECEPTION_SUBJECT, id: row.id }, ctx.now);
  // Those told of an approved plan are told it is off; a plan never approved was never announced.
  if (await partiesWereTold(tx, row.id)) await tellReceptionParties(tx, ctx.deps, row, { type: 'cancelled', reason });
  await syncReceptionEvent(tx, ctx.deps, row, ctx.now);
  return row;
}
