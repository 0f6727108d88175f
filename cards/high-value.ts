/**
 * Sent once when recorded transactions take a customer across the high-value threshold: the
 * owner and their manager read the total against the threshold and can set the category from
 * here (the archive's own category form, preselected).
 */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { CUSTOMER_ACTIONS, CUSTOMER_MORE_ACTIONS } from './customer-parts.js';
import { button, buttonRow, card, md, mdEscape, note, type Card } from './kit.js';

export interface HighValueCrossedView {
  customerId: string;
  name: string;
  archiveNo: string;
  ownerName: string | null;
  /** "近12个月交易额 ¥…，达到高值客户标准 ¥…" from suggestHighValue. */
  reason: I18nText;
}

export function highValueCrossedCard(v: HighValueCrossedView): Card {
  const name = mdEscape(v.name);
  const owner = v.ownerName ? i18n(`负责人：${mdEscape(v.ownerName)}`, `Owner: ${mdEscape(v.ownerName)}`) : i18n('尚无负责人', 'No owner yet');
  return card({
    title: i18n(`达到高值客户标准：${v.name}`, `High-value threshold reached: ${v.name}`),
    template: 'orange',
    elements: [
      md(i18n(`**${name}**（${v.archiveNo}）${v.reason.zh_cn}。`, `**${name}** (${v.archiveNo}): ${v.reason.en_us}.`)),
      note(i18n(`${owner.zh_cn}。是否设为高值客户由你们决定；此提醒只发一次。`, `${owner.en_us}. Whether to mark it high value is your call; this is sent once.`)),
      buttonRow([
        button({ text: i18n('设为高值客户', 'Mark as high value'), type: 'primary', value: { k: CUSTOMER_MORE_ACTIONS.category, c: v.customerId, cat: 'high_value' } }),
        button({ text: i18n('查看档案', 'Open the archive'), value: { k: CUSTOMER_ACTIONS.open, c: v.customerId } }),
      ]),
    ],
  });
}
