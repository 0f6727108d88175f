/**
 * What must hold for any stored approval, whatever sequence of actions led to it. The reducer's
 * tests check it after every transition; the repository can check it before writing.
 */
import type { ApprovalState } from './types.js';

/** Every broken rule, as a sentence; empty when the state is consistent. */
export function checkInvariants({ request, steps }: ApprovalState): string[] {
  const problems: string[] = [];
  steps.forEach((s, i) => {
    if (s.index !== i) problems.push(`step at position ${i} has index ${s.index}`);
    if (s.round > request.round) problems.push(`step ${i} belongs to future round ${s.round}`);
    if (s.approverId === request.requesterId && ['waiting', 'pending', 'approved', 'rejected', 'returned'].includes(s.status)) {
      problems.push(`step ${i} asks the requester to approve their own request`);
    }
    if (s.status === 'pending' && s.round !== request.round) problems.push(`step ${i} is pending in an old round`);
    if (s.round < request.round && (s.status === 'waiting' || s.status === 'pending')) problems.push(`step ${i} of an old round is still open`);
  });
  const pending = steps.filter((s) => s.status === 'pending');
  if (request.status === 'pending') {
    if (pending.length !== 1) problems.push(`a pending request needs exactly one pending step, has ${pending.length}`);
    else if (request.currentStep !== pending[0]!.index) problems.push(`currentStep ${request.currentStep} is not the pending step ${pending[0]!.index}`);
  } else {
    if (pending.length) problems.push(`a ${request.status} request has a pending step`);
    if (request.currentStep !== null) problems.push(`a ${request.status} request has currentStep ${request.currentStep}`);
  }
  const round = steps.filter((s) => s.round === request.round);
  if (request.status === 'approved' && round.some((s) => !['approved', 'skipped', 'transferred'].includes(s.status))) {
    problems.push('an approved request has an undecided step in its last round');
  }
  if ((request.status === 'rejected' || request.status === 'returned') && !round.some((s) => s.status === request.status)) {
    problems.push(`a ${request.status} request has no ${request.status} step in its last round`);
  }
  if (request.version < 1) problems.push('version starts at 1');
  return problems;
}
