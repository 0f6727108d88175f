/**
 * A visit plan form's 10 fields as a specialist fills them (a 3-step chain: it carries a budget).
 * Its own module, free of vitest, so the benches submit the same form the tests do.
 */
export const PLAN_VALUES = {
  vp_at: '2026-11-30 14:30 +0800',
  vp_place: '华能总部 12 楼会议室',
  vp_purpose: '介绍新一代机组监测方案，确认采购时间表',
  vp_attendees: ['ou_manager'],
  vp_contacts: ['0', '1'],
  vp_first: 'phone',
  mat_brochure_qty: '20',
  mat_brochure_due: '11-29',
  mat_brochure_owner: 'ou_assistant',
  vp_budget: '3000',
};
