/**
 * A travel check-in (行踪报备, domain.md §3.4): logged whatever happens, linked to the approved
 * trip covering today, it closes today's check-in duty and the assistant is told at once (one
 * short message: registering a traveller's whereabouts is the assistant's job on the day, and a
 * digest would only reach them on the next tick, in working hours).
 */
import type { Ids } from '../../ids.js';
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import { checkIns, trips } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/client.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, pick, type I18nText } from '../../domain/i18n.js';
import { rosterOf, type Member } from '../../domain/roster.js';
import { formatDateTime, ymd } from '../../domain/time.js';
import { enqueueSend } from '../outbox.js';
import { closeObligation } from '../obligations/index.js';
import { listMembers } from '../roster.js';
import { TRIP_DAY_SUBJECT, tripDaySubjectId } from './open-checkins.js';
import { assistantFor } from './people.js';

const PLACE_MAX = 100;

export interface CheckInInput {
  member: Member;
  place: string;
  source: 'location' | 'text';
  longitude?: number | null;
  latitude?: number | null;
  /** The Lark message: a redelivered event logs nothing twice. */
  messageId: string | null;
}

export interface CheckInResult {
  /** False when this message was already logged (nothing was done again). */
  logged: boolean;
  day: string;
  trip: { id: string; destinations: string } | null;
  assistantName: string | null;
}

export async function recordCheckIn(tx: Tx, o: { timeZone: string; now: Date; ids: Ids }, input: CheckInInput): Promise<CheckInResult> {
  const place = input.place.trim();
  if (!place) throw new DomainError('VALIDATION', i18n('请写上地点，例如「报备 南京鼓楼区」，或直接发送位置。', 'Please name the place, e.g. "/checkin Nanjing Gulou", or send your location.'));
  if ([...place].length > PLACE_MAX) throw new DomainError('VALIDATION', i18n(`地点不能超过 ${PLACE_MAX} 字。`, `Keep the place under ${PLACE_MAX} characters.`));
  const day = ymd(o.now, o.timeZone);
  const covering = await tx
    .select({ id: trips.id, destinations: trips.destinations })
    .from(trips)
    .where(and(eq(trips.travellerId, input.member.openId), eq(trips.status, 'approved'), lte(trips.fromDate, day), gte(trips.toDate, day)))
    .orderBy(asc(trips.fromDate), asc(trips.id));
  const trip = covering[0] ?? null;
  const roster = rosterOf(await listMembers(tx));
  const assistant = assistantFor(roster, input.member);
  const [logged] = await tx
    .insert(checkIns)
    .values({
      memberId: input.member.openId,
      tripId: trip?.id ?? null,
      day,
      place,
      source: input.source,
      longitude: input.longitude ?? null,
      latitude: input.latitude ?? null,
      messageId: input.messageId,
      at: o.now,
    })
    .onConflictDoNothing()
    .returning({ id: checkIns.id });
  const result: CheckInResult = { logged: !!logged, day, trip, assistantName: assistant?.name ?? null };
  if (!logged) return result;
  // Overlapping trips each owe today's check-in; one check-in answers them all.
  for (const t of covering) await closeObligation(tx, 'trip_checkin', { type: TRIP_DAY_SUBJECT, id: tripDaySubjectId(t.id, day) }, o.now);
  if (assistant) await enqueueSend({ tx, deps: o }, { openId: assistant.openId }, { text: pick(assistantText(input.member.name, place, trip, formatDateTime(o.now, o.timeZone)), assistant.locale) });
  return result;
}

function assistantText(who: string, place: string, trip: { destinations: string } | null, at: string): I18nText {
  return trip
    ? i18n(`行踪报备：${who} ${at} 到达「${place}」（出差：${trip.destinations}）。`, `Check-in: ${who} at "${place}", ${at} (trip: ${trip.destinations}).`)
    : i18n(`行踪报备：${who} ${at} 到达「${place}」（无已批准的出差申请）。`, `Check-in: ${who} at "${place}", ${at} (no approved trip).`);
}

/** What the traveller is told, in their language. Without a trip it says so, politely. */
export function checkInReply(r: CheckInResult, place: string, locale: Member['locale']): string {
  const told = r.assistantName ? i18n(`已通知内勤${r.assistantName}。`, ` ${r.assistantName} (assistant) has been told.`) : i18n('', '');
  if (r.trip) return pick(i18n(`已报备：${r.day} 到达「${place}」（出差：${r.trip.destinations}）。${told.zh_cn}`, `Checked in: "${place}" on ${r.day} (trip: ${r.trip.destinations}).${told.en_us}`), locale);
  return pick(
    i18n(
      `已记录您的行踪报备：「${place}」。不过今天（${r.day}）没有已批准的出差申请，这条报备未关联到出差行程。如需出差，请先发送「出差申请」。`,
      `Your check-in at "${place}" is logged. There is no approved trip for today (${r.day}), so it is not linked to a trip; to travel, file a travel request first ("apply travel").`,
    ),
    locale,
  );
}
