/**
 * The approval aggregate as data: one request row, its steps (all rounds, in order) and the
 * unions of actions, audit entries and effects the reducer in machine.ts speaks.
 */
import type { Roster } from '../roster.js';
import type { SkipReason } from './chain.js';
import type { RequestKind, Tier } from './kinds.js';

export type RequestStatus = 'pending' | 'approved' | 'rejected' | 'returned' | 'withdrawn';

/**
 * `cancelled`: a step of a round that ended before it was reached (reject, return, withdraw);
 * kept so the card can show the round as it stood, and so no reminder ever fires for it.
 */
export type StepStatus = 'waiting' | 'pending' | 'approved' | 'rejected' | 'returned' | 'skipped' | 'transferred' | 'cancelled';

export interface ApprovalRequest {
  id: string;
  kind: RequestKind;
  /** The record being approved (visit plan, reimbursement…), owned by its own module. */
  subjectId: string;
  requesterId: string;
  status: RequestStatus;
  round: number;
  /** Bumped on every transition; the store updates `where version = ?` so a double click loses. */
  version: number;
  /** Index of the step that is pending now; null once the request is no longer pending. */
  currentStep: number | null;
  hasBudget: boolean;
  submittedAt: Date;
  updatedAt: Date;
}

export interface ApprovalStep {
  /** Position in the request's step list (all rounds); a transfer renumbers only waiting steps after it. */
  index: number;
  round: number;
  tier: Tier;
  /** Who is (or was) asked; null only for a tier nobody holds. */
  approverId: string | null;
  status: StepStatus;
  /** When the step became pending: what the "not acted after 1 working day" reminder counts from. */
  activatedAt: Date | null;
  /** Who closed the step: the approver, an admin on their behalf, or the requester by withdrawing. */
  decidedBy: string | null;
  decidedAt: Date | null;
  comment: string | null;
  skipReason: SkipReason | null;
  escalatedFrom: Tier | null;
  escalatedTo: Tier | null;
  transferredTo: string | null;
}

export interface ApprovalState {
  request: ApprovalRequest;
  steps: ApprovalStep[];
}

/** Step-level actions carry the step and the card's version so an outdated card is detected. */
interface StepAction {
  stepIndex: number;
  version?: number;
}

export type ApprovalAction =
  | { type: 'submit'; id: string; kind: RequestKind; subjectId: string; hasBudget?: boolean }
  | ({ type: 'approve'; comment?: string | null } & StepAction)
  | ({ type: 'reject'; reason: string } & StepAction)
  | ({ type: 'return_for_revision'; reason: string } & StepAction)
  | ({ type: 'transfer'; toId: string; reason: string } & StepAction)
  | { type: 'resubmit'; hasBudget?: boolean; comment?: string | null; version?: number }
  | { type: 'withdraw'; reason?: string | null; version?: number };

export type ApprovalActionType = ApprovalAction['type'];

export interface AuditEntry {
  requestId: string;
  round: number;
  stepIndex: number | null;
  action: ApprovalActionType | 'skip';
  actorId: string;
  /** Set when an admin decided in place of the step's approver. */
  onBehalfOf: string | null;
  at: Date;
  comment: string | null;
  /** Transfer target, or for a skip the reason it was skipped. */
  detail: string | null;
}

export type RequesterOutcome = 'submitted' | 'approved' | 'rejected' | 'returned';

export type ApprovalEffect =
  | { type: 'notify_approver'; requestId: string; approverId: string; stepIndex: number }
  | { type: 'notify_requester'; requestId: string; requesterId: string; outcome: RequesterOutcome; byId: string; reason: string | null }
  | { type: 'notify_withdrawn'; requestId: string; approverId: string; stepIndex: number }
  | { type: 'notify_admins'; requestId: string; reason: 'roster_gap' | 'approver_inactive'; tiers: Tier[] }
  | { type: 'subject_submitted'; requestId: string; kind: RequestKind; subjectId: string; round: number }
  | { type: 'subject_approved'; requestId: string; kind: RequestKind; subjectId: string }
  | { type: 'subject_rejected'; requestId: string; kind: RequestKind; subjectId: string; reason: string }
  | { type: 'subject_returned'; requestId: string; kind: RequestKind; subjectId: string; reason: string }
  | { type: 'subject_withdrawn'; requestId: string; kind: RequestKind; subjectId: string }
  | { type: 'refresh_cards'; requestId: string };

export interface DecideContext {
  roster: Roster;
  /** Open ids from KAM_ADMINS; members with the admin role count too. */
  admins: readonly string[];
  now: Date;
  /** Company zone for the times quoted in refusals; defaults to Asia/Shanghai. */
  timeZone?: string;
}

export interface Decision {
  state: ApprovalState;
  audit: AuditEntry[];
  effects: ApprovalEffect[];
}
