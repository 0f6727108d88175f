/** Button payloads of the monthly-report cards (flat {k, …}; see cards/action-value.ts). */
import type { ActionValue } from './action-value.js';

export const REPORT_ACTIONS = {
  /** Opens the form (from the digest, the help card or a returned report). */
  form: 'report.form',
  /** The form's submit: saves a draft and shows it for confirmation. */
  save: 'report.save',
  confirm: 'report.confirm',
  edit: 'report.edit',
  discard: 'report.discard',
  /** Which month a draft is for, when the message did not say and the date leaves it open. */
  month: 'report.month',
  /** The manager's comment / return. */
  review: 'report.review',
} as const;

export const reportFormValue = (month: string | null): ActionValue => ({ k: REPORT_ACTIONS.form, m: month });
export const saveValue = (draftId: number | null, month: string | null): ActionValue => ({ k: REPORT_ACTIONS.save, d: draftId, m: month });
export const confirmValue = (draftId: number, replace = false): ActionValue => ({ k: REPORT_ACTIONS.confirm, d: draftId, replace });
export const editValue = (draftId: number): ActionValue => ({ k: REPORT_ACTIONS.edit, d: draftId });
export const monthValue = (draftId: number, month: string): ActionValue => ({ k: REPORT_ACTIONS.month, d: draftId, m: month });
export const discardValue = (draftId: number): ActionValue => ({ k: REPORT_ACTIONS.discard, d: draftId });
export const reviewValue = (reportId: number, a: 'comment' | 'return'): ActionValue => ({ k: REPORT_ACTIONS.review, r: reportId, a });
