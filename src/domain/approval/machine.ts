/**
 * The approval state machine as one pure reducer. It never reads the clock or the database:
 * the caller passes the stored state, the acting member (looked up from the roster by the
 * clicker's open_id, never from the card) and `now`, then persists the returned state with a
 * conditional update on the old `version`, writes the audit rows and carries out the effects.
 *
 * Transitions (request status):
 *   (none)    --submit-->                         pending
 *   pending   --approve (last active step)-->     approved
 *   pending   --approve (more steps)/transfer-->  pending   (current step moves)
 *   pending   --reject-->                         rejected
 *   pending   --return_for_revision-->            returned
 *   rejected|returned --resubmit-->               pending   (round + 1, chain re-derived)
 *   pending|rejected|returned --withdraw-->       withdrawn
 */
import { DomainError } from '../errors.js';
import { i18n } from '../i18n.js';
import type { Member } from '../roster.js';
import { deriveChain } from './chain.js';
import { decideStep } from './decide-step.js';
import * as msg from './messages.js';
import { checkVersion, cleanText, entry, lastDecided, roundRecords, tzOf } from './records.js';
import { cancelRest, cloneSteps, roundFromPlan } from './steps.js';
import type { ApprovalAction, ApprovalEffect, ApprovalRequest, ApprovalState, DecideContext, Decision } from './types.js';

type StepActionOf<T extends ApprovalAction['type']> = Extract<ApprovalAction, { type: T }>;

/**
 * Applies `action` by `actor` to `state` (null only for `submit`). Returns the next state (a new
 * object; the input is not mutated), the audit entries to append and the effects to carry out.
 * Throws DomainError: FORBIDDEN (wrong person), CONFLICT (step or card already moved on),
 * VALIDATION (missing reason, bad transfer target), INVALID_TRANSITION (action not possible in
 * this status), NOT_FOUND, PRECONDITION_FAILED (nobody can approve).
 */
export function decide(state: ApprovalState | null, action: ApprovalAction, actor: Member, ctx: DecideContext): Decision {
  if (action.type === 'submit') return submit(state, action, actor, ctx);
  if (!state) throw new DomainError('NOT_FOUND', i18n('找不到该申请。', 'Request not found.'));
  switch (action.type) {
    case 'resubmit':
      return resubmit(state, action, actor, ctx);
    case 'withdraw':
      return withdraw(state, action, actor, ctx);
    default:
      return decideStep(state, action, actor, ctx);
  }
}

function submit(state: ApprovalState | null, action: StepActionOf<'submit'>, actor: Member, ctx: DecideContext): Decision {
  if (state) throw msg.alreadySubmitted();
  if (!actor.active) throw msg.forbiddenInactive();
  const hasBudget = action.hasBudget ?? true;
  const plan = deriveChain(action.kind, actor, ctx.roster, { hasBudget });
  const { steps, current } = roundFromPlan(plan, 1, 0, ctx.now);
  const request: ApprovalRequest = {
    id: action.id,
    kind: action.kind,
    subjectId: action.subjectId,
    requesterId: actor.openId,
    status: 'pending',
    round: 1,
    version: 1,
    currentStep: current,
    hasBudget,
    submittedAt: ctx.now,
    updatedAt: ctx.now,
  };
  const rec = roundRecords(request, steps, actor.openId, ctx.now);
  return {
    state: { request, steps },
    audit: [entry(request, { action: 'submit', actorId: actor.openId, at: ctx.now }), ...rec.audit],
    effects: [
      { type: 'subject_submitted', requestId: request.id, kind: request.kind, subjectId: request.subjectId, round: 1 },
      { type: 'notify_approver', requestId: request.id, approverId: steps[current]!.approverId!, stepIndex: current },
      { type: 'notify_requester', requestId: request.id, requesterId: actor.openId, outcome: 'submitted', byId: actor.openId, reason: null },
      ...rec.effects,
    ],
  };
}

function resubmit(state: ApprovalState, action: StepActionOf<'resubmit'>, actor: Member, ctx: DecideContext): Decision {
  const { request } = state;
  if (actor.openId !== request.requesterId) throw msg.forbiddenNotRequester(ctx.roster, request, i18n('重新提交', 'resubmit'));
  if (request.status !== 'rejected' && request.status !== 'returned') {
    throw msg.requestClosed(ctx.roster, request, lastDecided(state.steps), tzOf(ctx), 'INVALID_TRANSITION');
  }
  checkVersion(request, action.version);
  const comment = cleanText(action.comment);
  const hasBudget = action.hasBudget ?? request.hasBudget;
  // The roster may have changed since the first round (someone left, a new manager): plan afresh.
  const requester = ctx.roster.get(request.requesterId) ?? actor;
  const plan = deriveChain(request.kind, requester, ctx.roster, { hasBudget });
  const round = request.round + 1;
  const fresh = roundFromPlan(plan, round, state.steps.length, ctx.now);
  const next: ApprovalRequest = {
    ...request,
    status: 'pending',
    round,
    version: request.version + 1,
    currentStep: fresh.current,
    hasBudget,
    updatedAt: ctx.now,
  };
  const steps = [...cloneSteps(state.steps), ...fresh.steps];
  const rec = roundRecords(next, steps, actor.openId, ctx.now);
  const pending = steps[fresh.current]!;
  return {
    state: { request: next, steps },
    audit: [entry(next, { action: 'resubmit', actorId: actor.openId, at: ctx.now, comment }), ...rec.audit],
    effects: [
      { type: 'subject_submitted', requestId: next.id, kind: next.kind, subjectId: next.subjectId, round },
      { type: 'notify_approver', requestId: next.id, approverId: pending.approverId!, stepIndex: pending.index },
      ...rec.effects,
      { type: 'refresh_cards', requestId: next.id },
    ],
  };
}

function withdraw(state: ApprovalState, action: StepActionOf<'withdraw'>, actor: Member, ctx: DecideContext): Decision {
  const { request } = state;
  if (actor.openId !== request.requesterId) throw msg.forbiddenNotRequester(ctx.roster, request, i18n('撤回', 'withdraw'));
  if (request.status === 'approved' || request.status === 'withdrawn') {
    throw msg.requestClosed(ctx.roster, request, lastDecided(state.steps), tzOf(ctx), 'INVALID_TRANSITION');
  }
  checkVersion(request, action.version);
  const reason = cleanText(action.reason);
  const steps = cloneSteps(state.steps);
  const pending = request.currentStep !== null ? steps[request.currentStep] : undefined;
  cancelRest(steps, request.round, ctx.now, actor.openId);
  // The step that was waiting on someone keeps the requester's reason, so every card can show it.
  if (pending) pending.comment = reason;
  const next: ApprovalRequest = { ...request, status: 'withdrawn', currentStep: null, version: request.version + 1, updatedAt: ctx.now };
  const effects: ApprovalEffect[] = [{ type: 'subject_withdrawn', requestId: next.id, kind: next.kind, subjectId: next.subjectId }];
  if (pending?.approverId) effects.push({ type: 'notify_withdrawn', requestId: next.id, approverId: pending.approverId, stepIndex: pending.index });
  effects.push({ type: 'refresh_cards', requestId: next.id });
  return {
    state: { request: next, steps },
    audit: [entry(next, { action: 'withdraw', actorId: actor.openId, at: ctx.now, comment: reason })],
    effects,
  };
}
