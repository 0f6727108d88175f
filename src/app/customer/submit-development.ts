/**
 * Files a development application (开发申请) from its card form: the plan is validated as a
 * whole, the team members must be active on the roster, the customer moves to `applying`, and
 * the chain (manager → director) is started through the approval engine with the plan's key
 * fields and a warning when no economic buyer or coach is on record.
 */
import { eq } from 'drizzle-orm';
import { developmentPlans } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/client.js';
import { DEVELOPMENT_TEXT_FIELDS, TEAM_FIELD } from '../../../cards/development-form.js';
import type { FieldRow } from '../../domain/approval/view.js';
import { CATEGORY_LABEL } from '../../domain/customer/categories.js';
import { coverageWarnings, netProfitFen, parseDevelopmentPlan, type DevelopmentPlan } from '../../domain/customer/development.js';
import {
  ADVANTAGE_LABEL, DEVELOPMENT_FIELD_LABEL as L, DEVELOPMENT_METHOD_LABEL, PURCHASE_FACTOR_LABEL, RISK_LABEL, SENSITIVITY_LABEL, TEAM_ROLES, TEAM_ROLE_LABEL,
} from '../../domain/customer/development-labels.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import { formatYuan } from '../../domain/money.js';
import { readList, readMoney } from '../../domain/card-form.js';
import type { Member, Roster } from '../../domain/roster.js';
import type { UseCaseContext } from '../approval/apply.js';
import { resubmitRequest } from '../approval/resubmit.js';
import { submitRequest } from '../approval/submit.js';
import { writeStage } from './change-stage.js';
import { archiveOf, auditCustomer, loadCustomer, loadRosterMap, type CustomerRow } from './store.js';

const DEVELOPMENT_SUBJECT = 'development';

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** Form boxes → the plan's shape. Amounts that are not amounts are refused here (card-form's words), naming the box; the texts are the plan's to judge, as a whole. */
function planInput(customer: CustomerRow, f: Record<string, unknown>): unknown {
  // Profit may be below zero: the plan's own rules judge the sign, the reader only that it is an amount.
  const money = (name: string, label: I18nText, required: boolean): number | undefined => readMoney(f, name, label, { required, signed: true }) ?? undefined;
  return {
    customerId: customer.id,
    categories: customer.categories,
    analysis: {
      directNeeds: str(f.dv_direct), latentNeeds: str(f.dv_latent), decisionProcess: str(f.dv_process),
      decisionDepartments: str(f.dv_depts), finances: str(f.dv_finances),
      yearlyBudgetFen: money('dv_budget', L.yearlyBudgetFen!, false), sensitivity: str(f.dv_sensitivity) || undefined,
    },
    advantages: readList(f, 'dv_advantages'),
    purchaseFactors: readList(f, 'dv_factors'),
    purchaseFactorNotes: str(f.dv_factor_notes),
    forecast: {
      expectedSalesFen: money('dv_sales', L.expectedSalesFen!, true), expectedProfitFen: money('dv_profit', L.expectedProfitFen!, true),
      staffCostFen: money('dv_staff', L.staffCostFen!, false) ?? 0, travelCostFen: money('dv_travel', L.travelCostFen!, false) ?? 0,
      risk: str(f.dv_risk) || undefined,
    },
    methods: readList(f, 'dv_methods'),
    team: TEAM_ROLES.flatMap((role) => (str(f[TEAM_FIELD[role]]) ? [{ memberId: str(f[TEAM_FIELD[role]]), role }] : [])),
  };
}

const join = (items: I18nText[]): I18nText => i18n(items.map((x) => x.zh_cn).join('、'), items.map((x) => x.en_us).join(', '));

/**
 * What the approvers read: the whole plan (issue 15 — they decide on it, so nothing is held
 * back), blank fields left out so the card stays short. Long texts are clipped to fit by the
 * approval card (cards/approval-parts.ts), never here.
 */
export function planRows(customer: CustomerRow, plan: DevelopmentPlan, roster: Roster): FieldRow[] {
  const f = plan.forecast;
  const a = plan.analysis;
  const opt = (label: I18nText, value: string | I18nText | undefined): FieldRow[] => (value === undefined || value === '' ? [] : [{ label, value }]);
  const rows: FieldRow[] = [
    { label: i18n('客户', 'Customer'), value: `${customer.name}（${customer.archiveNo}）` },
    { label: L.categories!, value: plan.categories.length ? join(plan.categories.map((c) => CATEGORY_LABEL[c])) : i18n('未分类', 'None') },
    { label: L.directNeeds!, value: a.directNeeds },
    ...opt(L.latentNeeds!, a.latentNeeds),
    ...opt(L.decisionProcess!, a.decisionProcess),
    ...opt(L.decisionDepartments!, a.decisionDepartments),
    ...opt(L.finances!, a.finances),
    ...opt(L.yearlyBudgetFen!, a.yearlyBudgetFen === undefined ? undefined : formatYuan(a.yearlyBudgetFen)),
    ...opt(L.sensitivity!, a.sensitivity && SENSITIVITY_LABEL[a.sensitivity]),
    { label: L.advantages!, value: join(plan.advantages.map((x) => ADVANTAGE_LABEL[x])) },
    ...opt(L.purchaseFactors!, plan.purchaseFactors.length ? join(plan.purchaseFactors.map((x) => PURCHASE_FACTOR_LABEL[x])) : undefined),
    ...opt(L.purchaseFactorNotes!, plan.purchaseFactorNotes),
    { label: L.expectedSalesFen!, value: formatYuan(f.expectedSalesFen) },
    { label: L.expectedProfitFen!, value: formatYuan(f.expectedProfitFen) },
    { label: L.staffCostFen!, value: formatYuan(f.staffCostFen) },
    { label: L.travelCostFen!, value: formatYuan(f.travelCostFen) },
    { label: i18n('预计净利润（扣除人员与差旅费用）', 'Expected profit net of costs'), value: formatYuan(netProfitFen(f)) },
    { label: L.risk!, value: RISK_LABEL[f.risk] },
    { label: L.methods!, value: join(plan.methods.map((m) => DEVELOPMENT_METHOD_LABEL[m])) },
    {
      label: L.team!,
      value: join(plan.team.map((t) => { const n = roster.get(t.memberId)?.name ?? t.memberId; return i18n(`${n}（${TEAM_ROLE_LABEL[t.role].zh_cn}）`, `${n} (${TEAM_ROLE_LABEL[t.role].en_us})`); })),
    },
  ];
  for (const w of coverageWarnings(archiveOf(customer).contacts)) rows.push({ label: i18n('⚠️ 提醒', '⚠️ Warning'), value: w });
  return rows;
}

