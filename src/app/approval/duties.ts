/**
 * Keeps the reminder duties of a request's steps in step with its state: a step that becomes
 * pending is a duty for its approver (nudged after one working day; their superior told after
 * three), a decided step's duty is done, and a step that no longer waits on that person
 * (transferred, withdrawn, cancelled) has its duty cancelled. Runs after every transition.
 */
import { kindLabel } from '../../domain/approval/index.js';
import { reviewerOf } from '../../domain/roster.js';
import { cancelObligationsOf, closeObligationsOf, openObligationFor } from '../obligations/index.js';
import { viewValue } from '../../../cards/approval-values.js';
import type { HookContext } from './hooks.js';
import type { RenderEnv } from './render.js';
import type { StoredApproval } from './store.js';

export const APPROVAL_STEP_SUBJECT = 'approval_step';

const DECIDED = new Set(['approved', 'rejected', 'returned']);

export async function syncApprovalDuties(ctx: HookContext, env: RenderEnv, after: StoredApproval): Promise<void> {
  const r = after.state.request;
  const label = kindLabel(r.kind);
  const requesterName = env.roster.get(r.requesterId)?.name ?? '';
  // The decided and the cancelled steps' duties, each set closed in one statement (not one per step).
  const decided: string[] = [];
  const dropped: string[] = [];
  for (const step of after.state.steps) {
    const subject = { type: APPROVAL_STEP_SUBJECT, id: `${r.id}:${step.index}` };
    if (step.status === 'pending' && step.approverId) {
      const approver = env.roster.get(step.approverId);
      const superior = approver ? reviewerOf(env.roster, approver) : null;
      await openObligationFor(ctx.tx, env.config.timeZone, {
        kind: 'approval_step',
        subjectType: subject.type,
        subjectId: subject.id,
        ownerId: step.approverId,
        managerId: superior && superior.openId !== step.approverId ? superior.openId : null,
        anchorAt: step.activatedAt ?? ctx.now,
        meta: { title: `${label.zh_cn} · ${requesterName}`, action: viewValue(r.id) },
      }, ctx.settings ? { settings: ctx.settings } : {});
    } else if (DECIDED.has(step.status)) {
      decided.push(subject.id);
    } else if (step.status !== 'waiting') {
      dropped.push(subject.id);
    }
  }
  await closeObligationsOf(ctx.tx, 'approval_step', APPROVAL_STEP_SUBJECT, decided, ctx.now);
  await cancelObligationsOf(ctx.tx, 'approval_step', APPROVAL_STEP_SUBJECT, dropped, ctx.now);
}
