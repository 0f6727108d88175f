/** A customer's open feedback (待反馈的客户意见): each with when it is due, an optional note of our answer and a button to mark it given. */
import { i18n } from '../src/domain/i18n.js';
import { formatFriendly } from '../src/domain/time.js';
import { button, card, form, input, md, note, type Card, type CardElement } from './kit.js';
import { clip } from './customer-parts.js';

export const CUSTOMER_FEEDBACK_ACTIONS = { give: 'customer.feedback.give' } as const;

/** A card carries at most this many; the rest follow once these are given. */
const FEEDBACK_PER_CARD = 5;

export function openFeedbackCard(v: { customerName: string; items: { id: number; body: string; raisedAt: Date; dueAt: Date }[]; timeZone: string; now: Date }): Card {
  const shown = v.items.slice(0, FEEDBACK_PER_CARD);
  const elements: CardElement[] = [];
  for (const x of shown) {
    const late = x.dueAt.getTime() < v.now.getTime();
    const due = (l: 'zh_cn' | 'en_us') => formatFriendly(x.dueAt, v.timeZone, l);
    elements.push(md(i18n(
      `**${formatFriendly(x.raisedAt, v.timeZone, 'zh_cn')}** ${clip(x.body, 300)}\n${late ? `<font color='red'>已超时（应于 ${due('zh_cn')} 前反馈）</font>` : `须于 ${due('zh_cn')} 前反馈`}`,
      `**${formatFriendly(x.raisedAt, v.timeZone, 'en_us')}** ${clip(x.body, 300)}\n${late ? `<font color='red'>Overdue (was due ${due('en_us')})</font>` : `Due ${due('en_us')}`}`,
    )));
    elements.push(form(`feedback_${x.id}`, [
      input({ name: `fb_reply_${x.id}`, label: i18n('答复要点（选填）', 'What we answered (optional)'), multiline: true, maxLength: 1000 }),
      button({ text: i18n('已反馈', 'Mark answered'), type: 'primary', formSubmit: true, name: `fb_give_${x.id}`, value: { k: CUSTOMER_FEEDBACK_ACTIONS.give, f: x.id } }),
    ]));
  }
  if (v.items.length > shown.length) elements.push(note(i18n(`另有 ${v.items.length - shown.length} 条待反馈，处理以上各条后再发「已反馈 客户」查看。`, `${v.items.length - shown.length} more waiting; mark these, then send "feedback given <customer>" again.`)));
  elements.push(note(i18n('反馈时间按点击时计，用于「大客户意见反馈及时率」。', 'The time you mark it counts for feedback timeliness.')));
  const subtitle = clip(v.customerName, 60);
  return card({ title: i18n(`待反馈的客户意见（${v.items.length}）`, `Feedback to answer (${v.items.length})`), subtitle: { zh_cn: subtitle, en_us: subtitle }, template: 'orange', elements });
}
