import { describe, expect, it } from 'vitest';
import type { CalendarOverrides } from '../../../src/domain/calendar.js';
import { dueNudges, dueNudgesForAll, nudgeSchedule } from '../../../src/domain/reminders/ladder.js';
import type { Obligation } from '../../../src/domain/reminders/obligation.js';
import { NONE, S, obligation, sh, summary } from './helpers.js';

const NEW_YEAR_2027: CalendarOverrides = { holidays: { '2027-01-01': '元旦' } };

function expectNudges(ob: Obligation, now: string, expected: string[], o: CalendarOverrides = NONE) {
  expect(summary(dueNudges(ob, sh(now), S, o))).toEqual([...expected].sort());
}

describe('follow-up ladder (visit Wed 2026-11-11: day 5 Mon 16th, due Wed 18th)', () => {
  const ob = obligation('follow_up', '2026-11-11 10:00');
  it.each([
    ['2026-11-13 10:00', []],
    ['2026-11-16 08:59', []], // before working hours
    ['2026-11-16 09:00', ['owner day5 upcoming']],
    ['2026-11-17 15:00', ['owner day5 upcoming']], // same step again: storage sends it once
    ['2026-11-18 09:30', ['owner day7 due']],
    ['2026-11-19 09:00', ['owner overdue:2026-11-19 overdue', 'manager escalate escalation']],
    ['2026-11-20 11:00', ['owner overdue:2026-11-20 overdue', 'manager escalate escalation']],
    ['2026-11-21 11:00', []], // Saturday
    ['2026-11-19 20:00', []], // evening: waits for the next working morning
    ['2026-11-25 10:00', ['owner overdue:2026-11-25 overdue', 'manager escalate escalation']], // catch-up: one, not a burst
  ])('at %s → %j', (now, expected) => {
    expectNudges(ob, now, expected);
  });

  it('yields nothing once done', () => {
    const done = { ...ob, doneAt: sh('2026-11-17 16:00') };
    expectNudges(done, '2026-11-19 09:00', []);
    expectNudges(done, '2026-11-17 15:59', ['owner day5 upcoming']); // not done yet at that moment
  });

  it('moves "due today" to the first working day after a holiday (visit 2026-09-24, day 7 = 10-01)', () => {
    const hol = obligation('follow_up', '2026-09-24 15:00');
    expectNudges(hol, '2026-09-29 09:00', ['owner day5 upcoming']);
    expectNudges(hol, '2026-10-01 10:00', []); // National Day: nothing is sent
    expectNudges(hol, '2026-10-08 09:00', ['owner day7 due']);
    expectNudges(hol, '2026-10-09 09:00', ['owner overdue:2026-10-09 overdue', 'manager escalate escalation']);
    expectNudges(hol, '2026-10-10 09:00', ['owner overdue:2026-10-10 overdue', 'manager escalate escalation']); // make-up Saturday
  });

  it('crosses the year boundary (visit 2026-12-25, due 2027-01-01 without data, 01-04 with the override)', () => {
    const ny = obligation('follow_up', '2026-12-25 10:00', {}, NEW_YEAR_2027);
    expectNudges(ny, '2026-12-30 09:00', ['owner day5 upcoming'], NEW_YEAR_2027);
    expectNudges(ny, '2027-01-01 10:00', [], NEW_YEAR_2027);
    expectNudges(ny, '2027-01-04 09:00', ['owner day7 due'], NEW_YEAR_2027);
    expectNudges(ny, '2027-01-05 09:00', ['owner overdue:2027-01-05 overdue', 'manager escalate escalation'], NEW_YEAR_2027);
    const plain = obligation('follow_up', '2026-12-25 10:00');
    expectNudges(plain, '2027-01-01 10:00', ['owner day7 due']);
  });
});

