/**
 * Files a reception plan (接待计划) from its form; chain manager → director. Approved, it opens
 * the reception-report duty (due the evening of the reception day) and tells the hosts, the
 * accompanying leader and the assistant their part; approved again after a reschedule, it
 * resumes that duty at the new day.
 */
import { and, eq } from 'drizzle-orm';
import { receptions } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/client.js';
import { DEFAULT_VENUE, receptionFormCard } from '../../../cards/reception-card.js';
import { VISIT_ACTIONS } from '../../../cards/visit-parts.js';
import type { FieldRow } from '../../domain/approval/view.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import { formatYuan } from '../../domain/money.js';
import type { Member, Roster } from '../../domain/roster.js';
import { formatDateTime, formatFriendly } from '../../domain/time.js';
import type { ReceptionPlan } from '../../domain/visit/types.js';
import type { ApprovalHooks } from '../approval/hooks.js';
import type { EffectOptions } from '../approval/effects.js';
import type { UseCaseContext } from '../approval/apply.js';
import { loadCustomer, loadRosterMap, type CustomerRow } from '../customer/store.js';
import { assertMayPlan } from '../visit/plan-form.js';
import { fieldError as bad, readDateTime as dateTime, readList as list, readMoney as money, readText as text } from '../../domain/card-form.js';
import { partiesWereTold, tellReceptionParties } from './parties.js';
import { loadReception, receptionChanged, refreshReceptionCards, RECEPTION_SUBJECT, sendReceptionCard, type ReceptionRow } from './store.js';
import { filePlan, openPlanDuty, planEndHooks, refilePlan, type PlanKind } from '../visit/plan-lifecycle.js';
import { syncReceptionEvent } from '../visit/calendar-sync.js';

const AT_LABEL = i18n('来访时间', 'Date and time');

/** What the approvers see of a reception plan (a reschedule adds its 改期 row). */
export function receptionApprovalRows(customer: CustomerRow, at: Date, plan: ReceptionPlan, roster: Roster, timeZone: string): FieldRow[] {
  return [
    { label: i18n('客户', 'Customer'), value: `${customer.name}（${customer.archiveNo}）` },
    { label: i18n('来访人员', 'Guests'), value: plan.guests.slice(0, 200) },
    { label: AT_LABEL, value: formatDateTime(at, timeZone) },
    { label: i18n('地点', 'Venue'), value: plan.venue },
    { label: i18n('接待人员', 'Hosts'), value: plan.hosts.map((h) => roster.get(h)?.name ?? h).join('、') || '—' },
    { label: i18n('外出用餐 / 陪同领导', 'Meals / leader'), value: `${plan.meals ?? '—'} / ${plan.leaderId ? (roster.get(plan.leaderId)?.name ?? '') : '—'}` },
    { label: i18n('住宿标准', 'Lodging'), value: plan.lodging ?? '—' },
    { label: i18n('预算', 'Budget'), value: plan.budgetFen ? formatYuan(plan.budgetFen) : i18n('无', 'None') },
  ];
}

export const receptionSummary = (customer: CustomerRow, at: Date, timeZone: string) =>
  i18n(`接待 ${customer.name} · ${formatFriendly(at, timeZone, 'zh_cn')}`, `Reception of ${customer.name} · ${formatFriendly(at, timeZone, 'en_us')}`);

/** The plan form's values, checked: nothing is stored on a bad one. */
function readReceptionPlan(f: Record<string, unknown>, roster: Roster, ctx: UseCaseContext): { at: Date; plan: ReceptionPlan } {
  const tz = ctx.deps.config.timeZone;
  const at = dateTime(f, 'rp_at', AT_LABEL, { now: ctx.now, timeZone: tz, required: true })!;
  if (at.getTime() < ctx.now.getTime() - 86_400_000) throw bad(AT_LABEL, '不能早于昨天', 'cannot be before yesterday');
  const leader = text(f, 'rp_leader', i18n('陪同领导', 'Accompanying leader'), 64);
  const plan: ReceptionPlan = {
    guests: text(f, 'rp_guests', i18n('来访人员', 'Guests'), 300, true)!,
    venue: text(f, 'rp_venue', i18n('接待地点', 'Venue'), 100) ?? DEFAULT_VENUE,
    hosts: list(f, 'rp_hosts').filter((id) => roster.get(id)?.active),
    meals: text(f, 'rp_meals', i18n('外出用餐安排', 'Meals outside'), 300),
    leaderId: leader && roster.get(leader)?.active ? leader : null,
    lodging: text(f, 'rp_lodging', i18n('住宿标准', 'Lodging standard'), 200),
    budgetFen: money(f, 'rp_budget', i18n('预算', 'Budget')) ?? 0,
  };
  return { at, plan };
}

/** Only the reception's lead (who filed it) changes it. */
export function assertReceptionLead(row: ReceptionRow, actor: Member, what: I18nText): void {
  if (row.ownerId !== actor.openId) throw new DomainError('FORBIDDEN', i18n(`只有接待负责人可以${what.zh_cn}。`, `Only the reception lead can ${what.en_us}.`));
}

/**
 * What is a reception's own in the plan lifecycle it shares with visits (plan-lifecycle.ts): the
 * report is its duty, the hosts, the leader and the assistant hear of a move or a cancel, the
 * Feishu calendar follows it.
 */
