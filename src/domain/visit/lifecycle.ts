/**
 * The life of a visit or reception plan (domain.md §3.2, §3.3), the same for both: filed into its
 * chain (`pending`), approved, then done (a visit `recorded`, a reception `reported`) or
 * cancelled with a reason. Between approval and the day it may move (改期): within the
 * tolerance the approval stands, beyond it the plan goes through the chain again.
 */
import type { RequestStatus } from '../approval/types.js';

/** The states a visit or a reception plan is in (visits are 'recorded', receptions 'reported' once done). */
export type PlannedStatus = 'pending' | 'approved' | 'recorded' | 'reported' | 'cancelled';

/**
 * Whether 改期 works: only an approved visit or reception moves. A plan still in its chain (or
 * back from it rejected or returned) is withdrawn or edited and filed again instead, so its card
 * does not offer 改期 and the handler refuses it with that advice.
 */
export const canReschedule = (status: PlannedStatus): boolean => status === 'approved';

/** Whether 取消 works: a plan not yet done; one still in approval has its request withdrawn with it. */
export const canCancel = (status: PlannedStatus): boolean => status === 'pending' || status === 'approved';

/**
 * Why a plan may not move, if it may not: still in its chain (the advice is to withdraw and file
 * again), or past the point where moving means anything (done or cancelled).
 */
export function rescheduleRefusal(status: PlannedStatus): 'in_approval' | 'not_approved' | null {
  if (status === 'pending') return 'in_approval';
  return canReschedule(status) ? null : 'not_approved';
}

/**
 * Whether a cancel takes the plan's request back with it: one still open (pending, or back from
 * a rejection or a return) is withdrawn; an approved one is history, a withdrawn one is already.
 */
export const withdrawsRequest = (status: RequestStatus): boolean => status !== 'approved' && status !== 'withdrawn';

export interface RescheduleTolerance {
  /** A move of the visit by at most this many days keeps the approval. */
  freeDays: number;
  /** A budget increase of at most this percentage keeps the approval (a decrease always does). */
  budgetPct: number;
}

export const DEFAULT_TOLERANCE: RescheduleTolerance = { freeDays: 2, budgetPct: 10 };

/** Whether a change of date or budget needs the chain again. */
export function needsReapproval(before: { at: Date; budgetFen: number }, after: { at: Date; budgetFen: number }, t: RescheduleTolerance): boolean {
  const movedDays = Math.abs(after.at.getTime() - before.at.getTime()) / 86_400_000;
  if (movedDays > t.freeDays) return true;
  if (after.budgetFen > before.budgetFen) {
    if (before.budgetFen === 0) return true;
    return (after.budgetFen - before.budgetFen) * 100 > before.budgetFen * t.budgetPct;
  }
  return false;
}

/**
 * What a move of an approved plan does: beyond the tolerance it is `pending` again, a new request
 * is filed and its duty (record or report) waits suspended for that approval; within it the plan
 * stays `approved` and the duty just moves with the day.
 */
export function planMove(before: { at: Date; budgetFen: number }, after: { at: Date; budgetFen: number }, t: RescheduleTolerance): { reapproval: boolean; status: 'pending' | 'approved'; dutySuspended: boolean } {
  const reapproval = needsReapproval(before, after, t);
  return { reapproval, status: reapproval ? 'pending' : 'approved', dutySuspended: reapproval };
}
