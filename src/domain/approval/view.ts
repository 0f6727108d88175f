/**
 * What the approval cards show, computed from the stored state and the roster: names instead
 * of open ids, times in the company zone, and — per viewer — whether they may act now. Cards
 * render this and nothing else, so "who may press which button" is decided here, in the
 * domain, and re-checked by the reducer on every click.
 */
import { i18n, type I18nText } from '../i18n.js';
import { isAdmin, type Roster } from '../roster.js';
import { formatDateTime } from '../time.js';
import { kindLabel, TIER_LABEL, type RequestKind, type Tier } from './kinds.js';
import { REQUEST_STATUS_LABEL, SKIP_REASON_LABEL, STEP_STATUS_LABEL } from './labels.js';
import { DEFAULT_TIME_ZONE, nameOf } from './messages.js';
import type { ApprovalState, ApprovalStep, RequestStatus, StepStatus } from './types.js';

/** One "label: value" row of what is being asked; values come pre-formatted (¥, company-zone dates). */
export interface FieldRow {
  label: I18nText;
  value: I18nText | string;
}

export const STEP_ICON: Record<StepStatus, string> = {
  approved: '✓',
  rejected: '✗',
  returned: '↩',
  pending: '⏳',
  waiting: '○',
  skipped: '⤼',
  transferred: '⇄',
  cancelled: '–',
};

export interface StepView {
  index: number;
  round: number;
  tier: Tier;
  tierLabel: I18nText;
  status: StepStatus;
  statusLabel: I18nText;
  icon: string;
  approverName: string;
  /** Who closed the step, when it was not the approver (an admin, or the requester by withdrawing). */
  decidedByName: string | null;
  decidedAt: string | null;
  /** When the step was put to its approver (pending since). */
  activatedAt: string | null;
  comment: string | null;
  /** Why the step looks the way it does: skip reason, escalation, transfer target. */
  note: I18nText | null;
}

export interface ApprovalView {
  requestId: string;
  kind: RequestKind;
  kindLabel: I18nText;
  status: RequestStatus;
  statusLabel: I18nText;
  round: number;
  version: number;
  requesterName: string;
  submittedAt: string;
  fields: FieldRow[];
  /** The current round's steps, in order. */
  steps: StepView[];
  /** Earlier rounds, oldest first (kept for the history panel). */
  history: { round: number; steps: StepView[] }[];
  /** The pending step, if any. */
  current: StepView | null;
  /** How the request ended, for the "who, when, why" line; null while pending. */
  outcome: { status: RequestStatus; byName: string; at: string; reason: string | null } | null;
  viewer: {
    canDecide: boolean;
    /** The viewer may decide only because they are an admin. */
    asAdmin: boolean;
    isRequester: boolean;
    canWithdraw: boolean;
    canResubmit: boolean;
  };
  /** Active members of the current step's tier the viewer could hand the step to. */
  transferCandidates: { id: string; name: string }[];
}

export interface ViewOptions {
  roster: Roster;
  /** Whose copy of the card this is; null for a copy nobody acts from (a group post). */
  viewerId: string | null;
  admins?: readonly string[];
  timeZone?: string;
  fields?: FieldRow[];
}

function stepNote(s: ApprovalStep, roster: Roster): I18nText | null {
  if (s.status === 'skipped' && s.skipReason) {
    const why = SKIP_REASON_LABEL[s.skipReason];
    if (!s.escalatedTo) return why;
    const to = TIER_LABEL[s.escalatedTo];
    return i18n(`${why.zh_cn}，已上报至${to.zh_cn}`, `${why.en_us}; escalated to ${to.en_us.toLowerCase()}`);
  }
  if (s.status === 'transferred' && s.transferredTo) {
    const to = nameOf(roster, s.transferredTo);
    return i18n(`已转交给 ${to}`, `transferred to ${to}`);
  }
  if (s.escalatedFrom) {
    const from = TIER_LABEL[s.escalatedFrom];
    return i18n(`代${from.zh_cn}（无可用审批人）`, `standing in for ${from.en_us.toLowerCase()} (nobody available)`);
  }
  return null;
}

