/**
 * The 12 KPIs of §2.1 (domain.md §5), each its exact formula over a tally, with what it is
 * based on in words. Nothing divides by zero: an empty denominator gives `value: null` and the
 * reason, which the card shows as "无数据" rather than 0% or ∞.
 */
import { i18n } from '../i18n.js';
import { formatYuan as yuan } from '../money.js';
import { KPI_KEYS, KPI_SPECS, percent, type KpiFigure, type KpiKey, type NoDataReason } from './figure.js';
import type { Period } from './period.js';
import type { Tally } from './tally.js';

export interface FigureContext {
  period: Period;
  /** People in the scope (1 for a specialist); for "3 of 4 have a target". */
  people: number;
}

type Make = (t: Tally, ctx: FigureContext) => Omit<KpiFigure, 'kpi' | 'official'>;

const fig = (value: number | null, numerator: number, denominator: number, basis: { zh: string; en: string }, noData: NoDataReason | null = null) => ({
  value,
  numerator,
  denominator,
  noData: value === null ? (noData ?? 'no_base') : null,
  basis: i18n(basis.zh, basis.en),
});

/** A percent figure whose denominator may be empty. */
const ratio = (num: number, den: number, basis: { zh: string; en: string }, empty: NoDataReason = 'no_base') =>
  fig(percent(num, den), num, den, basis, empty);

