/**
 * The KPI card (`KPI` / `绩效` / `统计`): the 12 figures of one scope and period, each with what
 * it is based on and the trend against the previous period; a bar per specialist and a line
 * over the months; a table of the specialists. Which scope a reader may see is the caller's
 * choice (role scoping); this card shows what it is given. Sized for a 50-specialist
 * department under Feishu's 30 KB.
 */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { formatTrend, formatValue, KPI_GROUPS, KPI_SPECS, type KpiFigure, type KpiKey } from '../src/domain/kpi/figure.js';
import { periodKey, periodLabel } from '../src/domain/kpi/period.js';
import { figureOf, type KpiReport, type KpiRow } from '../src/domain/kpi/report.js';
import { barPerPerson, lineOverMonths } from './kpi-chart.js';
import { button, buttonRow, card, md, mdEscape, note, type Card, type CardElement, type Json } from './kit.js';

export interface KpiCardView {
  report: KpiReport;
  /** "张三", "华东组", "大客户部". */
  scopeName: I18nText;
  /** The KPI drawn as a bar per specialist; sales-plan completion unless told. */
  barKpi?: KpiKey;
  /** Whether the reader may export (the command decides by role). */
  exportable?: boolean;
  /** Only these KPIs (finance's cost control); the specialists' table, which shows others, is left out. */
  only?: readonly KpiKey[];
}

const TREND_COLOR = (row: KpiRow): string => (row.trend.better === null ? 'grey' : row.trend.better ? 'green' : 'red');

/** One KPI: name, figure and trend on the first line; what it is based on and last period's figure below. */
function kpiLines(row: KpiRow): I18nText {
  const spec = KPI_SPECS[row.figure.kpi];
  const value = formatValue(row.figure);
  const trend = formatTrend(row.figure.kpi, row.trend);
  const prev = formatValue(row.previous);
  const color = TREND_COLOR(row);
  const ref = row.figure.official ? { zh: '', en: '' } : { zh: '（参考）', en: ' (for reference)' };
  const line = (lang: 'zh_cn' | 'en_us') => {
    const zh = lang === 'zh_cn';
    return `**${spec.label[lang]}**${zh ? ref.zh : ref.en}　${value[lang]}　<font color='${color}'>${trend[lang]}</font>\n` +
      `<font color='grey'>${mdEscape(row.figure.basis[lang])}${zh ? ` · 上期 ${prev.zh_cn}` : ` · previous ${prev.en_us}`}</font>`;
  };
  return { zh_cn: line('zh_cn'), en_us: line('en_us') };
}

function groupSection(report: KpiReport, kpis: readonly KpiKey[], label: I18nText): CardElement {
  const rows = kpis.map((k) => report.rows.find((r) => r.figure.kpi === k)!);
  const lines = rows.map(kpiLines);
  return md({
    zh_cn: [`**${label.zh_cn}**`, ...lines.map((l) => l.zh_cn)].join('\n'),
    en_us: [`**${label.en_us}**`, ...lines.map((l) => l.en_us)].join('\n'),
  });
}

/** "83.3%", "3", "—" for the table. */
const cell = (f: KpiFigure): string => (f.value === null ? '—' : formatValue(f).zh_cn);

const TABLE_KPIS: readonly KpiKey[] = ['sales_plan', 'revisit', 'new_development', 'churn', 'valid_complaints'];

function membersTable(report: KpiReport): CardElement {
  const columns: Json[] = [
    { name: 'name', display_name: '姓名 Name', data_type: 'text', width: 'auto' },
    ...TABLE_KPIS.map((k) => ({ name: k, display_name: `${shortLabel[k].zh_cn} ${shortLabel[k].en_us}`, data_type: 'text', width: 'auto' })),
  ];
  const rows: Json[] = report.members.map((m) => {
    const row: { [k: string]: Json } = { name: m.member.name };
    for (const k of TABLE_KPIS) row[k] = cell(figureOf(m.figures, k));
    return row;
  });
  return {
    tag: 'table',
    page_size: 10,
    row_height: 'low',
    freeze_first_column: true,
    header_style: { text_align: 'left', text_size: 'normal', background_style: 'grey', bold: true, lines: 1 },
    columns,
    rows,
  };
}

