/**
 * Duplicate protection: creating a customer whose name matches an existing one shows this
 * instead of creating. Opening the existing archive is the primary action; "create anyway"
 * asks for confirmation because two archives for one company split its history and KPIs.
 */
import { i18n } from '../src/domain/i18n.js';
import type { DuplicateMatch } from '../src/domain/customer/search.js';
import { button, buttonRow, card, md, note, type Card, type CardElement } from './kit.js';
import { CUSTOMER_ACTIONS, clip, shorten } from './customer-parts.js';

export interface DuplicateCardView {
  /** The name the user typed for the new customer (≤ 100 characters, the archive limit). */
  name: string;
  duplicates: readonly (DuplicateMatch & { ownerName?: string | null })[];
}

const DUPLICATE_MAX = 5;

export function customerDuplicateCard(v: DuplicateCardView): Card {
  const name = shorten(v.name, 60);
  const shown = v.duplicates.slice(0, DUPLICATE_MAX);
  const lines = shown.map((d) => {
    const owner = d.ownerName ? shorten(d.ownerName, 20) : null;
    const kind = d.kind === 'same_name' ? i18n('名称相同', 'same name') : i18n('读音相同', 'sounds the same');
    return i18n(
      `- **${shorten(d.name, 60)}** ${d.archiveNo ?? ''}（${kind.zh_cn}${owner ? `，负责专员：${owner}` : ''}）`,
      `- **${shorten(d.name, 60)}** ${d.archiveNo ?? ''} (${kind.en_us}${owner ? `, owner: ${owner}` : ''})`,
    );
  });
  const elements: CardElement[] = [
    md(i18n(`已有与「${name}」相同或相近的客户：`, `A customer like "${name}" already exists:`)),
    md(i18n(lines.map((l) => l.zh_cn).join('\n'), lines.map((l) => l.en_us).join('\n'))),
  ];
  if (v.duplicates.length > shown.length) {
    elements.push(note(i18n(`还有 ${v.duplicates.length - shown.length} 个相近客户未列出。`, `${v.duplicates.length - shown.length} more not listed.`)));
  }
  const opens = shown.map((d, i) =>
    button({
      text: i18n(`打开 ${clip(d.name, 16)}`, `Open ${clip(d.name, 16)}`),
      type: i === 0 ? 'primary' : 'default',
      value: { k: CUSTOMER_ACTIONS.open, c: d.id },
    }),
  );
  const createAnyway = button({
    text: i18n('仍然新建', 'Create anyway'),
    type: 'danger',
    value: { k: CUSTOMER_ACTIONS.create, n: v.name.trim().slice(0, 100), force: true },
    confirm: {
      title: i18n('仍然新建客户？', 'Create anyway?'),
      text: i18n('同一公司建两份档案会分散交易记录和考核数据。', 'Two archives for one company split its history and KPIs.'),
    },
  });
  elements.push(buttonRow([...opens, createAnyway]));
  return card({
    title: i18n('客户可能重复', 'Possible duplicate customer'),
    template: 'orange',
    elements,
  });
}
