/** The equipment-return ladder (设备归还) and the visit-material reminder (拜访物料, once). */
import { describe, expect, it } from 'vitest';
import { dueNudges } from '../../../src/domain/reminders/ladder.js';
import { NONE, S, obligation, sh, summary } from './helpers.js';

const at = (ob: ReturnType<typeof obligation>, now: string) => summary(dueNudges(ob, sh(now), S, NONE));

describe('equipment due back on Wed 2026-12-02', () => {
  const ob = obligation('equipment_return', '2026-12-02 00:00', { subjectType: 'request', subjectId: 'loan-1' });

  it('is due at the end of the return day', () => {
    expect(ob.dueAt).toEqual(sh('2026-12-02 23:59:59'));
  });

  it.each([
    ['2026-12-01 10:00', []],
    ['2026-12-02 09:00', ['owner due due']],
    ['2026-12-03 09:00', ['manager escalate escalation', 'owner overdue:2026-12-03 overdue']],
    ['2026-12-04 09:00', ['manager escalate escalation', 'owner overdue:2026-12-04 overdue']],
    ['2026-12-05 10:00', []], // Saturday
  ])('at %s → %j', (now, expected) => {
    expect(at(ob, now)).toEqual(expected);
  });

  it('says nothing once returned', () => {
    expect(at({ ...ob, doneAt: sh('2026-12-02 11:00') }, '2026-12-03 09:00')).toEqual([]);
  });

  it('a return day on National Day is moved to the next working day', () => {
    expect(obligation('equipment_return', '2026-10-03 00:00').dueAt).toEqual(sh('2026-10-08 23:59:59'));
  });
});

describe('materials due on Mon 2026-12-07', () => {
  const ob = obligation('visit_material', '2026-12-07 00:00', { subjectId: 'visit-1' });

  it('are due at the end of that day, and reminded once that morning, never again, never the manager', () => {
    expect(ob.dueAt).toEqual(sh('2026-12-07 23:59:59'));
    expect(at(ob, '2026-12-04 10:00')).toEqual([]);
    expect(at(ob, '2026-12-07 09:00')).toEqual(['owner due due']);
    // the same step (claimed once) is all there ever is: no daily repeat, no escalation
    expect(at(ob, '2026-12-08 09:00')).toEqual(['owner due due']);
    expect(at(ob, '2026-12-15 09:00')).toEqual(['owner due due']);
  });

  it('a new round (the plan approved again, the visit moved) owes the reminder again', () => {
    expect(at({ ...ob, meta: { round: 2 } }, '2026-12-07 09:00')).toEqual(['owner due:r2 due']);
  });

  it('due on a Sunday: reminded on the Friday before, not after the day', () => {
    const sunday = obligation('visit_material', '2026-12-06 00:00');
    expect(at(sunday, '2026-12-04 08:59')).toEqual([]);
    expect(at(sunday, '2026-12-04 09:00')).toEqual(['owner due due']);
  });
});
