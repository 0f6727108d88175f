/**
 * The refusals the reducer throws. Each names what the user can do about it (who may act, what
 * is missing), in both languages, because the edge turns it into a toast verbatim.
 */
import { DomainError } from '../errors.js';
import { i18n, type I18nText } from '../i18n.js';
import { ROLE_LABEL, type Roster } from '../roster.js';
import { formatDateTime } from '../time.js';
import type { Tier } from './kinds.js';
import { REQUEST_STATUS_LABEL, STEP_STATUS_LABEL } from './labels.js';
import type { ApprovalRequest, ApprovalStep } from './types.js';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export const nameOf = (roster: Roster, id: string | null | undefined): string =>
  (id ? (roster.get(id)?.name ?? id) : '—');

export function forbiddenNotApprover(roster: Roster, step: ApprovalStep): DomainError {
  const who = nameOf(roster, step.approverId);
  return new DomainError(
    'FORBIDDEN',
    i18n(`只有当前审批人「${who}」（或管理员）可以处理此审批。`, `Only the current approver, ${who} (or an admin), can act on this request.`),
    { approverId: step.approverId },
  );
}

export function forbiddenOwnRequest(roster: Roster, step: ApprovalStep): DomainError {
  const who = nameOf(roster, step.approverId);
  return new DomainError(
    'FORBIDDEN',
    i18n(`不能审批自己提交的申请；当前审批人是「${who}」。`, `You cannot decide on your own request; the current approver is ${who}.`),
    { approverId: step.approverId },
  );
}

export function forbiddenNotRequester(roster: Roster, request: ApprovalRequest, what: I18nText): DomainError {
  const who = nameOf(roster, request.requesterId);
  return new DomainError(
    'FORBIDDEN',
    i18n(`只有申请人「${who}」可以${what.zh_cn}此申请。`, `Only the requester, ${who}, can ${what.en_us} this request.`),
    { requesterId: request.requesterId },
  );
}

export function forbiddenInactive(): DomainError {
  return new DomainError(
    'FORBIDDEN',
    i18n('你不在名册中或已停用，无法提交申请，请联系管理员。', 'You are not an active member of the roster; ask an admin to add you.'),
  );
}

/** "already handled by X at T": the loser of a double click, or a card that missed an update. */
export function alreadyHandled(roster: Roster, step: ApprovalStep, tz: string): DomainError {
  const who = nameOf(roster, step.decidedBy ?? step.approverId);
  const when = step.decidedAt ? formatDateTime(step.decidedAt, tz) : '';
  const what = STEP_STATUS_LABEL[step.status];
  return new DomainError(
    'CONFLICT',
    step.decidedAt
      ? i18n(`此审批已由「${who}」于 ${when} 处理（${what.zh_cn}）。`, `Already handled by ${who} at ${when} (${what.en_us.toLowerCase()}).`)
      : i18n(`此审批步骤当前不可处理（${what.zh_cn}）。`, `This step cannot be acted on now (${what.en_us.toLowerCase()}).`),
    { stepIndex: step.index, status: step.status, decidedBy: step.decidedBy, decidedAt: step.decidedAt?.toISOString() ?? null },
  );
}

/** The request itself has moved on (decided, withdrawn…): say to what, by whom and when. */
export function requestClosed(roster: Roster, request: ApprovalRequest, last: ApprovalStep | undefined, tz: string, code: 'CONFLICT' | 'INVALID_TRANSITION' = 'CONFLICT'): DomainError {
  const status = REQUEST_STATUS_LABEL[request.status];
  const by = last?.decidedBy ? nameOf(roster, last.decidedBy) : null;
  const when = last?.decidedAt ? formatDateTime(last.decidedAt, tz) : formatDateTime(request.updatedAt, tz);
  return new DomainError(
    code,
    by
      ? i18n(`此申请${status.zh_cn}（「${by}」，${when}）。`, `This request is ${status.en_us.toLowerCase()} (${by}, ${when}).`)
      : i18n(`此申请${status.zh_cn}（${when}）。`, `This request is ${status.en_us.toLowerCase()} (${when}).`),
    { status: request.status },
  );
}

export const staleCard = (): DomainError =>
  new DomainError('CONFLICT', i18n('卡片内容已过期，请查看最新状态后再操作。', 'This card is out of date; check the latest state and try again.'), { stale: true });

export const noSuchStep = (index: number): DomainError =>
  new DomainError('NOT_FOUND', i18n('找不到该审批步骤。', 'That approval step does not exist.'), { stepIndex: index });

export function reasonRequired(what: I18nText): DomainError {
  return new DomainError('VALIDATION', i18n(`${what.zh_cn}必须填写原因。`, `A reason is required to ${what.en_us}.`), { field: 'reason' });
}

export const MAX_TEXT = 500;

export const textTooLong = (): DomainError =>
  new DomainError('VALIDATION', i18n(`内容不能超过 ${MAX_TEXT} 字。`, `Keep it under ${MAX_TEXT} characters.`), { max: MAX_TEXT });

export function badTransferTarget(tier: Tier): DomainError {
  const role = ROLE_LABEL[tier];
  return new DomainError(
    'VALIDATION',
    i18n(`只能转交给其他在岗的${role.zh_cn}（不能是申请人或当前审批人）。`, `You can only transfer to another active ${role.en_us.toLowerCase()} (not the requester or the current approver).`),
    { tier },
  );
}

export const alreadySubmitted = (): DomainError =>
  new DomainError('INVALID_TRANSITION', i18n('此申请已提交过。', 'This request has already been submitted.'), { action: 'submit' });
