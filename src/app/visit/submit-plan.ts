/**
 * Files a visit plan from its form: validated as a whole (nothing stored on a bad box), then the
 * chain manager → director → finance (finance only with a budget) through the approval engine.
 * Filing, cancelling and moving it take the path visits share with receptions (plan-lifecycle.ts).
 */
import { and, eq, ne } from 'drizzle-orm';
import { visits } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/client.js';
import type { FieldRow } from '../../domain/approval/view.js';
import { BUYER_ROLE_LABEL } from '../../domain/customer/enums.js';
import { DomainError } from '../../domain/errors.js';
import { i18n } from '../../domain/i18n.js';
import { formatYuan } from '../../domain/money.js';
import type { Member, Roster } from '../../domain/roster.js';
import { formatDateTime, formatFriendly, ymd } from '../../domain/time.js';
import { THING } from '../../domain/glossary.js';
import { daysBetween, shiftMaterials } from '../../domain/visit/materials.js';
import { FIRST_CONTACTS, MATERIALS, MATERIAL_LABEL, type FirstContact, type MaterialLine, type VisitPlan } from '../../domain/visit/types.js';
import type { UseCaseContext } from '../approval/apply.js';
import type { EffectOptions } from '../approval/effects.js';
import { archiveOf, loadCustomer, loadRosterMap, type CustomerRow } from '../customer/store.js';
import { assertMayPlan } from './plan-form.js';
import { assertOwner } from '../../domain/visit/rules.js';
import { loadVisit, refreshVisitCards, visitChanged, VISIT_SUBJECT, type VisitRow } from './store.js';
import { cancelMaterialDuties, moveMaterialDuties } from './materials.js';
import { syncVisitEvent } from './calendar-sync.js';
import { syncVisitTasks } from './task-sync.js';
import { filePlan, refilePlan, type PlanKind } from './plan-lifecycle.js';
import { fieldError as bad, readDateTime as dateTime, readDay as day, readList as list, readMoney as money, readText as text } from '../../domain/card-form.js';

const L = {
  at: i18n('拜访时间', 'Date and time'),
  place: i18n('地点', 'Place'),
  purpose: i18n('拜访目的', 'Purpose'),
  first: i18n('首次接触方式', 'First contact by'),
  budget: i18n('预算', 'Budget'),
};

export function readPlan(f: Record<string, unknown>, customer: CustomerRow, roster: Roster, o: { now: Date; timeZone: string; firstContact: boolean }): { at: Date; plan: VisitPlan } {
  const at = dateTime(f, 'vp_at', L.at, { ...o, required: true })!;
  if (at.getTime() < o.now.getTime() - 86_400_000) throw bad(L.at, '不能早于昨天', 'cannot be before yesterday');
  const contacts = archiveOf(customer).contacts;
  const picked = list(f, 'vp_contacts').map((i) => contacts[Number(i)]).filter((c): c is NonNullable<typeof c> => !!c);
  const attendees = list(f, 'vp_attendees').filter((id) => roster.get(id)?.active);
  const first = text(f, 'vp_first', L.first, 20);
  if (first !== null && !(FIRST_CONTACTS as readonly string[]).includes(first)) throw bad(L.first, '选项无效', 'is not one of the options');
  if (o.firstContact && first === null) throw bad(L.first, '首次拜访需选择（信函/电话/邮件）', 'is required for a first contact');
  const materials: MaterialLine[] = [];
  for (const m of MATERIALS) {
    const label = MATERIAL_LABEL[m];
    const qty = text(f, `mat_${m}_qty`, label, 6);
    if (qty === null) continue;
    const n = Number(qty);
    if (!Number.isInteger(n) || n <= 0 || n > 99999) throw bad(label, '数量应为正整数', 'quantity must be a whole number');
    const owner = text(f, `mat_${m}_owner`, label, 64);
    materials.push({ item: m, quantity: n, dueOn: day(f, `mat_${m}_due`, label, o.now, o.timeZone), ownerId: owner && roster.get(owner) ? owner : null });
  }
  return {
    at,
    plan: {
      place: text(f, 'vp_place', L.place, 200, true)!,
      purpose: text(f, 'vp_purpose', L.purpose, 1000, true)!,
      attendees,
      contacts: picked.map((c) => ({ name: c.name, roles: c.buyerRoles.map((r) => BUYER_ROLE_LABEL[r].zh_cn) })),
      firstContact: o.firstContact ? (first as FirstContact) : null,
      materials,
      budgetFen: money(f, 'vp_budget', L.budget) ?? 0,
    },
  };
}

export function approvalRows(customer: CustomerRow, at: Date, plan: VisitPlan, roster: Roster, timeZone: string): FieldRow[] {
  return [
    { label: i18n('客户', 'Customer'), value: `${customer.name}（${customer.archiveNo}）` },
    { label: L.at, value: formatDateTime(at, timeZone) },
    { label: L.place, value: plan.place.slice(0, 100) },
    { label: L.purpose, value: plan.purpose.slice(0, 200) },
    { label: i18n('我方人员', 'Our attendees'), value: plan.attendees.map((a) => roster.get(a)?.name ?? a).join('、') || '—' },
    { label: i18n('拜访对象', 'Meeting'), value: plan.contacts.map((c) => (c.roles.length ? `${c.name}（${c.roles.join('、')}）` : c.name)).join('、') || '—' },
    { label: i18n('物料', 'Materials'), value: plan.materials.map((m) => `${MATERIAL_LABEL[m.item].zh_cn}×${m.quantity}`).join('、') || '—' },
    { label: L.budget, value: plan.budgetFen ? formatYuan(plan.budgetFen) : i18n('无', 'None') },
  ];
}

