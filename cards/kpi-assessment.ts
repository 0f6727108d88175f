/**
 * The manager's quarterly assessment card (§1.2.1): the team's four figures (what the director
 * and HR assess the manager on), each with what it is based on, then the same four per
 * specialist as a table and the sales-plan completion as a bar per specialist. The
 * department's card (the director's digest, `考核 部门`) has every team's four figures and one
 * table of all specialists with their team: a card carries at most five tables.
 */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { ASSESSMENT_KEYS, ASSESSMENT_LABEL, type AssessmentFigure, type QuarterlyAssessment } from '../src/domain/kpi/assessment.js';
import { NO_DATA_LABEL } from '../src/domain/kpi/figure.js';
import { periodLabel, type Period } from '../src/domain/kpi/period.js';
import { barPerPerson } from './kpi-chart.js';
import { card, hr, md, mdEscape, note, type Card, type CardElement, type Json } from './kit.js';

const pct = (f: AssessmentFigure): I18nText => (f.value === null ? NO_DATA_LABEL.no_base : i18n(`${f.value.toFixed(1)}%`, `${f.value.toFixed(1)}%`));

export interface TeamAssessment {
  assessment: QuarterlyAssessment;
  teamName: I18nText;
}

const NOTE = note(i18n(
  '考核指标（§1.2.1）：销售计划完成率、大客户档案完整率、大客户流失率、大客户新开发率。流失率 = 本季度流失数 ÷ 期初大客户数；档案完整率按当前档案计。',
  'Assessed on (§1.2.1): sales-plan completion, archive completeness, churn rate, new development rate. Churn rate = churned this quarter ÷ key accounts at its start; archive completeness is read from the archives as they are now.',
));

const NO_SPECIALISTS = i18n('本团队暂无专员，以上为经理本人名下的数据。', 'No specialists in this team: the figures above are the manager’s own accounts.');

/** The team's four figures with their bases, under a line naming the manager and the team. */
function teamSummary(a: QuarterlyAssessment, teamName: I18nText): CardElement {
  const manager = a.manager ? mdEscape(a.manager.name) : '—';
  const lines = (lang: 'zh_cn' | 'en_us') =>
    a.team.map((f) => `**${ASSESSMENT_LABEL[f.key][lang]}**　${pct(f)[lang]}\n<font color='grey'>${mdEscape(f.basis[lang])}</font>`).join('\n');
  const none = a.specialists.length ? null : NO_SPECIALISTS;
  return md(i18n(
    `**经理**：${manager}　**团队**：${mdEscape(teamName.zh_cn)}\n${lines('zh_cn')}${none ? `\n${none.zh_cn}` : ''}`,
    `**Manager**: ${manager}　**Team**: ${mdEscape(teamName.en_us)}\n${lines('en_us')}${none ? `\n${none.en_us}` : ''}`,
  ));
}

const figureCells = (figures: readonly AssessmentFigure[]): { [k: string]: Json } =>
  Object.fromEntries(figures.map((f) => [f.key, f.value === null ? '—' : `${f.value.toFixed(1)}%`]));

function specialistTable(rows: Json[], withTeam: boolean): CardElement {
  const columns: Json[] = [
    { name: 'name', display_name: '姓名 Name', data_type: 'text', width: 'auto' },
    ...(withTeam ? [{ name: 'team', display_name: '团队 Team', data_type: 'text', width: 'auto' }] : []),
    ...ASSESSMENT_KEYS.map((k) => ({ name: k, display_name: `${ASSESSMENT_LABEL[k].zh_cn} ${ASSESSMENT_LABEL[k].en_us}`, data_type: 'text', width: 'auto' })),
  ];
  return { tag: 'table', page_size: 10, row_height: 'low', freeze_first_column: true, header_style: { background_style: 'grey', bold: true }, columns, rows };
}

/** A quarter still running: its figures are to date, not the assessment yet. */
const IN_PROGRESS = note(i18n('本季度尚未结束：以上为截至目前的数据，不是最终考核。', 'This quarter has not ended: these are the figures so far, not the final assessment.'));

export interface AssessmentCardOptions {
  inProgress?: boolean;
}

const salesPlanOf = (figures: readonly AssessmentFigure[]): number | null => figures.find((f) => f.key === 'sales_plan')!.value;

export function assessmentCard(a: QuarterlyAssessment, teamName: I18nText, o: AssessmentCardOptions = {}): Card {
  const elements: CardElement[] = [teamSummary(a, teamName)];
  if (o.inProgress) elements.push(IN_PROGRESS);
  if (a.specialists.length) {
    const points = a.specialists.flatMap((s) => {
      const v = salesPlanOf(s.figures);
      return v === null ? [] : [{ name: s.member.name, value: v }];
    });
    elements.push(md(i18n('**销售计划完成率 · 按专员**', '**Sales-plan completion by specialist**')));
    if (points.length) elements.push(barPerPerson('assess_bar', points, { percent: true }));
    elements.push(specialistTable(a.specialists.map((s) => ({ name: s.member.name, ...figureCells(s.figures) })), false));
  }
  elements.push(NOTE);
  return card({
    title: i18n(`季度考核 · ${teamName.zh_cn}`, `Quarterly assessment · ${teamName.en_us}`),
    subtitle: periodLabel(a.period),
    template: 'purple',
    elements,
  });
}

/** Every team of the department for one quarter (the teams' assessments are of that quarter). */
export function departmentAssessmentCard(period: Period, teams: readonly TeamAssessment[], departmentName: I18nText, o: AssessmentCardOptions = {}): Card {
  const elements: CardElement[] = [];
  if (o.inProgress) elements.push(IN_PROGRESS);
  if (!teams.length) elements.push(md(i18n('名册中还没有经理，因此没有团队可考核。', 'No managers on the roster, so there is no team to assess.')));
  teams.forEach((t, i) => {
    if (i) elements.push(hr());
    elements.push(teamSummary(t.assessment, t.teamName));
  });
  const points = teams.flatMap((t) => {
    const v = salesPlanOf(t.assessment.team);
    return v === null ? [] : [{ name: t.teamName.zh_cn, value: v }];
  });
  if (points.length > 1) {
    elements.push(md(i18n('**销售计划完成率 · 按团队**', '**Sales-plan completion by team**')));
    elements.push(barPerPerson('assess_team_bar', points, { percent: true }));
  }
  const rows: Json[] = teams.flatMap((t) => t.assessment.specialists.map((s) => ({ name: s.member.name, team: t.teamName.zh_cn, ...figureCells(s.figures) })));
  if (rows.length) {
    elements.push(md(i18n('**按专员**', '**By specialist**')));
    elements.push(specialistTable(rows, true));
  }
  elements.push(NOTE);
  return card({
    title: i18n(`季度考核 · ${departmentName.zh_cn}`, `Quarterly assessment · ${departmentName.en_us}`),
    subtitle: periodLabel(period),
    template: 'purple',
    elements,
  });
}
