import { describe, expect, it } from 'vitest';
import { customerArchiveCard, type ArchiveCardView } from '../../cards/customer-archive.js';
import { completeness, nextMissingField } from '../../src/domain/customer/completeness.js';
import { emptyArchive, type Archive } from '../../src/domain/customer/archive.js';
import { visibleArchive } from '../../src/domain/customer/visibility.js';
import type { Category } from '../../src/domain/customer/categories.js';
import type { StageState } from '../../src/domain/customer/lifecycle.js';
import { SECTIONS } from '../../src/domain/customer/sections.js';
import { fullArchive, maxArchive, people, roster } from '../domain/customer/fixtures.js';
import { buttonValues, cardText, expectValidCard } from '../domain/customer/card-helpers.js';
import type { Member } from '../../src/domain/roster.js';

const view = (archive: Archive, viewer: Member = people.specA1, over: Partial<ArchiveCardView> = {}): ArchiveCardView => {
  const v = visibleArchive(archive, viewer, 'ou_spec_a1', roster);
  return {
    customerId: 'cus_1',
    archiveNo: 'KA-2026-0001',
    createdOn: '2026-01-05',
    archive: v.archive,
    personal: v.personal,
    canEdit: v.canEdit,
    stage: { stage: 'developing', screening: 'qualified' },
    categories: ['important', 'strategic'],
    ownerName: '张专员',
    completeness: completeness(archive),
    nextMissing: nextMissingField(archive),
    ...over,
  };
};

const ALL: Category[] = ['important', 'high_value', 'group', 'strategic'];

describe('archive card', () => {
  it.each([
    ['full archive, owner', view(fullArchive())],
    ['full archive, another specialist', view(fullArchive(), people.specA2)],
    ['empty archive', view(emptyArchive(), people.specA1, { categories: [] })],
    ['every field at its limit, owner', view(maxArchive())],
    ['every field at its limit, finance', view(maxArchive(), people.finance)],
    ['four categories', view(fullArchive(), people.director, { categories: ALL })],
    ['lost customer', view(fullArchive(), people.specA1, { stage: { stage: 'lost', screening: 'rejected' } as StageState })],
  ])('%s: valid, under 30 KB, buttons round-trip', (_l, v) => expectValidCard(customerArchiveCard(v)));

  it('shows at most three category tags in the header, and all categories in the body', () => {
    const c = customerArchiveCard(view(fullArchive(), people.director, { categories: ALL }));
    expect((c.header!.text_tag_list as unknown[]).length).toBe(3);
    expect(cardText(c)).toContain('重要客户、高值客户、集团客户、战略客户');
  });

  it('shows personal fields to the owner, with the completeness bar, stage and owner', () => {
    const text = cardText(customerArchiveCard(view(fullArchive())));
    for (const s of ['书法', '高尔夫', '1968-05-01', '▰▰▰▰▰▰▰▰▰▰ 100%', '开发中', '张专员', 'KA-2026-0001', '经济买家', '¥34,900,000,000.00']) expect(text).toContain(s);
  });

  it.each([people.specA2, people.mgrB, people.finance])('hides personal fields from %s, even if the view model carried them', (viewer) => {
    const v = view(fullArchive(), viewer);
    const text = cardText(customerArchiveCard({ ...v, archive: fullArchive() }));
    for (const s of ['书法', '高尔夫', '1968-05-01', '已婚', '一子']) expect(text).not.toContain(s);
    expect(text).toContain('仅负责专员、其经理、总监和内勤可见');
    expect(text).toContain('温枢刚');
  });

  it('offers the next missing field, a visit, and one edit button per section to editors', () => {
    const values = buttonValues(customerArchiveCard(view(emptyArchive())));
    expect(values[0]).toEqual({ v: 1, k: 'customer.ask', c: 'cus_1', f: 'contacts.economic' });
    expect(values).toContainEqual({ v: 1, k: 'visit.plan', c: 'cus_1' });
    expect(values.filter((x) => x.k === 'customer.edit').map((x) => x.s)).toEqual([...SECTIONS]);
  });

  it('offers only the visit button to readers who may not edit', () => {
    expect(buttonValues(customerArchiveCard(view(emptyArchive(), people.finance)))).toEqual([{ v: 1, k: 'visit.plan', c: 'cus_1' }]);
  });

  it('warns when no economic buyer or coach is on record', () => {
    const text = cardText(customerArchiveCard(view(emptyArchive())));
    expect(text).toContain('没有经济买家');
    expect(text).toContain('No coach on record');
  });

  it('shortens long texts so the worst case still fits', () => {
    const bytes = new TextEncoder().encode(JSON.stringify(customerArchiveCard(view(maxArchive())))).length;
    expect(bytes).toBeLessThanOrEqual(28 * 1024);
  });

  it('escapes markdown in user text', () => {
    const a: Archive = { ...emptyArchive(), name: 'A*B', mainBusiness: '**bold** [link](x)' };
    expect(cardText(customerArchiveCard(view(a)))).toContain('\\\\*\\\\*bold\\\\*\\\\*');
  });
});

describe('archive card history (issue 15)', () => {
  const history = {
    tab: 'transactions' as const, page: 2, pages: 12, counts: { transactions: 60, visits: 30, complaints: 1, questions: 2, feedback: 0, changes: 3 },
    rows: Array.from({ length: 5 }, (_, i) => ({ date: `2026-11-0${i + 1}`, what: { zh_cn: '¥1.00', en_us: '¥1.00' }, detail: `合同${i}`.repeat(300), by: '李专员' })),
  };

  it('shows the page with tab and page buttons, and only tabs and rows when room allows', () => {
    const c = customerArchiveCard(view(fullArchive(), people.specA1, { history }));
    expectValidCard(c);
    const text = cardText(c);
    expect(text).toContain('历史记录 · 交易');
    expect(text).toContain('第 2/12 页');
    const pages = buttonValues(c).filter((b) => b.k === 'customer.history');
    expect(pages.map((b) => `${b.t}:${b.p}`)).toEqual(['transactions:1', 'visits:1', 'complaints:1', 'questions:1', 'feedback:1', 'changes:1', 'transactions:1', 'transactions:3']);
  });

  it('without buttons (the group copy) shows the rows only', () => {
    const c = customerArchiveCard(view(fullArchive(), people.finance, { history, historyButtons: false }));
    expect(buttonValues(c).filter((b) => b.k === 'customer.history')).toEqual([]);
    expect(cardText(c)).toContain('2026-11-01');
  });

  it('an archive that fills the card alone gets a button to its history, and the history page folds the archive away', () => {
    const opened = customerArchiveCard(view(maxArchive(), people.specA1, { history }));
    expectValidCard(opened);
    expect(buttonValues(opened).filter((b) => b.k === 'customer.history').length).toBeGreaterThan(0);
    const paged = customerArchiveCard(view(maxArchive(), people.specA1, { history, historyFocus: true }));
    expectValidCard(paged);
    expect(cardText(paged)).toContain('第 2/12 页');
    expect(buttonValues(paged).some((b) => b.k === 'customer.history' && b.p === 3)).toBe(true);
  });
});