describe('visit record ladder (visit Fri 2026-11-27 10:00)', () => {
  const ob = obligation('visit_record', '2026-11-27 10:00');
  it.each([
    ['2026-11-27 17:59', []],
    ['2026-11-27 18:00', ['owner evening due']],
    ['2026-11-27 18:20', ['owner evening due']], // a late tick inside the grace
    ['2026-11-27 18:31', []],
    ['2026-11-28 10:00', []], // Saturday
    ['2026-11-30 09:00', ['owner morning:2026-11-30 overdue', 'manager escalate escalation']], // day 3 is Monday
    ['2026-12-01 09:05', ['owner morning:2026-12-01 overdue', 'manager escalate escalation']],
  ])('at %s → %j', (now, expected) => {
    expectNudges(ob, now, expected);
  });

  it.each([
    ['2026-11-24 18:00', ['owner evening due']],
    ['2026-11-25 09:00', ['owner morning:2026-11-25 overdue']],
    ['2026-11-26 09:00', ['owner morning:2026-11-26 overdue']],
    ['2026-11-27 09:00', ['owner morning:2026-11-27 overdue', 'manager escalate escalation']],
  ])('visit Tue 11-24: at %s → %j', (now, expected) => {
    expectNudges(obligation('visit_record', '2026-11-24 10:00'), now, expected);
  });

  it('skips the evening nudge for an event that ends after it', () => {
    const dinner = obligation('visit_record', '2026-11-24 19:30');
    expectNudges(dinner, '2026-11-24 18:10', []);
    expectNudges(dinner, '2026-11-25 09:00', ['owner morning:2026-11-25 overdue']);
  });

  it('nudges on a make-up working Saturday (2026-10-10)', () => {
    expectNudges(obligation('visit_record', '2026-10-10 10:00'), '2026-10-10 18:00', ['owner evening due']);
  });

  it('delivers a holiday visit once after the holiday: the latest step only', () => {
    const hol = obligation('visit_record', '2026-10-03 10:00');
    expectNudges(hol, '2026-10-05 18:00', []);
    expectNudges(hol, '2026-10-08 09:00', ['owner morning:2026-10-08 overdue', 'manager escalate escalation']);
  });

  it('is the same ladder for a reception report', () => {
    const rec = obligation('reception_report', '2026-11-27 10:00', { subjectType: 'reception' });
    expectNudges(rec, '2026-11-27 18:00', ['owner evening due']);
    expectNudges(rec, '2026-11-30 09:00', ['owner morning:2026-11-30 overdue', 'manager escalate escalation']);
  });

  it('does not tell a manager about their own record', () => {
    const own = obligation('visit_record', '2026-11-24 10:00', { ownerId: 'ou_mgr', managerId: 'ou_mgr' });
    expectNudges(own, '2026-11-27 09:00', ['owner morning:2026-11-27 overdue']);
  });
});

describe('monthly report ladder', () => {
  const nov = obligation('monthly_report', '2026-11-01 00:00', { subjectType: 'month', subjectId: '2026-11' });
  it.each([
    ['2026-11-30 10:00', []],
    ['2026-12-01 09:00', ['owner day1 upcoming']],
    ['2026-12-03 09:00', ['owner day1 upcoming']],
    ['2026-12-04 09:00', ['owner day4 upcoming']],
    ['2026-12-05 10:00', []], // the 5th is a Saturday; due moves to Monday the 7th
    ['2026-12-07 09:00', ['owner due due']],
    ['2026-12-07 17:00', ['owner due due']],
    ['2026-12-08 09:00', ['owner overdue:2026-12-08 overdue', 'manager late:2026-11 escalation']],
    ['2026-12-09 10:00', ['owner overdue:2026-12-09 overdue', 'manager late:2026-11 escalation']],
  ])('November report at %s → %j', (now, expected) => {
    expectNudges(nov, now, expected);
  });

  it('the 5th during National Day: only "due" on the first day back, not three at once', () => {
    const sep = obligation('monthly_report', '2026-09-01 00:00', { subjectType: 'month', subjectId: '2026-09' });
    expectNudges(sep, '2026-09-30 10:00', []);
    expectNudges(sep, '2026-10-08 09:00', ['owner due due']);
    expectNudges(sep, '2026-10-09 09:00', ['owner overdue:2026-10-09 overdue', 'manager late:2026-09 escalation']);
  });

  it('the December report crosses into the new year (the 1st a holiday by override)', () => {
    const dec = obligation('monthly_report', '2026-12-01 00:00', { subjectType: 'month', subjectId: '2026-12' }, NEW_YEAR_2027);
    expectNudges(dec, '2027-01-01 10:00', [], NEW_YEAR_2027);
    expectNudges(dec, '2027-01-04 09:00', ['owner day4 upcoming'], NEW_YEAR_2027); // day1 and day4 share a slot
    expectNudges(dec, '2027-01-05 09:00', ['owner due due'], NEW_YEAR_2027);
    expectNudges(dec, '2027-01-06 09:00', ['owner overdue:2027-01-06 overdue', 'manager late:2026-12 escalation'], NEW_YEAR_2027);
  });

  it('stops once submitted', () => {
    expectNudges({ ...nov, doneAt: sh('2026-12-03 16:00') }, '2026-12-04 09:00', []);
  });
});

