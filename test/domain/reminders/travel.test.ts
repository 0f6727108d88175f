import { describe, expect, it } from 'vitest';
import { monthEndTravelNudges, travelDaysCheckAt, type TravelDaysCount } from '../../../src/domain/reminders/travel.js';
import { NONE, S, sh } from './helpers.js';

const COUNTS: TravelDaysCount[] = [
  { specialistId: 'ou_a', managerId: 'ou_mgr', days: 16 },
  { specialistId: 'ou_b', managerId: 'ou_mgr', days: 9 },
  { specialistId: 'ou_c', managerId: 'ou_mgr', days: 15 },
  { specialistId: 'ou_d', managerId: null, days: 2 },
];

describe('month-end travel days', () => {
  it.each([
    ['2026-11', '2026-11-30 09:00'],
    ['2026-10', '2026-10-30 09:00'],
    ['2026-02', '2026-02-28 09:00'], // the last day is a Saturday make-up working day
    ['2026-01', '2026-01-30 09:00'],
  ])('the %s check goes out at %s', (key, at) => {
    expect(travelDaysCheckAt(key, S, NONE)).toEqual(sh(at));
  });

  it.each([
    ['2026-11-27 10:00', []],
    ['2026-11-30 08:59', []],
    ['2026-11-30 20:00', []], // after hours: waits for a working-hours tick
    ['2026-11-30 09:00', ['ou_b']],
    ['2026-12-01 10:00', ['ou_b']], // missed through downtime: still goes out, once by its key
  ])('at %s the manager hears about %j', (now, short) => {
    const intents = monthEndTravelNudges('2026-11', COUNTS, sh(now), S, NONE);
    expect(intents.map((i) => i.ownerId)).toEqual(short);
  });

  it('carries the count and a key unique per month', () => {
    const [intent] = monthEndTravelNudges('2026-11', COUNTS, sh('2026-11-30 09:00'), S, NONE);
    expect(intent).toMatchObject({
      obligationId: 'travel_days:2026-11:ou_b',
      kind: 'travel_days',
      recipientId: 'ou_mgr',
      recipientRole: 'manager',
      step: 'travel_days:2026-11',
      urgency: 'escalation',
      dueAt: sh('2026-11-30 23:59:59'),
      detail: { days: 9, minimum: 15 },
    });
  });
});
