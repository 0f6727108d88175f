import { describe, expect, it } from 'vitest';
import { customerPickCard, PICK_MAX } from '../../cards/customer-pick.js';
import { buildNameIndex, searchCustomers } from '../../src/domain/customer/search.js';
import { buttonValues, cardText, expectValidCard } from '../domain/customer/card-helpers.js';

const index = buildNameIndex(
  ['招商银行股份有限公司', '重庆银行股份有限公司', '中国工商银行股份有限公司', '中国建设银行股份有限公司'].map((name, i) => ({ id: `c${i}`, name, archiveNo: `KA-2026-000${i + 1}` })),
);
const many = Array.from({ length: 25 }, (_, i) => ({ id: `m${i}`, name: `${'很长的公司名称'.repeat(14)}${i}`, archiveNo: null }));

describe('customer pick card', () => {
  it.each([
    ['search results for 银行', { query: '银行', matches: searchCustomers(index, '银行') }],
    ['25 long names', { query: 'x'.repeat(200), matches: many }],
  ])('%s: valid, under 30 KB, buttons round-trip', (_l, v) => expectValidCard(customerPickCard(v)));

  it('has one open button per match, in ranking order', () => {
    const matches = searchCustomers(index, '银行');
    expect(matches.length).toBeGreaterThan(1);
    expect(buttonValues(customerPickCard({ query: '银行', matches }))).toEqual(matches.map((m) => ({ v: 1, k: 'customer.open', c: m.id })));
    expect(cardText(customerPickCard({ query: '银行', matches }))).toContain('招商银行股份有限公司（KA-2026-0001）');
  });

  it('caps the list and asks for a better query', () => {
    const card = customerPickCard({ query: '公司', matches: many });
    expect(buttonValues(card)).toHaveLength(PICK_MAX);
    expect(cardText(card)).toContain('还有 15 个');
  });
});
