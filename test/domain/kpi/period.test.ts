import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.js';
import {
  monthsOf, parsePeriod, periodDays, periodFromKey, periodKey, periodLabel, periodOf, periodRange, previousPeriod, month, quarter, year,
} from '../../../src/domain/kpi/period.js';

const SH = 'Asia/Shanghai';
// Wed 2 Dec 2026 10:00 in Shanghai: Q4 is running, November is last month.
const now = new Date('2026-12-02T02:00:00Z');
const ctx = { now, timeZone: SH };
const key = (text: string) => periodKey(parsePeriod(text, ctx));

describe('periods on the company calendar', () => {
  it('ranges are the zone\'s calendar periods, not UTC ones', () => {
    const q4 = periodRange(quarter(2026, 4), SH);
    expect(q4.start.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(q4.end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(periodRange(year(2026), SH).end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(periodDays(month(2024, 2))).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodDays(quarter(2026, 4))).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });

  it('an instant just after midnight in Shanghai belongs to the new month there', () => {
    expect(periodKey(periodOf('month', new Date('2026-11-30T16:30:00Z'), SH))).toBe('2026-12');
    expect(periodKey(periodOf('quarter', new Date('2026-09-30T16:30:00Z'), SH))).toBe('2026Q4');
    expect(periodKey(periodOf('year', new Date('2026-12-31T16:30:00Z'), SH))).toBe('2027');
  });

  it('the previous period crosses year boundaries', () => {
    expect(periodKey(previousPeriod(month(2026, 1)))).toBe('2025-12');
    expect(periodKey(previousPeriod(quarter(2026, 1)))).toBe('2025Q4');
    expect(periodKey(previousPeriod(year(2026)))).toBe('2025');
    expect(monthsOf(quarter(2026, 4)).map(periodKey)).toEqual(['2026-10', '2026-11', '2026-12']);
  });

  it('keys round-trip and labels read in both languages', () => {
    for (const p of [month(2026, 11), quarter(2026, 4), year(2026)]) expect(periodFromKey(periodKey(p))).toEqual(p);
    expect(periodFromKey('2026Q5')).toBeNull();
    expect(periodLabel(quarter(2026, 4))).toEqual({ zh_cn: '2026年第四季度', en_us: 'Q4 2026' });
    expect(periodLabel(month(2026, 11))).toEqual({ zh_cn: '2026年11月', en_us: 'Nov 2026' });
  });
});

describe('parsePeriod: what people type', () => {
  it.each([
    ['本季度', '2026Q4'],
    ['这个季度', '2026Q4'],
    ['上季度', '2026Q3'],
    ['上个季度', '2026Q3'],
    ['2026Q4', '2026Q4'],
    ['2026q3', '2026Q3'],
    ['2026 Q2', '2026Q2'],
    ['2026年第四季度', '2026Q4'],
    ['2026年第一季度', '2026Q1'],
    ['2026年3季度', '2026Q3'],
    ['２０２６Ｑ４', '2026Q4'],
    ['Q4 2026', '2026Q4'],
    ['q1 2025', '2025Q1'],
    ['第三季度', '2026Q3'],
    ['Q4', '2026Q4'],
    ['11月', '2026-11'],
    ['十一月', '2026-11'],
    ['11月份', '2026-11'],
    ['2026年11月', '2026-11'],
    ['2026年1月', '2026-01'],
    ['2026-11', '2026-11'],
    ['本月', '2026-12'],
    ['这个月', '2026-12'],
    ['上个月', '2026-11'],
    ['上月', '2026-11'],
    ['今年', '2026'],
    ['去年', '2025'],
    ['2026', '2026'],
    ['2026年', '2026'],
    ['2025年度', '2025'],
    ['this quarter', '2026Q4'],
    ['Last Quarter', '2026Q3'],
    ['this month', '2026-12'],
    ['last month', '2026-11'],
    ['this year', '2026'],
    ['last year', '2025'],
    ['Nov 2026', '2026-11'],
    ['November 2025', '2025-11'],
    ['november', '2026-11'],
    ['  本季度  ', '2026Q4'],
  ])('%s → %s', (text, expected) => {
    expect(key(text)).toBe(expected);
  });

  it('a bare month or quarter that has not come yet this year means last year\'s', () => {
    const feb = { now: new Date('2027-02-10T02:00:00Z'), timeZone: SH };
    expect(periodKey(parsePeriod('11月', feb))).toBe('2026-11');
    expect(periodKey(parsePeriod('Q4', feb))).toBe('2026Q4');
    expect(periodKey(parsePeriod('上季度', feb))).toBe('2026Q4');
    expect(periodKey(parsePeriod('上个月', { now: new Date('2027-01-05T02:00:00Z'), timeZone: SH }))).toBe('2026-12');
  });

  it.each(['下季度', '2026年13月', '2026Q5', 'KPI', '', '随便', 'Q4 20266', '1999'])('refuses %j with a bilingual message', (text) => {
    try {
      parsePeriod(text, ctx);
      expect.fail('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      const err = e as DomainError;
      expect(err.code).toBe('VALIDATION');
      expect(err.userMessage.zh_cn).toMatch(/期间|季度/);
      expect(err.userMessage.en_us).toMatch(/period|quarter/i);
    }
  });

  it('refuses a future period in both languages, naming it', () => {
    for (const text of ['2027Q1', '2027年1月', '2027', 'Q1 2027']) {
      const e = (() => { try { parsePeriod(text, ctx); } catch (x) { return x as DomainError; } return null; })();
      expect(e?.code).toBe('VALIDATION');
      expect(e?.userMessage.zh_cn).toContain('还没有开始');
      expect(e?.userMessage.en_us).toContain('has not started');
    }
  });

  it('accepts the running period at its first instant and refuses it one second before', () => {
    const start = periodRange(quarter(2027, 1), SH).start;
    expect(periodKey(parsePeriod('2027Q1', { now: start, timeZone: SH }))).toBe('2027Q1');
    expect(() => parsePeriod('2027Q1', { now: new Date(start.getTime() - 1000), timeZone: SH })).toThrow(DomainError);
  });

  it('refuses non-strings and overlong text', () => {
    expect(() => parsePeriod(42, ctx)).toThrow(DomainError);
    expect(() => parsePeriod('本季度'.repeat(20), ctx)).toThrow(DomainError);
  });
});
