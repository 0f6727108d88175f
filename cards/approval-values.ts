/**
 * The button values of the approval cards. Values stay flat and short (Feishu echoes them back
 * verbatim and the whole card must fit in 30 KB) and carry the request's `ver`, so a click on a
 * card that missed an update is recognised and answered with the current state. Nothing here
 * grants authority: the reducer re-checks the clicker against the roster.
 */
import { z } from 'zod';
import type { ApprovalAction } from '../src/domain/approval/types.js';
import { field, readCardForm } from '../src/domain/card-form.js';
import { i18n } from '../src/domain/i18n.js';
import { decodeActionValue, type ActionValue } from './action-value.js';

export const APPROVAL_DECIDE = 'approval.decide';
export const APPROVAL_OPEN = 'approval.open';
export const APPROVAL_WITHDRAW = 'approval.withdraw';
export const APPROVAL_RESUBMIT = 'approval.resubmit';
export const APPROVAL_VIEW = 'approval.view';
export const APPROVAL_LIST = 'approval.list';

/** Names of the form fields the decide buttons submit (unique per card, as Feishu requires). */
export const FORM_FIELD = { comment: 'comment', reason: 'reason', to: 'to' } as const;

const id = z.string().min(1).max(64);
const int = z.number().int().nonnegative();

export const DecideValue = z.object({
  v: z.literal(1),
  k: z.literal(APPROVAL_DECIDE),
  r: id,
  s: int,
  ver: int,
  d: z.enum(['approve', 'reject', 'return', 'transfer']),
  /** Set on the list card's one-tap button, so the reply re-renders that list page. */
  src: z.literal('list').optional(),
  p: int.optional(),
});
export const OpenValue = z.object({ v: z.literal(1), k: z.literal(APPROVAL_OPEN), r: id, s: int, ver: int, f: z.enum(['main', 'reject', 'transfer']) });
export const WithdrawValue = z.object({ v: z.literal(1), k: z.literal(APPROVAL_WITHDRAW), r: id, ver: int });
export const ResubmitValue = z.object({ v: z.literal(1), k: z.literal(APPROVAL_RESUBMIT), r: id, ver: int });
export const ViewValue = z.object({ v: z.literal(1), k: z.literal(APPROVAL_VIEW), r: id });
export const ListValue = z.object({ v: z.literal(1), k: z.literal(APPROVAL_LIST), l: z.enum(['pending', 'mine']), p: int });

/** The verbs a person acts with on a request (a step's decision, withdraw, resubmit), named by the value's kind. */
export const ActValue = z.discriminatedUnion('k', [DecideValue, WithdrawValue, ResubmitValue]);
export type ActValue = z.infer<typeof ActValue>;

export const ApprovalButtonValue = z.discriminatedUnion('k', [DecideValue, OpenValue, WithdrawValue, ResubmitValue, ViewValue, ListValue]);
export type ApprovalButtonValue = z.infer<typeof ApprovalButtonValue>;
export type DecideValue = z.infer<typeof DecideValue>;
export type DecisionKey = DecideValue['d'];
export type CardMode = z.infer<typeof OpenValue>['f'];

/** A raw `action.value` from a callback → one of our values, or null (tampered, foreign, outdated format). */
export function parseApprovalValue(raw: unknown): ApprovalButtonValue | null {
  const decoded = decodeActionValue(raw);
  if (!decoded) return null;
  const parsed = ApprovalButtonValue.safeParse(decoded);
  return parsed.success ? parsed.data : null;
}

export const decideValue = (r: string, s: number, ver: number, d: DecisionKey, list?: { page: number }): ActionValue =>
  list ? { k: APPROVAL_DECIDE, r, s, ver, d, src: 'list', p: list.page } : { k: APPROVAL_DECIDE, r, s, ver, d };
export const openValue = (r: string, s: number, ver: number, f: CardMode): ActionValue => ({ k: APPROVAL_OPEN, r, s, ver, f });
export const withdrawValue = (r: string, ver: number): ActionValue => ({ k: APPROVAL_WITHDRAW, r, ver });
export const resubmitValue = (r: string, ver: number): ActionValue => ({ k: APPROVAL_RESUBMIT, r, ver });
export const viewValue = (r: string): ActionValue => ({ k: APPROVAL_VIEW, r });
export const listValue = (l: 'pending' | 'mine', p: number): ActionValue => ({ k: APPROVAL_LIST, l, p });

/** None required here: an empty reason or transferee reaches the reducer, which refuses it in its own words. */
const DECIDE_FORM = {
  [FORM_FIELD.comment]: field.text(i18n('意见', 'Comment')),
  [FORM_FIELD.reason]: field.text(i18n('原因', 'Reason')),
  [FORM_FIELD.to]: field.person(i18n('转交给', 'Transfer to')),
};

/**
 * The reducer action for a decide click, reading the form fields Feishu sends in `form_value`.
 * Required fields are not trusted to the client: an empty reason reaches the reducer, which
 * refuses it.
 */
export function actionFromDecide(value: DecideValue, formValue: Record<string, unknown> | null | undefined): ApprovalAction {
  // Each field on its own: one that is not what its component sends (tampered) counts as empty.
  const one = (name: keyof typeof DECIDE_FORM): string | null => {
    const read = readCardForm(formValue, { [name]: DECIDE_FORM[name] });
    return read.ok ? (read.values[name] ?? null) : null;
  };
  const form = { comment: one(FORM_FIELD.comment), reason: one(FORM_FIELD.reason), to: one(FORM_FIELD.to) };
  const base = { stepIndex: value.s, version: value.ver };
  switch (value.d) {
    case 'approve':
      return { type: 'approve', ...base, comment: form.comment };
    case 'reject':
      return { type: 'reject', ...base, reason: form.reason ?? '' };
    case 'return':
      return { type: 'return_for_revision', ...base, reason: form.reason ?? '' };
    case 'transfer':
      return { type: 'transfer', ...base, toId: form.to ?? '', reason: form.reason ?? '' };
  }
}
