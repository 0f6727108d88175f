/**
 * A whole small table as one text from Postgres: each value prefixed by its length in
 * characters (null as `-`), rows one after another. Different contents never give the same
 * text, so the text is an exact cache key, and the rows read back from it, so what is cached is
 * built from the very snapshot the key describes. One row instead of hundreds: postgres.js and
 * drizzle parsing a row per customer or member was most of a lookup's database CPU in the bot.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Q } from '../../db/client.js';

/** `columns`: trusted SQL column expressions of type text; `orderBy`: the rows' order, if it matters. */
export async function packedRows(q: Q, table: string, columns: readonly string[], orderBy?: string): Promise<string> {
  const packed = columns.map((c) => `coalesce(length(${c}) || ':' || ${c}, '-')`).join(' || ');
  const query: SQL = sql.raw(`select string_agg(${packed}, ''${orderBy ? ` order by ${orderBy}` : ''}) as k from ${table}`);
  const [r] = await rows<{ k: string | null }>(q, query);
  return r?.k ?? '';
}

/** The rows back from `packedRows`, `width` values each (lengths count code points, as Postgres' length() does). */
export function unpackRows(s: string, width: number): (string | null)[][] {
  let at = 0;
  const next = (): string | null => {
    if (s[at] === '-') return at++, null;
    const colon = s.indexOf(':', at);
    const n = Number(s.slice(at, colon));
    if (colon < 0 || !Number.isInteger(n)) throw new Error('packed rows are malformed');
    let end = colon + 1;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(end);
      end += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    }
    at = end;
    return s.slice(colon + 1, end);
  };
  const out: (string | null)[][] = [];
  while (at < s.length) out.push(Array.from({ length: width }, next));
  return out;
}
