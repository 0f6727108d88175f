import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  dayInfo,
  firstWorkingDayOfMonth,
  hasOfficialData,
  isWorkingDay,
  lastWorkingDayOfMonth,
  needsHolidayData,
  nextWorkingDay,
  previousWorkingDay,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
  workingDaysBetween,
  type CalendarOverrides,
} from '../../src/domain/calendar.js';
import { isDomainError } from '../../src/domain/errors.js';

// 2027 has no official data yet: an admin enters New Year from the gov.cn notice.
const NEW_YEAR_2027: CalendarOverrides = { holidays: { '2027-01-01': '元旦' } };
const COMPANY: CalendarOverrides = {
  holidays: { '2026-11-27': '公司年会' },
  workdays: { '2026-11-28': '年会补班' },
};

describe('dayInfo', () => {
  it.each([
    ['2026-11-27', {}, true, 'workday', 'official', null], // Friday
    ['2026-11-28', {}, false, 'weekend', 'official', null],
    ['2026-09-20', {}, true, 'makeup_workday', 'official', '国庆节'], // Sunday 调休
    ['2026-10-01', {}, false, 'holiday', 'official', '国庆节'],
    ['2026-10-07', {}, false, 'holiday', 'official', '国庆节'], // a Wednesday off
    ['2026-10-08', {}, true, 'workday', 'official', null],
    ['2026-10-10', {}, true, 'makeup_workday', 'official', '国庆节'], // Saturday 调休
    ['2026-02-16', {}, false, 'holiday', 'official', '春节'],
    ['2025-01-26', {}, true, 'makeup_workday', 'official', '春节'],
    ['2027-01-01', {}, true, 'workday', 'weekday-only', null], // no data: a Friday like any other
    ['2027-01-02', {}, false, 'weekend', 'weekday-only', null],
    ['2027-01-01', NEW_YEAR_2027, false, 'holiday', 'override', '元旦'],
    ['2026-11-27', COMPANY, false, 'holiday', 'override', '公司年会'], // overrides beat official data
    ['2026-11-28', COMPANY, true, 'makeup_workday', 'override', '年会补班'],
  ] as const)('%s %o → work=%s %s from %s (%s)', (key, overrides, work, kind, source, zh) => {
    const info = dayInfo(key, overrides);
    expect(info).toMatchObject({ ymd: key, work, kind, source });
    expect(info.label?.zh_cn ?? null).toBe(zh);
    expect(isWorkingDay(key, overrides)).toBe(work);
  });

  it('labels official holidays in both languages', () => {
    expect(dayInfo('2026-10-01').label).toEqual({ zh_cn: '国庆节', en_us: 'National Day' });
  });

  it.each(['2026-02-30', '2026/10/01', '2026-1-5', ''])('refuses the malformed key %j', (key) => {
    let caught: unknown;
    try {
      dayInfo(key);
    } catch (e) {
      caught = e;
    }
    expect(isDomainError(caught) && caught.code).toBe('VALIDATION');
  });
});

describe('official data coverage', () => {
  it.each([
    [2025, true],
    [2026, true],
    [2027, false],
    [2030, false],
  ])('hasOfficialData(%i) = %s', (year, expected) => {
    expect(hasOfficialData(year)).toBe(expected);
  });

  it.each([
    [2026, {}, false],
    [2027, {}, true],
    [2027, NEW_YEAR_2027, false],
    [2027, { workdays: { '2027-02-07': '春节补班' } }, false],
  ] as const)('needsHolidayData(%i, %o) = %s', (year, overrides, expected) => {
    expect(needsHolidayData(year, overrides)).toBe(expected);
  });
});

