/**
 * The request kinds that go through an approval chain (domain.md §3) and the tiers each one
 * needs. The chain is a spec of tiers, never of people: people are resolved from the roster at
 * submit time (chain.ts), so a card can never claim who approves.
 */
import { i18n, type I18nText } from '../i18n.js';

export const REQUEST_KINDS = [
  'development',
  'visit_plan',
  'reception_plan',
  'reimbursement',
  'travel',
  'target_change',
  'purchase',
  'phone_bill',
  'equipment',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** Approval tiers, lowest first; the order is also the escalation order (manager → director). */
export const TIERS = ['manager', 'director', 'finance'] as const;
export type Tier = (typeof TIERS)[number];

export const TIER_LABEL: Record<Tier, I18nText> = {
  manager: i18n('经理审批', 'Manager'),
  director: i18n('总监审批', 'Director'),
  finance: i18n('财务审批', 'Finance'),
};

/** One tier of a chain. `needsBudget`: the tier exists only when the request carries money. */
export interface TierSpec {
  tier: Tier;
  needsBudget?: boolean;
}

export interface KindSpec {
  label: I18nText;
  chain: readonly TierSpec[];
}

const m: TierSpec = { tier: 'manager' };
const d: TierSpec = { tier: 'director' };
const f: TierSpec = { tier: 'finance' };

export const KIND_SPECS: Record<RequestKind, KindSpec> = {
  // §3.1: specialist → manager (审核) → director (审核)
  development: { label: i18n('大客户开发申请', 'Development application'), chain: [m, d] },
  // §3.2.2: finance only releases funds (款项支持), so a plan without a budget never reaches it
  visit_plan: { label: i18n('拜访计划', 'Visit plan'), chain: [m, d, { tier: 'finance', needsBudget: true }] },
  reception_plan: { label: i18n('接待计划', 'Reception plan'), chain: [m, d] },
  // §3.2.5: the amount is the point of the request, so finance is always asked
  reimbursement: { label: i18n('费用报销', 'Reimbursement'), chain: [m, f] },
  travel: { label: i18n('出差申请', 'Travel request'), chain: [m] },
  target_change: { label: i18n('销售目标调整', 'Sales target change'), chain: [m] },
  purchase: { label: i18n('非常规采购', 'Non-routine purchase'), chain: [m] },
  // §2.2 art.18: only a bill over the monthly limit comes here; one within it is recorded without approval
  phone_bill: { label: i18n('话费报销', 'Phone bill'), chain: [m] },
  equipment: { label: i18n('设备借用', 'Equipment loan'), chain: [m] },
};

export const isRequestKind = (v: unknown): v is RequestKind =>
  typeof v === 'string' && (REQUEST_KINDS as readonly string[]).includes(v);

export const kindLabel = (kind: RequestKind): I18nText => KIND_SPECS[kind].label;

/**
 * The tier a step escalates to when nobody can fill it. Only the manager tier has a superior
 * tier; finance is a separate department, and nobody sits above the director in this bot.
 */
export const escalationOf = (tier: Tier): Tier | null => (tier === 'manager' ? 'director' : null);
