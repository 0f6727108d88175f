/**
 * The day's check-ins as the assistant registers them (domain.md §3.4): who checked in where,
 * and who is on an approved trip today with nothing yet. The assistant and the director see the
 * department, a manager their own team.
 */
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import { checkIns, trips } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { rosterOf, teamOf, type Member } from '../../domain/roster.js';
import { ymd } from '../../domain/time.js';
import { listMembers } from '../roster.js';

export interface DayCheckins {
  day: string;
  arrived: { name: string; place: string; at: Date; onTrip: boolean }[];
  /** On an approved trip today, no check-in yet. */
  missing: { name: string; destinations: string }[];
}

export async function dayCheckins(q: Q, viewer: Member, o: { now: Date; timeZone: string }): Promise<DayCheckins> {
  const day = ymd(o.now, o.timeZone);
  const roster = rosterOf(await listMembers(q));
  const scope = viewer.role === 'manager' ? new Set(teamOf(roster, viewer).map((m) => m.openId)) : null;
  const seen = (id: string) => !scope || scope.has(id);
  const name = (id: string) => roster.get(id)?.name ?? id;
  const logged = (await q.select().from(checkIns).where(eq(checkIns.day, day)).orderBy(asc(checkIns.at))).filter((c) => seen(c.memberId));
  const travelling = (
    await q
      .select({ travellerId: trips.travellerId, destinations: trips.destinations })
      .from(trips)
      .where(and(eq(trips.status, 'approved'), lte(trips.fromDate, day), gte(trips.toDate, day)))
      .orderBy(asc(trips.travellerId))
  ).filter((t) => seen(t.travellerId));
  const checkedIn = new Set(logged.map((c) => c.memberId));
  const missing = new Map<string, string>();
  for (const t of travelling) if (!checkedIn.has(t.travellerId) && !missing.has(t.travellerId)) missing.set(t.travellerId, t.destinations);
  return {
    day,
    arrived: logged.map((c) => ({ name: name(c.memberId), place: c.place, at: c.at, onTrip: c.tripId !== null })),
    missing: [...missing].map(([id, destinations]) => ({ name: name(id), destinations })),
  };
}
