import { describe, expect, it } from 'vitest';
import { budgetMonth, budgetStanding, warningsDue } from '../../src/domain/api-budget.js';

const TZ = 'Asia/Shanghai';

describe('the monthly API budget', () => {
  it("counts a month in the company's zone, not in UTC", () => {
    expect(budgetMonth(new Date('2026-11-30T15:59:59Z'), TZ)).toBe('2026-11');
    expect(budgetMonth(new Date('2026-11-30T16:00:00Z'), TZ)).toBe('2026-12');
    expect(budgetMonth(new Date('2026-12-31T16:00:00Z'), TZ)).toBe('2027-01');
  });

  it('projects the month at its pace so far, calmly in its first hour', () => {
    // 10 days of a 30-day month gone, 3,000 calls: 9,000 by the end.
    const s = budgetStanding(3_000, 10_000, new Date('2026-11-10T16:00:00Z'), TZ);
    expect(s).toMatchObject({ month: '2026-11', used: 3_000, percent: 30, projected: 9_000, saving: false });
    // One minute into December, 5 calls: an hour's pace, not a minute's (3,720, not 223,200).
    expect(budgetStanding(5, 10_000, new Date('2026-11-30T16:01:00Z'), TZ).projected).toBe(3_720);
  });

  it('saves from 90% and never without a budget', () => {
    expect(budgetStanding(8_999, 10_000, new Date('2026-11-20T00:00:00Z'), TZ).saving).toBe(false);
    expect(budgetStanding(9_000, 10_000, new Date('2026-11-20T00:00:00Z'), TZ).saving).toBe(true);
    expect(budgetStanding(50_000, 0, new Date('2026-11-20T00:00:00Z'), TZ)).toMatchObject({ saving: false, percent: 0 });
  });

  it('warns at 70% and 90% once each; a jump past both names both; passing 100% adds nothing', () => {
    expect(warningsDue(6_999, 10_000, [])).toEqual([]);
    expect(warningsDue(7_000, 10_000, [])).toEqual([70]);
    expect(warningsDue(7_500, 10_000, [70])).toEqual([]);
    expect(warningsDue(9_500, 10_000, [])).toEqual([70, 90]);
    expect(warningsDue(12_000, 10_000, [70, 90])).toEqual([]);
    expect(warningsDue(12_000, 0, [])).toEqual([]);
  });
});
