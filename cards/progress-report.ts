/**
 * Development progress reports (定期汇报, domain.md §3.1): the specialist's form, and the card
 * the manager receives with the report.
 */
import { i18n } from '../src/domain/i18n.js';
import { formatFriendly } from '../src/domain/time.js';
import { button, card, fields, form, input, md, mdEscape, note, type Card } from './kit.js';

export const PROGRESS_MAX = 1000;

export function progressFormCard(v: { customerName: string; dueAt: Date; timeZone: string; submit: { k: string; o: number } }): Card {
  return card({
    title: i18n('开发进展汇报', 'Development progress report'),
    subtitle: i18n(v.customerName, v.customerName),
    template: 'blue',
    elements: [
      md(i18n(`截止 ${formatFriendly(v.dueAt, v.timeZone, 'zh_cn')}`, `Due ${formatFriendly(v.dueAt, v.timeZone, 'en_us')}`)),
      form('progress_form', [
        input({
          name: 'body',
          label: i18n('本期进展', 'Progress this period'),
          placeholder: i18n('接触了谁、谈到哪一步、遇到什么问题、下一步计划', 'Who you met, how far it went, problems, next steps'),
          multiline: true,
          required: true,
          maxLength: PROGRESS_MAX,
        }),
        button({ text: i18n('提交', 'Submit'), value: v.submit, type: 'primary', name: 'progress_submit', formSubmit: true }),
      ]),
      note(i18n('也可以直接发消息：「进展 客户名：内容」。', 'You can also send a message: "/progress <customer>: <text>".')),
    ],
  });
}

/** What the manager gets; also what replaces the submitted form. */
export function progressReportCard(v: { customerName: string; reporterName: string; at: Date; body: string; nextDueAt: Date | null; timeZone: string }): Card {
  const next = v.nextDueAt
    ? [note(i18n(`下次汇报截止 ${formatFriendly(v.nextDueAt, v.timeZone, 'zh_cn')}`, `Next report due ${formatFriendly(v.nextDueAt, v.timeZone, 'en_us')}`))]
    : [];
  return card({
    title: i18n('开发进展汇报', 'Development progress report'),
    subtitle: i18n(`${v.customerName} · ${v.reporterName}`, `${v.customerName} · ${v.reporterName}`),
    template: 'green',
    elements: [
      fields([
        [i18n('客户', 'Customer'), mdEscape(v.customerName)],
        [i18n('汇报人', 'Reported by'), mdEscape(v.reporterName)],
        [i18n('时间', 'When'), i18n(formatFriendly(v.at, v.timeZone, 'zh_cn'), formatFriendly(v.at, v.timeZone, 'en_us'))],
      ]),
      md(i18n(mdEscape(v.body), mdEscape(v.body))),
      ...next,
    ],
  });
}
