/**
 * One path for the life of a visit plan and a reception plan (domain.md §3.2, §3.3): file it into
 * its chain, file it again after a rejection or a return, cancel it with a reason (a plan still in
 * approval has its request withdrawn), move it (改期: within the tolerance the approval stands,
 * beyond it the plan goes through the chain again and its duty waits). What differs between the
 * two — the table and its date column, the texts, the duties, who else is told, the calendar and
 * task syncs, the cards — is said once in a `PlanKind` (VISIT_PLAN, RECEPTION_PLAN); the rules
 * themselves are pure, in domain/visit/lifecycle.ts.
 */
import { and, eq } from 'drizzle-orm';
import { approvalRequests, receptions, visits } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/client.js';
import type { Card } from '../../../cards/kit.js';
import type { FieldRow } from '../../domain/approval/view.js';
import type { RequestKind } from '../../domain/approval/kinds.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import type { ObligationKind } from '../../domain/reminders/obligation.js';
import { managerIdOf, type Member, type Roster } from '../../domain/roster.js';
import { formatDateTime } from '../../domain/time.js';
import type { ReceptionPlan, VisitPlan } from '../../domain/visit/types.js';
import { canCancel, planMove, rescheduleRefusal, withdrawsRequest, type PlannedStatus } from '../../domain/visit/lifecycle.js';
import { readDateTime as dateTime, readMoney as money, readText as text } from '../../domain/card-form.js';
import type { UseCaseContext } from '../approval/apply.js';
import { toast, type CardContext, type CardResponse } from '../card-handler.js';
import type { EffectOptions } from '../approval/effects.js';
import type { ApprovalHooks, HookContext } from '../approval/hooks.js';
import type { StoredApproval } from '../approval/store.js';
import { resubmitRequest } from '../approval/resubmit.js';
import { submitRequest } from '../approval/submit.js';
import { withdrawRequest } from '../approval/withdraw.js';
import { loadCustomer, loadRosterMap, type CustomerRow } from '../customer/store.js';
import type { Deps } from '../deps.js';
import { cancelObligation, openObligationFor, rescheduleObligation } from '../obligations/index.js';
import { loadTolerance } from './store.js';

/** The two tables share every column the lifecycle touches but the date's (visitAt / receptionAt). */
type PlanTable = typeof visits | typeof receptions;
type PlanInsert = typeof visits.$inferInsert | typeof receptions.$inferInsert;
/** What the lifecycle changes on a plan (the date under its own column name). */
interface PlanChange {
  status?: 'pending' | 'approved' | 'cancelled';
  cancelReason?: string;
  budgetFen?: number;
  plan?: VisitPlan | ReceptionPlan;
  visitAt?: Date;
  receptionAt?: Date;
  updatedAt: Date;
}

export interface PlanRowBase {
  id: string;
  customerId: string;
  ownerId: string;
  status: PlannedStatus;
  requestId: string | null;
  budgetFen: number;
  version: number;
}
type PlanRow = PlanRowBase & { plan: VisitPlan | ReceptionPlan };

/** A move as its side effects need it: the time it left, whether it went back to approval, why. */
export interface PlanMoveNews {
  from: Date;
  reapproval: boolean;
  reason: string | null;
}