export function stepView(s: ApprovalStep, roster: Roster, timeZone: string): StepView {
  // A cancelled step was never decided: its close time and closer belong to the step that ended the round.
  const cancelled = s.status === 'cancelled';
  const closedByOther = !cancelled && s.decidedBy !== null && s.decidedBy !== s.approverId;
  return {
    index: s.index,
    round: s.round,
    tier: s.tier,
    tierLabel: TIER_LABEL[s.tier],
    status: s.status,
    statusLabel: STEP_STATUS_LABEL[s.status],
    icon: STEP_ICON[s.status],
    approverName: s.approverId ? nameOf(roster, s.approverId) : '—',
    decidedByName: closedByOther ? nameOf(roster, s.decidedBy) : null,
    decidedAt: s.decidedAt && s.status !== 'skipped' && !cancelled ? formatDateTime(s.decidedAt, timeZone) : null,
    activatedAt: s.activatedAt ? formatDateTime(s.activatedAt, timeZone) : null,
    comment: s.comment,
    note: stepNote(s, roster),
  };
}

/** The view of one request for one viewer. */
export function buildApprovalView(state: ApprovalState, opts: ViewOptions): ApprovalView {
  const { request } = state;
  const tz = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const views = state.steps.map((s) => stepView(s, opts.roster, tz));
  const current = request.currentStep !== null ? (views[request.currentStep] ?? null) : null;
  const currentStep = request.currentStep !== null ? state.steps[request.currentStep] : undefined;

  const viewer = opts.viewerId ? opts.roster.get(opts.viewerId) : undefined;
  const isRequester = opts.viewerId === request.requesterId;
  const isApprover = !!viewer?.active && !!currentStep && currentStep.approverId === viewer.openId;
  const admin = !!viewer?.active && isAdmin(viewer, opts.admins ?? []);
  const canDecide = request.status === 'pending' && !!currentStep && !isRequester && (isApprover || admin);
  const open = request.status === 'pending' || request.status === 'rejected' || request.status === 'returned';

  const transferCandidates =
    canDecide && currentStep
      ? [...opts.roster.values()]
          .filter((m) => m.active && m.role === currentStep.tier && m.openId !== currentStep.approverId && m.openId !== request.requesterId)
          .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.openId.localeCompare(b.openId))
          .map((m) => ({ id: m.openId, name: m.name }))
      : [];

  const outcome = outcomeOf(state, opts.roster, tz);
  // The decisive comment is the outcome line's reason; the chain does not print it a second time.
  if (outcome?.stepIndex !== undefined && outcome.reason) views[outcome.stepIndex] = { ...views[outcome.stepIndex]!, comment: null };
  const rounds = new Map<number, StepView[]>();
  for (const v of views) rounds.set(v.round, [...(rounds.get(v.round) ?? []), v]);

  return {
    requestId: request.id,
    kind: request.kind,
    kindLabel: kindLabel(request.kind),
    status: request.status,
    statusLabel: REQUEST_STATUS_LABEL[request.status],
    round: request.round,
    version: request.version,
    requesterName: nameOf(opts.roster, request.requesterId),
    submittedAt: formatDateTime(request.submittedAt, tz),
    fields: opts.fields ?? [],
    steps: rounds.get(request.round) ?? [],
    history: [...rounds].filter(([r]) => r !== request.round).map(([round, steps]) => ({ round, steps })),
    current,
    outcome: outcome && { status: outcome.status, byName: outcome.byName, at: outcome.at, reason: outcome.reason },
    viewer: {
      canDecide,
      asAdmin: canDecide && !isApprover,
      isRequester,
      canWithdraw: isRequester && open,
      canResubmit: isRequester && (request.status === 'rejected' || request.status === 'returned'),
    },
    transferCandidates,
  };
}

function outcomeOf({ request, steps }: ApprovalState, roster: Roster, tz: string): (NonNullable<ApprovalView['outcome']> & { stepIndex?: number }) | null {
  if (request.status === 'pending') return null;
  const round = steps.filter((s) => s.round === request.round);
  if (request.status === 'withdrawn') {
    const noted = round.find((s) => s.status === 'cancelled' && s.comment);
    return { stepIndex: noted?.index, status: 'withdrawn', byName: nameOf(roster, request.requesterId), at: formatDateTime(request.updatedAt, tz), reason: noted?.comment ?? null };
  }
  const wanted: StepStatus = request.status;
  const decisive = [...round].reverse().find((s) => s.status === wanted && s.decidedAt);
  if (!decisive) return { status: request.status, byName: '—', at: formatDateTime(request.updatedAt, tz), reason: null };
  return {
    stepIndex: decisive.index,
    status: request.status,
    byName: nameOf(roster, decisive.decidedBy),
    at: formatDateTime(decisive.decidedAt!, tz),
    reason: decisive.comment,
  };
}
