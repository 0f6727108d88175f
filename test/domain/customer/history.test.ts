import { describe, expect, it } from 'vitest';
import { historyPage, newestFirst } from '../../../src/domain/customer/history.js';

describe('historyPage', () => {
  it('pages five at a time, 1-based, clamped to the pages there are', () => {
    expect(historyPage(1, 60)).toEqual({ page: 1, pages: 12, offset: 0 });
    expect(historyPage(2, 60)).toEqual({ page: 2, pages: 12, offset: 5 });
    expect(historyPage(12, 60)).toEqual({ page: 12, pages: 12, offset: 55 });
    expect(historyPage(999, 60)).toEqual({ page: 12, pages: 12, offset: 55 });
    expect(historyPage(0, 60).page).toBe(1);
    expect(historyPage(Number.NaN, 60).page).toBe(1);
  });

  it('an empty tab is page 1 of 1', () => {
    expect(historyPage(3, 0)).toEqual({ page: 1, pages: 1, offset: 0 });
    expect(historyPage(1, 5).pages).toBe(1);
    expect(historyPage(1, 6).pages).toBe(2);
  });
});

describe('newestFirst', () => {
  it('orders by time, the later-recorded first on a tie', () => {
    const t = (iso: string, seq: number) => ({ at: new Date(iso), seq });
    const rows = [t('2026-11-01T00:00:00Z', 1), t('2026-11-03T00:00:00Z', 2), t('2026-11-03T00:00:00Z', 3)];
    expect(newestFirst(rows).map((r) => r.seq)).toEqual([3, 2, 1]);
  });
});
