import { describe, expect, it } from 'vitest';
import { addDaysYmd, formatDateTime, formatFriendly, wallParts, ymd, zonedTime } from '../../src/domain/time.js';

const SH = 'Asia/Shanghai';

describe('company-zone time', () => {
  it.each([
    ['2026-11-27T02:00:00Z', '2026-11-27', 10],
    ['2026-11-30T20:00:00Z', '2026-12-01', 4], // UTC still November, Shanghai already December
    ['2026-12-31T15:30:00Z', '2026-12-31', 23],
    ['2026-12-31T16:30:00Z', '2027-01-01', 0],
  ])('%s is %s at hour %i in Shanghai', (iso, day, hour) => {
    expect(ymd(new Date(iso), SH)).toBe(day);
    expect(wallParts(new Date(iso), SH).hour).toBe(hour);
  });

  it('builds instants from wall times, with month overflow', () => {
    expect(zonedTime(SH, 2026, 12, 5, 9).toISOString()).toBe('2026-12-05T01:00:00.000Z');
    expect(zonedTime(SH, 2026, 13, 5, 9).toISOString()).toBe('2027-01-05T01:00:00.000Z');
    expect(zonedTime('America/New_York', 2026, 7, 1, 9).toISOString()).toBe('2026-07-01T13:00:00.000Z');
    expect(zonedTime('America/New_York', 2026, 12, 1, 9).toISOString()).toBe('2026-12-01T14:00:00.000Z');
  });

  it('adds days across month and year ends', () => {
    expect(addDaysYmd('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDaysYmd('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('formats for cards in both languages', () => {
    const t = new Date('2026-12-03T07:30:00Z');
    expect(formatDateTime(t, SH)).toBe('2026-12-03 15:30');
    expect(formatFriendly(t, SH, 'zh_cn')).toBe('12月3日 周四 15:30');
    expect(formatFriendly(t, SH, 'en_us')).toBe('Thu 3 Dec 15:30');
  });
});
