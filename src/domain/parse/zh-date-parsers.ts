/**
 * Extra chrono parsers for Chinese phrases chrono 2.10.3 gets wrong or misses
 * (libraries.md §2): Monday-based weeks (本周五, 下下周一, and 下周三 said on a Sunday),
 * bare weekdays resolved in the caller's direction, N号 / 下个月N号, and 月底.
 *
 * They read the reference through `context.refDate`'s local getters on purpose: dates.ts passes a
 * "fake-local" Date whose local fields equal the company's wall clock, which is also what
 * chrono's own zh parsers read.
 */
import type { Parser } from 'chrono-node';
import { parseSmallNumber } from './text.js';

export type Direction = 'future' | 'past';

interface Ymd {
  year: number;
  month: number;
  day: number;
}

/** Calendar arithmetic on plain fields, via UTC so the process zone never matters. */
function ymdFromUtc(y: number, m: number, d: number): Ymd {
  const t = new Date(Date.UTC(y, m - 1, d));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

const ISO_WEEKDAY: Record<string, number> = {
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7,
};
const WEEK_SHIFT: Record<string, number> = { 上上: -14, 上: -7, 本: 0, 这: 0, 下: 7, 下下: 14 };

/** 本周五 / 这周五 / 下周三 / 下下周一 / 上周五 / 周四 / 星期天 / 礼拜三. */
export function weekdayParser(direction: Direction): Parser {
  return {
    pattern: () => /(?:(上上|上|本|这|下下|下)个?)?(?:周|星期|礼拜)([一二三四五六日天1-7])/,
    extract: (context, match) => {
      const prefix = match[1];
      const before = context.text.slice(Math.max(0, (match.index ?? 0) - 1), match.index ?? 0);
      const after = context.text.slice((match.index ?? 0) + match[0].length);
      // "一周三次" (three times a week), "每周一" (every Monday) are frequencies, not dates.
      if (!prefix && /[\d一二两三四五六七八九十几每]/.test(before)) return null;
      if (/^[次回遍个]/.test(after)) return null;
      const ref = context.refDate;
      const todayIso = ((ref.getDay() + 6) % 7) + 1;
      const target = ISO_WEEKDAY[match[2]!]!;
      let delta: number;
      if (prefix) {
        delta = WEEK_SHIFT[prefix]! + target - todayIso;
      } else {
        delta = target - todayIso;
        // A bare weekday is the next one for plans (never today: a visit is not re-planned for
        // the same day) and the latest one for reports of what happened (today included).
        if (direction === 'future' && delta <= 0) delta += 7;
        if (direction === 'past' && delta > 0) delta -= 7;
      }
      return ymdFromUtc(ref.getFullYear(), ref.getMonth() + 1, ref.getDate() + delta);
    },
  };
}

const MONTH_SHIFT = (prefix: string): number =>
  prefix.startsWith('下下') ? 2 : prefix.startsWith('下') ? 1 : prefix.startsWith('上') ? -1 : 0;

/** 3号 / 15日 / 下个月5号 / 本月20号 / 下月十号. */
export function dayOfMonthParser(direction: Direction): Parser {
  return {
    pattern: () =>
      /(下下个?月|下个?月|本月|这个?月|上个?月)?的?(\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*([号日])(?!\d)/,
    extract: (context, match) => {
      const prefix = match[1];
      const index = match.index ?? 0;
      const before = context.text.slice(Math.max(0, index - 1), index);
      const after = context.text.slice(index + match[0].length);
      // "12月3日" belongs to chrono's own parser; "中山路12号", "3号楼", "第2号" are addresses
      // and labels; "3日内" is a duration.
      if (!prefix && /[\d月路街道巷弄区栋楼幢座号第编]/.test(before)) return null;
      if (/^(?:楼|线|馆|厅|门|房|室|院|口|车间|机|库|位|桥|仓|厂|店|窗|柜|码|文|件|令|字|航站|地铁|公路|球员|选手|电池|包厢|展台|展位|会议室)/.test(after)) return null;
      if (match[3] === '日' && /^(?:内|以内|之内|后|之后|以后)/.test(after)) return null;
      const day = parseSmallNumber(match[2]!);
      if (day === null || day < 1 || day > 31) return null;
      const ref = context.refDate;
      const y = ref.getFullYear();
      const m = ref.getMonth() + 1;
      if (prefix) {
        const t = ymdFromUtc(y, m + MONTH_SHIFT(prefix), 1);
        return day <= daysInMonth(t.year, t.month) ? { ...t, day } : null;
      }
      const today = ref.getDate();
      // Walk month by month in the wanted direction until the day exists and is on the right
      // side of today ("31号" said in November means 31 December).
      const step = direction === 'future' ? 1 : -1;
      for (let i = 0; i < 3; i++) {
        const t = ymdFromUtc(y, m + i * step, 1);
        if (day > daysInMonth(t.year, t.month)) continue;
        if (i === 0 && (direction === 'future' ? day < today : day > today)) continue;
        return { ...t, day };
      }
      return null;
    },
  };
}

/** 月底 / 月末 / 下个月底 / 本月底. */
export function monthEndParser(): Parser {
  return {
    pattern: () => /(?:(下下个?|下个?|本|这个?|上个?)月(?:底|末)|月底|月末)/,
    extract: (context, match) => {
      const ref = context.refDate;
      const t = ymdFromUtc(ref.getFullYear(), ref.getMonth() + 1 + MONTH_SHIFT(match[1] ?? ''), 1);
      return { ...t, day: daysInMonth(t.year, t.month) };
    },
  };
}
