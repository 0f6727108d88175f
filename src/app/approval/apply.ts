/**
 * The one path every transition after submit takes: load, run the pure reducer, save under the
 * version gate, carry out the effects. Losing the gate (someone else moved the request first)
 * is answered from the state that won: "already handled by X at T".
 */
import type { Tx } from '../../../db/client.js';
import { decide, type ApprovalAction } from '../../domain/approval/index.js';
import { staleCard } from '../../domain/approval/messages.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import { rosterOf, type Member, type Roster } from '../../domain/roster.js';
import type { FieldRow } from '../../domain/approval/view.js';
import type { Deps } from '../deps.js';
import { listMembers } from '../roster.js';
import type { SettingsRows } from '../settings-rows.js';
import { carryOut, type EffectOptions } from './effects.js';
import type { RenderEnv } from './render.js';
import { loadApproval, saveTransition, type StoredApproval } from './store.js';

export interface UseCaseContext {
  deps: Deps;
  now: Date;
  /** The roster already read in this transaction (a card click reads it once). */
  roster?: Roster;
  /** The settings rows, read once per click (see settings-rows.ts). */
  settings?: SettingsRows;
}

export async function renderEnv(tx: Tx, deps: Deps, roster?: Roster): Promise<RenderEnv> {
  return { roster: roster ?? rosterOf(await listMembers(tx)), config: deps.config };
}

export const notFound = (): DomainError => new DomainError('NOT_FOUND', i18n('找不到该申请，可能已被删除。', 'That request was not found.'));

export async function loadOrThrow(tx: Tx, requestId: string): Promise<StoredApproval> {
  const stored = await loadApproval(tx, requestId);
  if (!stored) throw notFound();
  return stored;
}

export interface Applied {
  after: StoredApproval;
  env: RenderEnv;
}

export async function applyAction(
  tx: Tx,
  ctx: UseCaseContext,
  input: { requestId: string; actor: Member; action: ApprovalAction; display?: { fields: FieldRow[]; summary: I18nText | string } },
  o: EffectOptions = {},
): Promise<Applied> {
  const env = await renderEnv(tx, ctx.deps, ctx.roster);
  const before = await loadOrThrow(tx, input.requestId);
  const dctx = { roster: env.roster, admins: ctx.deps.config.admins, now: ctx.now, timeZone: ctx.deps.config.timeZone };
  const actor = env.roster.get(input.actor.openId) ?? input.actor;
  let decision: ReturnType<typeof decide>;
  try {
    decision = decide(before.state, input.action, actor, dctx);
  } catch (e) {
    throw refusedAt(e, before);
  }
  if (!(await saveTransition(tx, before.state.request.version, decision.state, decision.audit, input.display))) {
    ctx.deps.log.info('approval.lost_race', { requestId: input.requestId, action: input.action.type, actorId: actor.openId });
    throw await whyLost(tx, input, actor, dctx);
  }
  const after: StoredApproval = { ...before, ...(input.display ?? {}), state: decision.state };
  await carryOut({ deps: ctx.deps, tx, now: ctx.now, roster: env.roster, ...(ctx.settings ? { settings: ctx.settings } : {}) }, env, after, decision.effects, o);
  return { after, env };
}

/**
 * The request as it stood when a rule refused an action on it (nothing written since): a refused
 * click answers with the card as it is now, and need not read the request a second time.
 */
const standing = new WeakMap<DomainError, StoredApproval>();
export const approvalAtRefusal = (e: DomainError): StoredApproval | undefined => standing.get(e);
function refusedAt(e: unknown, stored: StoredApproval): unknown {
  if (isDomainError(e)) standing.set(e, stored);
  return e;
}

/**
 * Another transaction committed a transition between our read and our write. Replaying the
 * action on what it committed (ignoring the card's version) yields the refusal the user should
 * see — "already handled by X at T", "this request is withdrawn"; if it would still apply, the
 * card was merely out of date.
 */
async function whyLost(tx: Tx, input: { requestId: string; action: ApprovalAction }, actor: Member, dctx: Parameters<typeof decide>[3]): Promise<DomainError> {
  const fresh = await loadOrThrow(tx, input.requestId);
  try {
    decide(fresh.state, { ...input.action, version: undefined } as ApprovalAction, actor, dctx);
  } catch (e) {
    if (isDomainError(e)) return refusedAt(e.code === 'CONFLICT' ? e : new DomainError('CONFLICT', e.userMessage, e.details), fresh) as DomainError;
    throw e;
  }
  return refusedAt(staleCard(), fresh) as DomainError;
}
