/** The approval engine's feature hooks, by the request's subject_type (handed in as deps.approvalHooks). */
import type { ApprovalHooks } from '../app/approval/hooks.js';
import { smallRequestHooks } from '../app/requests/hooks.js';
import { SMALL_REQUEST_SUBJECT } from '../domain/requests/kinds.js';
import { developmentHooks } from '../app/customer/development-hooks.js';
import { visitHooks } from '../app/visit/hooks.js';
import { receptionHooks } from '../app/reception/submit-plan.js';
import { reimbursementHooks } from '../app/reimbursement/submit.js';
import { targetChangeHooks, TARGET_CHANGE_SUBJECT } from '../app/kpi/targets.js';

export const APPROVAL_HOOKS: Readonly<Record<string, ApprovalHooks>> = Object.freeze({
  [SMALL_REQUEST_SUBJECT]: smallRequestHooks,
  development: developmentHooks,
  visit: visitHooks,
  reception: receptionHooks,
  reimbursement: reimbursementHooks,
  [TARGET_CHANGE_SUBJECT]: targetChangeHooks,
});
