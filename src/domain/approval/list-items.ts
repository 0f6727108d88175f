/** Rows of the two list cards ("my pending approvals", "my requests"), one per request. */
import type { I18nText } from '../i18n.js';
import type { Roster } from '../roster.js';
import { formatDateTime } from '../time.js';
import { kindLabel } from './kinds.js';
import { REQUEST_STATUS_LABEL } from './labels.js';
import { DEFAULT_TIME_ZONE, nameOf } from './messages.js';
import type { ApprovalState, RequestStatus } from './types.js';

/** One row of "my pending approvals". */
export interface PendingItem {
  requestId: string;
  stepIndex: number;
  version: number;
  kindLabel: I18nText;
  requesterName: string;
  /** One line saying what is asked ("ACME · 12月3日 · ¥5,000.00"), supplied by the subject's module. */
  summary: I18nText | string;
  waitingSince: string;
}

/** One row of "my requests". */
export interface RequestItem {
  requestId: string;
  version: number;
  kindLabel: I18nText;
  status: RequestStatus;
  statusLabel: I18nText;
  summary: I18nText | string;
  submittedAt: string;
  /** Who has it now, while pending. */
  currentApproverName: string | null;
}

export function pendingItemOf(state: ApprovalState, roster: Roster, summary: I18nText | string, timeZone = DEFAULT_TIME_ZONE): PendingItem | null {
  const { request } = state;
  const step = request.currentStep !== null ? state.steps[request.currentStep] : undefined;
  if (request.status !== 'pending' || !step) return null;
  return {
    requestId: request.id,
    stepIndex: step.index,
    version: request.version,
    kindLabel: kindLabel(request.kind),
    requesterName: nameOf(roster, request.requesterId),
    summary,
    waitingSince: formatDateTime(step.activatedAt ?? request.updatedAt, timeZone),
  };
}

export function requestItemOf(state: ApprovalState, roster: Roster, summary: I18nText | string, timeZone = DEFAULT_TIME_ZONE): RequestItem {
  const { request } = state;
  const step = request.currentStep !== null ? state.steps[request.currentStep] : undefined;
  return {
    requestId: request.id,
    version: request.version,
    kindLabel: kindLabel(request.kind),
    status: request.status,
    statusLabel: REQUEST_STATUS_LABEL[request.status],
    summary,
    submittedAt: formatDateTime(request.submittedAt, timeZone),
    currentApproverName: request.status === 'pending' && step ? nameOf(roster, step.approverId) : null,
  };
}
