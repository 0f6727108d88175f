/** Finding customers by what people type: an archive number or a (fuzzy) name. */
import { customers } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { buildNameIndex, searchCustomers, type CustomerMatch, type NameIndex } from '../../domain/customer/search.js';

/** Every customer's id, name and number: the department's list is small enough to read per request. */
export async function allNames(q: Q): Promise<{ id: string; name: string; archiveNo: string }[]> {
  return q.select({ id: customers.id, name: customers.name, archiveNo: customers.archiveNo }).from(customers);
}

/**
 * The last index built, under the names it was built from. Building one (pinyin and initials for
 * every name, then Fuse's index) cost ~30 ms for 1,000 customers, most of a lookup's CPU in
 * bench:webhook:answers; the names are still read per request, so a change is seen at once,
 * and the key is their whole content, so a stale index cannot be used.
 */
let last: { key: string; index: NameIndex } | null = null;

/** The name index of the customers as they are now in `q`'s view. */
export async function customerNameIndex(q: Q): Promise<NameIndex> {
  const names = await allNames(q);
  const key = names.map((c) => `${c.id}\u0000${c.name}\u0000${c.archiveNo}`).join('\u0001');
  if (last?.key === key) return last.index;
  const index = buildNameIndex(names);
  last = { key, index };
  return index;
}

export async function findCustomers(q: Q, query: string): Promise<CustomerMatch[]> {
  return searchCustomers(await customerNameIndex(q), query, { limit: 20 });
}
