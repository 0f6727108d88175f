/**
 * Moving a visit (改期). Within the tolerance (a setting) the approved plan stands and only the
 * date, budget and record deadline move; beyond it — or a budget raised past the tolerance — the
 * plan goes through the chain again and its record duty waits for the new approval.
 */
import { and, eq } from 'drizzle-orm';
import { visits } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/client.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import type { Member } from '../../domain/roster.js';
import { formatDateTime } from '../../domain/time.js';
import { needsReapproval } from '../../domain/visit/rules.js';
import type { UseCaseContext } from '../approval/apply.js';
import { submitRequest } from '../approval/submit.js';
import { loadCustomer, loadRosterMap } from '../customer/store.js';
import { moveDuty } from './duties.js';
import { dateTime, money, text } from './form-values.js';
import { approvalRows, approvalSummary, VISIT_PLAN_SUBJECT } from './submit-plan.js';
import { loadTolerance, loadVisit, visitChanged, VISIT_SUBJECT, type VisitRow } from './store.js';

export function assertOwner(visit: { ownerId: string }, actor: Member, what: I18nText): void {
  if (visit.ownerId !== actor.openId) throw new DomainError('FORBIDDEN', i18n(`只有提交计划的专员可以${what.zh_cn}。`, `Only the specialist who planned it can ${what.en_us}.`));
}

export async function rescheduleVisit(
  tx: Tx,
  input: { visitId: string; version: number; form: Record<string, unknown>; actor: Member },
  ctx: UseCaseContext,
): Promise<{ visit: VisitRow; reapproval: boolean; notice: I18nText }> {
  const tz = ctx.deps.config.timeZone;
  const before = await loadVisit(tx, input.visitId);
  assertOwner(before, input.actor, i18n('改期', 'reschedule it'));
  if (before.status === 'pending') {
    throw new DomainError('PRECONDITION_FAILED', i18n('计划还在审批中：可在审批卡片上撤回，改好后重新提交。', 'The plan is still being approved: withdraw it on the approval card, then file it again.'));
  }
  if (before.status !== 'approved') throw new DomainError('PRECONDITION_FAILED', i18n('只有已批准、尚未拜访的计划可以改期。', 'Only an approved visit that has not happened can be rescheduled.'));
  const at = dateTime(input.form, 'vr_at', i18n('新的拜访时间', 'New date and time'), { now: ctx.now, timeZone: tz, required: true })!;
  const budgetFen = money(input.form, 'vr_budget', i18n('预算', 'Budget')) ?? 0;
  const reason = text(input.form, 'vr_reason', i18n('改期原因', 'Reason'), 200);
  if (at.getTime() < ctx.now.getTime() - 86_400_000) throw new DomainError('VALIDATION', i18n('新的拜访时间不能早于昨天。', 'The new time cannot be before yesterday.'));
  const reapproval = needsReapproval({ at: before.visitAt, budgetFen: before.budgetFen }, { at, budgetFen }, await loadTolerance(tx));
  const plan = { ...before.plan, budgetFen };
  const [visit] = await tx
    .update(visits)
    .set({ visitAt: at, budgetFen, plan, status: reapproval ? 'pending' : 'approved', version: before.version + 1, updatedAt: ctx.now })
    .where(and(eq(visits.id, before.id), eq(visits.version, input.version), eq(visits.status, 'approved')))
    .returning();
  if (!visit) throw visitChanged();
  const from = formatDateTime(before.visitAt, tz);
  const to = formatDateTime(at, tz);
  const why = reason ? `（${reason}）` : '';
  let requestId = visit.requestId;
  if (reapproval) {
    const customer = await loadCustomer(tx, visit.customerId);
    const roster = await loadRosterMap(tx);
    const fields = [...approvalRows(customer, at, plan, roster, tz), { label: i18n('改期', 'Rescheduled'), value: `${from} → ${to}${why}` }];
    ({ requestId } = await submitRequest(
      tx,
      { kind: 'visit_plan', subjectType: VISIT_PLAN_SUBJECT, subjectId: visit.id, requester: input.actor, fields, summary: approvalSummary(customer, at, plan, tz), hasBudget: budgetFen > 0 },
      ctx,
    ));
    await tx.update(visits).set({ requestId }).where(eq(visits.id, visit.id));
  }
  await moveDuty(tx, tz, { kind: 'visit_record', subjectType: VISIT_SUBJECT, subjectId: visit.id, anchorAt: at, now: ctx.now, suspended: reapproval });
  const notice = reapproval
    ? i18n(`已改期 ${from} → ${to}${why}，变动超出范围，已重新提交审批。`, `Moved ${from} → ${to}; beyond the tolerance, so it went back to approval.`)
    : i18n(`已改期 ${from} → ${to}${why}，在允许范围内，无需重新审批。`, `Moved ${from} → ${to}; within the tolerance, the approval stands.`);
  return { visit: { ...visit, requestId }, reapproval, notice };
}
