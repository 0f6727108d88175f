/**
 * An approved trip after its approval (domain.md §3.4): the traveller cuts it short or cancels
 * it, with a reason, and links the customers it serves. A change moves the trip's days — the
 * return day (to_date) is what travel days, the day's check-in list and a check-in's link all
 * read, so a day after the new end simply stops being a trip day — and cancels the check-in
 * duties of the days dropped. The manager who approved it is told; the change is audited.
 */
import type { Ids } from '../../ids.js';
import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import { auditLog, checkIns, customers, trips } from '../../../db/schema/index.js';
import type { Q, Tx } from '../../../db/client.js';
import type { CustomerOption, TripLine } from '../../../cards/trip-card.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, pick, type I18nText } from '../../domain/i18n.js';
import { checkTripChange, droppedDays, tripReason, type TripChange } from '../../domain/requests/trip-change.js';
import { reviewerOf, type Member } from '../../domain/roster.js';
import { ymd } from '../../domain/time.js';
import { enqueueSend } from '../outbox.js';
import { loadRosterMap } from '../customer/store.js';
import { cancelObligationsOf } from '../obligations/index.js';
import { TRIP_DAY_SUBJECT, tripDaySubjectId } from './open-checkins.js';

export type TripRow = typeof trips.$inferSelect;
const TRIP_SUBJECT = 'trip';

/** Read past the card's own cap so the linked ones can be put first (customerChoices). */
const CUSTOMER_OPTIONS_MAX = 500;

const notFound = (): DomainError => new DomainError('NOT_FOUND', i18n('找不到这次出差。', 'That trip was not found.'));

async function loadTrip(q: Q, id: string): Promise<TripRow> {
  const [row] = await q.select().from(trips).where(eq(trips.id, id));
  if (!row) throw notFound();
  return row;
}

function assertTraveller(trip: TripRow, actor: Member): void {
  if (trip.travellerId !== actor.openId) throw new DomainError('FORBIDDEN', i18n('只有出差人本人可以更改这次出差。', 'Only the traveller can change this trip.'));
}

/** The person's approved trips not yet over, soonest first. */
export async function openTripsOf(q: Q, travellerId: string, today: string): Promise<TripRow[]> {
  return q
    .select()
    .from(trips)
    .where(and(eq(trips.travellerId, travellerId), eq(trips.status, 'approved'), gte(trips.toDate, today)))
    .orderBy(asc(trips.fromDate), asc(trips.id));
}

/** The customers a traveller may link: those they own, by name. */
export async function travellerCustomers(q: Q, travellerId: string): Promise<CustomerOption[]> {
  const rows = await q.select({ id: customers.id, name: customers.name }).from(customers).where(eq(customers.ownerId, travellerId)).orderBy(asc(customers.name)).limit(CUSTOMER_OPTIONS_MAX);
  return rows.map((r) => ({ value: r.id, text: i18n(r.name, r.name) }));
}

/** Customer ids from a multi-select (an array, or one id), each one the traveller's; else VALIDATION. */
export async function readTripCustomers(q: Q, travellerId: string, raw: unknown): Promise<string[]> {
  const ids = [...new Set((Array.isArray(raw) ? raw : typeof raw === 'string' && raw ? [raw] : []).map(String).filter(Boolean))];
  if (!ids.length) return [];
  const owned = await q.select({ id: customers.id }).from(customers).where(and(inArray(customers.id, ids), eq(customers.ownerId, travellerId)));
  if (owned.length !== ids.length) throw new DomainError('VALIDATION', i18n('只能关联您名下的客户，请重新选择。', 'Only your own customers can be linked; please choose again.'), { field: 'customers' });
  return ids;
}

export async function customerNames(q: Q, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await q.select({ id: customers.id, name: customers.name }).from(customers).where(inArray(customers.id, [...ids]));
  const byId = new Map(rows.map((r) => [r.id, r.name]));
  return ids.map((id) => byId.get(id) ?? id);
}

export async function tripLine(q: Q, t: TripRow, today: string): Promise<TripLine> {
  return {
    id: t.id,
    destinations: t.destinations,
    fromDate: t.fromDate,
    toDate: t.toDate,
    plannedToDate: t.plannedToDate,
    purpose: t.purpose,
    customers: await customerNames(q, t.customerIds),
    underway: t.fromDate <= today && today <= t.toDate,
  };
}

export async function tripLines(q: Q, travellerId: string, now: Date, timeZone: string): Promise<TripLine[]> {
  const today = ymd(now, timeZone);
  const lines: TripLine[] = [];
  for (const t of await openTripsOf(q, travellerId, today)) lines.push(await tripLine(q, t, today));
  return lines;
}

/** The trip as the traveller's own, for a form (a stranger's, or one no longer changeable, is refused). */
export async function ownTrip(q: Q, id: string, actor: Member): Promise<TripRow> {
  const trip = await loadTrip(q, id);
  assertTraveller(trip, actor);
  return trip;
}

export interface ChangeResult {
  trip: TripRow;
  notice: I18nText;
}

/**
 * Cuts the trip short (`newEnd` given) or cancels it. The approved return day is kept in
 * planned_to_date the first time; the check-in duties of the dropped days are cancelled (not
 * done: nobody checked in) and the digests that listed them are patched.
 */