export const RECEPTION_PLAN: PlanKind<ReceptionRow> = {
  table: receptions,
  subjectType: RECEPTION_SUBJECT,
  requestKind: 'reception_plan',
  duty: 'reception_report',
  cancelledDuties: ['reception_report'],
  moveForm: { prefix: 'rr', atLabel: i18n('新的接待时间', 'New date and time') },
  cancelReasonBox: 'rc_reason',
  texts: {
    duplicate: i18n('这份接待计划已提交过，请勿重复提交。', 'This reception plan has already been submitted.'),
    planNotFound: i18n('找不到这份接待计划。', 'That reception plan was not found.'),
    notCancellable: i18n('已报告或已取消的接待不能再取消。', 'A reception already reported or cancelled cannot be cancelled.'),
    notReschedulable: i18n('只有已批准、尚未接待的计划可以改期。', 'Only an approved reception that has not happened can be rescheduled.'),
    cancelWhat: i18n('取消接待', 'cancel it'),
    cancelled: i18n('接待已取消。', 'The reception is cancelled.'),
  },
  atOf: (row) => row.receptionAt,
  atColumn: (at) => ({ receptionAt: at }),
  load: loadReception,
  changed: receptionChanged,
  assertOwner: assertReceptionLead,
  approvalFields: receptionApprovalRows,
  summary: (customer, at, _plan, tz) => receptionSummary(customer, at, tz),
  movedPlan: (before, _at, budgetFen) => ({ ...before.plan, budgetFen }),
  async afterCancel(tx, row, reason, ctx) {
    // Those told of an approved plan are told it is off; a plan never approved was never announced.
    if (await partiesWereTold(tx, row.id)) await tellReceptionParties(tx, ctx.deps, row, { type: 'cancelled', reason });
  },
  // Everyone with a part hears of the move (beyond the tolerance: that the new time waits for approval).
  afterMove: (tx, row, move, ctx) => tellReceptionParties(tx, ctx.deps, row, { type: 'moved', from: move.from, reapproval: move.reapproval, reason: move.reason }),
  sync: (tx, deps, row, now) => syncReceptionEvent(tx, deps, row, now),
  refreshCards: (tx, deps, row, now, o) => refreshReceptionCards(tx, deps, row, now, o.exceptMessageId, o.notice),
};

export async function submitReceptionPlan(
  tx: Tx,
  input: { customerId: string; form: Record<string, unknown>; actor: Member; formMessageId: string | null },
  ctx: UseCaseContext,
): Promise<{ receptionId: string }> {
  assertMayPlan(input.actor);
  const customer = await loadCustomer(tx, input.customerId);
  const roster = await loadRosterMap(tx, ctx.roster);
  const { at, plan } = readReceptionPlan(input.form, roster, ctx);
  const { id } = await filePlan(RECEPTION_PLAN, tx, { customer, roster, actor: input.actor, formMessageId: input.formMessageId, at, plan }, ctx);
  const row = await loadReception(tx, id);
  await sendReceptionCard(tx, ctx.deps, row, input.actor.openId);
  return { receptionId: id };
}

/**
 * A rejected or returned plan, edited and sent again: the same request starts a new round (the
 * engine decides whether that is allowed) and the reception takes the new values.
 */
export async function resubmitReceptionPlan(
  tx: Tx,
  input: { receptionId: string; requestId: string; version: number; form: Record<string, unknown>; actor: Member },
  ctx: UseCaseContext,
  o: EffectOptions = {},
): Promise<ReceptionRow> {
  const row = await loadReception(tx, input.receptionId);
  return refilePlan(RECEPTION_PLAN, tx, { row, requestId: input.requestId, version: input.version, actor: input.actor, read: (_customer, roster) => readReceptionPlan(input.form, roster, ctx) }, ctx, o);
}

export const receptionHooks: ApprovalHooks = {
  /** "Edit & resubmit" after a rejection or a return: the plan form, filled in from the plan. */
  async editCard(ctx, approval) {
    const row = await loadReception(ctx.tx, approval.state.request.subjectId);
    const customer = await loadCustomer(ctx.tx, row.customerId);
    const members = [...(await loadRosterMap(ctx.tx, ctx.roster)).values()].filter((m) => m.active);
    return receptionFormCard({
      customerId: customer.id,
      customerName: customer.name,
      people: members.filter((m) => m.role !== 'finance').map((m) => ({ openId: m.openId, name: m.name })),
      leaders: members.filter((m) => m.role === 'director' || m.role === 'manager').map((m) => ({ openId: m.openId, name: m.name })),
      edit: { receptionId: row.id, requestId: approval.state.request.id, version: approval.state.request.version, at: formatDateTime(row.receptionAt, ctx.deps.config.timeZone), plan: row.plan },
    });
  },

  /** Rejected, returned or withdrawn: the reception card stops saying 审批中 (a cancel patches its own cards). */
  ...planEndHooks(RECEPTION_PLAN),

  async onApproved(ctx, approval) {
    const [row] = await ctx.tx
      .update(receptions)
      .set({ status: 'approved', updatedAt: ctx.now })
      .where(and(eq(receptions.id, approval.state.request.subjectId), eq(receptions.status, 'pending')))
      .returning();
    if (!row) return;
    const customer = await loadCustomer(ctx.tx, row.customerId);
    await openPlanDuty(RECEPTION_PLAN, ctx, row, { title: customer.name, action: { k: VISIT_ACTIONS.receptionReportStart, s: row.id } });
    await refreshReceptionCards(ctx.tx, ctx.deps, row, ctx.now);
    // The hosts, the accompanying leader and the assistant are told their part (again after a reapproved move, at the new time).
    await tellReceptionParties(ctx.tx, ctx.deps, row, { type: 'approved' });
    await syncReceptionEvent(ctx.tx, ctx.deps, row, ctx.now);
  },
};
