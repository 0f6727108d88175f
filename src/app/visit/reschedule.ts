/**
 * Moving a visit (改期). Within the tolerance (a setting) the approved plan stands and only the
 * date, budget and record deadline move; beyond it — or a budget raised past the tolerance — the
 * plan goes through the chain again and its record duty waits for the new approval.
 */
import { and, eq } from 'drizzle-orm';
import { visits } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/client.js';
import type { FieldRow } from '../../domain/approval/view.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import type { Member } from '../../domain/roster.js';
import { formatDateTime, ymd } from '../../domain/time.js';
import { daysBetween, shiftMaterials } from '../../domain/visit/materials.js';
import { assertOwner, canReschedule, needsReapproval } from '../../domain/visit/rules.js';
import type { UseCaseContext } from '../approval/apply.js';
import { submitRequest } from '../approval/submit.js';
import { loadCustomer, loadRosterMap } from '../customer/store.js';
import { moveMaterialDuties } from './materials.js';
import { readDateTime as dateTime, readMoney as money, readText as text } from '../../domain/card-form.js';
import { approvalRows, approvalSummary, VISIT_PLAN_SUBJECT } from './submit-plan.js';
import { loadTolerance, loadVisit, visitChanged, VISIT_SUBJECT, type VisitRow } from './store.js';
import { rescheduleObligation } from '../obligations/index.js';
import { syncVisitEvent } from './calendar-sync.js';
import { syncVisitTasks } from './task-sync.js';


/** A plan still in its chain is changed by withdrawing it, not by a reschedule (visits and receptions alike). */
export const stillInApproval = (): DomainError =>
  new DomainError('PRECONDITION_FAILED', i18n('计划还在审批中：可在审批卡片上撤回，改好后重新提交。', 'The plan is still being approved: withdraw it on the approval card, then file it again.'));

/**
 * The reschedule form read (its boxes `<prefix>_at`, `_budget`, `_reason`): the new time, not
 * before yesterday; the budget, blank meaning none; an optional reason. Visits and receptions share it.
 */
export function readMove(form: Record<string, unknown>, prefix: string, atLabel: I18nText, now: Date, timeZone: string): { at: Date; budgetFen: number; reason: string | null } {
  const at = dateTime(form, `${prefix}_at`, atLabel, { now, timeZone, required: true })!;
  const budgetFen = money(form, `${prefix}_budget`, i18n('预算', 'Budget')) ?? 0;
  const reason = text(form, `${prefix}_reason`, i18n('改期原因', 'Reason'), 200);
  if (at.getTime() < now.getTime() - 86_400_000) throw new DomainError('VALIDATION', i18n(`${atLabel.zh_cn}不能早于昨天。`, 'The new time cannot be before yesterday.'));
  return { at, budgetFen, reason };
}

/** How a move reads: the row added to a new approval request, and the notice for the card and the toast. */
export function describeMove(before: Date, after: Date, reason: string | null, reapproval: boolean, timeZone: string): { row: FieldRow; notice: I18nText } {
  const from = formatDateTime(before, timeZone);
  const to = formatDateTime(after, timeZone);
  const why = reason ? `（${reason}）` : '';
  return {
    row: { label: i18n('改期', 'Rescheduled'), value: `${from} → ${to}${why}` },
    notice: reapproval
      ? i18n(`已改期 ${from} → ${to}${why}，变动超出范围，已重新提交审批。`, `Moved ${from} → ${to}; beyond the tolerance, so it went back to approval.`)
      : i18n(`已改期 ${from} → ${to}${why}，在允许范围内，无需重新审批。`, `Moved ${from} → ${to}; within the tolerance, the approval stands.`),
  };
}

/** Only an approved visit still to come moves (canReschedule); a plan in its chain is withdrawn instead. */
export function assertVisitReschedulable(visit: Pick<VisitRow, 'status'>): void {
  if (visit.status === 'pending') throw stillInApproval();
  if (!canReschedule(visit.status)) throw new DomainError('PRECONDITION_FAILED', i18n('只有已批准、尚未拜访的计划可以改期。', 'Only an approved visit that has not happened can be rescheduled.'));
}

export async function rescheduleVisit(
  tx: Tx,
  input: { visitId: string; version: number; form: Record<string, unknown>; actor: Member },
  ctx: UseCaseContext,
): Promise<{ visit: VisitRow; reapproval: boolean; notice: I18nText }> {
  const tz = ctx.deps.config.timeZone;
  const before = await loadVisit(tx, input.visitId);
  assertOwner(before, input.actor, i18n('改期', 'reschedule it'));
  assertVisitReschedulable(before);
  const { at, budgetFen, reason } = readMove(input.form, 'vr', i18n('新的拜访时间', 'New date and time'), ctx.now, tz);
  const reapproval = needsReapproval({ at: before.visitAt, budgetFen: before.budgetFen }, { at, budgetFen }, await loadTolerance(tx));
  // Materials keep their distance to the visit: a visit two days later wants them two days later.
  const plan = { ...before.plan, budgetFen, materials: shiftMaterials(before.plan.materials, daysBetween(ymd(before.visitAt, tz), ymd(at, tz))) };
  const [visit] = await tx
    .update(visits)
    .set({ visitAt: at, budgetFen, plan, status: reapproval ? 'pending' : 'approved', version: before.version + 1, updatedAt: ctx.now })
    .where(and(eq(visits.id, before.id), eq(visits.version, input.version), eq(visits.status, 'approved')))
    .returning();
  if (!visit) throw visitChanged();
  const move = describeMove(before.visitAt, at, reason, reapproval, tz);
  let requestId = visit.requestId;
  if (reapproval) {
    const customer = await loadCustomer(tx, visit.customerId);
    const roster = await loadRosterMap(tx, ctx.roster);
    const fields = [...approvalRows(customer, at, plan, roster, tz), move.row];
    ({ requestId } = await submitRequest(
      tx,
      { kind: 'visit_plan', subjectType: VISIT_PLAN_SUBJECT, subjectId: visit.id, requester: input.actor, fields, summary: approvalSummary(customer, at, plan, tz), hasBudget: budgetFen > 0 },
      ctx,
    ));
    await tx.update(visits).set({ requestId }).where(eq(visits.id, visit.id));
  }
  await rescheduleObligation(tx, tz, { kind: 'visit_record', subject: { type: VISIT_SUBJECT, id: visit.id }, anchorAt: at, now: ctx.now, suspended: reapproval });
  await moveMaterialDuties(tx, tz, visit, ctx.now, reapproval, ctx.deps.ids);
  await syncVisitEvent(tx, ctx.deps, visit, ctx.now);
  await syncVisitTasks(tx, ctx.deps, visit, ctx.now);
  return { visit: { ...visit, requestId }, reapproval, notice: move.notice };
}