const FORMULAS: Record<KpiKey, Make> = {
  // 大客户销售计划实际达成数 / 大客户销售计划计划完成数 × 100%
  sales_plan: (t, ctx) => {
    const target = t.targetFen ?? 0;
    const missing = ctx.people > 1 && t.withTarget < ctx.people ? { zh: `；${ctx.people - t.withTarget} 人未设指标`, en: `; ${ctx.people - t.withTarget} without a target` } : { zh: '', en: '' };
    const fromQ = t.targetFromQuarters ? { zh: '（含季度指标合计）', en: ' (incl. sum of quarter targets)' } : { zh: '', en: '' };
    if (t.targetFen === null || target <= 0) {
      return fig(null, t.salesFen, 0, { zh: `实际销售 ${yuan(t.salesFen)}，未设定销售指标`, en: `Sales ${yuan(t.salesFen)}, no sales target set` }, 'no_target');
    }
    return ratio(t.salesFen, target, {
      zh: `实际销售 ${yuan(t.salesFen)} / 指标 ${yuan(target)}${fromQ.zh}${missing.zh}`,
      en: `sales ${yuan(t.salesFen)} of target ${yuan(target)}${fromQ.en}${missing.en}`,
    });
  },
  // 大客户流失数量 (count); the base is the key accounts at the period's start
  churn: (t) => fig(t.churned, t.churned, t.keyAtStart, { zh: `流失 ${t.churned} 个，期初大客户 ${t.keyAtStart} 个`, en: `${t.churned} churned of ${t.keyAtStart} key accounts at the start` }),
  // 大客户开发计划实际完成量 / 大客户开发计划计划完成量 × 100%
  development_plan: (t) => {
    if (t.plannedNew === null || t.plannedNew <= 0) {
      return fig(null, t.won, 0, { zh: `新成交 ${t.won} 个，未设定开发计划`, en: `${t.won} won, no development plan set` }, 'no_plan');
    }
    return ratio(t.won, t.plannedNew, { zh: `计划开发 ${t.plannedNew} 个，已成交 ${t.won} 个`, en: `${t.won} won of ${t.plannedNew} planned` });
  },
  // new key accounts ÷ key accounts at period start
  new_development: (t) =>
    ratio(t.won, t.keyAtStart, { zh: `期初大客户 ${t.keyAtStart} 个，新开发 ${t.won} 个`, en: `${t.won} new on ${t.keyAtStart} key accounts at the start` }),
  // 确因人员或企业过失造成客户投诉的次数
  valid_complaints: (t) =>
    fig(t.validComplaints, t.validComplaints, t.complaints, { zh: `投诉 ${t.complaints} 次，其中有效 ${t.validComplaints} 次`, en: `${t.validComplaints} valid of ${t.complaints} complaints` }),
  // 在标准时间内反馈客户意见的次数 / 总共需要反馈的次数 × 100%
  feedback_timeliness: (t) =>
    ratio(t.feedbackOnTime, t.feedbackDue, {
      zh: `需反馈 ${t.feedbackDue} 次，按时 ${t.feedbackOnTime} 次${t.feedbackOpen ? `（另有 ${t.feedbackOpen} 次未到期）` : ''}`,
      en: `${t.feedbackDue} due, ${t.feedbackOnTime} on time${t.feedbackOpen ? ` (${t.feedbackOpen} not yet due)` : ''}`,
    }),
  // 实际回访客户数 / 计划回访客户数 × 100%
  revisit: (t) => ratio(t.followUpsDone, t.followUpsDue, { zh: `应回访 ${t.followUpsDue} 次，已回访 ${t.followUpsDone} 次`, en: `${t.followUpsDue} follow-ups due, ${t.followUpsDone} done` }),
  // 服务费用开支额 / 服务费用预算额 × 100%
  service_cost: (t) => {
    if (t.budgetFen === null || t.budgetFen <= 0) {
      return fig(null, t.costFen, 0, { zh: `已报销 ${yuan(t.costFen)}，未设定预算`, en: `Spent ${yuan(t.costFen)}, no budget set` }, 'no_budget');
    }
    return ratio(t.costFen, t.budgetFen, { zh: `已报销 ${yuan(t.costFen)} / 预算 ${yuan(t.budgetFen)}`, en: `spent ${yuan(t.costFen)} of budget ${yuan(t.budgetFen)}` });
  },
  // 大客户信息档案完整、无缺: filled required fields ÷ required fields
  archive_completeness: (t) =>
    ratio(t.archiveFilled, t.archiveRequired, {
      zh: `${t.archives} 份档案，必填项 ${t.archiveRequired} 项已填 ${t.archiveFilled} 项，完整 ${t.archivesComplete} 份`,
      en: `${t.archiveFilled} of ${t.archiveRequired} required fields filled in ${t.archives} archives, ${t.archivesComplete} complete`,
    }),
  // 客户服务人员是否按照客户服务方案执行: visits with plan, record and follow-up on time ÷ visits
  service_standard: (t) =>
    ratio(t.visitsToStandard, t.visits, {
      zh: `拜访 ${t.visits} 次，计划、记录、回访均按时 ${t.visitsToStandard} 次${t.visitsPending ? `（另有 ${t.visitsPending} 次回访未到期）` : ''}`,
      en: `${t.visitsToStandard} of ${t.visits} visits with plan, record and follow-up on time${t.visitsPending ? ` (${t.visitsPending} follow-ups not yet due)` : ''}`,
    }),
  // 大客户对服务的满意度评价: the average rating recorded after visits
  satisfaction: (t) =>
    fig(t.ratingCount ? t.ratingSum / t.ratingCount : null, t.ratingSum, t.ratingCount, { zh: `${t.ratingCount} 个评分，平均 ${t.ratingCount ? (t.ratingSum / t.ratingCount).toFixed(1) : '—'} 分`, en: `average of ${t.ratingCount} ratings` }, 'no_ratings'),
  // 在规定时间内对客户提出的问题给予解答: answered within the standard time ÷ questions
  answer_timeliness: (t) =>
    ratio(t.questionsOnTime, t.questions, {
      zh: `问题 ${t.questions} 个，按时解答 ${t.questionsOnTime} 个${t.questionsOpen ? `（另有 ${t.questionsOpen} 个未到期）` : ''}`,
      en: `${t.questionsOnTime} of ${t.questions} questions answered on time${t.questionsOpen ? ` (${t.questionsOpen} not yet due)` : ''}`,
    }),
};

/** One KPI's figure for a tally. `official`: the source assesses it on this kind of period. */
export function kpiFigure(kpi: KpiKey, t: Tally, ctx: FigureContext): KpiFigure {
  const spec = KPI_SPECS[kpi];
  const official = spec.periods.includes(ctx.period.kind);
  // A yearly budget has no share in a month or quarter that the source defines: say so.
  if (kpi === 'service_cost' && ctx.period.kind !== 'year') {
    return { kpi, official, value: null, numerator: t.costFen, denominator: 0, noData: 'not_applicable', basis: i18n(`已报销 ${yuan(t.costFen)}，预算按年度考核`, `Spent ${yuan(t.costFen)}; the budget is assessed per year`) };
  }
  return { kpi, official, ...FORMULAS[kpi](t, ctx) };
}

/** All 12 figures, in §2.1's order. */
export function kpiFigures(t: Tally, ctx: FigureContext): KpiFigure[] {
  return KPI_KEYS.map((k) => kpiFigure(k, t, ctx));
}
