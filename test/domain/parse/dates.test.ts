import { afterAll, describe, expect, it } from 'vitest';
import { findDates, parseDatePhrase, type DateOptions } from '../../../src/domain/parse/dates.js';
import { formatDateTime } from '../../../src/domain/time.js';
import { NOW, SH, show } from './helpers.js';

const parse = (text: string, now = NOW, options?: DateOptions) => {
  const r = parseDatePhrase(text, now, SH, options);
  return r ? show(r.at, r.hasTime) : null;
};

// Reference: Friday 2026-11-27 10:00 Shanghai. Weeks are Monday-based: this week is 11-23…11-29.
const FUTURE: Array<[string, string | null]> = [
  ['下周三', '2026-12-02'],
  ['下周三下午两点', '2026-12-02 14:00'],
  ['12月3日', '2026-12-03'],
  ['十二月三号', '2026-12-03'],
  ['12月3号上午9:30', '2026-12-03 09:30'],
  ['2026-12-03', '2026-12-03'],
  ['2026/12/3', '2026-12-03'],
  ['2026年12月3日下午3点半', '2026-12-03 15:30'],
  ['12/3', '2026-12-03'],
  ['明天上午10点', '2026-11-28 10:00'],
  ['明早9点', '2026-11-28 09:00'],
  ['后天', '2026-11-29'],
  ['大后天', '2026-11-30'],
  ['3号', '2026-12-03'],
  ['3号下午两点', '2026-12-03 14:00'],
  ['28号', '2026-11-28'],
  ['31号', '2026-12-31'], // November has no 31st
  ['下个月5号', '2026-12-05'],
  ['下月十号上午9点', '2026-12-10 09:00'],
  ['月底', '2026-11-30'],
  ['下个月底', '2026-12-31'],
  ['本周五', '2026-11-27'],
  ['这周五', '2026-11-27'],
  ['这周四', '2026-11-26'], // this week's, even though it has passed
  ['本周日', '2026-11-29'],
  ['下下周一', '2026-12-07'],
  ['上周五', '2026-11-20'],
  ['周四', '2026-12-03'], // next occurrence
  ['星期五', '2026-12-04'], // said on a Friday: next week's
  ['礼拜一', '2026-11-30'],
  ['周三下午3点', '2026-12-02 15:00'],
  ['下午3点', '2026-11-27 15:00'],
  ['9点', '2026-11-28 09:00'], // already past today
  ['3天后', '2026-11-30'],
  ['next Wednesday 2pm', '2026-12-02 14:00'],
  ['tomorrow', '2026-11-28'],
  ['tomorrow at 9am', '2026-11-28 09:00'],
  ['Dec 3', '2026-12-03'],
  ['on Thursday', '2026-12-03'],
  // Not dates.
  ['中山路12号', null],
  ['3号楼会议室', null],
  ['一周三次', null],
  ['每周一例会', null],
  ['预算200万', null],
  ['电话13800138000', null],
  ['客户很满意', null],
];

describe('parseDatePhrase, looking forward (plans)', () => {
  it.each(FUTURE)('%s → %s', (text, expected) => {
    expect(parse(text)).toBe(expected);
  });
});

const PAST: Array<[string, string]> = [
  ['周三', '2026-11-25'],
  ['周五', '2026-11-27'], // today counts
  ['3号', '2026-11-03'],
  ['28号', '2026-10-28'],
  ['11月25日', '2026-11-25'],
  ['12月3日', '2025-12-03'],
  ['下午3点', '2026-11-26 15:00'], // not yet 15:00 today, so yesterday's
  ['昨天下午3点', '2026-11-26 15:00'],
  ['今天上午', '2026-11-27'],
  ['Wednesday', '2026-11-25'],
  ['yesterday 3pm', '2026-11-26 15:00'],
];

describe('parseDatePhrase, looking back (reports)', () => {
  it.each(PAST)('%s → %s', (text, expected) => {
    expect(parse(text, NOW, { direction: 'past' })).toBe(expected);
  });
});

describe('phrases inside messages', () => {
  it('returns the matched phrase and its offset', () => {
    const r = findDates('约了下周三下午2点再去，月底前报价', NOW, SH);
    expect(r.map((d) => [d.text, d.index, show(d.at, d.hasTime)])).toEqual([
      ['下周三下午2点', 2, '2026-12-02 14:00'],
      ['月底', 12, '2026-11-30'],
    ]);
  });

  it('gives date-only answers at 00:00 in the company zone', () => {
    const r = parseDatePhrase('12月3日', NOW, SH)!;
    expect(r.hasTime).toBe(false);
    expect(r.at.toISOString()).toBe('2026-12-02T16:00:00.000Z');
    expect(r.text).toBe('12月3日');
  });

  it('returns null for no date', () => {
    expect(parseDatePhrase('辛苦了', NOW, SH)).toBeNull();
  });
});

// The same answers whatever the process zone is, including near Shanghai midnight where the
// process-local day and the Shanghai day differ.
describe('independent of process.env.TZ', () => {
  const original = process.env.TZ;
  afterAll(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  const EARLY = new Date('2026-11-27T07:00:00+08:00'); // 2026-11-26 23:00 UTC
  const LATE = new Date('2026-11-27T23:30:00+08:00'); // 2026-11-27 15:30 UTC, 07:30 in LA
  const CASES: Array<[string, string, string]> = [
    // phrase, at 07:00, at 23:30
    ['明天上午10点', '2026-11-28 10:00', '2026-11-28 10:00'],
    ['后天', '2026-11-29', '2026-11-29'],
    ['下周三下午两点', '2026-12-02 14:00', '2026-12-02 14:00'],
    ['本周五', '2026-11-27', '2026-11-27'],
    ['下下周一', '2026-12-07', '2026-12-07'],
    ['3号', '2026-12-03', '2026-12-03'],
    ['27号', '2026-11-27', '2026-11-27'],
    ['月底', '2026-11-30', '2026-11-30'],
    ['下个月5号', '2026-12-05', '2026-12-05'],
    ['12月3日', '2026-12-03', '2026-12-03'],
    ['下午3点', '2026-11-27 15:00', '2026-11-28 15:00'],
    ['next Wednesday 2pm', '2026-12-02 14:00', '2026-12-02 14:00'],
    ['tomorrow', '2026-11-28', '2026-11-28'],
  ];

  it.each([
    ['UTC', 0],
    ['Asia/Shanghai', -480],
    ['America/Los_Angeles', 480],
    ['Pacific/Kiritimati', -840],
  ] as const)('process TZ=%s', (tz, offset) => {
    process.env.TZ = tz;
    // Node re-reads TZ at run time; check it did, or this test would prove nothing.
    expect(new Date(2026, 0, 15).getTimezoneOffset()).toBe(offset);
    for (const [phrase, early, late] of CASES) {
      expect([phrase, parse(phrase, EARLY)]).toEqual([phrase, early]);
      expect([phrase, parse(phrase, LATE)]).toEqual([phrase, late]);
    }
    const r = parseDatePhrase('下周三下午两点', LATE, SH)!;
    expect(formatDateTime(r.at, SH)).toBe('2026-12-02 14:00');
    expect(r.at.toISOString()).toBe('2026-12-02T06:00:00.000Z');
  });
});
