/**
 * Chinese + English date phrases ("下周三下午两点", "12月3日", "3号", "next Wednesday 2pm") to
 * instants in the company's zone.
 *
 * chrono-node computes in the *process* zone and only understands numeric offsets
 * (libraries.md §2: 'Asia/Shanghai' is ignored and 'CST' means US Central). So chrono gets a
 * "fake-local" reference whose local fields equal the company's wall clock, we read back the
 * wall-clock components, and rebuild the instant with zonedTime(). The answer is then the same
 * whatever process.env.TZ is.
 */
// The two locales it reads, not chrono-node's root, which loads all thirteen (266 modules,
// ~0.1–0.2 s of a start; issue 14).
import * as chronoEn from 'chrono-node/en';
import * as chronoZh from 'chrono-node/zh/hans';
import { wallParts, zonedTime, formatYmd } from '../time.js';
import { dayOfMonthParser, monthEndParser, weekdayParser, type Direction } from './zh-date-parsers.js';

export type { Direction } from './zh-date-parsers.js';

export interface DatePhrase {
  /** The instant; when hasTime is false, 00:00 of that day in the company zone. */
  at: Date;
  /** True when the phrase named a clock time (下午两点, 2pm), not just a day. */
  hasTime: boolean;
  /** The phrase as matched in the input. */
  text: string;
}

export interface DateMatch extends DatePhrase {
  /** Offset of `text` in the string given to findDates. */
  index: number;
}

export interface DateOptions {
  /**
   * Which way an under-specified phrase resolves: 'future' (default) for plans — 周四 is the
   * next Thursday, 3号 the next 3rd, 12月3日 this year's or next year's; 'past' for reports of
   * what happened — the latest such day, today included.
   */
  direction?: Direction;
}

const CHRONO_WEEKDAY_PARSERS = new Set(['ZHHansWeekdayParser', 'ZHHansRelationWeekdayParser']);

function buildChrono(direction: Direction): chronoEn.Chrono {
  const zh = chronoZh.createCasualConfiguration();
  const en = chronoEn.configuration.createCasualConfiguration();
  // Ours replace chrono's zh weekday parsers entirely: theirs use Sunday-based weeks, ignore 本,
  // and read "一周三次" as a Wednesday.
  const zhParsers = zh.parsers.filter((p) => !CHRONO_WEEKDAY_PARSERS.has(p.constructor.name));
  const parser = new chronoEn.Chrono({
    parsers: [...zhParsers, ...en.parsers],
    refiners: [...zh.refiners, ...en.refiners],
  });
  // First in the list wins ties in chrono's overlap removal, so ours beat chrono's 周X parsers.
  parser.parsers.unshift(weekdayParser(direction), dayOfMonthParser(direction), monthEndParser());
  return parser;
}

const chronos: Record<Direction, chronoEn.Chrono | undefined> = { future: undefined, past: undefined };
const chronoFor = (d: Direction): chronoEn.Chrono => (chronos[d] ??= buildChrono(d));

const BARE_EN_WEEKDAY = /^(?:on\s+)?(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?$/i;

/** Every date phrase in the text, in order. */
export function findDates(text: string, now: Date, timeZone: string, options: DateOptions = {}): DateMatch[] {
  const direction = options.direction ?? 'future';
  const wall = wallParts(now, timeZone);
  // Deliberately local: chrono reads local getters, so local fields must be the company's wall clock.
  const fakeLocal = new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const todayKey = formatYmd(wall.year, wall.month, wall.day);
  const out: DateMatch[] = [];
  for (const r of chronoFor(direction).parse(text, fakeLocal)) {
    const s = r.start;
    let year = s.get('year')!;
    let month = s.get('month')!;
    let day = s.get('day')!;
    const hasTime = s.isCertain('hour');
    const hour = hasTime ? s.get('hour')! : 0;
    const minute = hasTime ? (s.get('minute') ?? 0) : 0;
    const step = direction === 'future' ? 1 : -1;

    const onlyTime = !s.isCertain('year') && !s.isCertain('month') && !s.isCertain('day') && !s.isCertain('weekday');
    if (onlyTime) {
      // "下午3点" alone: today, unless that moment is on the wrong side of now.
      ({ year, month, day } = { year: wall.year, month: wall.month, day: wall.day });
      const mins = hour * 60 + minute;
      const nowMins = wall.hour * 60 + wall.minute;
      if (hasTime && (direction === 'future' ? mins < nowMins : mins > nowMins)) day += step;
    } else if (s.isCertain('month') && !s.isCertain('year')) {
      // chrono picks this year; move to the year on the wanted side of today.
      const key = formatYmd(year, month, day);
      if (direction === 'future' ? key < todayKey : key > todayKey) year += step;
    } else if (BARE_EN_WEEKDAY.test(r.text.trim()) && s.isCertain('weekday')) {
      const target = s.get('weekday')!;
      let delta = target - wall.weekday;
      if (direction === 'future' && delta <= 0) delta += 7;
      if (direction === 'past' && delta > 0) delta -= 7;
      ({ year, month, day } = { year: wall.year, month: wall.month, day: wall.day + delta });
    }
    const at = zonedTime(timeZone, year, month, day, hour, minute);
    out.push({ at, hasTime, text: r.text, index: r.index });
  }
  return out;
}

/** The first date phrase in the text, or null. */
export function parseDatePhrase(
  text: string,
  now: Date,
  timeZone: string,
  options: DateOptions = {},
): DatePhrase | null {
  const first = findDates(text, now, timeZone, options)[0];
  return first ? { at: first.at, hasTime: first.hasTime, text: first.text } : null;
}
