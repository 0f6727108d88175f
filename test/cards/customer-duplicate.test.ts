import { describe, expect, it } from 'vitest';
import { customerDuplicateCard } from '../../cards/customer-duplicate.js';
import { buildNameIndex, findDuplicates } from '../../src/domain/customer/search.js';
import { buttonValues, cardText, expectValidCard, findTags } from '../domain/customer/card-helpers.js';

const index = buildNameIndex([
  { id: 'c1', name: '中国华能集团有限公司', archiveNo: 'KA-2025-0003' },
  { id: 'c2', name: '腾讯科技（深圳）有限公司', archiveNo: 'KA-2026-0001' },
  { id: 'c3', name: '腾迅科技有限公司', archiveNo: 'KA-2026-0002' },
]);

describe('duplicate warning card', () => {
  it.each([
    ['one same name', '华能集团', findDuplicates('华能集团', index)],
    ['same name and homophone', '腾讯科技', findDuplicates('腾讯科技', index)],
    ['many long ones', '名'.repeat(100), Array.from({ length: 12 }, (_, i) => ({ id: `x${i}`, name: '名'.repeat(100), archiveNo: null, kind: 'same_name' as const, ownerName: '张'.repeat(50) }))],
  ])('%s: valid, under 30 KB, buttons round-trip', (_l, name, duplicates) => expectValidCard(customerDuplicateCard({ name, duplicates })));

  it('links to the existing customer and offers "create anyway" behind a confirmation', () => {
    const card = customerDuplicateCard({ name: '华能集团', duplicates: findDuplicates('华能集团', index).map((d) => ({ ...d, ownerName: '张专员' })) });
    expect(buttonValues(card)).toEqual([
      { v: 1, k: 'customer.open', c: 'c1' },
      { v: 1, k: 'customer.create', n: '华能集团', force: true },
    ]);
    const create = findTags(card, 'button').at(-1)!;
    expect(create.confirm).toBeDefined();
    const text = cardText(card);
    for (const s of ['中国华能集团有限公司', 'KA-2025-0003', '名称相同', '张专员', 'Open existing'.slice(0, 4)]) expect(text).toContain(s);
  });

  it('tells a homophone from a same name', () => {
    const text = cardText(customerDuplicateCard({ name: '腾讯科技', duplicates: findDuplicates('腾讯科技', index) }));
    expect(text).toContain('读音相同');
    expect(text).toContain('same name');
  });
});