export interface PlanKind<Row extends PlanRow> {
  table: PlanTable;
  /** The subject of the record's cards, obligations and approval request. */
  subjectType: 'visit' | 'reception';
  requestKind: RequestKind;
  /** The duty the approval opens (the record, the report): a move carries it, a reapproval suspends it. */
  duty: ObligationKind;
  /** The duties a cancel ends. */
  cancelledDuties: readonly ObligationKind[];
  /** The reschedule form's box prefix and its date label; the cancel form's reason box. */
  moveForm: { prefix: string; atLabel: I18nText };
  cancelReasonBox: string;
  texts: {
    duplicate: I18nText;
    planNotFound: I18nText;
    notCancellable: I18nText;
    notReschedulable: I18nText;
    /** What the owner check names for a cancel ("only … can cancel it"), and the toast once cancelled. */
    cancelWhat: I18nText;
    cancelled: I18nText;
  };
  atOf(row: Row): Date;
  /** The date column, set. */
  atColumn(at: Date): Pick<PlanChange, 'visitAt' | 'receptionAt'>;
  load(tx: Tx, id: string): Promise<Row>;
  changed(): DomainError;
  assertOwner(row: Row, actor: Member, what: I18nText): void;
  approvalFields(customer: CustomerRow, at: Date, plan: Row['plan'], roster: Roster, timeZone: string): FieldRow[];
  summary(customer: CustomerRow, at: Date, plan: Row['plan'], timeZone: string): I18nText;
  /** The plan after a move to `at` with this budget (a visit's materials keep their distance to the day). */
  movedPlan(before: Row, at: Date, budgetFen: number, timeZone: string): Row['plan'];
  /** What a cancel does besides the duties and the syncs (materials; telling those who were told). */
  afterCancel(tx: Tx, row: Row, reason: string, ctx: UseCaseContext): Promise<void>;
  /** What a move does besides the duty and the syncs. */
  afterMove(tx: Tx, row: Row, move: PlanMoveNews, ctx: UseCaseContext): Promise<void>;
  /** Feishu calendar (and tasks) follow the record. */
  sync(tx: Tx, deps: Deps, row: Row, now: Date): Promise<void>;
  /** Patches every copy of the record's card but the clicked one (the roster, when the caller holds it; a notice of what just changed). */
  refreshCards(tx: Tx, deps: Deps, row: Row, now: Date, o: { exceptMessageId?: string | null; roster?: Roster; notice?: I18nText | null }): Promise<Card>;
}

/** A plan still in its chain is changed by withdrawing it, not by a reschedule (visits and receptions alike). */
const stillInApproval = (): DomainError =>
  new DomainError('PRECONDITION_FAILED', i18n('计划还在审批中：可在审批卡片上撤回，改好后重新提交。', 'The plan is still being approved: withdraw it on the approval card, then file it again.'));

const RESCHEDULE = i18n('改期', 'reschedule it');
const RESUBMIT = i18n('修改后重新提交', 'edit and resubmit it');

/** Done, or already cancelled, a plan stays (canCancel). */
function assertCancellable(d: { texts: { notCancellable: I18nText } }, row: Pick<PlanRowBase, 'status'>): void {
  if (!canCancel(row.status)) throw new DomainError('PRECONDITION_FAILED', d.texts.notCancellable);
}

/** Only an approved plan still to come moves; a plan in its chain is withdrawn instead. */
function assertReschedulable(d: { texts: { notReschedulable: I18nText } }, row: Pick<PlanRowBase, 'status'>): void {
  const refusal = rescheduleRefusal(row.status);
  if (refusal === 'in_approval') throw stillInApproval();
  if (refusal) throw new DomainError('PRECONDITION_FAILED', d.texts.notReschedulable);
}

/** The cancel and reschedule buttons refuse before their form opens what the save would refuse. */
export function assertMayCancel<R extends PlanRow>(d: PlanKind<R>, row: R, actor: Member): void {
  d.assertOwner(row, actor, d.texts.cancelWhat);
  assertCancellable(d, row);
}
export function assertMayReschedule<R extends PlanRow>(d: PlanKind<R>, row: R, actor: Member): void {
  d.assertOwner(row, actor, RESCHEDULE);
  assertReschedulable(d, row);
}

/**
 * Writes a change to a plan still as the clicked card showed it (same version, same status), one
 * version on; a plan changed meanwhile is refused, to be done again from its latest card.
 */
async function changeIfUnchanged<R extends PlanRow>(
  d: PlanKind<R>,
  tx: Tx,
  before: R,
  seen: { version: number; status: PlannedStatus },
  set: PlanChange,
): Promise<R> {
  const [updated] = await tx
    .update(d.table)
    .set({ ...set, version: before.version + 1 })
    .where(and(eq(d.table.id, before.id), eq(d.table.version, seen.version), eq(d.table.status, seen.status)))
    .returning();
  if (!updated) throw d.changed();
  return updated as R;
}

