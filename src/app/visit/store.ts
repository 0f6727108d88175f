/**
 * Loading visits and keeping their cards true: one card per visit, the same for every holder
 * (the specialist; the manager and director once the record is in), refreshed on every change.
 */
import { and, asc, eq } from 'drizzle-orm';
import { approvalRequests, cardMessages, customers, settings, visits } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { visitCard, type VisitCardView } from '../../../cards/visit-card.js';
import type { PlanApproval } from '../../../cards/approval-parts.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import { DEFAULT_TOLERANCE, type RescheduleTolerance } from '../../domain/visit/lifecycle.js';
import type { Roster } from '../../domain/roster.js';
import { enqueueSend, refreshCards, subjectOfMessage, type Subject } from '../outbox.js';
import { loadCustomer, loadRosterMap, type CustomerRow } from '../customer/store.js';
import type { Deps } from '../deps.js';

export type VisitRow = typeof visits.$inferSelect;
export const VISIT_SUBJECT = 'visit';
export const visitSubject = (id: string): Subject => ({ type: VISIT_SUBJECT, id });

const visitNotFound = (): DomainError => new DomainError('NOT_FOUND', i18n('找不到该拜访，可能已被删除。', 'That visit was not found.'));
export const visitChanged = (): DomainError =>
  new DomainError('CONFLICT', i18n('这次拜访刚被修改过，请看最新的拜访卡片。', 'This visit was changed meanwhile; please use the latest visit card.'));

export async function loadVisit(q: Q, id: string): Promise<VisitRow> {
  const [row] = await q.select().from(visits).where(eq(visits.id, id));
  if (!row) throw visitNotFound();
  return row;
}

/** The `visits` settings row over the defaults: how far a reschedule may go without approval. */
export async function loadTolerance(q: Q): Promise<RescheduleTolerance> {
  const [row] = await q.select({ value: settings.value }).from(settings).where(eq(settings.key, 'visits'));
  const v = (row?.value ?? {}) as Record<string, unknown>;
  const n = (x: unknown, d: number) => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : d);
  return { freeDays: n(v.rescheduleFreeDays, DEFAULT_TOLERANCE.freeDays), budgetPct: n(v.budgetTolerancePct, DEFAULT_TOLERANCE.budgetPct) };
}

const APPROVAL_NOTE: Record<string, I18nText> = {
  rejected: i18n('计划被驳回，可修改后重新提交。', 'The plan was rejected; edit and resubmit it.'),
  returned: i18n('计划被退回修改，可修改后重新提交。', 'The plan was returned for revision; edit and resubmit it.'),
  withdrawn: i18n('审批已撤回。', 'The approval request was withdrawn.'),
};

/** Where a pending record's plan stands in its approval (visits and receptions): the card's header, note and buttons follow it. */
export async function planApproval(q: Q, row: { status: string; requestId: string | null }): Promise<{ approvalNote: I18nText | null; approval: PlanApproval | null }> {
  if (row.status !== 'pending' || !row.requestId) return { approvalNote: null, approval: null };
  const [req] = await q.select({ status: approvalRequests.status, version: approvalRequests.version }).from(approvalRequests).where(eq(approvalRequests.id, row.requestId));
  if (!req) return { approvalNote: null, approval: null };
  return { approvalNote: APPROVAL_NOTE[req.status] ?? null, approval: { requestId: row.requestId, status: req.status, version: req.version } };
}

export async function visitView(q: Q, deps: Deps, row: VisitRow, roster?: Roster, notice?: I18nText | null, known?: CustomerRow): Promise<VisitCardView> {
  const r = roster ?? (await loadRosterMap(q));
  const customer = known && known.id === row.customerId ? known : await loadCustomer(q, row.customerId);
  const { approvalNote, approval } = await planApproval(q, row);
  return {
    id: row.id,
    version: row.version,
    customerId: row.customerId,
    customerName: customer.name,
    ownerName: r.get(row.ownerId)?.name ?? row.ownerId,
    status: row.status,
    approvalNote,
    approval,
    visitAt: row.visitAt,
    plan: row.plan,
    nameOf: (id) => r.get(id)?.name ?? id,
    record: row.record,
    followUp: row.followUp,
    cancelReason: row.cancelReason,
    timeZone: deps.config.timeZone,
    notice: notice ?? null,
  };
}

/** Patches every recorded copy of the visit's card (except the one a click is replacing). */
export async function refreshVisitCards(q: Q, deps: Deps, row: VisitRow, now: Date, o: { exceptMessageId?: string | null; notice?: I18nText | null; roster?: Roster | undefined; customer?: CustomerRow } = {}) {
  const card = visitCard(await visitView(q, deps, row, o.roster, o.notice, o.customer));
  await refreshCards({ tx: q, deps }, visitSubject(row.id), card, now, o.exceptMessageId ? { exceptMessageId: o.exceptMessageId } : {});
  return card;
}

export async function sendVisitCard(q: Q, deps: Deps, row: VisitRow, openId: string, notice?: I18nText | null): Promise<void> {
  await enqueueSend({ tx: q, deps }, { openId }, { card: visitCard(await visitView(q, deps, row, undefined, notice)) }, { subject: visitSubject(row.id) });
}

/**
 * Records that a clicked message now shows a record's card (a form replaced in place by the
 * callback answer), so later changes patch it too and a reply to it is recognised.
 */
export async function rememberCopy(q: Q, subject: Subject, messageId: string | null, openId: string, now: Date): Promise<void> {
  if (!messageId) return;
  await q
    .insert(cardMessages)
    .values({ messageId, subjectType: subject.type, subjectId: subject.id, target: openId, targetType: 'open_id', sentAt: now })
    .onConflictDoUpdate({ target: cardMessages.messageId, set: { subjectType: subject.type, subjectId: subject.id, active: true, updatedAt: now } });
}

/** The visit or reception behind the card a message replies to (its own card, or its approval card). */
export async function repliedRecord(q: Q, parentId: string | null): Promise<{ type: 'visit' | 'reception'; id: string } | null> {
  const s = await subjectOfMessage(q, parentId);
  if (!s) return null;
  if (s.type === 'visit' || s.type === 'reception') return { type: s.type, id: s.id };
  if (s.type === 'approval') {
    const [req] = await q.select({ t: approvalRequests.subjectType, id: approvalRequests.subjectId }).from(approvalRequests).where(eq(approvalRequests.id, s.id.split(':')[0]!));
    if (req && (req.t === 'visit' || req.t === 'reception')) return { type: req.t, id: req.id };
  }
  return null;
}

/** The member's visits still in approval, earliest first, with the customer's name. */
export async function pendingVisitsOf(q: Q, ownerId: string): Promise<{ at: Date; name: string }[]> {
  return q
    .select({ at: visits.visitAt, name: customers.name })
    .from(visits)
    .innerJoin(customers, eq(customers.id, visits.customerId))
    .where(and(eq(visits.ownerId, ownerId), eq(visits.status, 'pending')))
    .orderBy(asc(visits.visitAt));
}
