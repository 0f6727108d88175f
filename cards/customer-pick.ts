/** Several customers match a search: one button per match, best first; a click opens its archive. */
import { i18n } from '../src/domain/i18n.js';
import type { CustomerMatch } from '../src/domain/customer/search.js';
import { button, card, md, note, type Card, type CardElement } from './kit.js';
import { CUSTOMER_ACTIONS, clip, shorten } from './customer-parts.js';

export interface CustomerPickView {
  query: string;
  matches: readonly Pick<CustomerMatch, 'id' | 'name' | 'archiveNo'>[];
}

/** A pick list longer than this is not a pick list; the reader should refine the search. */
export const PICK_MAX = 10;

export function customerPickCard(v: CustomerPickView): Card {
  const q = shorten(v.query, 40);
  const shown = v.matches.slice(0, PICK_MAX);
  const elements: CardElement[] = [
    md(i18n(`找到 ${v.matches.length} 个与「${q}」相近的客户，请选择：`, `${v.matches.length} customers match "${q}". Pick one:`)),
    // Full-width buttons stacked, not a flowing row: names are long and the order is the ranking.
    ...shown.map((m) =>
      button({
        text: { zh_cn: `${clip(m.name, 40)}${m.archiveNo ? `（${m.archiveNo}）` : ''}`, en_us: `${clip(m.name, 40)}${m.archiveNo ? ` (${m.archiveNo})` : ''}` },
        value: { k: CUSTOMER_ACTIONS.open, c: m.id },
      }),
    ),
  ];
  if (v.matches.length > shown.length) {
    elements.push(note(i18n(`还有 ${v.matches.length - shown.length} 个，请输入更完整的名称或档案编号。`, `${v.matches.length - shown.length} more; type more of the name or the archive number.`)));
  }
  return card({
    title: i18n('选择客户', 'Pick a customer'),
    template: 'blue',
    summary: i18n(`「${clip(v.query, 20)}」有多个匹配`, `Several matches for "${clip(v.query, 20)}"`),
    elements,
  });
}
