/**
 * The manager's quarterly assessment (§1.2.1 考核指标: 销售计划完成率、大客户档案完整率、大客户
 * 流失率、大客户新开发率), assessed by the director and HR each quarter, for the manager (their
 * team as a whole) and per specialist. The churn *rate* is the manager's measure: churned ÷ key
 * accounts at the quarter's start. The source names a score threshold for a warning but not the
 * weights, so no score is invented here: the four figures are shown as they are.
 */
import { i18n, type I18nText } from '../i18n.js';
import { KPI_SPECS, percent, type KpiFigure } from './figure.js';
import { kpiFigure, type FigureContext } from './formulas.js';
import type { KpiFacts, KpiMember } from './facts.js';
import type { Period } from './period.js';
import { membersOf, scopeTally, type ScopeOptions } from './report.js';
import { emptyTally, tallyByPerson, type Tally } from './tally.js';

export const ASSESSMENT_KEYS = ['sales_plan', 'archive_completeness', 'churn_rate', 'new_development'] as const;
export type AssessmentKey = (typeof ASSESSMENT_KEYS)[number];

export const ASSESSMENT_LABEL: Record<AssessmentKey, I18nText> = {
  sales_plan: KPI_SPECS.sales_plan.label,
  archive_completeness: i18n('大客户档案完整率', 'Archive completeness'),
  churn_rate: i18n('大客户流失率', 'Churn rate'),
  new_development: KPI_SPECS.new_development.label,
};

export interface AssessmentFigure {
  key: AssessmentKey;
  value: number | null;
  numerator: number;
  denominator: number;
  basis: I18nText;
  /** Lower is better for churn only. */
  higherIsBetter: boolean;
}

export interface QuarterlyAssessment {
  period: Period;
  teamId: string;
  manager: KpiMember | null;
  /** The team as a whole: what the manager is assessed on. */
  team: AssessmentFigure[];
  specialists: { member: KpiMember; figures: AssessmentFigure[] }[];
}

const fromFigure = (key: AssessmentKey, f: KpiFigure): AssessmentFigure => ({
  key, value: f.value, numerator: f.numerator, denominator: f.denominator, basis: f.basis, higherIsBetter: true,
});

/** The four figures for one tally. */
export function assessmentFigures(t: Tally, ctx: FigureContext): AssessmentFigure[] {
  const churnRate: AssessmentFigure = {
    key: 'churn_rate',
    value: percent(t.churned, t.keyAtStart),
    numerator: t.churned,
    denominator: t.keyAtStart,
    basis: i18n(`期初大客户 ${t.keyAtStart} 个，流失 ${t.churned} 个`, `${t.churned} churned of ${t.keyAtStart} key accounts at the start`),
    higherIsBetter: false,
  };
  return [
    fromFigure('sales_plan', kpiFigure('sales_plan', t, ctx)),
    fromFigure('archive_completeness', kpiFigure('archive_completeness', t, ctx)),
    churnRate,
    fromFigure('new_development', kpiFigure('new_development', t, ctx)),
  ];
}

/** The assessment of one team's manager for a quarter. */
export function quarterlyAssessment(facts: KpiFacts, teamId: string, period: Period, opts: ScopeOptions): QuarterlyAssessment {
  if (period.kind !== 'quarter') throw new RangeError('the manager is assessed per quarter');
  const byPerson = tallyByPerson(facts, { period, ...opts });
  const scope = { kind: 'team', id: teamId } as const;
  const members = membersOf(facts, scope);
  const specialists = members.filter((m) => m.role === 'specialist');
  const managerId = facts.teams.find((t) => t.id === teamId)?.managerId ?? null;
  return {
    period,
    teamId,
    manager: facts.members.find((m) => m.id === managerId) ?? null,
    team: assessmentFigures(scopeTally(facts, byPerson, scope, period), { period, people: specialists.length }),
    specialists: specialists.map((member) => ({ member, figures: assessmentFigures(byPerson.get(member.id) ?? emptyTally(), { period, people: 1 }) })),
  };
}
