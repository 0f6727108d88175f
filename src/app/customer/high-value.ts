/**
 * The high-value threshold crossed (§3.2.2: 高值客户 above a threshold, a setting): when recorded
 * transactions take a customer's 12-month total to the threshold, the owner and their manager
 * (the one rule the approval chain uses, managerIdOf) each get one card with a button to set the
 * category. Once per crossing: the customer row is marked in the same transaction with a
 * conditional update, so later transactions, a redelivered callback or a concurrent one find it
 * marked and send nothing; falling back under the threshold clears the mark.
 */
import type { Ids } from '../../ids.js';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { customers } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { highValueCrossedCard } from '../../../cards/high-value.js';
import { highValueCrossing } from '../../domain/customer/categories.js';
import { managerIdOf } from '../../domain/roster.js';
import { enqueueSend } from '../outbox.js';
import { auditCustomer, loadCustomer, loadCustomerSettings, loadRosterMap } from './store.js';
import { highValueOf } from './view.js';

/** After a transaction is recorded on `customerId` (by `actorId`): marks, clears or tells of the crossing. */
export async function noteHighValueCrossing(q: Q, customerId: string, actorId: string, ctx: { now: Date; timeZone: string; ids: Ids }): Promise<'notified' | 'marked' | 'cleared' | 'none'> {
  const row = await loadCustomer(q, customerId);
  const hv = await highValueOf(q, row.id, ctx.now, await loadCustomerSettings(q), ctx.timeZone);
  const step = highValueCrossing(hv, row.highValueCrossedAt !== null, row.categories);
  if (step === 'none') return 'none';
  if (step === 'clear') {
    await q.update(customers).set({ highValueCrossedAt: null }).where(and(eq(customers.id, row.id), isNotNull(customers.highValueCrossedAt)));
    return 'cleared';
  }
  const [marked] = await q
    .update(customers)
    .set({ highValueCrossedAt: ctx.now })
    .where(and(eq(customers.id, row.id), isNull(customers.highValueCrossedAt)))
    .returning({ id: customers.id });
  if (!marked) return 'none'; // another transaction marked it first: it told them
  if (step === 'mark') return 'marked';
  const roster = await loadRosterMap(q);
  const owner = row.ownerId ? roster.get(row.ownerId) : undefined;
  const managerId = managerIdOf(roster, row.ownerId ?? actorId);
  const told = [...new Set([owner?.openId, managerId].filter((id): id is string => !!id))].filter((id) => roster.get(id)?.active);
  const card = highValueCrossedCard({ customerId: row.id, name: row.name, archiveNo: row.archiveNo, ownerName: owner?.name ?? null, reason: hv.reason });
  for (const openId of told) await enqueueSend({ tx: q, deps: ctx }, { openId }, { card });
  await auditCustomer(q, ctx.now, actorId, 'customer.high_value_crossed', row.id, { totalFen: hv.totalFen, thresholdFen: hv.thresholdFen, told });
  return 'notified';
}
