/**
 * One KPI figure and what it is based on. A bare percentage is never shown alone: every figure
 * carries its numerator and denominator and a sentence saying what they count ("12 follow-ups
 * due, 10 done"), and a figure with nothing to divide by is `null` with the reason, not 0 or ∞.
 */
import { i18n, type I18nText } from '../i18n.js';
import type { PeriodKind } from './period.js';

export const KPI_KEYS = [
  'sales_plan',
  'churn',
  'development_plan',
  'new_development',
  'valid_complaints',
  'feedback_timeliness',
  'revisit',
  'service_cost',
  'archive_completeness',
  'service_standard',
  'satisfaction',
  'answer_timeliness',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

/** percent: numerator ÷ denominator × 100; count: a number of events; rating: an average on 1–5. */
export type KpiUnit = 'percent' | 'count' | 'rating';

/** Why a figure is missing: nothing to divide by, no target/budget/plan set, or not assessed on this period. */
export type NoDataReason = 'no_base' | 'no_target' | 'no_budget' | 'no_plan' | 'no_ratings' | 'not_applicable';

export interface KpiSpec {
  label: I18nText;
  unit: KpiUnit;
  /** The periods the source assesses it on (§2.1's 考核周期). */
  periods: readonly PeriodKind[];
  /** Higher is better (false for churn, complaints and cost). */
  higherIsBetter: boolean;
  /** Whether numerator and denominator are money (fen). */
  money?: boolean;
}

const QY = ['quarter', 'year'] as const;
const Y = ['year'] as const;

export const KPI_SPECS: Record<KpiKey, KpiSpec> = {
  sales_plan: { label: i18n('大客户销售计划完成率', 'Sales-plan completion'), unit: 'percent', periods: QY, higherIsBetter: true, money: true },
  churn: { label: i18n('大客户流失数', 'Accounts churned'), unit: 'count', periods: ['month', 'quarter', 'year'], higherIsBetter: false },
  development_plan: { label: i18n('大客户开发计划完成率', 'Development-plan completion'), unit: 'percent', periods: QY, higherIsBetter: true },
  new_development: { label: i18n('大客户新开发率', 'New development rate'), unit: 'percent', periods: QY, higherIsBetter: true },
  valid_complaints: { label: i18n('大客户有效投诉次数', 'Valid complaints'), unit: 'count', periods: QY, higherIsBetter: false },
  feedback_timeliness: { label: i18n('大客户意见反馈及时率', 'Feedback on time'), unit: 'percent', periods: QY, higherIsBetter: true },
  revisit: { label: i18n('大客户回访率', 'Revisit rate'), unit: 'percent', periods: QY, higherIsBetter: true },
  service_cost: { label: i18n('服务费用控制', 'Service-cost control'), unit: 'percent', periods: Y, higherIsBetter: false, money: true },
  archive_completeness: { label: i18n('大客户信息档案完整性', 'Archive completeness'), unit: 'percent', periods: Y, higherIsBetter: true },
  service_standard: { label: i18n('服务规范执行情况', 'Service standard kept'), unit: 'percent', periods: Y, higherIsBetter: true },
  satisfaction: { label: i18n('大客户满意程度', 'Customer satisfaction'), unit: 'rating', periods: Y, higherIsBetter: true },
  answer_timeliness: { label: i18n('解答客户问题的及时性', 'Questions answered on time'), unit: 'percent', periods: Y, higherIsBetter: true },
};

export interface KpiFigure {
  kpi: KpiKey;
  /** percent: 0–100+ (may pass 100); count: the count; rating: the average. Null when there is no data. */
  value: number | null;
  numerator: number;
  /** For a count, the population it was drawn from (complaints recorded, accounts at start). */
  denominator: number;
  noData: NoDataReason | null;
  /** What the figure is based on, in words. */
  basis: I18nText;
  /** Whether the source assesses this KPI on the period asked (else it is shown for information). */
  official: boolean;
}

/** a ÷ b × 100, or null when b is 0. Kept unrounded; cards and sheets round for display. */
export const percent = (a: number, b: number): number | null => (b === 0 ? null : (a * 100) / b);

export const NO_DATA_LABEL: Record<NoDataReason, I18nText> = {
  no_base: i18n('无数据', 'no data'),
  no_target: i18n('未设定指标', 'no target set'),
  no_budget: i18n('未设定预算', 'no budget set'),
  no_plan: i18n('未设定开发计划', 'no development plan set'),
  no_ratings: i18n('暂无评分', 'no ratings yet'),
  not_applicable: i18n('本期间不考核', 'not assessed for this period'),
};

/** "85.0%", "3", "4.3 / 5", or the no-data label. */
export function formatValue(f: Pick<KpiFigure, 'kpi' | 'value' | 'noData'>): I18nText {
  if (f.value === null) return NO_DATA_LABEL[f.noData ?? 'no_base'];
  const unit = KPI_SPECS[f.kpi].unit;
  const s = unit === 'percent' ? `${f.value.toFixed(1)}%` : unit === 'rating' ? `${f.value.toFixed(1)} / 5` : String(f.value);
  return i18n(s, s);
}

/** The change against the previous period, in the figure's unit (percentage points for percents). */
export interface Trend {
  delta: number | null;
  direction: 'up' | 'down' | 'flat' | 'none';
  /** Whether the change is good news (churn going down is). Null when there is no change to judge. */
  better: boolean | null;
}

export function trendOf(current: KpiFigure, previous: KpiFigure | undefined): Trend {
  if (!previous || current.value === null || previous.value === null) return { delta: null, direction: 'none', better: null };
  const delta = current.value - previous.value;
  if (Math.abs(delta) < 1e-9) return { delta: 0, direction: 'flat', better: null };
  const up = delta > 0;
  return { delta, direction: up ? 'up' : 'down', better: up === KPI_SPECS[current.kpi].higherIsBetter };
}

/** "↑ 5.0 个百分点" / "↑ 5.0 pts", "↓ 2" for counts, "—" when nothing to compare. */
export function formatTrend(kpi: KpiKey, t: Trend): I18nText {
  if (t.direction === 'none' || t.delta === null) return i18n('—', '—');
  if (t.direction === 'flat') return i18n('持平', 'no change');
  const arrow = t.direction === 'up' ? '↑' : '↓';
  const abs = Math.abs(t.delta);
  const unit = KPI_SPECS[kpi].unit;
  if (unit === 'percent') return i18n(`${arrow} ${abs.toFixed(1)} 个百分点`, `${arrow} ${abs.toFixed(1)} pts`);
  if (unit === 'rating') return i18n(`${arrow} ${abs.toFixed(1)}`, `${arrow} ${abs.toFixed(1)}`);
  return i18n(`${arrow} ${abs}`, `${arrow} ${abs}`);
}

/** The KPI groups: the card's sections and the export's sheets. */
export const KPI_GROUPS: readonly { id: 'sales' | 'service' | 'cost'; label: I18nText; kpis: readonly KpiKey[] }[] = [
  { id: 'sales', label: i18n('销售与开发', 'Sales and development'), kpis: ['sales_plan', 'development_plan', 'new_development', 'churn'] },
  { id: 'service', label: i18n('服务质量', 'Service quality'), kpis: ['revisit', 'feedback_timeliness', 'answer_timeliness', 'service_standard', 'satisfaction', 'valid_complaints'] },
  { id: 'cost', label: i18n('费用与档案', 'Cost and archives'), kpis: ['service_cost', 'archive_completeness'] },
];
