/** The progress-report ladder (定期汇报): due day, daily overdue nudges, the manager once. */
import { describe, expect, it } from 'vitest';
import type { CalendarOverrides } from '../../../src/domain/calendar.js';
import { dueNudges } from '../../../src/domain/reminders/ladder.js';
import { progressReportDueAt } from '../../../src/domain/reminders/obligation.js';
import { NONE, S, obligation, sh, summary } from './helpers.js';

const at = (ob: ReturnType<typeof obligation>, now: string, o: CalendarOverrides = NONE) => summary(dueNudges(ob, sh(now), S, o));

describe('progress report ladder (due Wed 2026-11-18)', () => {
  const ob = obligation('progress_report', '2026-11-18 00:00', { subjectType: 'development', subjectId: 'plan-1:0' });

  it('is due at the end of its day', () => {
    expect(ob.dueAt).toEqual(sh('2026-11-18 23:59:59'));
  });

  it.each([
    ['2026-11-17 10:00', []],
    ['2026-11-18 08:59', []],
    ['2026-11-18 09:00', ['owner due due']],
    ['2026-11-19 09:00', ['owner overdue:2026-11-19 overdue', 'manager escalate escalation']],
    ['2026-11-20 10:00', ['owner overdue:2026-11-20 overdue', 'manager escalate escalation']],
    ['2026-11-21 10:00', []], // Saturday
    ['2026-11-19 20:00', []], // evening: waits for the morning
    ['2026-11-25 10:00', ['owner overdue:2026-11-25 overdue', 'manager escalate escalation']], // the fifth working morning: the last daily one
    // then no daily repeat any more (the latest step stays the last daily one, already sent, so nothing goes out)…
    ['2026-11-26 10:00', ['owner overdue:2026-11-25 overdue', 'manager escalate escalation']],
    ['2026-12-01 10:00', ['owner overdue:2026-11-25 overdue', 'manager escalate escalation']],
    ['2026-12-02 10:00', ['owner weekly:2026-12-02 overdue', 'manager escalate escalation']], // …but one a week, with no end
    ['2026-12-08 10:00', ['owner weekly:2026-12-02 overdue', 'manager escalate escalation']], // (sent once: the key is the week's day)
    ['2026-12-09 10:00', ['owner weekly:2026-12-09 overdue', 'manager escalate escalation']],
  ])('at %s → %j', (now, expected) => {
    expect(at(ob, now)).toEqual([...expected].sort());
  });

  it('says nothing once reported', () => {
    expect(at({ ...ob, doneAt: sh('2026-11-18 11:00') }, '2026-11-19 09:00')).toEqual([]);
  });

  it('does not tell a manager about their own report', () => {
    const own = obligation('progress_report', '2026-11-18 00:00', { managerId: 'ou_spec' });
    expect(at(own, '2026-11-19 09:00')).toEqual(['owner overdue:2026-11-19 overdue']);
  });

  it('moves a due day off National Day to the next working day (10-01 → 10-08) and counts overdue from there', () => {
    const hol = obligation('progress_report', '2026-10-01 00:00');
    expect(hol.dueAt).toEqual(progressReportDueAt(sh('2026-10-08 00:00'), S, NONE));
    expect(at(hol, '2026-10-02 10:00')).toEqual([]);
    expect(at(hol, '2026-10-08 09:00')).toEqual(['owner due due']);
    expect(at(hol, '2026-10-10 09:00')).toEqual(['manager escalate escalation', 'owner overdue:2026-10-10 overdue']); // make-up Saturday
  });

  it('crosses the year boundary with a holiday override (due 2027-01-01 → 01-04)', () => {
    const ny: CalendarOverrides = { holidays: { '2027-01-01': '元旦' } };
    const ob2 = obligation('progress_report', '2027-01-01 00:00', {}, ny);
    expect(at(ob2, '2027-01-04 09:00', ny)).toEqual(['owner due due']);
    expect(at(ob2, '2027-01-05 09:00', ny)).toEqual(['manager escalate escalation', 'owner overdue:2027-01-05 overdue']);
  });
});
