/**
 * Month-end travel days (§2.2 art.13): on the month's last working day each manager gets one
 * list of their specialists under the minimum. Counted in one grouped query: the distinct days
 * of the month covered by an approved trip, from its departure to its return day inclusive. A
 * check-in with no trip is logged for the assistant but is not a travel day (nobody approved a
 * trip), and one on a trip day adds nothing. The series runs over timestamps without a zone so
 * the server's TimeZone (a DST change in it) cannot add or drop a day. The nudges
 * carry a per-month step key, so the tick's claim sends each once however often it runs.
 */
import { eq, sql } from 'drizzle-orm';
import { members } from '../../../db/schema/index.js';
import { rows, type Q } from '../../../db/client.js';
import {
  addMonths,
  monthEndTravelNudges,
  monthKey,
  monthStart,
  travelDaysCheckAt,
  type NudgeIntent,
  type TravelDaysCount,
} from '../../domain/reminders/index.js';
import { reviewerOf, type Roster } from '../../domain/roster.js';
import { addDaysYmd } from '../../domain/time.js';
import type { ReminderContext } from '../reminders/context.js';

/** Travel days per member in the month 'YYYY-MM' (members with none are absent). */
export async function countTravelDays(q: Q, month: string): Promise<Map<string, number>> {
  return countTravelDaysBetween(q, `${month}-01`, addDaysYmd(`${addMonths(month, 1)}-01`, -1));
}

/**
 * Travel days per member from `first` to `last` ('YYYY-MM-DD', both included): the month-end
 * check's rule over any span (`出差天数` counts the month and the year so far with it). A trip
 * cut short ends on its new return day and a cancelled one counts nothing.
 */
export async function countTravelDaysBetween(q: Q, first: string, last: string): Promise<Map<string, number>> {
  const found = await rows<{ member_id: string; days: number | string }>(
    q,
    sql`select member_id, count(distinct day)::int as days from (
          select t.traveller_id as member_id, g.ts::date as day
            from trips t,
                 generate_series(greatest(t.from_date, ${first}::date)::timestamp, least(t.to_date, ${last}::date)::timestamp, interval '1 day') as g(ts)
           where t.status = 'approved' and t.from_date <= ${last}::date and t.to_date >= ${first}::date
        ) d group by member_id`,
  );
  return new Map(found.map((r) => [r.member_id, Number(r.days)]));
}

/**
 * How long after its check time a month is still looked at: long enough to catch up after
 * downtime (the claim keeps it to once), short enough that the tick does not recount last
 * month on every run of this one — and a list a fortnight late is no use to anyone.
 */
const CATCH_UP_MS = 7 * 24 * 3600 * 1000;

/**
 * The travel-days nudges due at `now`, for this month and the previous one (a check missed
 * through downtime still goes out once). Someone who joined after a month ended is not counted
 * for it. Nothing is counted before a month's check time.
 */
export async function monthEndTravelIntents(q: Q, now: Date, roster: Roster, ctx: ReminderContext): Promise<NudgeIntent[]> {
  const tz = ctx.settings.timeZone;
  const current = monthKey(now, tz);
  const due = [addMonths(current, -1), current].filter((m) => {
    const since = now.getTime() - travelDaysCheckAt(m, ctx.settings, ctx.overrides).getTime();
    return since >= 0 && since <= CATCH_UP_MS;
  });
  if (!due.length) return [];
  const joined = new Map(
    (await q.select({ openId: members.openId, createdAt: members.createdAt }).from(members).where(eq(members.role, 'specialist'))).map((m) => [m.openId, m.createdAt]),
  );
  const intents: NudgeIntent[] = [];
  for (const month of due) {
    const monthEnd = monthStart(addMonths(month, 1), tz);
    const days = await countTravelDays(q, month);
    const counts: TravelDaysCount[] = [...roster.values()]
      .filter((m) => m.active && m.role === 'specialist' && (joined.get(m.openId) ?? now) < monthEnd)
      .map((m) => ({ specialistId: m.openId, managerId: reviewerOf(roster, m)?.openId ?? null, days: days.get(m.openId) ?? 0 }));
    intents.push(...monthEndTravelNudges(month, counts, now, ctx.settings, ctx.overrides));
  }
  return intents;
}

