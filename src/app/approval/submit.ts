/**
 * Starts an approval chain for a feature's record. The generic entry point: visit plans,
 * development applications, reimbursements and the small requests all call this with their
 * own subject and the key fields the cards should show.
 */
import type { Tx } from '../../../db/client.js';
import { decide, type RequestKind } from '../../domain/approval/index.js';
import type { FieldRow } from '../../domain/approval/view.js';
import type { I18nText } from '../../domain/i18n.js';
import type { Member } from '../../domain/roster.js';
import { renderEnv, type UseCaseContext } from './apply.js';
import { carryOut } from './effects.js';
import { insertApproval, type StoredApproval } from './store.js';

export interface SubmitInput {
  kind: RequestKind;
  /** The feature's record: its hooks are looked up by `subjectType` (see hooks.ts). */
  subjectType: string;
  subjectId: string;
  requester: Member;
  /** Key fields, formatted (¥ amounts, company-zone dates), in both languages where it matters. */
  fields: FieldRow[];
  /** One line for the list cards. */
  summary: I18nText | string;
  /** Whether the request carries money; a tier that only releases funds is skipped without it. */
  hasBudget: boolean;
  /** The request's id, when the caller made it first (to file its record with it); else one is made here. */
  id?: string;
}

/**
 * Plans the chain from the roster, stores the request, sends the first approver their card and
 * the requester a live status card. Throws DomainError (nobody can approve, inactive requester).
 */
export async function submitRequest(tx: Tx, input: SubmitInput, ctx: UseCaseContext): Promise<{ requestId: string }> {
  const env = await renderEnv(tx, ctx.deps, ctx.roster);
  const requester = env.roster.get(input.requester.openId) ?? input.requester;
  const id = input.id ?? ctx.deps.ids.newId();
  const decision = decide(
    null,
    { type: 'submit', id, kind: input.kind, subjectId: input.subjectId, hasBudget: input.hasBudget },
    requester,
    { roster: env.roster, admins: ctx.deps.config.admins, now: ctx.now, timeZone: ctx.deps.config.timeZone },
  );
  const stored: StoredApproval = { state: decision.state, subjectType: input.subjectType, fields: input.fields, summary: input.summary };
  await insertApproval(tx, stored, decision.audit);
  await carryOut({ deps: ctx.deps, tx, now: ctx.now, roster: env.roster, ...(ctx.settings ? { settings: ctx.settings } : {}) }, env, stored, decision.effects);
  return { requestId: id };
}
