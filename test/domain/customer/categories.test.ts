import { describe, expect, it } from 'vitest';
import {
  CATEGORIES, CATEGORY_LABEL, HIGH_VALUE_THRESHOLD_FEN, categoriesFromHistory, changeCategory, highValueCrossing, suggestHighValue, type CategoryChange,
} from '../../../src/domain/customer/categories.js';
import { DomainError } from '../../../src/domain/errors.js';

const now = new Date('2026-06-15T04:00:00Z'); // 12:00 in Shanghai
const opts = (reason = '政府机关') => ({ reason, actorId: 'ou_mgr_a', now });

describe('categories', () => {
  it.each(CATEGORIES)('%s has both labels', (c) => {
    expect(CATEGORY_LABEL[c].zh_cn).toMatch(/客户$/);
    expect(CATEGORY_LABEL[c].en_us).not.toBe('');
  });

  it('set and clear build a history, and the history replays to the same set', () => {
    const history: CategoryChange[] = [];
    let cats = changeCategory([], 'strategic', true, opts('行业标杆')).categories;
    history.push(changeCategory([], 'strategic', true, opts('行业标杆')).entry!);
    const r2 = changeCategory(cats, 'important', true, { ...opts(), now: new Date('2026-06-16T00:00:00Z') });
    cats = r2.categories;
    history.push(r2.entry!);
    expect(cats).toEqual(['important', 'strategic']);
    const r3 = changeCategory(cats, 'strategic', false, { ...opts('竞争对手已退出'), now: new Date('2026-06-17T00:00:00Z') });
    history.push(r3.entry!);
    expect(r3.categories).toEqual(['important']);
    expect(r3.entry).toEqual({ category: 'strategic', set: false, reason: '竞争对手已退出', actorId: 'ou_mgr_a', at: '2026-06-17T00:00:00.000Z' });
    expect(categoriesFromHistory(history)).toEqual(['important']);
  });

  it.each([
    [['important'], 'important', true],
    [[], 'group', false],
  ] as const)('a change that changes nothing records nothing (%j, %s, %s)', (current, cat, set) => {
    expect(changeCategory(current, cat, set, opts())).toEqual({ categories: [...current], entry: null });
  });

  it.each(['', '   '])('a reason is required (%j)', (reason) => {
    expect(() => changeCategory([], 'group', true, opts(reason))).toThrow(DomainError);
    try {
      changeCategory([], 'group', true, opts(reason));
    } catch (e) {
      expect((e as DomainError).code).toBe('VALIDATION');
      expect((e as DomainError).userMessage.zh_cn).toContain('原因');
      expect((e as DomainError).userMessage.en_us).toContain('reason');
    }
  });

  it('a reason may not be endless', () => expect(() => changeCategory([], 'group', true, opts('x'.repeat(501)))).toThrow(/at most 500/));
});

describe('high-value suggestion', () => {
  const T = HIGH_VALUE_THRESHOLD_FEN;
  it('the default threshold is ¥5,000,000', () => expect(T).toBe(500_000_000));

  it.each([
    ['exactly at the threshold', [{ date: '2026-01-01', amountFen: T }], true, T],
    ['one fen below', [{ date: '2026-01-01', amountFen: T - 1 }], false, T - 1],
    ['summed over several deals', [{ date: '2025-07-01', amountFen: T / 2 }, { date: '2026-06-15', amountFen: T / 2 }], true, T],
    ['the first day of the window counts', [{ date: '2025-06-16', amountFen: T }], true, T],
    ['one year ago to the day is outside', [{ date: '2025-06-15', amountFen: T }], false, 0],
    ['older deals are outside', [{ date: '2024-12-31', amountFen: 10 * T }], false, 0],
    ['future-dated deals are outside', [{ date: '2026-06-16', amountFen: T }], false, 0],
    ['refunds reduce the total', [{ date: '2026-01-01', amountFen: T }, { date: '2026-02-01', amountFen: -1 }], false, T - 1],
    ['no transactions', [], false, 0],
  ] as const)('%s', (_l, txs, suggest, total) => {
    const r = suggestHighValue(txs, now);
    expect(r).toMatchObject({ suggest, totalFen: total, thresholdFen: T, since: '2025-06-16' });
    expect(r.reason.zh_cn).toContain(suggest ? '达到' : '未达到');
  });

  it('uses the given threshold setting', () => {
    expect(suggestHighValue([{ date: '2026-01-01', amountFen: 100 }], now, 100).suggest).toBe(true);
    expect(suggestHighValue([{ date: '2026-01-01', amountFen: 99 }], now, 100).suggest).toBe(false);
  });

  it('today is the company-zone day: 23:30 UTC on the 14th is already the 15th in Shanghai', () => {
    expect(suggestHighValue([{ date: '2026-06-15', amountFen: T }], new Date('2026-06-14T23:30:00Z')).suggest).toBe(true);
  });

  it('handles 29 February', () => expect(suggestHighValue([], new Date('2028-02-29T04:00:00Z')).since).toBe('2027-03-01'));
});

describe('high-value crossing', () => {
  const now = new Date('2026-11-27T02:00:00Z');
  const at = (fen: number) => suggestHighValue([{ date: '2026-11-01', amountFen: fen }], now, 100);
  it('tells on the first reach, and only then', () => {
    expect(highValueCrossing(at(100), false, [])).toBe('notify');
    expect(highValueCrossing(at(500), true, [])).toBe('none');
    expect(highValueCrossing(at(99), false, [])).toBe('none');
  });
  it('marks without telling when the category is already set; clears when the total falls back under', () => {
    expect(highValueCrossing(at(100), false, ['high_value'])).toBe('mark');
    expect(highValueCrossing(at(99), true, [])).toBe('clear');
  });
});
