/**
 * Files a visit plan from its form: validated as a whole (nothing stored on a bad box), then the
 * chain manager → director → finance (finance only with a budget) through the approval engine.
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
import { formatDateTime, formatFriendly } from '../../domain/time.js';
import { FIRST_CONTACTS, MATERIALS, MATERIAL_LABEL, type FirstContact, type MaterialLine, type VisitPlan } from '../../domain/visit/types.js';
import type { UseCaseContext } from '../approval/apply.js';
import { submitRequest } from '../approval/submit.js';
import { resubmitRequest } from '../approval/resubmit.js';
import type { EffectOptions } from '../approval/effects.js';
import { archiveOf, loadCustomer, loadRosterMap, type CustomerRow } from '../customer/store.js';
import { assertMayPlan } from './plan-form.js';
import { assertOwner } from '../../domain/visit/rules.js';
import { refreshVisitCards } from './store.js';
import { fieldError as bad, readDateTime as dateTime, readDay as day, readList as list, readMoney as money, readText as text } from '../../domain/card-form.js';

export const VISIT_PLAN_SUBJECT = 'visit';

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

export async function submitVisitPlan(
  tx: Tx,
  input: { customerId: string; form: Record<string, unknown>; actor: Member; formMessageId: string | null },
  ctx: UseCaseContext,
): Promise<{ visitId: string; requestId: string }> {
  assertMayPlan(input.actor);
  const tz = ctx.deps.config.timeZone;
  const customer = await loadCustomer(tx, input.customerId);
  const roster = await loadRosterMap(tx, ctx.roster);
  const firstContact = 'vp_first' in input.form || (await isFirstContact(tx, customer.id));
  const { at, plan } = readPlan(input.form, customer, roster, { now: ctx.now, timeZone: tz, firstContact });
  const id = ctx.deps.ids.newId();
  const inserted = await tx
    .insert(visits)
    .values({ id, customerId: customer.id, ownerId: input.actor.openId, status: 'pending', visitAt: at, budgetFen: plan.budgetFen, plan, formMessageId: input.formMessageId, createdAt: ctx.now, updatedAt: ctx.now })
    .onConflictDoNothing()
    .returning({ id: visits.id });
  if (!inserted.length) throw new DomainError('CONFLICT', i18n('这份拜访计划已提交过，请勿重复提交。', 'This visit plan has already been submitted.'));
  const { requestId } = await submitRequest(
    tx,
    {
      kind: 'visit_plan', subjectType: VISIT_PLAN_SUBJECT, subjectId: id, requester: input.actor,
      fields: approvalRows(customer, at, plan, roster, tz), summary: approvalSummary(customer, at, plan, tz), hasBudget: plan.budgetFen > 0,
    },
    ctx,
  );
  await tx.update(visits).set({ requestId }).where(eq(visits.id, id));
  return { visitId: id, requestId };
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
  if (!visit || visit.requestId !== input.requestId) throw new DomainError('NOT_FOUND', i18n('找不到这份拜访计划。', 'That visit plan was not found.'));
  assertOwner(visit, input.actor, i18n('修改后重新提交', 'edit and resubmit it'));
  const tz = ctx.deps.config.timeZone;
  const customer = await loadCustomer(tx, visit.customerId);
  const roster = await loadRosterMap(tx, ctx.roster);
  const { at, plan } = readPlan(input.form, customer, roster, { now: ctx.now, timeZone: tz, firstContact: visit.plan.firstContact !== null });
  // The request decides whether a resubmission is allowed (only after a rejection or a return,
  // only by the requester, only from the latest card); the visit changes only if it is.
  await resubmitRequest(
    tx,
    {
      requestId: input.requestId, requester: input.actor, version: input.version,
      fields: approvalRows(customer, at, plan, roster, tz), summary: approvalSummary(customer, at, plan, tz), hasBudget: plan.budgetFen > 0,
    },
    ctx,
    o,
  );
  const [updated] = await tx.update(visits).set({ visitAt: at, budgetFen: plan.budgetFen, plan, version: visit.version + 1, updatedAt: ctx.now }).where(eq(visits.id, visit.id)).returning();
  // Every other copy of the visit card shows the plan as sent now, not the one that was rejected.
  if (updated) await refreshVisitCards(tx, ctx.deps, updated, ctx.now, { exceptMessageId: o.clicked?.messageId ?? null });
}
