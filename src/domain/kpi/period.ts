/**
 * KPI periods (§2.1: 月 / 季 / 年) on the company's calendar: a month, a quarter or a year in the
 * company's zone, never the server's. A period is plain data ({kind, year, index}); its range is
 * derived from the zone, both as instants (for timestamps) and as 'YYYY-MM-DD' keys (for dates
 * such as a transaction's date, which carry no time).
 */
import { z } from 'zod';
import { DomainError } from '../errors.js';
import { i18n, type I18nText } from '../i18n.js';
import { formatYmd, wallParts, zonedTime } from '../time.js';

const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** `index`: the month 1–12, the quarter 1–4, or 1 for a year. */
export const Period = z
  .strictObject({
    kind: z.enum(PERIOD_KINDS),
    year: z.number().int().min(2000).max(2100),
    index: z.number().int().min(1).max(12),
  })
  .refine((p) => (p.kind === 'month' ? true : p.kind === 'quarter' ? p.index <= 4 : p.index === 1), { message: 'index out of range for the kind' });
export type Period = z.output<typeof Period>;

export const month = (year: number, m: number): Period => Period.parse({ kind: 'month', year, index: m });
export const quarter = (year: number, q: number): Period => Period.parse({ kind: 'quarter', year, index: q });
export const year = (y: number): Period => Period.parse({ kind: 'year', year: y, index: 1 });

/** First and last month (1–12) the period covers. */
function monthSpan(p: Period): [number, number] {
  if (p.kind === 'month') return [p.index, p.index];
  if (p.kind === 'quarter') return [p.index * 3 - 2, p.index * 3];
  return [1, 12];
}

/** The months of the period, in order: the points of a line over months. */
export function monthsOf(p: Period): Period[] {
  const [a, b] = monthSpan(p);
  return Array.from({ length: b - a + 1 }, (_, i) => month(p.year, a + i));
}

/** The instants [start, end) of the period in the zone. */
export function periodRange(p: Period, timeZone: string): { start: Date; end: Date } {
  const [a, b] = monthSpan(p);
  return { start: zonedTime(timeZone, p.year, a, 1), end: zonedTime(timeZone, p.year, b + 1, 1) };
}

/** The first and last day keys of the period, inclusive, for date-only facts. */
export function periodDays(p: Period): { from: string; to: string } {
  const [a, b] = monthSpan(p);
  const last = new Date(Date.UTC(p.year, b, 0)).getUTCDate();
  return { from: formatYmd(p.year, a, 1), to: formatYmd(p.year, b, last) };
}

export const inPeriod = (instant: Date, range: { start: Date; end: Date }): boolean =>
  instant.getTime() >= range.start.getTime() && instant.getTime() < range.end.getTime();

export const dayInPeriod = (day: string, days: { from: string; to: string }): boolean => day >= days.from && day <= days.to;

/** The period of `kind` that contains the instant in the zone. */
export function periodOf(kind: PeriodKind, instant: Date, timeZone: string): Period {
  const w = wallParts(instant, timeZone);
  if (kind === 'month') return month(w.year, w.month);
  if (kind === 'quarter') return quarter(w.year, Math.ceil(w.month / 3));
  return year(w.year);
}

/** The period just before, of the same kind: what a trend compares against. */
export function previousPeriod(p: Period): Period {
  const size = p.kind === 'month' ? 12 : p.kind === 'quarter' ? 4 : 1;
  const total = p.year * size + (p.index - 1) - 1;
  return Period.parse({ kind: p.kind, year: Math.floor(total / size), index: (total % size) + 1 });
}

/** Stable key for storage and callbacks: '2026-11', '2026Q4', '2026'. */
export function periodKey(p: Period): string {
  if (p.kind === 'month') return `${p.year}-${String(p.index).padStart(2, '0')}`;
  if (p.kind === 'quarter') return `${p.year}Q${p.index}`;
  return String(p.year);
}

