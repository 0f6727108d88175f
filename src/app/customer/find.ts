/** Finding customers by what people type: an archive number or a (fuzzy) name. */
import { customers } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { buildNameIndex, searchCustomers, type CustomerMatch } from '../../domain/customer/search.js';

/** Every customer's id, name and number: the department's list is small enough to index per request. */
export async function allNames(q: Q): Promise<{ id: string; name: string; archiveNo: string }[]> {
  return q.select({ id: customers.id, name: customers.name, archiveNo: customers.archiveNo }).from(customers);
}

export async function findCustomers(q: Q, query: string): Promise<CustomerMatch[]> {
  return searchCustomers(buildNameIndex(await allNames(q)), query, { limit: 20 });
}
