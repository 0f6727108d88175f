/**
 * Company-zone calendar maths. Every deadline is a wall-clock time in the company's zone
 * (default Asia/Shanghai) stored as a UTC instant. Nothing here reads the process time zone,
 * which differs between servers, CI and Workers (always UTC).
 */
export interface WallParts {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday … 6 = Saturday
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

// formatToParts is the hot spot of the reminder tick (thousands of ladders per run, mostly over the
// same few instants: 09:00 of each day, the deadlines). It is a pure function of (zone, instant),
// so results are memoised; the cache is dropped whole when it grows past the bound.
const wallCache = new Map<string, WallParts>();
const WALL_CACHE_MAX = 50_000;

/** The wall-clock fields of an instant in a zone. */
export function wallParts(instant: Date, timeZone: string): WallParts {
  const key = `${timeZone}|${instant.getTime()}`;
  const hit = wallCache.get(key);
  if (hit) return { ...hit };
  const parts = computeWallParts(instant, timeZone);
  if (wallCache.size >= WALL_CACHE_MAX) wallCache.clear();
  wallCache.set(key, parts);
  return { ...parts };
}

function computeWallParts(instant: Date, timeZone: string): WallParts {
  const p: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const year = p.year!, month = p.month!, day = p.day!;
  return {
    year,
    month,
    day,
    hour: p.hour!,
    minute: p.minute!,
    second: p.second!,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  };
}

/** Offset of the zone from UTC at an instant, in ms (Shanghai: +8 h). */
function zoneOffsetMs(instant: Date, timeZone: string): number {
  const p = wallParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant at which the zone's clock shows the given wall time. Fields overflow like Date.UTC
 * (month 13 is January next year, day 0 the last day of the previous month).
 */
export function zonedTime(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // Two passes settle the offset even across a DST change; China has none, but teams abroad may.
  let guess = wall - zoneOffsetMs(new Date(wall), timeZone);
  guess = wall - zoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

/** 'YYYY-MM-DD' of the instant in the zone: the key the working-day calendar takes. */
export function ymd(instant: Date, timeZone: string): string {
  const p = wallParts(instant, timeZone);
  return formatYmd(p.year, p.month, p.day);
}

export const formatYmd = (y: number, m: number, d: number): string =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Adds whole calendar days to a 'YYYY-MM-DD' key (no time zone involved). */
export function addDaysYmd(key: string, days: number): string {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return formatYmd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** The instant of a wall time on the zone's day named by a 'YYYY-MM-DD' key. */
export function atZonedYmd(key: string, timeZone: string, hour = 0, minute = 0): Date {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  return zonedTime(timeZone, y, m, d, hour, minute);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "2026-12-03 15:30" in the zone: what cards show. */
export function formatDateTime(instant: Date, timeZone: string): string {
  const p = wallParts(instant, timeZone);
  return `${formatYmd(p.year, p.month, p.day)} ${pad2(p.hour)}:${pad2(p.minute)}`;
}

const ZH_WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const EN_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "12月3日 周四 15:30" / "Thu 3 Dec 15:30", for compact card lines. */
export function formatFriendly(instant: Date, timeZone: string, locale: 'zh_cn' | 'en_us'): string {
  const p = wallParts(instant, timeZone);
  const time = `${pad2(p.hour)}:${pad2(p.minute)}`;
  if (locale === 'en_us') {
    const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][p.month - 1];
    return `${EN_WEEKDAYS[p.weekday]} ${p.day} ${mon} ${time}`;
  }
  return `${p.month}月${p.day}日 周${ZH_WEEKDAYS[p.weekday]} ${time}`;
}