/** The inverse of periodKey; null for anything else. */
export function periodFromKey(key: string): Period | null {
  const m = /^(\d{4})(?:-(\d{2})|Q([1-4]))?$/.exec(key);
  if (!m) return null;
  const r = Period.safeParse({ kind: m[2] ? 'month' : m[3] ? 'quarter' : 'year', year: Number(m[1]), index: Number(m[2] ?? m[3] ?? 1) });
  return r.success ? r.data : null;
}

const ZH_Q = ['一', '二', '三', '四'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026年第四季度" / "Q4 2026", "2026年11月" / "Nov 2026", "2026年" / "2026". */
export function periodLabel(p: Period): I18nText {
  if (p.kind === 'month') return i18n(`${p.year}年${p.index}月`, `${EN_MONTHS[p.index - 1]} ${p.year}`);
  if (p.kind === 'quarter') return i18n(`${p.year}年第${ZH_Q[p.index - 1]}季度`, `Q${p.index} ${p.year}`);
  return i18n(`${p.year}年`, String(p.year));
}

/** Whether the period has begun at `now` (a running period counts: its figures are to date). */
export const hasStarted = (p: Period, now: Date, timeZone: string): boolean => periodRange(p, timeZone).start.getTime() <= now.getTime();
export const hasEnded = (p: Period, now: Date, timeZone: string): boolean => periodRange(p, timeZone).end.getTime() <= now.getTime();

// ---------------------------------------------------------------------------------------------
// What people type

const ZH_NUM: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };
const EN_MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** "11", "十一", "４" → 11, 11, 4; null otherwise. */
function num(s: string | undefined): number | null {
  if (s === undefined) return null;
  if (/^\d{1,2}$/.test(s)) return Number(s);
  return ZH_NUM[s] ?? null;
}

function enMonth(s: string): number | null {
  const t = s.toLowerCase().replace(/\.$/, '');
  if (t.length < 3) return null;
  const i = EN_MONTH_NAMES.findIndex((n) => n.startsWith(t));
  return i < 0 ? null : i + 1;
}

