/** Finding customers by what people type: an archive number or a (fuzzy) name. */
import { sql } from 'drizzle-orm';
import { customers } from '../../../db/schema/index.js';
import { rows, type Q } from '../../../db/client.js';
import { buildNameIndex, searchCustomers, type CustomerMatch, type NameIndex } from '../../domain/customer/search.js';

/** Every customer's id, name and number: the department's list is small enough to read per request. */
export async function allNames(q: Q): Promise<{ id: string; name: string; archiveNo: string }[]> {
  return q.select({ id: customers.id, name: customers.name, archiveNo: customers.archiveNo }).from(customers);
}

/**
 * Every customer's id, name and number as one text, each value prefixed by its length in
 * characters: two different lists never give the same text, and the list reads back from it.
 * One row instead of 1,000: postgres.js and drizzle parsing a row per customer cost ~2 ms of
 * the bot's CPU a lookup (bench:webhook:answers); Postgres builds the text in ~0.5 ms.
 */
async function namesText(q: Q): Promise<string> {
  const [r] = await rows<{ k: string | null }>(
    q,
    sql`select string_agg(length(id) || ':' || id || length(name) || ':' || name || length(archive_no) || ':' || archive_no, '') as k from customers`,
  );
  return r?.k ?? '';
}

/** The list back from `namesText` (lengths count code points, as Postgres' length() does). */
export function parseNamesText(s: string): { id: string; name: string; archiveNo: string }[] {
  let at = 0;
  const next = (): string => {
    const colon = s.indexOf(':', at);
    const n = Number(s.slice(at, colon));
    if (colon < 0 || !Number.isInteger(n)) throw new Error('customer names text is malformed');
    let end = colon + 1;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(end);
      end += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    }
    const v = s.slice(colon + 1, end);
    at = end;
    return v;
  };
  const out: { id: string; name: string; archiveNo: string }[] = [];
  while (at < s.length) out.push({ id: next(), name: next(), archiveNo: next() });
  return out;
}

/**
 * The last index built, under the names it was built from. Building one (pinyin and initials for
 * every name, then Fuse's index) cost ~30 ms for 1,000 customers, most of a lookup's CPU in
 * bench:webhook:answers; the names are still read per request, so a change is seen at once,
 * and the key is their whole content, from which the index is built, so a stale index cannot
 * be used.
 */
let last: { key: string; index: NameIndex } | null = null;

/** The name index of the customers as they are now in `q`'s view. */
export async function customerNameIndex(q: Q): Promise<NameIndex> {
  const key = await namesText(q);
  if (last?.key === key) return last.index;
  const index = buildNameIndex(parseNamesText(key));
  last = { key, index };
  return index;
}

export async function findCustomers(q: Q, query: string): Promise<CustomerMatch[]> {
  return searchCustomers(await customerNameIndex(q), query, { limit: 20 });
}
