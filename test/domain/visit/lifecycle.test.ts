import { describe, expect, it } from 'vitest';
import { canCancel, canReschedule, DEFAULT_TOLERANCE, planMove, rescheduleRefusal, withdrawsRequest, type PlannedStatus } from '../../../src/domain/visit/lifecycle.js';
import type { RequestStatus } from '../../../src/domain/approval/types.js';

const ALL: PlannedStatus[] = ['pending', 'approved', 'recorded', 'reported', 'cancelled'];

describe('a visit or reception plan: what it can still do', () => {
  it('is cancelled while not yet done, in its chain or approved', () => {
    expect(ALL.filter(canCancel)).toEqual(['pending', 'approved']);
  });

  it('moves only once approved; in its chain the advice is to withdraw, done or cancelled it stays', () => {
    expect(ALL.filter(canReschedule)).toEqual(['approved']);
    expect(ALL.map(rescheduleRefusal)).toEqual(['in_approval', null, 'not_approved', 'not_approved', 'not_approved']);
  });

  it('takes back with a cancel only a request still open (pending, rejected or returned)', () => {
    const all: RequestStatus[] = ['pending', 'approved', 'rejected', 'returned', 'withdrawn'];
    expect(all.filter(withdrawsRequest)).toEqual(['pending', 'rejected', 'returned']);
  });
});

describe('what a move does to the plan (改期)', () => {
  const at = new Date('2026-12-08T02:00:00Z'); // 12月8日 10:00 北京时间
  const day = 86_400_000;
  const before = { at, budgetFen: 300_000 }; // ¥3,000

  it('within the tolerance keeps the approval and only moves the duty', () => {
    expect(planMove(before, { at: new Date(at.getTime() + 2 * day), budgetFen: 330_000 }, DEFAULT_TOLERANCE)).toEqual({ reapproval: false, status: 'approved', dutySuspended: false });
    expect(planMove(before, { at: new Date(at.getTime() - day), budgetFen: 0 }, DEFAULT_TOLERANCE)).toEqual({ reapproval: false, status: 'approved', dutySuspended: false });
  });

  it('beyond it — three days later, or ¥3,000 raised past 10% — goes back to approval with its duty suspended', () => {
    expect(planMove(before, { at: new Date(at.getTime() + 3 * day), budgetFen: 300_000 }, DEFAULT_TOLERANCE)).toEqual({ reapproval: true, status: 'pending', dutySuspended: true });
    expect(planMove(before, { at, budgetFen: 330_001 }, DEFAULT_TOLERANCE)).toEqual({ reapproval: true, status: 'pending', dutySuspended: true });
  });

  it('a plan filed without a budget that now wants one goes back to approval, and the setting decides the tolerance', () => {
    expect(planMove({ at, budgetFen: 0 }, { at, budgetFen: 100 }, DEFAULT_TOLERANCE).status).toBe('pending');
    expect(planMove(before, { at: new Date(at.getTime() + 5 * day), budgetFen: 300_000 }, { freeDays: 7, budgetPct: 10 }).status).toBe('approved');
  });
});