/** The request behind a plan, taken back when still open (a cancel ends the chain with the plan). */
async function withdrawIfOpen(tx: Tx, requestId: string | null, actor: Member, reason: string, ctx: UseCaseContext): Promise<void> {
  if (!requestId) return;
  const [req] = await tx.select({ status: approvalRequests.status }).from(approvalRequests).where(eq(approvalRequests.id, requestId));
  if (req && withdrawsRequest(req.status)) await withdrawRequest(tx, { requestId, requester: actor, reason }, ctx);
}

/** Files a read plan: the record `pending`, then its request into the chain. A second Submit on the same form files nothing. */
export async function filePlan<R extends PlanRow>(
  d: PlanKind<R>,
  tx: Tx,
  input: { customer: CustomerRow; roster: Roster; actor: Member; formMessageId: string | null; at: Date; plan: R['plan'] },
  ctx: UseCaseContext,
): Promise<{ id: string; requestId: string; row: R }> {
  const { customer, at, plan } = input;
  const tz = ctx.deps.config.timeZone;
  const id = ctx.deps.ids.newId();
  // The request's id made now, so the record is filed with it (no second write to say so).
  const requestId = ctx.deps.ids.newId();
  const values = { id, customerId: customer.id, ownerId: input.actor.openId, status: 'pending', requestId, budgetFen: plan.budgetFen, plan, formMessageId: input.formMessageId, createdAt: ctx.now, updatedAt: ctx.now, ...d.atColumn(at) } as PlanInsert;
  const [row] = await tx.insert(d.table).values(values).onConflictDoNothing().returning();
  if (!row) throw new DomainError('CONFLICT', d.texts.duplicate);
  await submitRequest(
    tx,
    {
      id: requestId, kind: d.requestKind, subjectType: d.subjectType, subjectId: id, requester: input.actor,
      fields: d.approvalFields(customer, at, plan, input.roster, tz), summary: d.summary(customer, at, plan, tz), hasBudget: plan.budgetFen > 0,
    },
    ctx,
  );
  return { id, requestId, row: row as unknown as R };
}

/**
 * A rejected or returned plan, edited and sent again: the request decides whether that is allowed
 * (only after a rejection or a return, only by the requester, only from the latest card); the
 * record takes the new values only if it is, and every other copy of its card shows them.
 */
export async function refilePlan<R extends PlanRow>(
  d: PlanKind<R>,
  tx: Tx,
  input: { row: R; requestId: string; version: number; actor: Member; read: (customer: CustomerRow, roster: Roster) => { at: Date; plan: R['plan'] } },
  ctx: UseCaseContext,
  o: EffectOptions = {},
): Promise<R> {
  const { row } = input;
  if (row.requestId !== input.requestId) throw new DomainError('NOT_FOUND', d.texts.planNotFound);
  d.assertOwner(row, input.actor, RESUBMIT);
  const tz = ctx.deps.config.timeZone;
  const customer = await loadCustomer(tx, row.customerId);
  const roster = await loadRosterMap(tx, ctx.roster);
  const { at, plan } = input.read(customer, roster);
  await resubmitRequest(
    tx,
    {
      requestId: input.requestId, requester: input.actor, version: input.version,
      fields: d.approvalFields(customer, at, plan, roster, tz), summary: d.summary(customer, at, plan, tz), hasBudget: plan.budgetFen > 0,
    },
    ctx,
    o,
  );
  const [updated] = await tx.update(d.table).set({ ...d.atColumn(at), budgetFen: plan.budgetFen, plan, version: row.version + 1, updatedAt: ctx.now }).where(eq(d.table.id, row.id)).returning();
  if (updated) await d.refreshCards(tx, ctx.deps, updated as R, ctx.now, { exceptMessageId: o.clicked?.messageId ?? null });
  return updated as R;
}

/**
 * A plan that will not take place, cancelled with a reason by its owner: a plan still in approval
 * is withdrawn, its open duties are cancelled with it, and the calendar follows.
 */