export async function changeTrip(
  tx: Tx,
  input: { tripId: string; actor: Member; newEnd?: string | null; reason: unknown },
  ctx: { now: Date; timeZone: string; ids: Ids },
): Promise<ChangeResult> {
  const trip = await loadTrip(tx, input.tripId);
  assertTraveller(trip, input.actor);
  const reason = tripReason(input.reason);
  const change: TripChange = input.newEnd ? { kind: 'shorten', newEnd: input.newEnd, reason } : { kind: 'cancel', reason };
  const today = ymd(ctx.now, ctx.timeZone);
  const checkedIn = (await tx.$count(checkIns, eq(checkIns.tripId, trip.id))) > 0;
  checkTripChange(trip, change, today, checkedIn);
  const [saved] = await tx
    .update(trips)
    .set({
      ...(change.kind === 'shorten' ? { toDate: change.newEnd } : { status: 'cancelled' as const }),
      plannedToDate: trip.plannedToDate ?? trip.toDate,
      changeReason: reason,
      updatedAt: ctx.now,
    })
    .where(and(eq(trips.id, trip.id), eq(trips.status, 'approved'), eq(trips.toDate, trip.toDate)))
    .returning();
  if (!saved) throw new DomainError('CONFLICT', i18n('这次出差刚刚被更改过，请重新打开「我的出差」。', 'This trip was just changed; open "trips" again.'));
  const dropped = droppedDays(trip, change);
  await cancelObligationsOf(tx, 'trip_checkin', TRIP_DAY_SUBJECT, dropped.map((d) => tripDaySubjectId(trip.id, d)), ctx.now);
  await tx.insert(auditLog).values({
    at: ctx.now, actorId: input.actor.openId, action: change.kind === 'shorten' ? 'trip.shortened' : 'trip.cancelled', subjectType: TRIP_SUBJECT, subjectId: trip.id,
    detail: { from: trip.fromDate, to: trip.toDate, ...(change.kind === 'shorten' ? { newEnd: change.newEnd } : {}), reason },
  });
  const roster = await loadRosterMap(tx);
  const traveller = roster.get(trip.travellerId) ?? input.actor;
  const manager = reviewerOf(roster, traveller);
  const told = manager && manager.active && manager.openId !== traveller.openId;
  if (told) await enqueueSend({ tx, deps: ctx }, { openId: manager.openId }, { text: pick(managerText(traveller.name, trip, change), manager.locale) });
  const tell = told ? i18n(`已通知${manager.name}。`, ` ${manager.name} has been told.`) : i18n('', '');
  const notice =
    change.kind === 'shorten'
      ? i18n(`已提前结束「${trip.destinations}」：返回日期改为 ${change.newEnd}，之后的 ${dropped.length} 天不再计入出差天数。${tell.zh_cn}`, `Cut "${trip.destinations}" short: back on ${change.newEnd}; the ${dropped.length} days after it no longer count.${tell.en_us}`)
      : i18n(`已取消「${trip.destinations}」（${trip.fromDate} → ${trip.toDate}），不计入出差天数。${tell.zh_cn}`, `Cancelled "${trip.destinations}" (${trip.fromDate} → ${trip.toDate}); it counts no travel days.${tell.en_us}`);
  return { trip: saved, notice };
}

function managerText(who: string, trip: TripRow, change: TripChange): I18nText {
  if (change.kind === 'shorten') {
    return i18n(
      `${who} 提前结束出差「${trip.destinations}」：返回日期 ${trip.toDate} → ${change.newEnd}。原因：${change.reason}。${change.newEnd} 之后的日子不再计入出差天数。`,
      `${who} cut the trip to ${trip.destinations} short: back on ${change.newEnd} instead of ${trip.toDate}. Reason: ${change.reason}. The days after ${change.newEnd} no longer count as travel days.`,
    );
  }
  return i18n(
    `${who} 取消了已批准的出差「${trip.destinations}」（${trip.fromDate} → ${trip.toDate}）。原因：${change.reason}。这次出差不计入出差天数。`,
    `${who} cancelled the approved trip to ${trip.destinations} (${trip.fromDate} → ${trip.toDate}). Reason: ${change.reason}. It counts no travel days.`,
  );
}

/** Links the customers the trip serves (replacing the earlier choice); the traveller only, any time before it is over. */
export async function linkTripCustomers(tx: Tx, input: { tripId: string; actor: Member; customers: unknown }, ctx: { now: Date; timeZone: string }): Promise<ChangeResult> {
  const trip = await loadTrip(tx, input.tripId);
  assertTraveller(trip, input.actor);
  if (trip.status !== 'approved') throw new DomainError('PRECONDITION_FAILED', i18n('这次出差已取消。', 'This trip is already cancelled.'));
  const ids = await readTripCustomers(tx, trip.travellerId, input.customers);
  const [saved] = await tx.update(trips).set({ customerIds: ids, updatedAt: ctx.now }).where(eq(trips.id, trip.id)).returning();
  await tx.insert(auditLog).values({ at: ctx.now, actorId: input.actor.openId, action: 'trip.customers', subjectType: TRIP_SUBJECT, subjectId: trip.id, detail: { before: trip.customerIds, after: ids } });
  const names = await customerNames(tx, ids);
  const notice = ids.length
    ? i18n(`「${trip.destinations}」已关联客户：${names.join('、')}。`, `"${trip.destinations}" now serves: ${names.join(', ')}.`)
    : i18n(`「${trip.destinations}」已解除所有客户关联。`, `"${trip.destinations}" is linked to no customer now.`);
  return { trip: saved!, notice };
}
