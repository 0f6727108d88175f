import { describe, expect, it } from 'vitest';
import { buildDigests, compareIntents } from '../../../src/domain/reminders/digest.js';
import { dueNudges, type NudgeIntent } from '../../../src/domain/reminders/ladder.js';
import { NONE, S, obligation, sh } from './helpers.js';

const NOW = sh('2026-12-08 09:00');

/** A morning with a bit of everything late, for two specialists under one manager. */
function morning(): NudgeIntent[] {
  const obs = [
    obligation('monthly_report', '2026-11-01 00:00', { id: 'mr-a', ownerId: 'ou_a', subjectType: 'month', subjectId: '2026-11' }),
    obligation('monthly_report', '2026-11-01 00:00', { id: 'mr-b', ownerId: 'ou_b', subjectType: 'month', subjectId: '2026-11' }),
    obligation('follow_up', '2026-11-27 10:00', { id: 'fu-a', ownerId: 'ou_a' }), // due 12-04: overdue
    obligation('follow_up', '2026-12-03 10:00', { id: 'fu-a2', ownerId: 'ou_a' }), // day 5 = 12-08: upcoming
    obligation('visit_record', '2026-12-04 10:00', { id: 'vr-b', ownerId: 'ou_b' }), // 4 days late: escalated
    obligation('approval_step', '2026-12-04 10:00', { id: 'ap-m', ownerId: 'ou_mgr', managerId: 'ou_dir' }),
  ];
  return obs.flatMap((ob) => dueNudges(ob, NOW, S, NONE));
}

describe('buildDigests', () => {
  const digests = buildDigests(morning(), NOW);
  const of = (id: string) => digests.find((d) => d.recipientId === id)!;

  it('makes one digest per recipient', () => {
    expect(digests.map((d) => d.recipientId)).toEqual(['ou_a', 'ou_b', 'ou_mgr']);
    expect(digests.every((d) => d.createdAt === NOW)).toBe(true);
  });

  it('groups own work by kind, most urgent group first, then by deadline', () => {
    const a = of('ou_a');
    expect(a.urgency).toBe('overdue');
    expect(a.own.map((s) => [s.kind, s.urgency, s.items.map((i) => i.step)])).toEqual([
      ['follow_up', 'overdue', ['overdue:2026-12-08', 'day5']],
      ['monthly_report', 'overdue', ['overdue:2026-12-08']],
    ]);
    expect(a.oversight).toEqual([]);
  });

  it("gives the manager one list of the team's late work, plus their own duties", () => {
    const m = of('ou_mgr');
    expect(m.urgency).toBe('escalation');
    expect(m.own.map((s) => [s.kind, s.items.map((i) => i.step)])).toEqual([['approval_step', ['wd1']]]);
    expect(m.oversight.map((i) => `${i.kind} ${i.ownerId} ${i.step}`)).toEqual([
      'follow_up ou_a escalate',
      'monthly_report ou_a late:2026-11',
      'monthly_report ou_b late:2026-11',
      'visit_record ou_b escalate',
    ]);
    expect(m.intents).toHaveLength(5);
  });

  it('keeps a repeated intent once', () => {
    const twice = [...morning(), ...morning()];
    expect(buildDigests(twice, NOW).map((d) => d.intents.length)).toEqual([3, 2, 5]);
  });

  it('returns nothing for nothing', () => {
    expect(buildDigests([], NOW)).toEqual([]);
  });

  const base = morning()[0]!;
  it.each([
    ['escalation', 'overdue'],
    ['overdue', 'due'],
    ['due', 'upcoming'],
  ] as const)('orders %s before %s', (first, second) => {
    const a = { ...base, urgency: first, dueAt: sh('2026-12-20 00:00') };
    const b = { ...base, urgency: second, dueAt: sh('2026-12-01 00:00') };
    expect(compareIntents(a, b)).toBeLessThan(0);
    expect(compareIntents(b, a)).toBeGreaterThan(0);
  });
});
