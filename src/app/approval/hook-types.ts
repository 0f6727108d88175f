/**
 * The shape of a feature's approval hooks, generic over the deps they are handed, so that Deps
 * (which carries the registry) and the hooks (which are handed Deps) need not import each other.
 * Features use the concrete ApprovalHooks / HookContext of ./hooks.ts.
 */
import type { Tx } from '../../../db/client.js';
import type { Card } from '../../../cards/kit.js';
import type { Member, Roster } from '../../domain/roster.js';
import type { StoredApproval } from './store.js';
import type { SettingsRows } from '../settings-rows.js';

export interface HookContextOf<D> {
  deps: D;
  tx: Tx;
  now: Date;
  /** The roster already read in this transaction, when the caller holds it. */
  roster?: Roster;
  /** The settings rows this transaction reads once (a click's), when the caller holds them. */
  settings?: SettingsRows;
}

export interface ApprovalHooksOf<D> {
  /** The last step approved: move the subject on (the visit becomes approved, the trip is booked…). */
  onApproved?(ctx: HookContextOf<D>, approval: StoredApproval): Promise<void>;
  /**
   * "Edit & resubmit" pressed: the form to edit the subject, pre-filled, whose submit calls
   * resubmitRequest. Without it the request is resubmitted unchanged.
   */
  editCard?(ctx: HookContextOf<D>, approval: StoredApproval, requester: Member): Promise<Card | null>;
  /** The request ended without approval (rejected, or withdrawn by the requester): undo "pending" states. */
  onEnded?(ctx: HookContextOf<D>, approval: StoredApproval, outcome: 'rejected' | 'withdrawn'): Promise<void>;
  /** Returned for revision: the record's own cards stop saying 审批中. */
  onReturned?(ctx: HookContextOf<D>, approval: StoredApproval): Promise<void>;
  /** Submitted again after a rejection or return (a new round). */
  onResubmitted?(ctx: HookContextOf<D>, approval: StoredApproval): Promise<void>;
}