export async function cancelPlan<R extends PlanRow>(
  d: PlanKind<R>,
  tx: Tx,
  input: { id: string; version: number; form: Record<string, unknown>; actor: Member },
  ctx: UseCaseContext,
): Promise<R> {
  const before: R = await d.load(tx, input.id);
  d.assertOwner(before, input.actor, d.texts.cancelWhat);
  const reason = text(input.form, d.cancelReasonBox, i18n('取消原因', 'Reason'), 200, true)!;
  assertCancellable(d, before);
  const row = await changeIfUnchanged(d, tx, before, { version: input.version, status: before.status }, { status: 'cancelled', cancelReason: reason, updatedAt: ctx.now });
  await withdrawIfOpen(tx, row.requestId, input.actor, reason, ctx);
  for (const kind of d.cancelledDuties) await cancelObligation(tx, kind, { type: d.subjectType, id: row.id }, ctx.now);
  await d.afterCancel(tx, row, reason, ctx);
  await d.sync(tx, ctx.deps, row, ctx.now);
  return row;
}

/**
 * The reschedule form read (its boxes `<prefix>_at`, `_budget`, `_reason`): the new time, not
 * before yesterday; the budget, blank meaning none; an optional reason.
 */
function readMove(form: Record<string, unknown>, prefix: string, atLabel: I18nText, now: Date, timeZone: string): { at: Date; budgetFen: number; reason: string | null } {
  const at = dateTime(form, `${prefix}_at`, atLabel, { now, timeZone, required: true })!;
  const budgetFen = money(form, `${prefix}_budget`, i18n('预算', 'Budget')) ?? 0;
  const reason = text(form, `${prefix}_reason`, i18n('改期原因', 'Reason'), 200);
  if (at.getTime() < now.getTime() - 86_400_000) throw new DomainError('VALIDATION', i18n(`${atLabel.zh_cn}不能早于昨天。`, 'The new time cannot be before yesterday.'));
  return { at, budgetFen, reason };
}

