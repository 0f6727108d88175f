/**
 * Chinese working-day calendar: statutory holidays and 调休 make-up working days.
 *
 * Order of truth for a day: the company's overrides (settings), then the official schedule
 * bundled in `chinese-days` for the years it covers, then plain Mon–Fri — flagged, because the
 * State Council publishes next year's schedule only in Oct–Nov and the bot must warn until an
 * admin enters it or a library release ships it.
 *
 * Every day is a company-zone 'YYYY-MM-DD' key (see time.ts); no Date ever reaches the library.
 */
import chineseDays from 'chinese-days';
import { DomainError } from './errors.js';
import { i18n, type I18nText } from './i18n.js';
import { addDaysYmd, formatYmd } from './time.js';

/** Company-specific days ('YYYY-MM-DD' → label), entered by admins; they beat the library. */
export interface CalendarOverrides {
  holidays?: Readonly<Record<string, string>>;
  workdays?: Readonly<Record<string, string>>;
}

export type DaySource = 'override' | 'official' | 'weekday-only';
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

export interface DayInfo {
  ymd: string;
  work: boolean;
  kind: DayKind;
  source: DaySource;
  /** Holiday or make-up label (国庆节 / National Day), null for an ordinary day. */
  label: I18nText | null;
}

const NO_OVERRIDES: CalendarOverrides = {};
const YMD_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Longer than any real stretch of days off (春节 is 9); guards against overrides that close a year.
const MAX_SCAN_DAYS = 400;

function assertYmd(key: string): void {
  const m = YMD_RE.exec(key);
  const valid = m !== null && formatYmd(+m[1]!, +m[2]!, +m[3]!) === addDaysYmd(key, 0);
  if (!valid) {
    throw new DomainError('VALIDATION', i18n(`日期格式无效：${key}`, `Invalid date key: ${key}`), { key });
  }
}

/** 0 = Sunday … 6 = Saturday, computed in UTC so the process time zone never matters. */
function weekdayOf(key: string): number {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

const officialYears = new Map<number, boolean>();

/** Whether the bundled chinese-days release carries the State Council schedule for the year. */
export function hasOfficialData(year: number): boolean {
  let known = officialYears.get(year);
  if (known === undefined) {
    known = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    officialYears.set(year, known);
  }
  return known;
}

/**
 * True when the year has neither official data nor any override, i.e. its working days are a
 * Mon–Fri guess the bot should warn about ("2027 holiday schedule not loaded").
 */
export function needsHolidayData(year: number, overrides: CalendarOverrides = NO_OVERRIDES): boolean {
  if (hasOfficialData(year)) return false;
  const prefix = `${year}-`;
  const has = (r?: Readonly<Record<string, string>>) => Object.keys(r ?? {}).some((k) => k.startsWith(prefix));
  return !has(overrides.holidays) && !has(overrides.workdays);
}

const WEEKDAY_NAMES = new Set(['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']);

/** "National Day,国庆节,3" → 国庆节 / National Day. */
function officialLabel(name: string): I18nText {
  const [en = name, zh = en] = name.split(',');
  return i18n(zh, en);
}

function weekdayInfo(key: string, source: DaySource): DayInfo {
  const w = weekdayOf(key);
  const work = w !== 0 && w !== 6;
  return { ymd: key, work, kind: work ? 'workday' : 'weekend', source, label: null };
}

// The reminder tick asks about the same few days thousands of times per run. Answers depend only
// on the day and the overrides object (a new object whenever settings change), so they are
// memoised per overrides object and dropped with it.
const dayCache = new WeakMap<CalendarOverrides, Map<string, DayInfo>>();

/** What the calendar says about one day, and where that answer came from. */
export function dayInfo(key: string, overrides: CalendarOverrides = NO_OVERRIDES): DayInfo {
  let known = dayCache.get(overrides);
  if (!known) dayCache.set(overrides, (known = new Map()));
  const hit = known.get(key);
  if (hit) return hit;
  const info = Object.freeze(computeDayInfo(key, overrides));
  known.set(key, info);
  return info;
}

function computeDayInfo(key: string, overrides: CalendarOverrides): DayInfo {
  assertYmd(key);
  const work = overrides.workdays?.[key];
  if (work !== undefined) {
    const base = weekdayInfo(key, 'override');
    return { ...base, work: true, kind: base.work ? 'workday' : 'makeup_workday', label: i18n(work, work) };
  }
  const off = overrides.holidays?.[key];
  if (off !== undefined) return { ymd: key, work: false, kind: 'holiday', source: 'override', label: i18n(off, off) };
  if (!hasOfficialData(+key.slice(0, 4))) return weekdayInfo(key, 'weekday-only');

  // The library keys its tables and its weekday through the process's local fields. The tables are
  // built the same way, so a tagged day is right in any zone, but an untagged day's weekday is
  // not (a UTC-8 process calls Thursday Wednesday): we take only the tags and count weekdays here.
  const detail = chineseDays.getDayDetail(key);
  if (WEEKDAY_NAMES.has(detail.name)) return weekdayInfo(key, 'official');
  const weekend = !weekdayInfo(key, 'official').work;
  const kind: DayKind = detail.work ? (weekend ? 'makeup_workday' : 'workday') : 'holiday';
  return { ymd: key, work: detail.work, kind, source: 'official', label: officialLabel(detail.name) };
}

export const isWorkingDay = (key: string, overrides: CalendarOverrides = NO_OVERRIDES): boolean =>
  dayInfo(key, overrides).work;

function scan(from: string, step: 1 | -1, overrides: CalendarOverrides): string {
  let key = from;
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    if (isWorkingDay(key, overrides)) return key;
    key = addDaysYmd(key, step);
  }
  throw new DomainError(
    'PRECONDITION_FAILED',
    i18n('日历设置中找不到工作日，请检查节假日设置', 'No working day found; check the holiday settings'),
    { from },
  );
}

