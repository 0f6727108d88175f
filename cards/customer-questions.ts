/** A customer's open questions (客户问题待解答), each with an answer box and a button to record it. */
import { i18n } from '../src/domain/i18n.js';
import { formatFriendly } from '../src/domain/time.js';
import { button, card, form, input, md, note, type Card, type CardElement } from './kit.js';
import { clip, CUSTOMER_QUESTION_ACTIONS as A } from './customer-parts.js';

/** A card carries at most this many questions; the rest follow once these are answered. */
const QUESTIONS_PER_CARD = 5;

export function openQuestionsCard(v: { customerName: string; questions: { id: number; question: string; askedAt: Date }[]; timeZone: string }): Card {
  const shown = v.questions.slice(0, QUESTIONS_PER_CARD);
  const elements: CardElement[] = [];
  for (const x of shown) {
    elements.push(md(i18n(`**${formatFriendly(x.askedAt, v.timeZone, 'zh_cn')}** 提问：${clip(x.question, 300)}`, `**Asked ${formatFriendly(x.askedAt, v.timeZone, 'en_us')}:** ${clip(x.question, 300)}`)));
    elements.push(form(`question_${x.id}`, [
      input({ name: `qa_text_${x.id}`, label: i18n('解答', 'Answer'), multiline: true, maxLength: 1000, required: true }),
      button({ text: i18n('记录解答', 'Record the answer'), type: 'primary', formSubmit: true, name: `qa_save_${x.id}`, value: { k: A.answer, q: x.id } }),
    ]));
  }
  if (v.questions.length > shown.length) elements.push(note(i18n(`另有 ${v.questions.length - shown.length} 个问题待解答，解答以上问题后再发「解答 客户」查看。`, `${v.questions.length - shown.length} more waiting; answer these, then send "/answer <customer>" again.`)));
  elements.push(note(i18n('解答时间按记录时计，用于「解答客户问题的及时性」。', 'The answer time is when you record it; it counts for answer timeliness.')));
  const subtitle = clip(v.customerName, 60);
  return card({ title: i18n(`待解答的客户问题（${v.questions.length}）`, `Open customer questions (${v.questions.length})`), subtitle: { zh_cn: subtitle, en_us: subtitle }, template: 'orange', elements });
}
