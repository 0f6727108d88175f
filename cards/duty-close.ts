/**
 * Closing an overdue item with a reason (the weekly reminder's second button): the form, and
 * the card it becomes once closed. The reason goes to the owner's manager.
 */
import { STATE } from '../src/domain/glossary.js';
import { i18n } from '../src/domain/i18n.js';
import { button, card, form, input, md, mdEscape, note, type Card } from './kit.js';

export const DUTY_CLOSE = 'duty.close';
export const DUTY_CLOSE_SAVE = 'duty.close.save';
export const CLOSE_REASON_MAX = 200;

export function dutyCloseFormCard(v: { obligationId: string; title: string }): Card {
  return card({
    title: i18n('关闭逾期事项', 'Close an overdue item'),
    template: 'orange',
    elements: [
      md(i18n(`**${mdEscape(v.title)}**\n不再需要做（例如客户取消、已线下处理）时，写明原因后关闭；经理会收到原因，提醒随之停止。`, `**${mdEscape(v.title)}**\nWhen it no longer needs doing (the customer cancelled, it was handled offline), close it with a reason; your manager sees the reason and the reminders stop.`)),
      form('duty_close_form', [
        input({ name: 'reason', label: i18n('原因（必填）', 'Reason (required)'), required: true, multiline: true, maxLength: CLOSE_REASON_MAX }),
        button({ text: i18n('关闭', 'Close it'), value: { k: DUTY_CLOSE_SAVE, o: v.obligationId }, type: 'danger_filled', name: 'close_btn', formSubmit: true }),
      ]),
    ],
  });
}

export function dutyClosedCard(v: { title: string; reason: string }): Card {
  return card({
    title: i18n('逾期事项已关闭', 'Overdue item closed'),
    template: 'grey',
    tags: [{ text: STATE.closed, color: 'neutral' }],
    elements: [md(i18n(`**${mdEscape(v.title)}**`, `**${mdEscape(v.title)}**`)), note(i18n(`原因：${mdEscape(v.reason)}`, `Reason: ${mdEscape(v.reason)}`))],
  });
}
