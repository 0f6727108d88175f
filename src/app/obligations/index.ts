/**
 * The obligations API every workflow calls, in the same transaction as its own change (store.ts;
 * no module outside this folder names the table):
 *
 * - a visit is planned      → openObligationFor(tx, tz, { kind: 'visit_record', subjectType: 'visit', subjectId, ownerId, managerId, anchorAt: visitAt })
 * - its record is submitted → closeObligation(tx, 'visit_record', { type: 'visit', id }, now)
 * - an approval step waits  → openObligationFor(tx, tz, { kind: 'approval_step', subjectType: 'approval_step', subjectId, ownerId: approver, managerId: superior, anchorAt: now })
 * - the visit is cancelled  → cancelObligation(tx, 'visit_record', { type: 'visit', id }, now)
 *
 * `meta` may carry `title` (string, shown on the digest line, e.g. the customer's name) and
 * `action` (a card action value {k, …}); the digest shows a button for it only when a card
 * handler with that `k` is registered, so a digest never offers a dead button.
 */
export {
  openObligation,
  openObligationFor,
  openObligations,
  closeObligation,
  closeObligationsOf,
  completeOwnDuty,
  cancelObligation,
  cancelObligationsOf,
  suspendObligations,
  reopenObligation,
  rescheduleObligation,
  startNewRound,
  handOverDuties,
  obligationsOf,
  obligationsOfKinds,
  openDutiesOfOwner,
  dueAtOf,
  type ObligationRow,
  type ObligationSubject,
  type OpenResult,
} from './store.js';
