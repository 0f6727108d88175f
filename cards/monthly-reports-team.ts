/**
 * The team's reports for one month compiled into one card (for the director, a manager or the
 * assistant): who submitted, who is late, and each report folded in a panel. Long fields are
 * clipped, more for a bigger team; a department too big for one card gets as many panels as
 * fit and the rest by name, and the card says so.
 */
import { i18n } from '../src/domain/i18n.js';
import { formatDateTime } from '../src/domain/time.js';
import type { MonthlyReportStatus } from '../src/domain/reminders/monthly.js';
import { card, md, mdEscape, note, type Card, type CardElement } from './kit.js';
import { BUILD_BUDGET } from './fit.js';
import { byteSize } from './customer-parts.js';
import { fieldsElement, monthLabel, type ReportFields } from './monthly-report-parts.js';

export interface TeamReportRow {
  name: string;
  report: { version: number; status: MonthlyReportStatus; submittedAt: Date; fields: ReportFields; late?: boolean } | null;
}

/** Characters per field in a panel, tried in turn until every report fits. */
const CLIPS = [200, 120, 60];
/** Panels hold three elements each; Feishu's cap is 200 per card. */
const MAX_PANELS = 50;
/** Names listed in the one line of reports that did not fit. */
const NAMES_MAX = 60;

function panel(r: TeamReportRow & { report: NonNullable<TeamReportRow['report']> }, tz: string, clip: number): CardElement {
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
    elements: [note(i18n(`提交于 ${formatDateTime(r.report.submittedAt, tz)}`, `Submitted ${formatDateTime(r.report.submittedAt, tz)}`)), fieldsElement(r.report.fields, clip)],
  };
}

const names = (rows: TeamReportRow[]): string => {
  const shown = rows.slice(0, NAMES_MAX).map((r) => mdEscape(r.name)).join('、');
  return rows.length > NAMES_MAX ? `${shown} 等 ${rows.length} 人` : shown;
};

/** The reports' panels: all of them at the longest clip that fits, else as many as fit and the rest named. */
function panels(v: { rows: TeamReportRow[]; timeZone: string }, head: CardElement[]): CardElement[] {
  const withReport = v.rows.filter((r): r is TeamReportRow & { report: NonNullable<TeamReportRow['report']> } => r.report !== null);
  const base = byteSize(head) + 2048;
  for (const clip of CLIPS) {
    const all = withReport.map((r) => panel(r, v.timeZone, clip));
    if (all.length <= MAX_PANELS && base + byteSize(all) <= BUILD_BUDGET) return all;
  }
  const clip = CLIPS.at(-1)!;
  const out: CardElement[] = [];
  let used = base + 1024 * 4; // the closing line of names
  for (const r of withReport) {
    const p = panel(r, v.timeZone, clip);
    const cost = byteSize(p);
    if (out.length >= MAX_PANELS || used + cost > BUILD_BUDGET) break;
    out.push(p);
    used += cost;
  }
  const rest = withReport.slice(out.length);
  out.push(
    note(
      i18n(
        `报告较多，一张卡片只能展开 ${out.length} 份；另有 ${rest.length} 份未展开：${names(rest)}。可在各人的月报卡片中查看全文。`,
        `Too many reports for one card: ${out.length} are shown; ${rest.length} more are not: ${names(rest).replace(/、/g, ', ').replace(/ 等 (\d+) 人$/, ' and others ($1 in all)')}. Each report's own card has it in full.`,
      ),
    ),
  );
  return out;
}

export function teamReportsCard(v: { month: string; rows: TeamReportRow[]; timeZone: string }): Card {
  const done = v.rows.filter((r) => r.report && r.report.status !== 'returned');
  const missing = v.rows.filter((r) => !r.report || r.report.status === 'returned');
  const late = v.rows.filter((r) => r.report?.late);
  const elements: CardElement[] = [
    md(
      i18n(
        `已提交 **${done.length}** / ${v.rows.length} 人` +
          (late.length ? `\n逾期提交：${names(late)}` : '') +
          (missing.length ? `\n未提交或待修改：${names(missing)}` : ''),
        `Submitted: **${done.length}** of ${v.rows.length}` +
          (late.length ? `\nLate: ${names(late).replace(/、/g, ', ').replace(/ 等 (\d+) 人$/, ' and others ($1 in all)')}` : '') +
          (missing.length ? `\nMissing or being revised: ${names(missing).replace(/、/g, ', ').replace(/ 等 (\d+) 人$/, ' and others ($1 in all)')}` : ''),
      ),
    ),
  ];
  elements.push(...panels(v, elements));
  if (!v.rows.length) elements.push(note(i18n('团队里没有大客户专员。', 'There are no specialists in the team.')));
  return card({
    title: i18n('月度市场分析报告汇总', 'Monthly market reports'),
    subtitle: monthLabel(v.month),
    template: missing.length ? 'orange' : 'green',
    elements,
  });
}
