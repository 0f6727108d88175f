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

/** The contacts a planned visit's customer has on file: an economic buyer and a coach. */
export const PLAN_CONTACTS = [{ name: '王总', buyerRoles: ['economic'] }, { name: '陈科长', buyerRoles: ['coach'] }];

/** PLAN_VALUES for a visit `inDays` from `now` (company zone, +08:00), its brochures due the day before. */
export function planValuesFor(now: Date, inDays: number): Record<string, unknown> {
  const day = (d: number) => new Date(now.getTime() + 8 * 3600_000 + d * 86_400_000).toISOString().slice(0, 10);
  return { ...PLAN_VALUES, vp_at: `${day(inDays)} 14:30 +0800`, mat_brochure_due: day(inDays - 1).slice(5) };
}
