/**
 * A visit that will not take place is cancelled with a reason (domain.md §3.2): a plan still in
 * approval is withdrawn, and its open duties (record, follow-up, materials) are cancelled with it.
 */
import { and, eq } from 'drizzle-orm';
import { approvalRequests, visits } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/client.js';
import { DomainError } from '../../domain/errors.js';
import { THING } from '../../domain/glossary.js';
import { i18n } from '../../domain/i18n.js';
import type { Member } from '../../domain/roster.js';
import { canCancel } from '../../domain/visit/rules.js';
import type { UseCaseContext } from '../approval/apply.js';
import { withdrawRequest } from '../approval/withdraw.js';
import { cancelObligation } from '../obligations/index.js';
import { readText as text } from '../../domain/card-form.js';
import { assertOwner } from '../../domain/visit/rules.js';
import { cancelMaterialDuties } from './materials.js';
import { loadVisit, visitChanged, VISIT_SUBJECT, type VisitRow } from './store.js';
import { syncVisitEvent } from './calendar-sync.js';
import { syncVisitTasks } from './task-sync.js';

/** A visit with its summary in, or already cancelled, stays (canCancel). */
export function assertVisitCancellable(visit: Pick<VisitRow, 'status'>): void {
  if (!canCancel(visit.status)) {
    throw new DomainError('PRECONDITION_FAILED', i18n(`已提交${THING.visitRecord.zh_cn}或已取消的拜访不能再取消。`, `A visit with its ${THING.visitRecord.en_us} in, or already cancelled, cannot be cancelled.`));
  }
}

export async function cancelVisit(tx: Tx, input: { visitId: string; version: number; form: Record<string, unknown>; actor: Member }, ctx: UseCaseContext): Promise<VisitRow> {
  const before = await loadVisit(tx, input.visitId);
  assertOwner(before, input.actor, i18n('取消这次拜访', 'cancel it'));
  const reason = text(input.form, 'vc_reason', i18n('取消原因', 'Reason'), 200, true)!;
  assertVisitCancellable(before);
  const [visit] = await tx
    .update(visits)
    .set({ status: 'cancelled', cancelReason: reason, version: before.version + 1, updatedAt: ctx.now })
    .where(and(eq(visits.id, before.id), eq(visits.version, input.version), eq(visits.status, before.status)))
    .returning();
  if (!visit) throw visitChanged();
  if (visit.requestId) {
    const [req] = await tx.select({ status: approvalRequests.status }).from(approvalRequests).where(eq(approvalRequests.id, visit.requestId));
    if (req && req.status !== 'approved' && req.status !== 'withdrawn') await withdrawRequest(tx, { requestId: visit.requestId, requester: input.actor, reason }, ctx);
  }
  const subject = { type: VISIT_SUBJECT, id: visit.id };
  await cancelObligation(tx, 'visit_record', subject, ctx.now);
  await cancelObligation(tx, 'follow_up', subject, ctx.now);
  await cancelMaterialDuties(tx, visit.id, ctx.now);
  await syncVisitEvent(tx, ctx.deps, visit, ctx.now);
  await syncVisitTasks(tx, ctx.deps, visit, ctx.now);
  return visit;
}
