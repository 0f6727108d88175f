import { describe, expect, it } from 'vitest';
import type { CalendarOverrides } from '../../../src/domain/calendar.js';
import {
  addWorkingDaysAt,
  applyHolidayPolicy,
  endOfDay,
  inWorkingHours,
  latestWorkingMorning,
  nextSendSlot,
  sendWindowOpen,
} from '../../../src/domain/reminders/hours.js';
import { NONE, S, sh } from './helpers.js';

const NEW_YEAR_2027: CalendarOverrides = { holidays: { '2027-01-01': '元旦' } };

describe('working hours', () => {
  it.each([
    ['2026-11-27 08:59', false, false],
    ['2026-11-27 09:00', true, true],
    ['2026-11-27 13:00', true, true],
    ['2026-11-27 18:00', true, true], // the end is included: the evening nudge is at 18:00
    ['2026-11-27 18:20', false, true], // a late tick may still send what was due by 18:00
    ['2026-11-27 18:30', false, false],
    ['2026-11-28 10:00', false, false], // Saturday
    ['2026-10-10 10:00', true, true], // make-up Saturday
    ['2026-10-05 10:00', false, false], // National Day
  ])('%s: in working hours %s, send window open %s', (wall, inHours, open) => {
    expect(inWorkingHours(sh(wall), S, NONE)).toBe(inHours);
    expect(sendWindowOpen(sh(wall), S, NONE)).toBe(open);
  });

  it.each([
    ['2026-11-27 10:00', {}, '2026-11-27 10:00'],
    ['2026-11-27 07:30', {}, '2026-11-27 09:00'],
    ['2026-11-27 18:00', {}, '2026-11-27 18:00'],
    ['2026-11-27 18:01', {}, '2026-11-30 09:00'], // Friday evening → Monday morning
    ['2026-11-28 10:00', {}, '2026-11-30 09:00'],
    ['2026-09-19 10:00', {}, '2026-09-20 09:00'], // Saturday → the Sunday make-up day
    ['2026-09-30 19:00', {}, '2026-10-08 09:00'], // over National Day
    ['2026-10-03 09:00', {}, '2026-10-08 09:00'],
    ['2026-12-31 20:00', {}, '2027-01-01 09:00'], // 2027 without data: weekday fallback
    ['2026-12-31 20:00', NEW_YEAR_2027, '2027-01-04 09:00'],
  ] as const)('nextSendSlot(%s, %o) = %s', (at, o, expected) => {
    expect(nextSendSlot(sh(at), S, o)).toEqual(sh(expected));
  });

  it.each([
    ['2026-11-27 17:30', 1, '2026-11-30 17:30'],
    ['2026-11-27 17:30', 3, '2026-12-02 17:30'],
    ['2026-11-28 10:00', 1, '2026-12-01 09:00'], // a Saturday request counts from Monday morning
    ['2026-11-27 20:00', 1, '2026-12-01 09:00'],
    ['2026-09-30 10:00', 1, '2026-10-08 10:00'],
    ['2026-09-29 16:00', 3, '2026-10-09 16:00'],
    ['2026-10-09 11:00', 1, '2026-10-10 11:00'], // make-up Saturday counts
  ])('addWorkingDaysAt(%s, %i) = %s', (at, n, expected) => {
    expect(addWorkingDaysAt(sh(at), n, S, NONE)).toEqual(sh(expected));
  });

  it.each([
    ['2026-12-05', 'next_working_day', '2026-12-07'],
    ['2026-12-05', 'previous_working_day', '2026-12-04'],
    ['2026-12-05', 'none', '2026-12-05'],
    ['2026-10-05', 'next_working_day', '2026-10-08'],
    ['2026-10-05', 'previous_working_day', '2026-09-30'],
    ['2026-12-04', 'next_working_day', '2026-12-04'],
  ] as const)('applyHolidayPolicy(%s, %s) = %s', (day, policy, expected) => {
    expect(applyHolidayPolicy(day, policy, NONE)).toBe(expected);
  });

  it.each([
    ['2026-11-20', '2026-11-27 10:00', '2026-11-27'],
    ['2026-11-20', '2026-11-27 08:00', '2026-11-26'], // today's morning has not come yet
    ['2026-11-20', '2026-11-29 10:00', '2026-11-27'], // Sunday: the last working morning was Friday
    ['2026-11-28', '2026-11-29 10:00', null], // no working morning since the start
    ['2026-10-02', '2026-10-08 09:00', '2026-10-08'],
  ])('latestWorkingMorning(from %s, at %s) = %s', (from, now, expected) => {
    expect(latestWorkingMorning(from, sh(now), S, NONE)).toBe(expected);
  });

  it('ends the day at 23:59:59 company time', () => {
    expect(endOfDay('2026-12-31', S.timeZone).toISOString()).toBe('2026-12-31T15:59:59.000Z');
  });
});
