/** Finding customers by what people type: an archive number or a (fuzzy) name. */
import { customers } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { packedRows, unpackRows } from '../packed-rows.js';
import { buildNameIndex, searchCustomers, type CustomerMatch, type NameIndex } from '../../domain/customer/search.js';

/** Every customer's id, name and number: the department's list is small enough to read per request. */
export async function allNames(q: Q): Promise<{ id: string; name: string; archiveNo: string }[]> {
  return q.select({ id: customers.id, name: customers.name, archiveNo: customers.archiveNo }).from(customers);
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
  // One text for all customers (packed-rows.ts): ~0.6 ms of the bot's CPU a lookup, ~2.4 ms as 1,000 rows.
  const key = await packedRows(q, 'customers', ['id', 'name', 'archive_no']);
  if (last?.key === key) return last.index;
  const index = buildNameIndex(unpackRows(key, 3).map(([id, name, archiveNo]) => ({ id: id!, name: name!, archiveNo: archiveNo ?? null })));
  last = { key, index };
  return index;
}

export async function findCustomers(q: Q, query: string): Promise<CustomerMatch[]> {
  return searchCustomers(await customerNameIndex(q), query, { limit: 20 });
}