export const approvalSummary = (customer: CustomerRow, at: Date, plan: VisitPlan, tz: string) =>
  i18n(
    `${customer.name} · ${formatFriendly(at, tz, 'zh_cn')}${plan.budgetFen ? ` · ${formatYuan(plan.budgetFen)}` : ''}`,
    `${customer.name} · ${formatFriendly(at, tz, 'en_us')}${plan.budgetFen ? ` · ${formatYuan(plan.budgetFen)}` : ''}`,
  );

/**
 * What is a visit's own in the shared plan lifecycle (plan-lifecycle.ts): its materials move with
 * the day and end with a cancel, its summary and follow-up are the duties, Feishu calendar and
 * tasks follow it.
 */
export const VISIT_PLAN: PlanKind<VisitRow> = {
  table: visits,
  subjectType: VISIT_SUBJECT,
  requestKind: 'visit_plan',
  duty: 'visit_record',
  cancelledDuties: ['visit_record', 'follow_up'],
  moveForm: { prefix: 'vr', atLabel: i18n('新的拜访时间', 'New date and time') },
  cancelReasonBox: 'vc_reason',
  texts: {
    duplicate: i18n('这份拜访计划已提交过，请勿重复提交。', 'This visit plan has already been submitted.'),
    planNotFound: i18n('找不到这份拜访计划。', 'That visit plan was not found.'),
    notCancellable: i18n(`已提交${THING.visitRecord.zh_cn}或已取消的拜访不能再取消。`, `A visit with its ${THING.visitRecord.en_us} in, or already cancelled, cannot be cancelled.`),
    notReschedulable: i18n('只有已批准、尚未拜访的计划可以改期。', 'Only an approved visit that has not happened can be rescheduled.'),
    cancelWhat: i18n('取消这次拜访', 'cancel it'),
    cancelled: i18n('拜访已取消。', 'Visit cancelled.'),
  },
  atOf: (row) => row.visitAt,
  atColumn: (at) => ({ visitAt: at }),
  load: loadVisit,
  changed: visitChanged,
  assertOwner,
  approvalFields: approvalRows,
  summary: approvalSummary,
  // Materials keep their distance to the visit: a visit two days later wants them two days later.
  movedPlan: (before, at, budgetFen, tz) => ({ ...before.plan, budgetFen, materials: shiftMaterials(before.plan.materials, daysBetween(ymd(before.visitAt, tz), ymd(at, tz))) }),
  afterCancel: (tx, row, _reason, ctx) => cancelMaterialDuties(tx, row.id, ctx.now),
  afterMove: (tx, row, move, ctx) => moveMaterialDuties(tx, ctx.deps.config.timeZone, row, ctx.now, move.reapproval, ctx.deps.ids),
  async sync(tx, deps, row, now) {
    await syncVisitEvent(tx, deps, row, now);
    await syncVisitTasks(tx, deps, row, now);
  },
  refreshCards: refreshVisitCards,
};

export async function submitVisitPlan(
  tx: Tx,
  input: { customerId: string; form: Record<string, unknown>; actor: Member; formMessageId: string | null },
  ctx: UseCaseContext,
): Promise<{ visitId: string; requestId: string; visit: VisitRow; customer: CustomerRow }> {
  assertMayPlan(input.actor);
  const customer = await loadCustomer(tx, input.customerId);
  const roster = await loadRosterMap(tx, ctx.roster);
  const firstContact = 'vp_first' in input.form || (await isFirstContact(tx, customer.id));
  const { at, plan } = readPlan(input.form, customer, roster, { now: ctx.now, timeZone: ctx.deps.config.timeZone, firstContact });
  const { id, requestId, row } = await filePlan(VISIT_PLAN, tx, { customer, roster, actor: input.actor, formMessageId: input.formMessageId, at, plan }, ctx);
  return { visitId: id, requestId, visit: row, customer };
}

async function isFirstContact(tx: Tx, customerId: string): Promise<boolean> {
  return (await tx.$count(visits, and(eq(visits.customerId, customerId), ne(visits.status, 'cancelled')))) === 0;
}

/**
 * A rejected or returned plan, edited and sent again: the visit takes the new values and the same
 * request starts a new round (earlier rounds kept), its chain planned afresh — finance joins or
 * leaves with the budget.
 */
export async function resubmitVisitPlan(
  tx: Tx,
  input: { visitId: string; requestId: string; version: number; form: Record<string, unknown>; actor: Member },
  ctx: UseCaseContext,
  o: EffectOptions = {},
): Promise<void> {
  const [visit] = await tx.select().from(visits).where(eq(visits.id, input.visitId));
  if (!visit) throw new DomainError('NOT_FOUND', VISIT_PLAN.texts.planNotFound);
  const read = (customer: CustomerRow, roster: Roster) => readPlan(input.form, customer, roster, { now: ctx.now, timeZone: ctx.deps.config.timeZone, firstContact: visit.plan.firstContact !== null });
  await refilePlan(VISIT_PLAN, tx, { row: visit, requestId: input.requestId, version: input.version, actor: input.actor, read }, ctx, o);
}
