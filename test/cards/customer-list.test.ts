import { describe, expect, it } from 'vitest';
import { customerListCard, LIST_MAX_ROWS, type CustomerListItem } from '../../cards/customer-list.js';
import { cardText, expectValidCard } from '../domain/customer/card-helpers.js';
import type { Card } from '../../cards/kit.js';

const item = (i: number, nameLength = 12): CustomerListItem => ({
  id: `c${i}`,
  name: `客户${i}`.padEnd(nameLength, '名'),
  archiveNo: `KA-2026-${String(i).padStart(4, '0')}`,
  stage: { stage: i % 2 ? 'developing' : 'screened', screening: 'qualified' },
  categories: i % 3 ? ['important', 'high_value', 'group', 'strategic'] : [],
  completeness: i % 101,
  ownerName: `专员${i % 4}`,
});
const items = (n: number, nameLength?: number) => Array.from({ length: n }, (_, i) => item(i + 1, nameLength));
const rows = (card: Card) => (cardText(card).match(/KA-2026-\d{4}/g) ?? []).length / 3;

describe('customer list card', () => {
  it.each([
    ['no customers', 0, undefined],
    ['one customer', 1, undefined],
    ['twenty customers', 20, undefined],
    ['200 customers', 200, undefined],
    ['200 customers with 100-character names', 200, 100],
  ] as const)('%s: valid, under 30 KB', (_l, n, len) => expectValidCard(customerListCard({ scope: 'team', items: items(n, len) })));

  it('shows every customer of a short list with stage, categories and completeness', () => {
    const text = cardText(customerListCard({ scope: 'mine', items: items(3) }));
    expect(rows(customerListCard({ scope: 'mine', items: items(3) }))).toBe(3);
    for (const s of ['我的客户', '开发中', '筛选评价（合格）', '重要客户、高值客户', '完整度 1%', '3 customers']) expect(text).toContain(s);
  });

  it('truncates 200 customers with a note pointing at search', () => {
    const card = customerListCard({ scope: 'all', items: items(200) });
    const shown = rows(card);
    expect(shown).toBeLessThanOrEqual(LIST_MAX_ROWS);
    expect(shown).toBeGreaterThan(20);
    expect(cardText(card)).toContain(`共 200 个客户，仅显示前 ${shown} 个`);
  });

  it('says how to start when empty', () => expect(cardText(customerListCard({ scope: 'mine', items: [] }))).toContain('还没有客户'));
});