const planSummary = (customer: CustomerRow, plan: DevelopmentPlan): I18nText =>
  i18n(`${customer.name} · 预计净利润 ${formatYuan(netProfitFen(plan.forecast))}`, `${customer.name} · net profit ${formatYuan(netProfitFen(plan.forecast))}`);

/** The form checked as a whole, its team on the active roster: nothing is stored from a bad one. */
function readPlan(customer: CustomerRow, form: Record<string, unknown>, roster: Roster): DevelopmentPlan {
  const plan = parseDevelopmentPlan(planInput(customer, form));
  const absent = plan.team.filter((t) => !roster.get(t.memberId)?.active);
  if (absent.length) throw new DomainError('VALIDATION', i18n('项目小组成员必须是名册中的在岗成员。', 'Project team members must be active members of the roster.'));
  return plan;
}

export async function submitDevelopment(
  tx: Tx,
  input: { customerId: string; form: Record<string, unknown>; actor: Member; formMessageId: string | null },
  ctx: UseCaseContext,
): Promise<{ requestId: string; planId: string }> {
  const customer = await loadCustomer(tx, input.customerId);
  const roster = await loadRosterMap(tx, ctx.roster);
  if (customer.ownerId !== input.actor.openId) {
    throw new DomainError('FORBIDDEN', i18n('只有该客户的负责专员可以提交开发申请。', "Only the customer's owner can submit its development application."));
  }
  const plan = readPlan(customer, input.form, roster);
  // The move to `applying` is checked by the lifecycle: only a qualified screening may apply.
  const applied = await writeStage(tx, customer, 'applying', { actorId: input.actor.openId, now: ctx.now });
  const planId = ctx.deps.ids.newId();
  const { requestId } = await submitRequest(
    tx,
    {
      kind: 'development', subjectType: DEVELOPMENT_SUBJECT, subjectId: planId, requester: input.actor,
      fields: planRows(applied, plan, roster),
      summary: planSummary(customer, plan),
      hasBudget: false,
    },
    ctx,
  );
  const inserted = await tx
    .insert(developmentPlans)
    .values({ id: planId, requestId, customerId: customer.id, requesterId: input.actor.openId, plan, formMessageId: input.formMessageId, createdAt: ctx.now })
    .onConflictDoNothing()
    .returning({ id: developmentPlans.id });
  // The savepoint around the card handler undoes the stage move and the chain on a second Submit.
  if (!inserted.length) throw new DomainError('CONFLICT', i18n('此开发申请已提交过，请勿重复提交。', 'This application has already been submitted.'));
  await auditCustomer(tx, ctx.now, input.actor.openId, 'customer.development_submitted', customer.id, { requestId, planId });
  return { requestId, planId };
}

/**
 * A rejected or returned application, edited and sent again: the same request starts its next
 * round (the engine decides whether that is allowed, and the hook moves the customer back to
 * `applying`), and the approvers see the edited plan. The plan row keeps one plan: earlier rounds
 * live in the request's history.
 */
export async function resubmitDevelopment(
  tx: Tx,
  input: { planId: string; requestId: string; version: number; form: Record<string, unknown>; actor: Member; keep?: readonly string[] },
  ctx: UseCaseContext,
): Promise<{ customerId: string }> {
  const [row] = await tx.select().from(developmentPlans).where(eq(developmentPlans.id, input.planId));
  if (!row || row.requestId !== input.requestId) throw new DomainError('NOT_FOUND', i18n('找不到这份开发申请。', 'That development application was not found.'));
  if (row.requesterId !== input.actor.openId) throw new DomainError('FORBIDDEN', i18n('只有申请人可以修改后重新提交。', 'Only the applicant can edit and resubmit it.'));
  const customer = await loadCustomer(tx, row.customerId);
  const roster = await loadRosterMap(tx, ctx.roster);
  // A text too long for the edit card was left out of it: blank, it keeps what was stored.
  const form = { ...input.form };
  for (const name of input.keep ?? []) {
    const stored = DEVELOPMENT_TEXT_FIELDS[name]?.(row.plan);
    if (stored && !str(form[name]).trim()) form[name] = stored;
  }
  const plan = readPlan(customer, form, roster);
  await resubmitRequest(tx, { requestId: row.requestId, requester: input.actor, version: input.version, fields: planRows(customer, plan, roster), summary: planSummary(customer, plan), hasBudget: false }, ctx);
  await tx.update(developmentPlans).set({ plan }).where(eq(developmentPlans.id, row.id));
  await auditCustomer(tx, ctx.now, input.actor.openId, 'customer.development_edited', customer.id, { requestId: row.requestId, planId: row.id });
  return { customerId: customer.id };
}