describe('approval ladder (waiting since Fri 2026-11-27 17:30)', () => {
  const ob = obligation('approval_step', '2026-11-27 17:30', { ownerId: 'ou_mgr', managerId: 'ou_dir', subjectType: 'approval' });
  it.each([
    ['2026-11-30 17:29', []],
    ['2026-11-30 17:30', ['owner wd1 due']],
    ['2026-12-02 17:29', ['owner wd1 due']],
    ['2026-12-02 17:30', ['owner wd1 due', 'superior escalate escalation']],
  ])('at %s → %j', (now, expected) => {
    expectNudges(ob, now, expected);
  });

  it('counts working days across National Day', () => {
    const hol = obligation('approval_step', '2026-09-29 16:00', { ownerId: 'ou_mgr', managerId: 'ou_dir' });
    expectNudges(hol, '2026-09-30 16:00', ['owner wd1 due']);
    expectNudges(hol, '2026-10-08 10:00', ['owner wd1 due']);
    expectNudges(hol, '2026-10-09 16:00', ['owner wd1 due', 'superior escalate escalation']);
  });

  it('has no superior to tell when there is none', () => {
    const top = obligation('approval_step', '2026-11-27 17:30', { ownerId: 'ou_dir', managerId: null });
    expectNudges(top, '2026-12-02 17:30', ['owner wd1 due']);
  });
});

describe('trip check-in ladder', () => {
  const fri = obligation('trip_checkin', '2026-11-27 00:00', { assistantId: 'ou_asst', subjectType: 'trip', subjectId: 't1' });
  it.each([
    ['2026-11-27 17:59', []],
    ['2026-11-27 18:00', ['owner missed:2026-11-27 overdue', 'assistant list:2026-11-27 overdue']],
  ])('at %s → %j', (now, expected) => {
    expectNudges(fri, now, expected);
  });

  it('says nothing after a check-in', () => {
    expectNudges({ ...fri, doneAt: sh('2026-11-27 11:00') }, '2026-11-27 18:00', []);
  });

  it('defers a weekend trip day to Monday morning', () => {
    const sat = obligation('trip_checkin', '2026-11-28 00:00', { assistantId: 'ou_asst' });
    expectNudges(sat, '2026-11-28 18:00', []);
    expectNudges(sat, '2026-11-30 09:00', ['owner missed:2026-11-28 overdue', 'assistant list:2026-11-28 overdue']);
  });

  it('skips the assistant list when no assistant is set', () => {
    expectNudges(obligation('trip_checkin', '2026-11-27 00:00'), '2026-11-27 18:00', ['owner missed:2026-11-27 overdue']);
  });
});

