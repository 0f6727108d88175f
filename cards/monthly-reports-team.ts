/**
 * The team's reports for one month compiled into one card (for the director, a manager or the
 * assistant): who submitted, who is late, and each report folded in a panel. Long fields are
 * clipped so a whole team fits in Feishu's 30 KB.
 */
import { i18n } from '../src/domain/i18n.js';
import { formatDateTime } from '../src/domain/time.js';
import type { MonthlyReportStatus } from '../db/schema/monthly-reports.js';
import { card, md, mdEscape, note, type Card, type CardElement } from './kit.js';
import { fieldsElement, monthLabel, type ReportFields } from './monthly-report-parts.js';

export interface TeamReportRow {
  name: string;
  report: { version: number; status: MonthlyReportStatus; submittedAt: Date; fields: ReportFields; late?: boolean } | null;
}

const CLIP = 200;

function panel(r: TeamReportRow & { report: NonNullable<TeamReportRow['report']> }, tz: string): CardElement {
  const returned = r.report.status === 'returned';
  const late = r.report.late ? { zh: '（逾期提交）', en: ' (late)' } : { zh: '', en: '' };
  const title = i18n(
    `${r.name} · 第 ${r.report.version} 版${returned ? '（已退回）' : ''}${late.zh}`,
    `${r.name} · v${r.report.version}${returned ? ' (returned)' : ''}${late.en}`,
  );
  return {
    tag: 'collapsible_panel',
    expanded: false,
    header: { title: { tag: 'markdown', content: title.zh_cn, i18n_content: { zh_cn: title.zh_cn, en_us: title.en_us } } },
    elements: [note(i18n(`提交于 ${formatDateTime(r.report.submittedAt, tz)}`, `Submitted ${formatDateTime(r.report.submittedAt, tz)}`)), fieldsElement(r.report.fields, CLIP)],
  };
}

export function teamReportsCard(v: { month: string; rows: TeamReportRow[]; timeZone: string }): Card {
  const done = v.rows.filter((r) => r.report && r.report.status !== 'returned');
  const missing = v.rows.filter((r) => !r.report || r.report.status === 'returned');
  const late = v.rows.filter((r) => r.report?.late);
  const elements: CardElement[] = [
    md(
      i18n(
        `已提交 **${done.length}** / ${v.rows.length} 人` +
          (late.length ? `\n逾期提交：${late.map((r) => mdEscape(r.name)).join('、')}` : '') +
          (missing.length ? `\n未提交或待修改：${missing.map((r) => mdEscape(r.name)).join('、')}` : ''),
        `Submitted: **${done.length}** of ${v.rows.length}` +
          (late.length ? `\nLate: ${late.map((r) => mdEscape(r.name)).join(', ')}` : '') +
          (missing.length ? `\nMissing or being revised: ${missing.map((r) => mdEscape(r.name)).join(', ')}` : ''),
      ),
    ),
  ];
  for (const r of v.rows) if (r.report) elements.push(panel({ ...r, report: r.report }, v.timeZone));
  if (!v.rows.length) elements.push(note(i18n('团队里没有大客户专员。', 'There are no specialists in the team.')));
  return card({
    title: i18n('月度市场分析报告汇总', 'Monthly market reports'),
    subtitle: monthLabel(v.month),
    template: missing.length ? 'orange' : 'green',
    elements,
  });
}