/** How a move reads: the row added to a new approval request, and the notice for the card and the toast. */
function describeMove(before: Date, after: Date, reason: string | null, reapproval: boolean, timeZone: string): { row: FieldRow; notice: I18nText } {
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

/**
 * Moving an approved plan (改期). Within the tolerance (a setting) the approved plan stands and
 * only the date, budget and duty deadline move; beyond it — or a budget raised past the
 * tolerance — the plan goes through the chain again (a new request, its 改期 row added) and its
 * duty waits suspended for the new approval.
 */
export async function reschedulePlan<R extends PlanRow>(
  d: PlanKind<R>,
  tx: Tx,
  input: { id: string; version: number; form: Record<string, unknown>; actor: Member },
  ctx: UseCaseContext,
): Promise<{ row: R; reapproval: boolean; notice: I18nText }> {
  const tz = ctx.deps.config.timeZone;
  const before: R = await d.load(tx, input.id);
  assertMayReschedule(d, before, input.actor);
  const { at, budgetFen, reason } = readMove(input.form, d.moveForm.prefix, d.moveForm.atLabel, ctx.now, tz);
  const from = d.atOf(before);
  const { reapproval, status, dutySuspended } = planMove({ at: from, budgetFen: before.budgetFen }, { at, budgetFen }, await loadTolerance(tx));
  const plan: R['plan'] = d.movedPlan(before, at, budgetFen, tz);
  const row = await changeIfUnchanged(d, tx, before, { version: input.version, status: 'approved' }, { ...d.atColumn(at), budgetFen, plan, status, updatedAt: ctx.now });
  const move = describeMove(from, at, reason, reapproval, tz);
  let requestId = row.requestId;
  if (reapproval) {
    const customer = await loadCustomer(tx, row.customerId);
    const roster = await loadRosterMap(tx, ctx.roster);
    ({ requestId } = await submitRequest(
      tx,
      {
        kind: d.requestKind, subjectType: d.subjectType, subjectId: row.id, requester: input.actor,
        fields: [...d.approvalFields(customer, at, plan, roster, tz), move.row], summary: d.summary(customer, at, plan, tz), hasBudget: budgetFen > 0,
      },
      ctx,
    ));
    await tx.update(d.table).set({ requestId }).where(eq(d.table.id, row.id));
  }
  await rescheduleObligation(tx, tz, { kind: d.duty, subject: { type: d.subjectType, id: row.id }, anchorAt: at, now: ctx.now, suspended: dutySuspended });
  await d.afterMove(tx, row, { from, reapproval, reason }, ctx);
  await d.sync(tx, ctx.deps, row, ctx.now);
  return { row: { ...row, requestId }, reapproval, notice: move.notice };
}

/**
 * The approval opens the plan's duty (the record, the report), due after the day; approved again
 * after a reschedule, the duty suspended meanwhile resumes, due after the new day.
 */
export async function openPlanDuty<R extends PlanRow>(
  d: PlanKind<R>,
  ctx: HookContext,
  row: R,
  meta: { title: string; action: Record<string, unknown> },
): Promise<void> {
  const tz = ctx.deps.config.timeZone;
  const managerId = managerIdOf(await loadRosterMap(ctx.tx, ctx.roster), row.ownerId);
  const settings = ctx.settings ? { settings: ctx.settings } : {};
  const opened = await openObligationFor(ctx.tx, tz, { kind: d.duty, subjectType: d.subjectType, subjectId: row.id, ownerId: row.ownerId, managerId, anchorAt: d.atOf(row), meta }, settings);
  if (!opened.created) {
    await rescheduleObligation(ctx.tx, tz, { kind: d.duty, subject: { type: d.subjectType, id: row.id }, anchorAt: d.atOf(row), now: ctx.now, suspended: false }, settings);
  }
}

/**
 * Rejected, returned or withdrawn: the record's cards stop saying 审批中 and offer what is left
 * (resubmit, cancel). A plan cancelled by its owner withdraws its own request, and the cancel
 * itself patches the cards.
 */
export function planEndHooks<R extends PlanRow>(d: PlanKind<R>): Pick<ApprovalHooks, 'onEnded' | 'onReturned'> {
  const refresh = async (ctx: HookContext, approval: StoredApproval): Promise<void> => {
    const [row] = await ctx.tx.select().from(d.table).where(eq(d.table.id, approval.state.request.subjectId));
    if (row && row.status !== 'cancelled') await d.refreshCards(ctx.tx, ctx.deps, row as R, ctx.now, { roster: ctx.roster });
  };
  return { onEnded: refresh, onReturned: refresh };
}

const formOf = (ctx: CardContext): Record<string, unknown> => (ctx.action.form_value ?? {}) as Record<string, unknown>;

/** The 改期 form saved: the plan moved, every card says how (the clicked one becomes the record's card). */
export async function rescheduleAnswer<R extends PlanRow>(d: PlanKind<R>, ctx: CardContext, id: string, version: number): Promise<CardResponse> {
  const r = await reschedulePlan(d, ctx.tx, { id, version, form: formOf(ctx), actor: ctx.operator }, ctx);
  const card = await d.refreshCards(ctx.tx, ctx.deps, r.row, ctx.now, { roster: ctx.roster, exceptMessageId: ctx.messageId, notice: r.notice });
  return { ...toast(r.reapproval ? 'info' : 'success', r.notice), card: { type: 'raw', data: card } };
}

/** The cancel form saved: the plan cancelled, every card shows it (the clicked one becomes the record's card). */
export async function cancelAnswer<R extends PlanRow>(d: PlanKind<R>, ctx: CardContext, id: string, version: number): Promise<CardResponse> {
  const row = await cancelPlan(d, ctx.tx, { id, version, form: formOf(ctx), actor: ctx.operator }, ctx);
  const card = await d.refreshCards(ctx.tx, ctx.deps, row, ctx.now, { roster: ctx.roster, exceptMessageId: ctx.messageId });
  return { ...toast('success', d.texts.cancelled), card: { type: 'raw', data: card } };
}
