/**
 * Archive numbers (档案编号): `KA-<year>-<sequence>`, the sequence restarting every year and
 * padded to four digits (a fifth digit appears after 9999 rather than wrapping). The database
 * must still enforce uniqueness: two creations racing for the same number are resolved there.
 */
const ARCHIVE_PREFIX = 'KA';

export interface ArchiveNumber {
  year: number;
  seq: number;
}

export const formatArchiveNumber = ({ year, seq }: ArchiveNumber): string =>
  `${ARCHIVE_PREFIX}-${year}-${String(seq).padStart(4, '0')}`;

/**
 * Reads what people type: "KA-2026-0001", "ka 2026 1", "KA20260001", full-width "ＫＡ－２０２６－０００１".
 * Returns null for anything else.
 */
export function parseArchiveNumber(text: string): ArchiveNumber | null {
  const s = text
    .trim()
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .toUpperCase();
  const m = /^KA[\s\-_]*(\d{4})[\s\-_]*(\d{1,6})$/.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const seq = Number(m[2]);
  if (year < 1900 || year > 2999 || seq < 1) return null;
  return { year, seq };
}

/**
 * The number for the next archive created in `year`. `last` is this year's highest number so far:
 * its sequence, or the archive number itself (a number from another year counts as none), or
 * null when none exists yet.
 */
export function nextArchiveNumber(year: number, last: number | string | null): string {
  if (!Number.isInteger(year) || year < 1900 || year > 2999) throw new RangeError(`bad archive year ${year}`);
  let seq = 0;
  if (typeof last === 'number') seq = Math.max(0, Math.trunc(last));
  else if (typeof last === 'string') {
    const parsed = parseArchiveNumber(last);
    if (parsed && parsed.year === year) seq = parsed.seq;
  }
  return formatArchiveNumber({ year, seq: seq + 1 });
}
