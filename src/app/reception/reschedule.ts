/**
 * Moving a reception (接待改期), by the visit rule: within the tolerance the approved plan stands
 * and only the date, budget and report deadline move; beyond it the plan goes through the chain
 * again (manager → director) and the report duty waits for the new approval (see receptionHooks).
 */
import { and, eq } from 'drizzle-orm';
import { receptions } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/client.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import type { Member } from '../../domain/roster.js';
import type { ReceptionPlan } from '../../domain/visit/types.js';
import { canReschedule, needsReapproval } from '../../domain/visit/rules.js';
import type { UseCaseContext } from '../approval/apply.js';
import { submitRequest } from '../approval/submit.js';
import { loadCustomer, loadRosterMap } from '../customer/store.js';
import { describeMove, readMove, stillInApproval } from '../visit/reschedule.js';
import { loadTolerance } from '../visit/store.js';
import { assertReceptionLead } from './cancel.js';
import { tellReceptionParties } from './parties.js';
import { loadReception, RECEPTION_SUBJECT, receptionChanged, type ReceptionRow } from './store.js';
import { receptionApprovalRows, receptionSummary } from './submit-plan.js';
import { rescheduleObligation } from '../obligations/index.js';
import { syncReceptionEvent } from '../visit/calendar-sync.js';

export const RESCHEDULE = i18n('改期', 'reschedule it');

/** Only an approved reception still to come moves; a plan in its chain is withdrawn instead. */
export function assertReschedulable(row: ReceptionRow): void {
  if (row.status === 'pending') throw stillInApproval();
  if (!canReschedule(row.status)) throw new DomainError('PRECONDITION_FAILED', i18n('只有已批准、尚未接待的计划可以改期。', 'Only an approved reception that has not happened can be rescheduled.'));
}

export async function rescheduleReception(
  tx: Tx,
  input: { receptionId: string; version: number; form: Record<string, unknown>; actor: Member },
  ctx: UseCaseContext,
): Promise<{ reception: ReceptionRow; reapproval: boolean; notice: I18nText }> {
  const tz = ctx.deps.config.timeZone;
  const before = await loadReception(tx, input.receptionId);
  assertReceptionLead(before, input.actor, RESCHEDULE);
  assertReschedulable(before);
  const { at, budgetFen, reason } = readMove(input.form, 'rr', i18n('新的接待时间', 'New date and time'), ctx.now, tz);
  const reapproval = needsReapproval({ at: before.receptionAt, budgetFen: before.budgetFen }, { at, budgetFen }, await loadTolerance(tx));
  const plan: ReceptionPlan = { ...before.plan, budgetFen };
  const [row] = await tx
    .update(receptions)
    .set({ receptionAt: at, budgetFen, plan, status: reapproval ? 'pending' : 'approved', version: before.version + 1, updatedAt: ctx.now })
    .where(and(eq(receptions.id, before.id), eq(receptions.version, input.version), eq(receptions.status, 'approved')))
    .returning();
  if (!row) throw receptionChanged();
  const move = describeMove(before.receptionAt, at, reason, reapproval, tz);
  let requestId = row.requestId;
  if (reapproval) {
    const customer = await loadCustomer(tx, row.customerId);
    const roster = await loadRosterMap(tx, ctx.roster);
    ({ requestId } = await submitRequest(
      tx,
      {
        kind: 'reception_plan', subjectType: RECEPTION_SUBJECT, subjectId: row.id, requester: input.actor,
        fields: [...receptionApprovalRows(customer, at, plan, roster, tz), move.row], summary: receptionSummary(customer, at, tz), hasBudget: budgetFen > 0,
      },
      ctx,
    ));
    await tx.update(receptions).set({ requestId }).where(eq(receptions.id, row.id));
  }
  await rescheduleObligation(tx, tz, { kind: 'reception_report', subject: { type: RECEPTION_SUBJECT, id: row.id }, anchorAt: at, now: ctx.now, suspended: reapproval });
  // Everyone with a part hears of the move (beyond the tolerance: that the new time waits for approval).
  await tellReceptionParties(tx, ctx.deps, row, { type: 'moved', from: before.receptionAt, reapproval, reason });
  await syncReceptionEvent(tx, ctx.deps, row, ctx.now);
  return { reception: { ...row, requestId }, reapproval, notice: move.notice };
}
