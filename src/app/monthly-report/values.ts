/** Button payloads of the monthly-report cards (flat {k, …}; see cards/action-value.ts). */
import type { ActionValue } from '../../../cards/action-value.js';

export const REPORT_ACTIONS = {
  /** Opens the form (from the digest, the help card or a returned report). */
  form: 'report.form',
  /** The form's submit: saves a draft and shows it for confirmation. */
  save: 'report.save',
  confirm: 'report.confirm',
  edit: 'report.edit',
  discard: 'report.discard',
  /** The manager's comment / return. */
  review: 'report.review',
} as const;

export const reportFormValue = (month: string | null): ActionValue => ({ k: REPORT_ACTIONS.form, m: month });
export const saveValue = (draftId: number | null, month: string | null): ActionValue => ({ k: REPORT_ACTIONS.save, d: draftId, m: month });
export const confirmValue = (draftId: number, replace = false): ActionValue => ({ k: REPORT_ACTIONS.confirm, d: draftId, replace });
export const editValue = (draftId: number): ActionValue => ({ k: REPORT_ACTIONS.edit, d: draftId });
export const discardValue = (draftId: number): ActionValue => ({ k: REPORT_ACTIONS.discard, d: draftId });
export const reviewValue = (reportId: number, a: 'comment' | 'return'): ActionValue => ({ k: REPORT_ACTIONS.review, r: reportId, a });
