/**
 * A submitted monthly report as the manager sees it: the fields, and while it awaits review a
 * form to comment or return it (the reason is required server-side). Re-rendered for every copy
 * once the manager acts, so the buttons disappear and the card says what was decided.
 */
import { i18n } from '../src/domain/i18n.js';
import { formatDateTime } from '../src/domain/time.js';
import type { MonthlyReportStatus } from '../src/domain/reminders/monthly.js';
import { reviewValue } from './monthly-report-values.js';
import { button, buttonRow, card, form, hr, input, md, mdEscape, type Card, type CardElement, type TagColor } from './kit.js';
import { monthLabel, type ReportFields } from './monthly-report-parts.js';
import { REPORT_CLIPS, reportBody } from './monthly-report-confirm.js';
import { firstThatFits } from './fit.js';
import { shorten } from './customer-parts.js';

export interface ReportReviewView {
  reportId: number;
  ownerName: string;
  month: string;
  version: number;
  status: MonthlyReportStatus;
  submittedAt: Date;
  fields: ReportFields;
  comment: string | null;
  returnReason: string | null;
  reviewerName: string | null;
  /** Whether the comment/return form is offered (the latest version, still awaiting review). */
  actionable: boolean;
  timeZone: string;
}

const STATUS: Record<MonthlyReportStatus, { text: ReturnType<typeof i18n>; color: TagColor }> = {
  draft: { text: i18n('草稿', 'Draft'), color: 'neutral' },
  submitted: { text: i18n('已提交', 'Submitted'), color: 'blue' },
  returned: { text: i18n('已退回修改', 'Returned for revision'), color: 'red' },
  replaced: { text: i18n('已被新版本替换', 'Replaced by a newer version'), color: 'neutral' },
};

export function monthlyReportReviewCard(v: ReportReviewView): Card {
  return firstThatFits(REPORT_CLIPS, (max) => buildReview(v, max));
}

function buildReview(v: ReportReviewView, max: number): Card {
  const who = mdEscape(v.ownerName);
  const elements: CardElement[] = [
    md(
      i18n(
        `**${who}** · 第 ${v.version} 版 · 提交于 ${formatDateTime(v.submittedAt, v.timeZone)}`,
        `**${who}** · version ${v.version} · submitted ${formatDateTime(v.submittedAt, v.timeZone)}`,
      ),
    ),
    hr(),
    ...reportBody(v.fields, max),
  ];
  const by = v.reviewerName ? mdEscape(v.reviewerName) : '';
  if (v.comment) elements.push(hr(), md(i18n(`**${by} 的意见**：${shorten(v.comment, 500)}`, `**Comment from ${by}**: ${shorten(v.comment, 500)}`)));
  if (v.status === 'returned' && v.returnReason) {
    elements.push(hr(), md(i18n(`**${by} 退回修改**：${shorten(v.returnReason, 500)}`, `**Returned by ${by}**: ${shorten(v.returnReason, 500)}`)));
  }
  if (v.actionable) {
    elements.push(
      form(`review_${v.reportId}`, [
        input({ name: 'text', label: i18n('意见或退回原因', 'Comment or reason for returning'), multiline: true, maxLength: 500 }),
        buttonRow([
          button({ text: i18n('发表意见', 'Comment'), value: reviewValue(v.reportId, 'comment'), type: 'primary', name: 'review_comment', formSubmit: true }),
          button({
            text: i18n('退回修改', 'Return for revision'),
            value: reviewValue(v.reportId, 'return'),
            type: 'danger',
            name: 'review_return',
            formSubmit: true,
            confirm: { title: i18n('退回这份月报？', 'Return this report?'), text: i18n('专员会收到原因并需重新提交。', 'The specialist is told why and must resubmit.') },
          }),
        ]),
      ]),
    );
  }
  const s = STATUS[v.status];
  return card({
    title: i18n(`月度市场分析报告 · ${v.ownerName}`, `Monthly market report · ${v.ownerName}`),
    subtitle: monthLabel(v.month),
    template: v.status === 'returned' ? 'red' : v.status === 'submitted' ? 'blue' : 'grey',
    tags: [{ text: s.text, color: s.color }],
    elements,
  });
}
