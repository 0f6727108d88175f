/**
 * The content of a development application (大客户开发申请, §3.1, source §3.2.1–3.2.2,
 * §3.3.3 二). The approval engine carries it through manager → director; this file only says
 * what a complete plan is and what the approver should be warned about.
 */
import { z } from 'zod';
import { i18n, type I18nText } from '../i18n.js';
import type { Fen } from '../money.js';
import { fen, LIMITS } from './archive.js';
import { CATEGORIES } from './categories.js';
import type { BuyerRole } from './enums.js';
import {
  ADVANTAGES, DEVELOPMENT_METHODS, DEVELOPMENT_VALUE_LABELS, PURCHASE_FACTORS, RISKS, SENSITIVITIES, TEAM_ROLES,
  developmentLabelForPath,
} from './development-labels.js';
import { parseOrThrow } from './validation.js';

const text = () =>
  z.string().trim().max(LIMITS.text).transform((s) => (s === '' ? undefined : s)).optional();
const requiredText = () => z.string().trim().min(1).max(LIMITS.text);
const uniqueList = <const T extends readonly [string, ...string[]]>(values: T, min = 0) =>
  z.array(z.enum(values)).min(min).max(values.length * 2).transform((l) => [...new Set(l)]);

export const DevelopmentForecast = z.strictObject({
  expectedSalesFen: fen(),
  /** May be negative: a loss-leader account is still a plan the director can approve. */
  expectedProfitFen: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
  staffCostFen: fen(),
  travelCostFen: fen(),
  risk: z.enum(RISKS),
});
export type DevelopmentForecast = z.output<typeof DevelopmentForecast>;

export const TeamMember = z.strictObject({
  memberId: z.string().trim().min(1).max(LIMITS.ownerId),
  role: z.enum(TEAM_ROLES),
});
export type TeamMember = z.output<typeof TeamMember>;

/**
 * Decisions where the source is silent: the direct needs, at least one competitive advantage,
 * at least one development method and a coordinator (who writes the visit plans) are required;
 * everything else may be left blank. One person may hold several roles.
 */
export const DevelopmentPlan = z.strictObject({
  customerId: z.string().trim().min(1).max(LIMITS.ownerId),
  categories: uniqueList(CATEGORIES).default([]),
  analysis: z.strictObject({
    directNeeds: requiredText(),
    latentNeeds: text(),
    decisionProcess: text(),
    decisionDepartments: text(),
    finances: text(),
    yearlyBudgetFen: fen().optional(),
    sensitivity: z.enum(SENSITIVITIES).optional(),
  }),
  advantages: uniqueList(ADVANTAGES, 1),
  purchaseFactors: uniqueList(PURCHASE_FACTORS).default([]),
  purchaseFactorNotes: text(),
  forecast: DevelopmentForecast,
  methods: uniqueList(DEVELOPMENT_METHODS, 1),
  team: z
    .array(TeamMember)
    .min(1)
    .max(20)
    .transform((t) => t.filter((m, i) => t.findIndex((o) => o.memberId === m.memberId && o.role === m.role) === i))
    .refine((t) => t.some((m) => m.role === 'coordinator'), { params: { hint: 'coordinator' } }),
});
export type DevelopmentPlan = z.output<typeof DevelopmentPlan>;

/** Validates a plan or throws DomainError('VALIDATION') with one bilingual line per problem. */
export function parseDevelopmentPlan(input: unknown): DevelopmentPlan {
  return parseOrThrow(DevelopmentPlan, input, { labelOf: developmentLabelForPath, registries: DEVELOPMENT_VALUE_LABELS });
}

/** What the card shows as "expected profit net of costs": expected profit − staff cost − travel cost. */
export const netProfitFen = (f: Pick<DevelopmentForecast, 'expectedProfitFen' | 'staffCostFen' | 'travelCostFen'>): Fen =>
  f.expectedProfitFen - f.staffCostFen - f.travelCostFen;

/**
 * Warnings for the approver (and the applicant) when the two buyers visits must focus on
 * (§3.3.3 二.5) are not on record.
 */
export function coverageWarnings(contacts: readonly { buyerRoles: readonly BuyerRole[] }[]): I18nText[] {
  const has = (r: BuyerRole) => contacts.some((c) => c.buyerRoles.includes(r));
  const out: I18nText[] = [];
  if (!has('economic')) out.push(i18n('档案中没有经济买家（决策人），拜访应以其为重点', 'No economic buyer (decision maker) on record; visits should focus on them'));
  if (!has('coach')) out.push(i18n('档案中没有教练买家，缺少内部引导', 'No coach on record; nobody inside guides us'));
  return out;
}
