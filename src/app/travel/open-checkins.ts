/**
 * An approved trip owes one check-in (行踪报备) per day (domain.md §3.4, §4): one 'trip_checkin'
 * obligation per trip day, opened in one INSERT when the travel request is approved. The ladder
 * nudges the traveller when nothing came in by the deadline and lists them for the assistant.
 */
import { openObligations } from '../obligations/index.js';
import type { Q } from '../../../db/client.js';
import { draftObligation } from '../../domain/reminders/index.js';
import { reviewerOf, rosterOf } from '../../domain/roster.js';
import { addDaysYmd, atZonedYmd, ymd } from '../../domain/time.js';
import { loadReminderContext } from '../reminders/context.js';
import { listMembers } from '../roster.js';
import { assistantFor } from './people.js';

/** A mistyped year must not open hundreds of duties; a longer trip is re-filed in parts. */
const MAX_CHECKIN_DAYS = 92;

export const TRIP_DAY_SUBJECT = 'trip_day';
export const tripDaySubjectId = (tripId: string, day: string): string => `${tripId}:${day}`;

export interface TripForCheckins {
  id: string;
  travellerId: string;
  fromDate: string;
  toDate: string;
  destinations: string;
}

/**
 * The trip's days from today on (a trip approved on its third day owes no check-in for the two
 * days already past: nobody can act on those), at most MAX_CHECKIN_DAYS.
 */
function checkinDays(trip: Pick<TripForCheckins, 'fromDate' | 'toDate'>, today: string): string[] {
  const days: string[] = [];
  for (let d = trip.fromDate < today ? today : trip.fromDate; d <= trip.toDate && days.length < MAX_CHECKIN_DAYS; d = addDaysYmd(d, 1)) days.push(d);
  return days;
}

export async function openTripCheckins(q: Q, timeZone: string, trip: TripForCheckins, now: Date): Promise<number> {
  const ctx = await loadReminderContext(q, { timeZone });
  const roster = rosterOf(await listMembers(q));
  const traveller = roster.get(trip.travellerId);
  const managerId = traveller ? (reviewerOf(roster, traveller)?.openId ?? null) : null;
  const assistantId = traveller ? (assistantFor(roster, traveller)?.openId ?? null) : null;
  const tz = ctx.settings.timeZone;
  const days = checkinDays(trip, ymd(now, tz));
  if (!days.length) return 0;
  const drafts = days.map((day) =>
    draftObligation(
      {
        kind: 'trip_checkin',
        ownerId: trip.travellerId,
        managerId,
        assistantId,
        subjectType: TRIP_DAY_SUBJECT,
        subjectId: tripDaySubjectId(trip.id, day),
        anchorAt: atZonedYmd(day, tz),
        meta: { title: trip.destinations, tripId: trip.id, day },
      },
      ctx.settings,
      ctx.overrides,
    ),
  );
  return openObligations(q, drafts);
}
