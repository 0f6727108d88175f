/**
 * `出差天数` / `travel days`: the running tally by the month-end check's own rule (approved trips,
 * departure to return day; a check-in without a trip is no travel day). The month so far (today
 * included), the approved days still ahead this month, and the year so far. A specialist sees
 * their own; a manager themself and each of their team who travels; the director and the
 * assistant everyone who travels.
 */
import type { Q } from '../../../db/client.js';
import { addMonths, monthKey } from '../../domain/reminders/index.js';
import { rosterOf, teamOf, type Member } from '../../domain/roster.js';
import { addDaysYmd, ymd } from '../../domain/time.js';
import { loadReminderContext } from '../reminders/context.js';
import { listMembers } from '../roster.js';
import { countTravelDaysBetween } from './travel-days.js';

export interface TallyRow {
  openId: string;
  name: string;
  monthSoFar: number;
  monthAhead: number;
  yearSoFar: number;
}

export interface TravelTally {
  today: string;
  month: string;
  year: string;
  minimum: number;
  rows: TallyRow[];
}

const TRAVELLERS = new Set<Member['role']>(['specialist', 'manager']);

export async function travelTally(q: Q, viewer: Member, o: { now: Date; timeZone: string }): Promise<TravelTally> {
  const ctx = await loadReminderContext(q, { timeZone: o.timeZone });
  const roster = rosterOf(await listMembers(q));
  const me = roster.get(viewer.openId) ?? viewer;
  const people =
    me.role === 'manager'
      ? [me, ...teamOf(roster, me).filter((m) => m.role === 'specialist')]
      : me.role === 'director' || me.role === 'assistant'
        ? [...roster.values()].filter((m) => m.active && TRAVELLERS.has(m.role))
        : [me];
  const today = ymd(o.now, o.timeZone);
  const month = monthKey(o.now, o.timeZone);
  const year = today.slice(0, 4);
  const monthEnd = addDaysYmd(`${addMonths(month, 1)}-01`, -1);
  // One after another: inside a transaction the queries share one connection anyway.
  const soFar = await countTravelDaysBetween(q, `${month}-01`, today);
  const ahead = today < monthEnd ? await countTravelDaysBetween(q, addDaysYmd(today, 1), monthEnd) : new Map<string, number>();
  const yearSoFar = await countTravelDaysBetween(q, `${year}-01-01`, today);
  const rows = people
    .map((m) => ({ openId: m.openId, name: m.name, monthSoFar: soFar.get(m.openId) ?? 0, monthAhead: ahead.get(m.openId) ?? 0, yearSoFar: yearSoFar.get(m.openId) ?? 0 }))
    .sort((a, b) => (a.openId === me.openId ? -1 : b.openId === me.openId ? 1 : a.monthSoFar - b.monthSoFar || a.name.localeCompare(b.name)));
  return { today, month, year, minimum: ctx.settings.monthlyTravelDaysMin, rows };
}
