/**
 * "My customers" (我的客户): one markdown line per customer with stage, categories and
 * completeness. A department may hold hundreds, so lines are added until a byte budget is
 * spent and the rest is summarised in a note pointing at search; the card never passes 30 KB.
 */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import type { Category } from '../src/domain/customer/categories.js';
import { stageText, type StageState } from '../src/domain/customer/lifecycle.js';
import { card, md, note, type Card, type CardElement } from './kit.js';
import { byteSize, categoryText, clip, shorten } from './customer-parts.js';

export interface CustomerListItem {
  id: string;
  name: string;
  archiveNo: string;
  stage: StageState;
  categories: readonly Category[];
  completeness: number;
  /** Shown for team and department lists, where the reader is not the owner. */
  ownerName?: string | null;
}

export type ListScope = 'mine' | 'team' | 'all';

export interface CustomerListView {
  scope: ListScope;
  /** In display order; the caller sorts (e.g. by stage, then name). */
  items: readonly CustomerListItem[];
}

const TITLE: Record<ListScope, I18nText> = {
  mine: i18n('我的客户', 'My customers'),
  team: i18n('团队客户', "My team's customers"),
  all: i18n('全部客户', 'All customers'),
};

/** Bytes the lines may take; the header, note and envelope fit in the rest of 30 KB. */
const LIST_BUDGET = 24 * 1024;
export const LIST_MAX_ROWS = 100;
const ROWS_PER_BLOCK = 20;

function line(item: CustomerListItem, n: number): I18nText {
  const name = shorten(item.name, 30);
  const cats = item.categories.length ? categoryText(item.categories) : null;
  const owner = item.ownerName ? shorten(clip(item.ownerName, 20), 20) : null;
  const stage = stageText(item.stage);
  return i18n(
    `${n}. **${name}** ${item.archiveNo} · ${stage.zh_cn}${cats ? ` · ${cats.zh_cn}` : ''} · 完整度 ${item.completeness}%${owner ? ` · ${owner}` : ''}`,
    `${n}. **${name}** ${item.archiveNo} · ${stage.en_us}${cats ? ` · ${cats.en_us}` : ''} · ${item.completeness}% complete${owner ? ` · ${owner}` : ''}`,
  );
}

export function customerListCard(v: CustomerListView): Card {
  const total = v.items.length;
  const blocks: CardElement[] = [];
  let pending: I18nText[] = [];
  let used = 0;
  let shown = 0;
  const flush = () => {
    if (!pending.length) return;
    blocks.push(md(i18n(pending.map((l) => l.zh_cn).join('\n'), pending.map((l) => l.en_us).join('\n'))));
    pending = [];
  };
  for (const item of v.items) {
    if (shown >= LIST_MAX_ROWS) break;
    const l = line(item, shown + 1);
    // Each line lands three times in the JSON: the content fallback plus both i18n texts.
    const cost = byteSize(l.zh_cn) * 2 + byteSize(l.en_us) + 8;
    if (used + cost > LIST_BUDGET) break;
    used += cost;
    pending.push(l);
    shown++;
    if (pending.length === ROWS_PER_BLOCK) flush();
  }
  flush();

  const elements: CardElement[] = total
    ? blocks
    : [md(i18n('还没有客户。发送「新客户 名称」建档。', 'No customers yet. Send "/customer new <name>" to create one.'))];
  if (shown < total) {
    elements.push(note(i18n(
      `共 ${total} 个客户，仅显示前 ${shown} 个。发送「客户 名称或编号」查找其他客户。`,
      `${total} customers; showing the first ${shown}. Send "/customer <name or number>" to find the others.`,
    )));
  } else if (total) {
    elements.push(note(i18n('发送「客户 名称或编号」查看档案。', 'Send "/customer <name or number>" to open an archive.')));
  }
  const title = TITLE[v.scope];
  return card({
    title,
    subtitle: i18n(`${total} 个客户`, `${total} customer${total === 1 ? '' : 's'}`),
    template: 'blue',
    elements,
  });
}