/** The day itself when it is a working day, else the next one. */
export function workingDayOnOrAfter(key: string, overrides: CalendarOverrides = NO_OVERRIDES): string {
  assertYmd(key);
  return scan(key, 1, overrides);
}

/** The day itself when it is a working day, else the previous one. */
export function workingDayOnOrBefore(key: string, overrides: CalendarOverrides = NO_OVERRIDES): string {
  assertYmd(key);
  return scan(key, -1, overrides);
}

/** The first working day strictly after the day. */
export const nextWorkingDay = (key: string, overrides: CalendarOverrides = NO_OVERRIDES): string =>
  workingDayOnOrAfter(addDaysYmd(key, 1), overrides);

/** The last working day strictly before the day. */
export const previousWorkingDay = (key: string, overrides: CalendarOverrides = NO_OVERRIDES): string =>
  workingDayOnOrBefore(addDaysYmd(key, -1), overrides);

/**
 * The n-th working day after the day (n > 0) or before it (n < 0). n = 0 gives the day itself
 * when it is a working day, else the next one — the "counting starts on a working day" reading.
 */
export function addWorkingDays(key: string, n: number, overrides: CalendarOverrides = NO_OVERRIDES): string {
  if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays: n must be an integer, got ${n}`);
  if (n === 0) return workingDayOnOrAfter(key, overrides);
  let cursor = key;
  for (let left = Math.abs(n); left > 0; left--) {
    cursor = n > 0 ? nextWorkingDay(cursor, overrides) : previousWorkingDay(cursor, overrides);
  }
  return cursor;
}

/**
 * Working days in the half-open range (from, to]: so addWorkingDays(a, n) = b gives n for n > 0.
 * Negative when `to` is before `from`; 0 when they are the same day.
 */
export function workingDaysBetween(fromKey: string, toKey: string, overrides: CalendarOverrides = NO_OVERRIDES): number {
  assertYmd(fromKey);
  assertYmd(toKey);
  if (toKey < fromKey) return -workingDaysBetween(toKey, fromKey, overrides);
  let count = 0;
  for (let key = addDaysYmd(fromKey, 1); key <= toKey; key = addDaysYmd(key, 1)) {
    if (isWorkingDay(key, overrides)) count++;
  }
  return count;
}

/** Last working day of a month (month 1–12), e.g. for the month-end travel-days check. */
export function lastWorkingDayOfMonth(year: number, month: number, overrides: CalendarOverrides = NO_OVERRIDES): string {
  const last = new Date(Date.UTC(year, month, 0));
  return workingDayOnOrBefore(formatYmd(last.getUTCFullYear(), last.getUTCMonth() + 1, last.getUTCDate()), overrides);
}

/** First working day of a month (month 1–12). */
export function firstWorkingDayOfMonth(year: number, month: number, overrides: CalendarOverrides = NO_OVERRIDES): string {
  const first = new Date(Date.UTC(year, month - 1, 1));
  return workingDayOnOrAfter(formatYmd(first.getUTCFullYear(), first.getUTCMonth() + 1, 1), overrides);
}

/**
 * First working day of a quarter (1–4): when the quarter before it is assessed. A holiday on
 * the 1st (元旦, 国庆节) moves it to the first day back, which may be a 调休 weekend day.
 */
export function firstWorkingDayOfQuarter(year: number, quarter: number, overrides: CalendarOverrides = NO_OVERRIDES): string {
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) throw new RangeError(`firstWorkingDayOfQuarter: quarter must be 1–4, got ${quarter}`);
  return firstWorkingDayOfMonth(year, quarter * 3 - 2, overrides);
}
