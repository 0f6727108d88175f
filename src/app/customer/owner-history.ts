/**
 * The ownership history (customer_owner_history): every owner change closes the open span and
 * opens the next one in the same transaction as the change itself, so "owner at the time"
 * (src/domain/kpi/ownership.ts) never disagrees with customers.owner_id. Set-based: a handover
 * moves all of a person's customers in two statements.
 */
import { and, eq, inArray, isNull, lte, or, gt } from 'drizzle-orm';
import { customerOwnerHistory } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { saleInstant } from '../../domain/kpi/ownership.js';

export type OwnerVia = 'create' | 'assign' | 'handover';

/** From `at` on, `ownerId` owns these customers (null: nobody; the open span is only closed). */
export async function recordOwners(
  q: Q,
  input: { customerIds: readonly string[]; ownerId: string | null; at: Date; actorId: string; via: OwnerVia; reason?: string | null },
): Promise<void> {
  if (!input.customerIds.length) return;
  const ids = [...input.customerIds];
  await q.update(customerOwnerHistory).set({ toAt: input.at }).where(and(inArray(customerOwnerHistory.customerId, ids), isNull(customerOwnerHistory.toAt)));
  if (!input.ownerId) return;
  await q.insert(customerOwnerHistory).values(
    ids.map((customerId) => ({ customerId, ownerId: input.ownerId!, fromAt: input.at, via: input.via, actorId: input.actorId, reason: input.reason ?? null })),
  );
}

/** The owner of a customer at an instant, from the history (null: nobody then, or no history). */
async function ownerAtTime(q: Q, customerId: string, at: Date): Promise<string | null> {
  const [row] = await q
    .select({ ownerId: customerOwnerHistory.ownerId })
    .from(customerOwnerHistory)
    .where(and(eq(customerOwnerHistory.customerId, customerId), lte(customerOwnerHistory.fromAt, at), or(isNull(customerOwnerHistory.toAt), gt(customerOwnerHistory.toAt, at))))
    .limit(1);
  return row?.ownerId ?? null;
}

/** Who owned a customer on a transaction's day (noon in the zone). */
export const ownerOnDay = (q: Q, customerId: string, day: string, timeZone: string): Promise<string | null> => ownerAtTime(q, customerId, saleInstant(day, timeZone));

