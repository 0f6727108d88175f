/** Hands the current step to another active member of the same tier, with a reason. */
import type { Tx } from '../../../db/client.js';
import type { Member } from '../../domain/roster.js';
import type { Applied, UseCaseContext } from './apply.js';
import { decideRequest } from './decide.js';
import type { EffectOptions } from './effects.js';

export async function transferRequest(
  tx: Tx,
  input: { requestId: string; actor: Member; stepIndex: number; toId: string; reason: string; version?: number },
  ctx: UseCaseContext,
  o: EffectOptions = {},
): Promise<Applied> {
  const { requestId, actor, stepIndex, toId, reason, version } = input;
  return decideRequest(tx, { requestId, actor, action: { type: 'transfer', stepIndex, toId, reason, version } }, ctx, o);
}
