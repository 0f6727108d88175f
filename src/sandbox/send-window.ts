/**
 * What the web chat says after moving the clock: whether reminders may go out now and, when
 * not, why (night, weekend, holiday) and when the next working morning is. `+1 天` keeps the
 * time of day, so at 20:00 it lands outside working hours and the tick sends nothing.
 */
import { isWorkingDay, nextWorkingDay, type CalendarOverrides } from '../domain/calendar.js';
import { morningOf, sendWindowOpen } from '../domain/reminders/hours.js';
import type { ReminderSettings } from '../domain/reminders/settings.js';
import { ymd } from '../domain/time.js';
import type { SendWindowView } from './web/types.js';

/** The next working day's start of work after `now` (today's, if it is still to come). */
export function nextWorkingMorning(now: Date, s: ReminderSettings, o: CalendarOverrides): Date {
  const day = ymd(now, s.timeZone);
  const today = morningOf(day, s);
  if (isWorkingDay(day, o) && now < today) return today;
  return morningOf(nextWorkingDay(day, o), s);
}

export function sendWindowView(now: Date, s: ReminderSettings, o: CalendarOverrides): SendWindowView {
  const hours = `${s.workdayStart}–${s.workdayEnd}`;
  if (sendWindowOpen(now, s, o)) return { open: true, reason: null, hours, nextMorning: nextWorkingMorning(now, s, o).toISOString() };
  return { open: false, reason: isWorkingDay(ymd(now, s.timeZone), o) ? 'after_hours' : 'day_off', hours, nextMorning: nextWorkingMorning(now, s, o).toISOString() };
}
