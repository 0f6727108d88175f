/**
 * The manager's quarterly assessment (§1.2.1 考核指标: 销售计划完成率、大客户档案完整率、大客户
 * 流失率、大客户新开发率), assessed by the director and HR each quarter, for the manager (their
 * team as a whole) and per specialist. The churn *rate* is the manager's measure: churned ÷ key
 * accounts at the quarter's start. The source names a score threshold for a warning but not the
 * weights, so no score is invented here: the four figures are shown as they are.
 */
import { firstWorkingDayOfQuarter, type CalendarOverrides } from '../calendar.js';
import { i18n, type I18nText } from '../i18n.js';
import { morningOf, sendWindowOpen } from '../reminders/hours.js';
import type { ReminderSettings } from '../reminders/settings.js';
import { KPI_SPECS, percent, type KpiFigure } from './figure.js';
import { kpiFigure, type FigureContext } from './formulas.js';
import type { KpiFacts, KpiMember } from './facts.js';
import { periodKey, periodOf, previousPeriod, quarter, type Period } from './period.js';
import { membersOf, scopeTally, type KpiDirectory, type ScopeOptions } from './report.js';
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
function assessmentFigures(t: Tally, ctx: FigureContext): AssessmentFigure[] {
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
  return quarterlyAssessmentFrom(facts, tallyByPerson(facts, { period, ...opts }), teamId, period);
}

/** quarterlyAssessment over per-person tallies from any source (the set-based SQL in src/app/kpi). */
export function quarterlyAssessmentFrom(facts: KpiDirectory, byPerson: ReadonlyMap<string, Tally>, teamId: string, period: Period): QuarterlyAssessment {
  if (period.kind !== 'quarter') throw new RangeError('the manager is assessed per quarter');
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

// ---------------------------------------------------------------------------------------------
// The quarterly digest: each manager their team, the director every team

/**
 * When a quarter's assessment goes out: the start of working hours on the first working day of
 * the next quarter (the hour the reminder digests' morning steps use). 元旦 and 国庆节 push it
 * past the 1st, and a 调休 Sunday can be that day.
 */
export function assessmentDigestAt(q: Period, s: ReminderSettings, o: CalendarOverrides): Date {
  if (q.kind !== 'quarter') throw new RangeError('the manager is assessed per quarter');
  const next = q.index === 4 ? quarter(q.year + 1, 1) : quarter(q.year, q.index + 1);
  return morningOf(firstWorkingDayOfQuarter(next.year, next.index, o), s);
}

/**
 * How long after its time a quarter's digest is still sent: a bot that was down that day sends
 * it on its next working tick (storage keeps it to once); one first started mid-quarter does not
 * greet everyone with an assessment of a quarter long gone.
 */
const ASSESSMENT_CATCH_UP_MS = 14 * 24 * 3600 * 1000;

/**
 * The quarter just ended whose digest is due at `now`, or null: from its time for
 * ASSESSMENT_CATCH_UP_MS, and only while nudges may be sent (working hours on a working day).
 */
export function assessmentDigestDue(now: Date, s: ReminderSettings, o: CalendarOverrides): Period | null {
  if (!sendWindowOpen(now, s, o)) return null;
  const ended = previousPeriod(periodOf('quarter', now, s.timeZone));
  const since = now.getTime() - assessmentDigestAt(ended, s, o).getTime();
  return since >= 0 && since <= ASSESSMENT_CATCH_UP_MS ? ended : null;
}

/** The sent-once key (nudges: obligation key and step) of a quarter's digest. */
export const assessmentDigestKey = (q: Period): string => `assessment:${periodKey(q)}`;
