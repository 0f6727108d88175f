/**
 * Pieces shared by the visit, reception and reimbursement cards: the button kinds (the contract
 * with src/app/visit/card-handlers.ts and friends; every handler re-checks the roster) and a
 * few formatting helpers.
 *
 * The visit id is `vi`, never `v`: `v` is the codec's version field (action-value.ts).
 *
 * - visit.plan          { c, from? }   the plan form for customer c (from: the visit whose next visit this is)
 * - visit.submit        { c }          form submit: file the plan
 * - visit.reschedule    { vi }         the reschedule form;  visit.reschedule.save { vi, ver }
 * - visit.cancel        { vi }         the cancel form;      visit.cancel.save { vi, ver }
 * - visit.record.start  { vi }          how to send the record (template), for visit vi
 * - visit.record.view   { vi }         the confirmed record (检查), for the owner's line
 * - visit.followup      { vi }         the follow-up form;   visit.followup.save { vi }
 * - draft.attach        { d, s }       attach draft d to subject s (pick list)
 * - draft.confirm / draft.edit / draft.save / draft.discard { d }
 * - reception.submit    { c }          form submit: file the reception plan
 * - reception.resubmit  { s, r, ver }  form submit: the edited plan of rejected/returned reception s (request r)
 * - reception.report.start { s }      how to send the reception report (template)
 * - reception.reschedule { s }         the reschedule form;  reception.reschedule.save { s, ver }
 * - reimb.start         { t, s }       start a reimbursement of subject s (t: visit | reception)
 * - reimb.submit        { r }          form submit: items of reimbursement r
 * - reimb.resubmit      { r, q, ver }  form submit: the edited items of rejected/returned claim r (request q)
 */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { formatDateTime, wallParts, formatYmd } from '../src/domain/time.js';

export const VISIT_ACTIONS = {
  plan: 'visit.plan',
  submit: 'visit.submit',
  resubmit: 'visit.resubmit',
  reschedule: 'visit.reschedule',
  rescheduleSave: 'visit.reschedule.save',
  cancel: 'visit.cancel',
  cancelSave: 'visit.cancel.save',
  recordStart: 'visit.record.start',
  recordView: 'visit.record.view',
  followUp: 'visit.followup',
  followUpSave: 'visit.followup.save',
  draftAttach: 'draft.attach',
  draftConfirm: 'draft.confirm',
  draftEdit: 'draft.edit',
  draftSave: 'draft.save',
  draftDiscard: 'draft.discard',
  receptionSubmit: 'reception.submit',
  receptionResubmit: 'reception.resubmit',
  receptionReportStart: 'reception.report.start',
  receptionReschedule: 'reception.reschedule',
  receptionRescheduleSave: 'reception.reschedule.save',
  receptionCancel: 'reception.cancel',
  receptionCancelSave: 'reception.cancel.save',
  reimbStart: 'reimb.start',
  reimbSubmit: 'reimb.submit',
  reimbResubmit: 'reimb.resubmit',
} as const;

export const EMPTY = i18n('（未填）', '(not given)');

/**
 * A time for the card. A phrase with a day but no hour (今天, 下周三, 12月3日) is kept as 00:00 in
 * the company zone; showing "00:00" would read as midnight, so such a value shows as the date.
 */
export const when = (iso: string | Date | null, tz: string): string => {
  if (!iso) return '—';
  const at = new Date(iso);
  const p = wallParts(at, tz);
  return p.hour === 0 && p.minute === 0 && p.second === 0 ? formatYmd(p.year, p.month, p.day) : formatDateTime(at, tz);
};

export const joinText = (items: readonly I18nText[], empty = i18n('—', '—')): I18nText =>
  items.length ? i18n(items.map((x) => x.zh_cn).join('、'), items.map((x) => x.en_us).join(', ')) : empty;

/** A value for a fields() row: user text (escaped by the caller) or the "not given" mark. */
export const orEmpty = (s: string | null | undefined): I18nText | string => (s && s.trim() ? s : EMPTY);
