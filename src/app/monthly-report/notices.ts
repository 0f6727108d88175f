/** What the specialist is told when their report is commented on or returned. */
import { i18n, pick, type Locale } from '../../domain/i18n.js';
import { button, buttonRow, card, md, mdEscape, type Card } from '../../../cards/kit.js';
import { monthLabel } from '../../../cards/monthly-report-parts.js';
import type { ReportRow } from './draft.js';
import { reportFormValue } from '../../../cards/monthly-report-values.js';

export function returnedNoticeCard(row: ReportRow, byName: string): Card {
  const m = monthLabel(row.month);
  const reason = mdEscape(row.returnReason ?? '');
  return card({
    title: i18n(`${m.zh_cn}月报被退回修改`, `${m.en_us} report returned for revision`),
    template: 'red',
    elements: [
      md(i18n(`**${mdEscape(byName)}** 退回了你的月报（第 ${row.version} 版）。\n**原因**：${reason}`, `**${mdEscape(byName)}** returned your report (version ${row.version}).\n**Reason**: ${reason}`)),
      buttonRow([button({ text: i18n('修改月报', 'Revise the report'), value: reportFormValue(row.month), type: 'primary' })]),
    ],
  });
}

export function commentNoticeText(row: ReportRow, byName: string, locale: Locale): string {
  const m = monthLabel(row.month);
  return pick(
    i18n(`${byName} 对你的${m.zh_cn}月报发表了意见：${row.managerComment ?? ''}`, `${byName} commented on your ${m.en_us} report: ${row.managerComment ?? ''}`),
    locale,
  );
}
