/** The requester takes back a request that is still open (pending, rejected or returned). */
import type { Tx } from '../../../db/client.js';
import type { Member } from '../../domain/roster.js';
import { applyAction, type Applied, type UseCaseContext } from './apply.js';
import type { EffectOptions } from './effects.js';

export async function withdrawRequest(
  tx: Tx,
  input: { requestId: string; requester: Member; reason?: string | null; version?: number },
  ctx: UseCaseContext,
  o: EffectOptions = {},
): Promise<Applied> {
  return applyAction(tx, ctx, { requestId: input.requestId, actor: input.requester, action: { type: 'withdraw', reason: input.reason ?? null, version: input.version } }, o);
}
