/** Step-list bookkeeping shared by the reducer: building a round, moving on, transfers. */
import type { PlannedStep } from './chain.js';
import type { ApprovalStep } from './types.js';

/**
 * A new round's rows from a planned chain, appended after `startIndex`. The first active step is
 * made pending at `now`; the rest wait. Returns the rows and the pending index.
 */
export function roundFromPlan(plan: readonly PlannedStep[], round: number, startIndex: number, now: Date): { steps: ApprovalStep[]; current: number } {
  let current = -1;
  const steps = plan.map((p, i): ApprovalStep => {
    const index = startIndex + i;
    const first = !p.skipped && current < 0;
    if (first) current = index;
    return {
      index,
      round,
      tier: p.tier,
      approverId: p.approverId,
      status: p.skipped ? 'skipped' : first ? 'pending' : 'waiting',
      activatedAt: first ? now : null,
      decidedBy: null,
      decidedAt: null,
      comment: null,
      skipReason: p.skipped ? p.reason : null,
      escalatedFrom: !p.skipped ? (p.escalatedFrom ?? null) : null,
      escalatedTo: p.skipped ? (p.escalatedTo ?? null) : null,
      transferredTo: null,
    };
  });
  // deriveChain guarantees an active step; this keeps the invariant visible where it is relied on.
  if (current < 0) throw new Error('roundFromPlan: chain has no active step');
  return { steps, current };
}

/** The next waiting step of the same round after `index`, if any. */
export function nextWaiting(steps: readonly ApprovalStep[], index: number): ApprovalStep | undefined {
  const round = steps[index]?.round;
  return steps.slice(index + 1).find((s) => s.round === round && s.status === 'waiting');
}

/** Closes every not-yet-reached step of the round: the round ended before them. */
export function cancelRest(steps: ApprovalStep[], round: number, now: Date, by: string): void {
  for (const s of steps) {
    if (s.round === round && (s.status === 'waiting' || s.status === 'pending')) {
      s.status = 'cancelled';
      s.decidedBy = by;
      s.decidedAt = now;
    }
  }
}

/**
 * Inserts `replacement` right after `index` and renumbers what follows. Only waiting/skipped
 * steps of the current round follow a pending step, and no card or reminder points at those,
 * so renumbering them is safe.
 */
export function insertAfter(steps: readonly ApprovalStep[], index: number, replacement: ApprovalStep): ApprovalStep[] {
  const out = [...steps.slice(0, index + 1), replacement, ...steps.slice(index + 1)];
  return out.map((s, i) => (s.index === i ? s : { ...s, index: i }));
}

/**
 * Re-applies "ask each person once" to the rest of a round after its approver changed (a
 * transfer): a later step skipped because it repeated the old approver is asked again, and a
 * waiting step that repeats the new approver is skipped.
 */
export function reapplyAskOnce(steps: ApprovalStep[], fromIndex: number): void {
  const round = steps[fromIndex]?.round;
  let last = steps[fromIndex]?.approverId ?? null;
  for (const s of steps.slice(fromIndex + 1)) {
    if (s.round !== round) continue;
    if (s.status === 'skipped' && s.skipReason === 'same_as_previous' && s.approverId !== last) {
      s.status = 'waiting';
      s.skipReason = null;
    } else if (s.status === 'waiting' && s.approverId === last) {
      s.status = 'skipped';
      s.skipReason = 'same_as_previous';
    }
    if (s.status === 'waiting') last = s.approverId;
  }
}

export const cloneSteps = (steps: readonly ApprovalStep[]): ApprovalStep[] => steps.map((s) => ({ ...s }));