const shortLabel: Record<KpiKey, I18nText> = {
  sales_plan: i18n('销售完成率', 'Sales'),
  churn: i18n('流失', 'Churned'),
  development_plan: i18n('开发完成率', 'Dev. plan'),
  new_development: i18n('新开发率', 'New dev.'),
  valid_complaints: i18n('有效投诉', 'Complaints'),
  feedback_timeliness: i18n('反馈及时率', 'Feedback'),
  revisit: i18n('回访率', 'Revisit'),
  service_cost: i18n('费用率', 'Cost'),
  archive_completeness: i18n('档案完整性', 'Archives'),
  service_standard: i18n('规范执行', 'Standard'),
  satisfaction: i18n('满意度', 'Satisfaction'),
  answer_timeliness: i18n('解答及时性', 'Answers'),
};

function charts(report: KpiReport, barKpi: KpiKey, withLine: boolean): CardElement[] {
  const out: CardElement[] = [];
  if (report.members.length) {
    const spec = KPI_SPECS[barKpi];
    const points = report.members.flatMap((m) => {
      const f = figureOf(m.figures, barKpi);
      return f.value === null ? [] : [{ name: m.member.name, value: f.value }];
    });
    const left = report.members.length - points.length;
    const missing = left ? { zh: `（${left} 人无数据，未列入）`, en: ` (${left} without data not shown)` } : { zh: '', en: '' };
    out.push(md(i18n(`**${spec.label.zh_cn} · 按专员**${missing.zh}`, `**${spec.label.en_us} by specialist**${missing.en}`)));
    if (points.length) out.push(barPerPerson('kpi_bar', points, { percent: spec.unit === 'percent' }));
  }
  if (withLine && report.months.length > 1) {
    const sales = report.months.map((m) => ({ x: periodKey(m.period), value: figureOf(m.figures, 'sales_plan').numerator / 1_000_000 }));
    const revisit = report.months.map((m) => ({ x: periodKey(m.period), value: figureOf(m.figures, 'revisit').value ?? 0 }));
    out.push(md(i18n('**按月走势**：实际销售（万元）与回访率（%）', '**Month by month**: sales (¥10k) and revisit rate (%)')));
    out.push(lineOverMonths('kpi_line', [{ name: '销售 Sales', points: sales }, { name: '回访率 Revisit', points: revisit }]));
  }
  return out;
}

export function kpiCard(view: KpiCardView): Card {
  const { report } = view;
  const period = periodLabel(report.period);
  const prev = periodLabel(report.previousPeriod);
  const headline: KpiKey = view.only?.[0] ?? 'sales_plan';
  const sales = figureOf(report.rows.map((r) => r.figure), headline);
  const shown = (k: KpiKey) => !view.only || view.only.includes(k);
  const elements: CardElement[] = [
    ...KPI_GROUPS.filter((g) => g.kpis.some(shown)).map((g) => groupSection(report, g.kpis.filter(shown), g.label)),
    ...charts(report, view.barKpi ?? 'sales_plan', !view.only),
  ];
  if (report.members.length && !view.only) elements.push(membersTable(report));
  elements.push(note(i18n(
    '每项指标下方写明计算依据；「参考」表示该指标的考核周期不是本期间。销售按成交时的负责人计入，客户移交不改变已有业绩。',
    'Each figure says what it is based on; "for reference" marks a KPI not assessed on this kind of period. Sales count for the owner at the time of the deal; a handover does not move past sales.',
  )));
  if (view.exportable) {
    elements.push(buttonRow([
      button({ text: i18n('导出 Excel', 'Export to Excel'), value: { k: 'kpi.export', p: periodKey(report.period), s: scopeValue(report) }, type: 'primary' }),
      button({ text: i18n(`查看${prev.zh_cn}`, `View ${prev.en_us}`), value: { k: 'kpi.view', p: periodKey(report.previousPeriod), s: scopeValue(report) } }),
    ]));
  }
  return card({
    title: i18n(`绩效 KPI · ${view.scopeName.zh_cn}`, `KPIs · ${view.scopeName.en_us}`),
    subtitle: i18n(`${period.zh_cn} · 对比${prev.zh_cn}`, `${period.en_us} · against ${prev.en_us}`),
    template: 'indigo',
    summary: i18n(
      `${view.scopeName.zh_cn} ${period.zh_cn} ${view.only ? KPI_SPECS[headline].label.zh_cn : '销售完成率'} ${formatValue(sales).zh_cn}`,
      `${view.scopeName.en_us} ${period.en_us} ${view.only ? KPI_SPECS[headline].label.en_us : 'sales-plan'} ${formatValue(sales).en_us}`,
    ),
    elements,
  });
}

/** "member:ou_x", "team:A", "department": what the buttons carry back (re-checked on click). */
export function scopeValue(report: KpiReport): string {
  const s = report.scope;
  return s.kind === 'department' ? 'department' : `${s.kind}:${s.id}`;
}