describe('moving between working days', () => {
  it.each([
    ['2026-09-30', {}, '2026-10-08'], // across National Day
    ['2026-10-09', {}, '2026-10-10'], // to the Saturday make-up day
    ['2026-11-27', {}, '2026-11-30'], // Friday → Monday
    ['2026-09-19', {}, '2026-09-20'], // Saturday → Sunday make-up day
    ['2026-12-31', {}, '2027-01-01'], // year boundary, weekday fallback
    ['2026-12-31', NEW_YEAR_2027, '2027-01-04'],
    ['2026-11-26', COMPANY, '2026-11-28'],
  ] as const)('nextWorkingDay(%s, %o) = %s', (key, overrides, expected) => {
    expect(nextWorkingDay(key, overrides)).toBe(expected);
  });

  it.each([
    ['2026-10-08', '2026-09-30'],
    ['2026-10-12', '2026-10-10'],
    ['2027-01-04', '2027-01-01'],
  ])('previousWorkingDay(%s) = %s', (key, expected) => {
    expect(previousWorkingDay(key)).toBe(expected);
  });

  it.each([
    ['2026-10-03', '2026-10-08', '2026-09-30'],
    ['2026-10-08', '2026-10-08', '2026-10-08'],
    ['2026-12-05', '2026-12-07', '2026-12-04'], // a Saturday 5th
    ['2026-02-28', '2026-02-28', '2026-02-28'], // Saturday make-up day is itself a working day
  ])('around %s: on-or-after %s, on-or-before %s', (key, after, before) => {
    expect(workingDayOnOrAfter(key)).toBe(after);
    expect(workingDayOnOrBefore(key)).toBe(before);
  });

  it.each([
    ['2026-09-30', 1, {}, '2026-10-08'],
    ['2026-11-27', 3, {}, '2026-12-02'],
    ['2026-10-08', -1, {}, '2026-09-30'],
    ['2026-10-03', 0, {}, '2026-10-08'],
    ['2026-11-27', 0, {}, '2026-11-27'],
    ['2026-10-09', 2, {}, '2026-10-12'], // Fri → make-up Sat → Mon
    ['2026-12-30', 2, {}, '2027-01-01'],
    ['2026-12-30', 2, NEW_YEAR_2027, '2027-01-04'],
  ] as const)('addWorkingDays(%s, %i, %o) = %s', (key, n, overrides, expected) => {
    expect(addWorkingDays(key, n, overrides)).toBe(expected);
  });

  it.each([
    ['2026-09-30', '2026-10-10', 3], // 10-08, 10-09 and the make-up 10-10
    ['2026-11-27', '2026-11-30', 1],
    ['2026-11-27', '2026-11-27', 0],
    ['2026-11-30', '2026-11-27', -1],
    ['2026-12-31', '2027-01-08', 6], // weekday fallback in 2027
  ])('workingDaysBetween(%s, %s) = %i', (from, to, expected) => {
    expect(workingDaysBetween(from, to)).toBe(expected);
  });

  it('is the inverse of addWorkingDays', () => {
    for (const n of [1, 2, 5, 10, 20]) {
      expect(workingDaysBetween('2026-09-25', addWorkingDays('2026-09-25', n))).toBe(n);
    }
  });

  it('refuses to count a fractional number of days', () => {
    expect(() => addWorkingDays('2026-11-27', 1.5)).toThrow(RangeError);
  });
});

describe('month boundaries', () => {
  it.each([
    [2026, 10, {}, '2026-10-30'],
    [2026, 11, {}, '2026-11-30'],
    [2026, 1, {}, '2026-01-30'], // 31st is a Saturday
    [2026, 2, {}, '2026-02-28'], // a Saturday make-up working day
    [2026, 12, {}, '2026-12-31'],
    [2027, 4, {}, '2027-04-30'],
  ] as const)('lastWorkingDayOfMonth(%i, %i) = %s', (y, m, overrides, expected) => {
    expect(lastWorkingDayOfMonth(y, m, overrides)).toBe(expected);
  });

  it.each([
    [2026, 10, '2026-10-08'],
    [2026, 1, '2026-01-04'], // 1–3 off; the 4th is a Sunday make-up day
    [2027, 1, '2027-01-01'],
  ])('firstWorkingDayOfMonth(%i, %i) = %s', (y, m, expected) => {
    expect(firstWorkingDayOfMonth(y, m)).toBe(expected);
  });
});

describe('process time zone', () => {
  // chinese-days reads local Date fields; the wrapper must give the same answers anywhere.
  it.each(['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Honolulu'])('gives the same days under TZ=%s', (tz) => {
    const script =
      "import * as c from './src/domain/calendar.ts';" +
      "const days = ['2026-09-20','2026-09-30','2026-10-01','2026-10-08','2026-10-10','2026-11-27','2027-01-01'];" +
      'console.log(JSON.stringify([days.map((d) => c.isWorkingDay(d)), c.nextWorkingDay("2026-09-30"), c.hasOfficialData(2027)]));';
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, TZ: tz },
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual([[true, true, false, true, true, true, true], '2026-10-08', false]);
  });
});
