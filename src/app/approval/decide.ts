/** An approver's decision on the current step: approve, reject, return for revision, transfer. */
import type { Tx } from '../../../db/client.js';
import type { ApprovalAction } from '../../domain/approval/index.js';
import type { Member } from '../../domain/roster.js';
import { applyAction, type Applied, type UseCaseContext } from './apply.js';
import type { EffectOptions } from './effects.js';

export type StepDecision = Extract<ApprovalAction, { type: 'approve' | 'reject' | 'return_for_revision' | 'transfer' }>;

/**
 * Authority, the step's state and the card's version are checked by the reducer against the
 * roster and the stored state; the save is conditional on the version read, so of two
 * simultaneous clicks one transitions and the other gets "already handled by X at T".
 */
export async function decideRequest(tx: Tx, input: { requestId: string; actor: Member; action: StepDecision }, ctx: UseCaseContext, o: EffectOptions = {}): Promise<Applied> {
  return applyAction(tx, ctx, input, o);
}