describe('intents', () => {
  it('carry what the digest and the card need', () => {
    const ob = obligation('follow_up', '2026-11-11 10:00', { id: 'ob-7', subjectId: 'visit-42' });
    expect(dueNudges(ob, sh('2026-11-19 09:00'), S, NONE)).toEqual([
      expect.objectContaining({
        obligationId: 'ob-7',
        kind: 'follow_up',
        ownerId: 'ou_spec',
        subjectType: 'visit',
        subjectId: 'visit-42',
        recipientId: 'ou_spec',
        recipientRole: 'owner',
        step: 'overdue:2026-11-19',
        dueAt: sh('2026-11-18 23:59:59'),
        notBefore: sh('2026-11-19 09:00'),
      }),
      expect.objectContaining({ recipientId: 'ou_mgr', recipientRole: 'manager', step: 'escalate' }),
    ]);
  });

  it('show the whole ladder with delivery slots', () => {
    const ob = obligation('visit_record', '2026-11-27 10:00');
    const plan = nudgeSchedule(ob, sh('2026-11-30 09:00'), S, NONE).map((s) => [s.step, s.slot.toISOString()]);
    expect(plan).toEqual([
      ['evening', sh('2026-11-27 18:00').toISOString()],
      ['morning:2026-11-30', sh('2026-11-30 09:00').toISOString()],
      ['escalate', sh('2026-11-30 09:00').toISOString()],
    ]);
  });

  it('keep going when one obligation is broken', () => {
    const good = obligation('follow_up', '2026-11-11 10:00');
    const bad = { ...good, id: 'bad', anchorAt: new Date(Number.NaN) };
    const { intents, failures } = dueNudgesForAll([bad, good], sh('2026-11-19 09:00'), S, NONE);
    expect(intents).toHaveLength(2);
    expect(failures.map((f) => f.obligationId)).toEqual(['bad']);
  });
});

describe('a simulated fortnight of ticks every 15 minutes', () => {
  /** What storage would let through: each (obligation, recipient, step) once. */
  function simulate(obs: Obligation[], from: string, to: string, o: CalendarOverrides = NONE) {
    const sent = new Map<string, Date>();
    for (let t = sh(from).getTime(); t <= sh(to).getTime(); t += 15 * 60_000) {
      const now = new Date(t);
      for (const i of dueNudgesForAll(obs, now, S, o).intents) {
        const key = `${i.obligationId}|${i.recipientId}|${i.step}`;
        if (!sent.has(key)) sent.set(key, now);
      }
    }
    return [...sent.entries()].map(([k, at]) => `${k.split('|').slice(1).join(' ')} @ ${at.toISOString()}`);
  }

  it('follow-up: day 5, due, one overdue per working day, the manager once, all in working hours', () => {
    const log = simulate([obligation('follow_up', '2026-11-11 10:00')], '2026-11-11 00:00', '2026-11-24 23:45');
    const at = (wall: string) => sh(wall).toISOString();
    expect(log).toEqual([
      `ou_spec day5 @ ${at('2026-11-16 09:00')}`,
      `ou_spec day7 @ ${at('2026-11-18 09:00')}`,
      `ou_spec overdue:2026-11-19 @ ${at('2026-11-19 09:00')}`,
      `ou_mgr escalate @ ${at('2026-11-19 09:00')}`,
      `ou_spec overdue:2026-11-20 @ ${at('2026-11-20 09:00')}`,
      `ou_spec overdue:2026-11-23 @ ${at('2026-11-23 09:00')}`,
      `ou_spec overdue:2026-11-24 @ ${at('2026-11-24 09:00')}`,
    ]);
  });

  it('visit record over National Day: evening, then the first morning back', () => {
    const log = simulate([obligation('visit_record', '2026-09-30 10:00')], '2026-09-30 00:00', '2026-10-09 12:00');
    expect(log.map((l) => l.split(' @ ')[0])).toEqual([
      'ou_spec evening',
      'ou_spec morning:2026-10-08',
      'ou_mgr escalate',
      'ou_spec morning:2026-10-09',
    ]);
  });
});
