/**
 * What a feature does when a request about its record moves on, keyed by the request's
 * `subject_type`. A feature that starts chains with submitRequest adds one line here.
 * Hooks run inside the transition's transaction: if one throws, the transition is undone.
 */
import type { Tx } from '../../../db/client.js';
import type { Card } from '../../../cards/kit.js';
import type { Member } from '../../domain/roster.js';
import type { Deps } from '../deps.js';
import { smallRequestHooks, SMALL_REQUEST_SUBJECT } from '../requests/hooks.js';
import { developmentHooks } from '../customer/development-hooks.js';
import type { StoredApproval } from './store.js';
import { visitHooks } from '../visit/hooks.js';
import { receptionHooks } from '../reception/submit-plan.js';
import { reimbursementHooks } from '../reimbursement/submit.js';
import { targetChangeHooks, TARGET_CHANGE_SUBJECT } from '../kpi/targets.js';

export interface HookContext {
  deps: Deps;
  tx: Tx;
  now: Date;
}

export interface ApprovalHooks {
  /** The last step approved: move the subject on (the visit becomes approved, the trip is booked…). */
  onApproved?(ctx: HookContext, approval: StoredApproval): Promise<void>;
  /**
   * "Edit & resubmit" pressed: the form to edit the subject, pre-filled, whose submit calls
   * resubmitRequest. Without it the request is resubmitted unchanged.
   */
  editCard?(ctx: HookContext, approval: StoredApproval, requester: Member): Promise<Card | null>;
  /** The request ended without approval (rejected, or withdrawn by the requester): undo "pending" states. */
  onEnded?(ctx: HookContext, approval: StoredApproval, outcome: 'rejected' | 'withdrawn'): Promise<void>;
  /** Returned for revision: the record's own cards stop saying 审批中. */
  onReturned?(ctx: HookContext, approval: StoredApproval): Promise<void>;
  /** Submitted again after a rejection or return (a new round). */
  onResubmitted?(ctx: HookContext, approval: StoredApproval): Promise<void>;
}

export const APPROVAL_HOOKS: Record<string, ApprovalHooks> = {
  [SMALL_REQUEST_SUBJECT]: smallRequestHooks,
  development: developmentHooks,
  visit: visitHooks,
  reception: receptionHooks,
  reimbursement: reimbursementHooks,
  [TARGET_CHANGE_SUBJECT]: targetChangeHooks,
};
