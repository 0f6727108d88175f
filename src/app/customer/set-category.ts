/** Setting or clearing one category with a reason; the history row is the record, the column its cache. */
import { and, eq } from 'drizzle-orm';
import { customerCategoryHistory, customers } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { changeCategory, type Category } from '../../domain/customer/categories.js';
import { canEditArchive } from '../../domain/customer/visibility.js';
import type { Member } from '../../domain/roster.js';
import { auditCustomer, forbiddenEdit, loadCustomer, loadRosterMap, versionConflict, type CustomerRow } from './store.js';

export async function setCategory(
  q: Q,
  input: { customerId: string; category: Category; set: boolean; reason: string; actor: Member },
  now: Date,
): Promise<{ row: CustomerRow; changed: boolean }> {
  const row = await loadCustomer(q, input.customerId);
  const roster = await loadRosterMap(q);
  if (!canEditArchive(roster.get(input.actor.openId) ?? input.actor, row.ownerId, roster)) throw forbiddenEdit();
  const { categories, entry } = changeCategory(row.categories, input.category, input.set, { reason: input.reason, actorId: input.actor.openId, now });
  if (!entry) return { row, changed: false };
  const [saved] = await q
    .update(customers)
    .set({ categories, version: row.version + 1, updatedAt: now })
    .where(and(eq(customers.id, row.id), eq(customers.version, row.version)))
    .returning();
  if (!saved) throw versionConflict();
  await q.insert(customerCategoryHistory).values({ customerId: row.id, category: entry.category, set: entry.set, reason: entry.reason, actorId: entry.actorId, at: now });
  await auditCustomer(q, now, input.actor.openId, input.set ? 'customer.category_set' : 'customer.category_clear', row.id, { category: input.category, reason: entry.reason });
  return { row: saved, changed: true };
}