/** Full-width digits and letters to ASCII, spaces collapsed, lower case for the English words. */
function normalise(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

export const PeriodText = z.string().trim().min(1).max(40);

export interface PeriodContext {
  now: Date;
  timeZone: string;
}

type Rule = (s: string, ctx: { cur: Period; curMonth: Period; curQuarter: Period; curYear: number }) => Period | null;

/** A bare month or quarter ("11月", "Q4") means the latest one that has begun. */
function latestMonth(m: number, curMonth: Period): Period {
  return m <= curMonth.index ? month(curMonth.year, m) : month(curMonth.year - 1, m);
}
function latestQuarter(q: number, curQuarter: Period): Period {
  return q <= curQuarter.index ? quarter(curQuarter.year, q) : quarter(curQuarter.year - 1, q);
}

const Q = '([1-4一二三四])';
const M = '(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])';

const RULES: Rule[] = [
  (s, c) => (/^(本|这个?|当前|今)(季度?|季)$|^this quarter$|^current quarter$|^qtd$/.test(s) ? c.curQuarter : null),
  (s, c) => (/^(上|上一|上个)(季度?|季)$|^last quarter$|^previous quarter$/.test(s) ? previousPeriod(c.curQuarter) : null),
  (s, c) => (/^(本|这个?|当)月$|^this month$|^current month$|^mtd$/.test(s) ? c.curMonth : null),
  (s, c) => (/^(上|上一|上个)月$|^last month$|^previous month$/.test(s) ? previousPeriod(c.curMonth) : null),
  (s, c) => (/^(今|本)年(度)?$|^this year$|^current year$|^ytd$/.test(s) ? year(c.curYear) : null),
  (s, c) => (/^(去|上)年(度)?$|^last year$|^previous year$/.test(s) ? year(c.curYear - 1) : null),
  // 2026Q4, 2026 Q4, 2026-Q4, 2026年Q4, 2026年第四季度, 2026年4季度, 2026年四季度
  (s) => {
    const m = new RegExp(`^(\\d{4}) ?(?:年|-)? ?(?:q${Q}|第?${Q}季度?)$`).exec(s);
    return m ? quarter(Number(m[1]), num(m[2] ?? m[3])!) : null;
  },
  // Q4 2026, Q4-2026, 4Q2026
  (s) => {
    const m = new RegExp(`^(?:q${Q}|${Q}q) ?[-/]? ?(\\d{4})$`).exec(s);
    return m ? quarter(Number(m[3]), num(m[1] ?? m[2])!) : null;
  },
  // Q4, 第四季度, 四季度
  (s, c) => {
    const m = new RegExp(`^(?:q${Q}|第?${Q}季度?)$`).exec(s);
    return m ? latestQuarter(num(m[1] ?? m[2])!, c.curQuarter) : null;
  },
  // 2026年11月, 2026-11, 2026/11, 2026.11, 2026年十一月
  (s) => {
    const m = new RegExp(`^(\\d{4}) ?(?:年 ?${M}月份?|[-/.]${M})$`).exec(s);
    return m ? month(Number(m[1]), num(m[2] ?? m[3])!) : null;
  },
  // 11月, 十一月, 11月份
  (s, c) => {
    const m = new RegExp(`^${M}月份?$`).exec(s);
    return m ? latestMonth(num(m[1])!, c.curMonth) : null;
  },
  // Nov 2026, November 2026, 2026 Nov
  (s) => {
    const m = /^([a-z]+\.?) (\d{4})$/.exec(s) ?? /^(\d{4}) ([a-z]+\.?)$/.exec(s);
    if (!m) return null;
    const [word, y] = /^\d/.test(m[1]!) ? [m[2]!, m[1]!] : [m[1]!, m[2]!];
    const mm = enMonth(word);
    return mm ? month(Number(y), mm) : null;
  },
  // November, Nov
  (s, c) => {
    if (!/^[a-z]+\.?$/.test(s)) return null;
    const mm = enMonth(s);
    return mm ? latestMonth(mm, c.curMonth) : null;
  },
  // 2026, 2026年, 2026年度
  (s) => {
    const m = /^(\d{4}) ?(?:年度?)?$/.exec(s);
    return m ? year(Number(m[1])) : null;
  },
];

export const PERIOD_EXAMPLES = i18n('本季度、上季度、2026Q4、2026年第四季度、11月、2026年11月、本月、今年、2026', 'this quarter, last quarter, Q4 2026, 2026Q4, last month, Nov 2026, this year, 2026');

function unknownPeriod(text: string): DomainError {
  return new DomainError(
    'VALIDATION',
    i18n(`看不懂期间「${text}」。可以这样写：${PERIOD_EXAMPLES.zh_cn}。`, `"${text}" is not a period I understand. Try: ${PERIOD_EXAMPLES.en_us}.`),
    { text },
  );
}

/**
 * What people type for a period → the period, read in the company's zone at `now`. A bare
 * month or quarter means the latest one that has begun ("11月" in February is last November).
 * Throws a bilingual VALIDATION DomainError for text that is not a period, for a year outside
 * 2000–2100, and for a period that has not begun (no figures exist for it yet).
 */
export function parsePeriod(text: unknown, ctx: PeriodContext): Period {
  const raw = PeriodText.safeParse(text);
  if (!raw.success) throw unknownPeriod(typeof text === 'string' ? text.trim().slice(0, 40) : '');
  const s = normalise(raw.data);
  const curMonth = periodOf('month', ctx.now, ctx.timeZone);
  const env = { cur: curMonth, curMonth, curQuarter: periodOf('quarter', ctx.now, ctx.timeZone), curYear: curMonth.year };
  let found: Period | null = null;
  for (const rule of RULES) {
    try {
      found = rule(s, env);
    } catch {
      throw unknownPeriod(raw.data); // a year outside the schema's range
    }
    if (found) break;
  }
  if (!found) throw unknownPeriod(raw.data);
  if (!hasStarted(found, ctx.now, ctx.timeZone)) {
    const label = periodLabel(found);
    throw new DomainError(
      'VALIDATION',
      i18n(`${label.zh_cn}还没有开始，暂无数据。请选择已开始的期间，例如本季度。`, `${label.en_us} has not started yet, so there are no figures. Choose a period that has begun, e.g. this quarter.`),
      { text: raw.data, period: periodKey(found) },
    );
  }
  return found;
}
