/**
 * Working-hours maths in the company zone: when a nudge may be sent, and where a step that
 * falls in the night, on a weekend or in a holiday lands instead.
 */
import {
  addWorkingDays,
  isWorkingDay,
  nextWorkingDay,
  previousWorkingDay,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
  type CalendarOverrides,
} from '../calendar.js';
import { atZonedYmd, wallParts, ymd, zonedTime } from '../time.js';
import { parseClock, type HolidayPolicy, type ReminderSettings } from './settings.js';

const secondsOfDay = (instant: Date, timeZone: string): number => {
  const p = wallParts(instant, timeZone);
  return p.hour * 3600 + p.minute * 60 + p.second;
};

const clockSeconds = (hhmm: string): number => {
  const c = parseClock(hhmm);
  return c.hour * 3600 + c.minute * 60;
};

/** The instant of an 'HH:MM' wall time on a company-zone day. */
export function atClock(dayKey: string, hhmm: string, timeZone: string): Date {
  const c = parseClock(hhmm);
  return atZonedYmd(dayKey, timeZone, c.hour, c.minute);
}

/** 23:59:59 of a company-zone day: "by the end of the day" deadlines. */
export function endOfDay(dayKey: string, timeZone: string): Date {
  const [y, m, d] = dayKey.split('-').map(Number) as [number, number, number];
  return zonedTime(timeZone, y, m, d, 23, 59, 59);
}

/** Start of working hours on a company-zone day. */
export const morningOf = (dayKey: string, s: ReminderSettings): Date => atClock(dayKey, s.workdayStart, s.timeZone);

/** Whether the instant is on a working day between workdayStart and workdayEnd (both included). */
export function inWorkingHours(instant: Date, s: ReminderSettings, o: CalendarOverrides): boolean {
  if (!isWorkingDay(ymd(instant, s.timeZone), o)) return false;
  const t = secondsOfDay(instant, s.timeZone);
  return t >= clockSeconds(s.workdayStart) && t <= clockSeconds(s.workdayEnd);
}

/**
 * Whether a tick at `now` may send nudges. The grace after workdayEnd lets a tick at 18:04
 * still send the 18:00 evening nudge; it never lets a step scheduled after 18:00 out early,
 * because such a step's slot is already the next morning (see nextSendSlot).
 */
export function sendWindowOpen(now: Date, s: ReminderSettings, o: CalendarOverrides): boolean {
  if (!isWorkingDay(ymd(now, s.timeZone), o)) return false;
  const t = secondsOfDay(now, s.timeZone);
  return t >= clockSeconds(s.workdayStart) && t < clockSeconds(s.workdayEnd) + s.sendGraceMinutes * 60;
}

/** The first instant at or after `at` that is within working hours: when a step is delivered. */
export function nextSendSlot(at: Date, s: ReminderSettings, o: CalendarOverrides): Date {
  if (inWorkingHours(at, s, o)) return at;
  const day = ymd(at, s.timeZone);
  const beforeStart = secondsOfDay(at, s.timeZone) < clockSeconds(s.workdayStart);
  const target = beforeStart ? workingDayOnOrAfter(day, o) : nextWorkingDay(day, o);
  return morningOf(target, s);
}

/**
 * `n` working days after an instant, keeping its time of day: a request at Fri 17:30 has waited
 * one working day at Mon 17:30. An instant outside working hours starts counting from the next
 * working morning, so a Saturday request is one working day old on Tuesday morning.
 */
export function addWorkingDaysAt(instant: Date, n: number, s: ReminderSettings, o: CalendarOverrides): Date {
  const start = nextSendSlot(instant, s, o);
  const p = wallParts(start, s.timeZone);
  const day = addWorkingDays(ymd(start, s.timeZone), n, o);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return zonedTime(s.timeZone, y, m, d, p.hour, p.minute, p.second);
}

/** Moves a day-count deadline off a weekend or holiday as the policy says. */
export function applyHolidayPolicy(dayKey: string, policy: HolidayPolicy, o: CalendarOverrides): string {
  switch (policy) {
    case 'next_working_day':
      return workingDayOnOrAfter(dayKey, o);
    case 'previous_working_day':
      return workingDayOnOrBefore(dayKey, o);
    case 'none':
      return dayKey;
  }
}

/**
 * The most recent working day in [fromDay, today] whose morning has passed at `now`, or null.
 * Daily repeats (overdue, "each morning") are keyed by this day, so only the latest is offered.
 */
export function latestWorkingMorning(fromDay: string, now: Date, s: ReminderSettings, o: CalendarOverrides): string | null {
  let day = workingDayOnOrBefore(ymd(now, s.timeZone), o);
  if (morningOf(day, s).getTime() > now.getTime()) day = previousWorkingDay(day, o);
  return day >= fromDay ? day : null;
}
