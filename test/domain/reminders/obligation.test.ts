import { describe, expect, it } from 'vitest';
import {
  doneOnTime,
  dueAtFor,
  isDone,
  isOverdue,
  obligationKey,
  type ObligationKind,
} from '../../../src/domain/reminders/obligation.js';
import type { HolidayPolicy } from '../../../src/domain/reminders/settings.js';
import { NONE, S, obligation, sh } from './helpers.js';

const NEW_YEAR_2027 = { holidays: { '2027-01-01': '元旦' } };

describe('due times', () => {
  it.each<[ObligationKind, string, string, string]>([
    ['visit_record', '2026-11-27 10:00', '2026-11-27 23:59:59', 'end of the visit day'],
    ['visit_record', '2026-10-03 10:00', '2026-10-03 23:59:59', 'a visit on a holiday is still written up that day'],
    ['reception_report', '2026-11-27 19:30', '2026-11-27 23:59:59', 'end of the reception day'],
    ['follow_up', '2026-11-27 10:00', '2026-12-04 23:59:59', 'day 7 is a Friday'],
    ['follow_up', '2026-11-28 10:00', '2026-12-07 23:59:59', 'day 7 is a Saturday → Monday'],
    ['follow_up', '2026-09-24 15:00', '2026-10-08 23:59:59', 'day 7 is National Day → first day back'],
    ['follow_up', '2026-09-13 15:00', '2026-09-20 23:59:59', 'day 7 is the Sunday make-up day: stays'],
    ['follow_up', '2026-12-25 10:00', '2027-01-01 23:59:59', 'year boundary, no 2027 data: a Friday'],
    ['monthly_report', '2026-11-01 00:00', '2026-12-07 18:00', 'the 5th is a Saturday → Monday'],
    ['monthly_report', '2026-09-01 00:00', '2026-10-08 18:00', 'the 5th is in National Day'],
    ['monthly_report', '2026-04-01 00:00', '2026-05-06 18:00', 'the 5th is in Labour Day'],
    ['monthly_report', '2026-10-01 00:00', '2026-11-05 18:00', 'the 5th is a Thursday'],
    ['monthly_report', '2026-12-01 00:00', '2027-01-05 18:00', 'December report due in the new year'],
    ['approval_step', '2026-11-27 17:30', '2026-11-30 17:30', 'one working day, over the weekend'],
    ['approval_step', '2026-09-30 10:00', '2026-10-08 10:00', 'one working day, over National Day'],
    ['trip_checkin', '2026-11-28 00:00', '2026-11-28 18:00', 'the deadline hour of the trip day'],
  ])('%s anchored %s is due %s (%s)', (kind, anchor, due) => {
    expect(dueAtFor(kind, sh(anchor), S, NONE)).toEqual(sh(due));
  });

  it('honours the override calendar at the year boundary', () => {
    expect(dueAtFor('follow_up', sh('2026-12-25 10:00'), S, NEW_YEAR_2027)).toEqual(new Date('2027-01-04T23:59:59+08:00'));
  });

  it.each<[HolidayPolicy, string]>([
    ['next_working_day', '2026-12-07T18:00:00+08:00'],
    ['previous_working_day', '2026-12-04T18:00:00+08:00'],
    ['none', '2026-12-05T18:00:00+08:00'],
  ])('the monthly report under policy %s is due %s', (holidayPolicy, due) => {
    expect(dueAtFor('monthly_report', sh('2026-11-01 00:00'), { ...S, holidayPolicy }, NONE)).toEqual(new Date(due));
  });
});

describe('done and overdue', () => {
  const ob = obligation('follow_up', '2026-11-27 10:00', { doneAt: '2026-12-03 11:00' });

  it.each([
    ['2026-12-03 10:59', false, false],
    ['2026-12-03 11:00', true, false],
    ['2026-12-10 09:00', true, false],
  ])('at %s: done %s, overdue %s', (now, done, overdue) => {
    expect(isDone(ob, sh(now))).toBe(done);
    expect(isOverdue(ob, sh(now))).toBe(overdue);
  });

  it.each([
    [null, '2026-12-05 09:00', true],
    [null, '2026-12-04 23:00', false],
  ])('an open one (doneAt %s) at %s is overdue: %s', (doneAt, now, overdue) => {
    expect(isOverdue({ ...ob, doneAt }, sh(now))).toBe(overdue);
  });

  it.each([
    ['2026-12-04 23:00', true],
    ['2026-12-05 09:00', false],
  ])('done at %s is on time: %s', (doneAt, onTime) => {
    expect(doneOnTime({ ...ob, doneAt: sh(doneAt) })).toBe(onTime);
  });

  it('has a natural key for idempotent creation', () => {
    expect(obligationKey(ob)).toBe('follow_up:visit:v1:ou_spec');
  });
});
