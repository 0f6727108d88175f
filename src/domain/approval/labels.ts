/** Bilingual words for the approval states, shared by refusals (messages.ts) and cards (view.ts). */
import { STATE } from '../glossary.js';
import { i18n, type I18nText } from '../i18n.js';
import type { SkipReason } from './chain.js';
import type { RequestStatus, StepStatus } from './types.js';

export const REQUEST_STATUS_LABEL: Record<RequestStatus, I18nText> = {
  pending: STATE.pending,
  approved: STATE.approved,
  rejected: STATE.rejected,
  returned: STATE.returned,
  withdrawn: STATE.withdrawn,
};

export const STEP_STATUS_LABEL: Record<StepStatus, I18nText> = {
  waiting: i18n('待审批', 'Waiting'),
  pending: STATE.pending,
  approved: i18n('已同意', 'Approved'),
  rejected: i18n('已驳回', 'Rejected'),
  returned: i18n('已退回', 'Returned'),
  skipped: i18n('已跳过', 'Skipped'),
  transferred: i18n('已转交', 'Transferred'),
  cancelled: i18n('未进行', 'Not reached'),
};

export const SKIP_REASON_LABEL: Record<SkipReason, I18nText> = {
  no_budget: i18n('无预算，无需财务审批', 'no budget, finance not needed'),
  requester_is_approver: i18n('申请人本人，不自审', 'the requester; nobody approves their own request'),
  same_as_previous: i18n('与上一审批人相同，不重复审批', 'same person as the previous step; asked once'),
  no_active_member: i18n('无在岗人员', 'nobody active in this role'),
};
