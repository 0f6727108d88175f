/**
 * The approver's side of the machine: approve, reject, return for revision, transfer. Each
 * first proves the click is still meaningful (the step is pending) and allowed (the actor is
 * the step's approver or an admin, never the requester), then moves the chain on.
 */
import { i18n } from '../i18n.js';
import { isAdmin, type Member } from '../roster.js';
import * as msg from './messages.js';
import { checkVersion, cleanText, entry, lastDecided, requireReason, tzOf } from './records.js';
import { cancelRest, cloneSteps, insertAfter, nextWaiting, reapplyAskOnce } from './steps.js';
import type { ApprovalAction, ApprovalEffect, ApprovalRequest, ApprovalState, ApprovalStep, AuditEntry, DecideContext, Decision } from './types.js';

export type StepAction = Extract<ApprovalAction, { type: 'approve' | 'reject' | 'return_for_revision' | 'transfer' }>;

export function decideStep(state: ApprovalState, action: StepAction, actor: Member, ctx: DecideContext): Decision {
  const { request } = state;
  const tz = tzOf(ctx);
  const step = state.steps[action.stepIndex];
  if (!step) throw msg.noSuchStep(action.stepIndex);
  if (step.status !== 'pending') {
    if (step.decidedAt && step.status !== 'cancelled') throw msg.alreadyHandled(ctx.roster, step, tz);
    if (request.status !== 'pending') throw msg.requestClosed(ctx.roster, request, lastDecided(state.steps), tz);
    throw msg.alreadyHandled(ctx.roster, step, tz);
  }
  // Nobody decides on their own request, not even an admin.
  if (actor.openId === request.requesterId) throw msg.forbiddenOwnRequest(ctx.roster, step);
  const asApprover = actor.active && actor.openId === step.approverId;
  if (!asApprover && !isAdmin(actor, ctx.admins)) throw msg.forbiddenNotApprover(ctx.roster, step);
  checkVersion(request, action.version);

  const steps = cloneSteps(state.steps);
  const next: ApprovalRequest = { ...request, version: request.version + 1, updatedAt: ctx.now };
  const s = steps[action.stepIndex]!;
  const base = { actorId: actor.openId, at: ctx.now, stepIndex: s.index, onBehalfOf: asApprover ? null : s.approverId };
  const effects: ApprovalEffect[] = [];
  let audit: AuditEntry;

  switch (action.type) {
    case 'approve': {
      const comment = cleanText(action.comment);
      Object.assign(s, { status: 'approved', decidedBy: actor.openId, decidedAt: ctx.now, comment });
      audit = entry(next, { ...base, action: 'approve', comment });
      const following = nextWaiting(steps, s.index);
      if (following) {
        Object.assign(following, { status: 'pending', activatedAt: ctx.now });
        next.currentStep = following.index;
        effects.push({ type: 'notify_approver', requestId: next.id, approverId: following.approverId!, stepIndex: following.index });
        // The chain was planned at submit; if this approver has left since, an admin must act or transfer.
        if (!ctx.roster.get(following.approverId!)?.active) {
          effects.push({ type: 'notify_admins', requestId: next.id, reason: 'approver_inactive', tiers: [following.tier] });
        }
      } else {
        next.status = 'approved';
        next.currentStep = null;
        effects.push(
          { type: 'subject_approved', requestId: next.id, kind: next.kind, subjectId: next.subjectId },
          { type: 'notify_requester', requestId: next.id, requesterId: next.requesterId, outcome: 'approved', byId: actor.openId, reason: null },
        );
      }
      break;
    }
    case 'reject':
    case 'return_for_revision': {
      const rejecting = action.type === 'reject';
      const reason = requireReason(action.reason, rejecting ? i18n('驳回', 'reject') : i18n('退回修改', 'return it for revision'));
      const status = rejecting ? 'rejected' : 'returned';
      Object.assign(s, { status, decidedBy: actor.openId, decidedAt: ctx.now, comment: reason });
      cancelRest(steps, s.round, ctx.now, actor.openId);
      next.status = status;
      next.currentStep = null;
      audit = entry(next, { ...base, action: action.type, comment: reason });
      effects.push(
        rejecting
          ? { type: 'subject_rejected', requestId: next.id, kind: next.kind, subjectId: next.subjectId, reason }
          : { type: 'subject_returned', requestId: next.id, kind: next.kind, subjectId: next.subjectId, reason },
        { type: 'notify_requester', requestId: next.id, requesterId: next.requesterId, outcome: status, byId: actor.openId, reason },
      );
      break;
    }
    case 'transfer': {
      const reason = requireReason(action.reason, i18n('转交', 'transfer it'));
      const target = ctx.roster.get(action.toId);
      const eligible = target?.active && target.role === s.tier && target.openId !== s.approverId && target.openId !== request.requesterId;
      if (!eligible) throw msg.badTransferTarget(s.tier);
      Object.assign(s, { status: 'transferred', decidedBy: actor.openId, decidedAt: ctx.now, comment: reason, transferredTo: action.toId });
      const replacement: ApprovalStep = {
        ...s,
        index: s.index + 1,
        approverId: action.toId,
        status: 'pending',
        activatedAt: ctx.now,
        decidedBy: null,
        decidedAt: null,
        comment: null,
        transferredTo: null,
      };
      const moved = insertAfter(steps, s.index, replacement);
      reapplyAskOnce(moved, replacement.index);
      next.currentStep = replacement.index;
      audit = entry(next, { ...base, action: 'transfer', comment: reason, detail: action.toId });
      effects.push({ type: 'notify_approver', requestId: next.id, approverId: action.toId, stepIndex: replacement.index });
      effects.push({ type: 'refresh_cards', requestId: next.id });
      return { state: { request: next, steps: moved }, audit: [audit], effects };
    }
  }
  effects.push({ type: 'refresh_cards', requestId: next.id });
  return { state: { request: next, steps }, audit: [audit], effects };
}
