/**
 * The manager's quarterly assessment card (§1.2.1): the team's four figures (what the director
 * and HR assess the manager on), each with what it is based on, then the same four per
 * specialist as a table and the sales-plan completion as a bar per specialist.
 */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { ASSESSMENT_KEYS, ASSESSMENT_LABEL, type AssessmentFigure, type QuarterlyAssessment } from '../src/domain/kpi/assessment.js';
import { NO_DATA_LABEL } from '../src/domain/kpi/figure.js';
import { periodLabel } from '../src/domain/kpi/period.js';
import { barPerPerson } from './kpi-chart.js';
import { card, md, mdEscape, note, type Card, type CardElement, type Json } from './kit.js';

const pct = (f: AssessmentFigure): I18nText => (f.value === null ? NO_DATA_LABEL.no_base : i18n(`${f.value.toFixed(1)}%`, `${f.value.toFixed(1)}%`));

export function assessmentCard(a: QuarterlyAssessment, teamName: I18nText): Card {
  const period = periodLabel(a.period);
  const manager = a.manager ? mdEscape(a.manager.name) : '—';
  const lines = (lang: 'zh_cn' | 'en_us') =>
    a.team.map((f) => `**${ASSESSMENT_LABEL[f.key][lang]}**　${pct(f)[lang]}\n<font color='grey'>${mdEscape(f.basis[lang])}</font>`).join('\n');
  const elements: CardElement[] = [
    md(i18n(`**经理**：${manager}　**团队**：${mdEscape(teamName.zh_cn)}\n${lines('zh_cn')}`, `**Manager**: ${manager}　**Team**: ${mdEscape(teamName.en_us)}\n${lines('en_us')}`)),
  ];
  if (a.specialists.length) {
    const points = a.specialists.flatMap((s) => {
      const v = s.figures.find((f) => f.key === 'sales_plan')!.value;
      return v === null ? [] : [{ name: s.member.name, value: v }];
    });
    elements.push(md(i18n('**销售计划完成率 · 按专员**', '**Sales-plan completion by specialist**')));
    if (points.length) elements.push(barPerPerson('assess_bar', points, { percent: true }));
    const columns: Json[] = [
      { name: 'name', display_name: '姓名 Name', data_type: 'text', width: 'auto' },
      ...ASSESSMENT_KEYS.map((k) => ({ name: k, display_name: `${ASSESSMENT_LABEL[k].zh_cn} ${ASSESSMENT_LABEL[k].en_us}`, data_type: 'text', width: 'auto' })),
    ];
    const rows: Json[] = a.specialists.map((s) => {
      const row: { [k: string]: Json } = { name: s.member.name };
      for (const f of s.figures) row[f.key] = f.value === null ? '—' : `${f.value.toFixed(1)}%`;
      return row;
    });
    elements.push({ tag: 'table', page_size: 10, row_height: 'low', freeze_first_column: true, header_style: { background_style: 'grey', bold: true }, columns, rows });
  }
  elements.push(note(i18n(
    '考核指标（§1.2.1）：销售计划完成率、大客户档案完整率、大客户流失率、大客户新开发率。流失率 = 本季度流失数 ÷ 期初大客户数。',
    'Assessed on (§1.2.1): sales-plan completion, archive completeness, churn rate, new development rate. Churn rate = churned this quarter ÷ key accounts at its start.',
  )));
  return card({
    title: i18n(`季度考核 · ${teamName.zh_cn}`, `Quarterly assessment · ${teamName.en_us}`),
    subtitle: period,
    template: 'purple',
    elements,
  });
}
