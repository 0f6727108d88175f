import type { Q } from '../../../db/client.js';
import { obligations } from '../../../db/schema/index.js';
import type { ObligationKind } from '../../domain/reminders/index.js';
import { markDigestsStale } from './digests.js';
import { openRowsOf, type ObligationSubject } from './close.js';

/**
 * The duty no longer applies (a visit cancelled, an approval withdrawn): no more nudges, and
 * it is not counted as late or done in the KPIs.
 */
export async function cancelObligation(q: Q, kind: ObligationKind, subject: ObligationSubject, now: Date, o: { ownerId?: string } = {}): Promise<number> {
  const rows = await q.update(obligations).set({ cancelledAt: now }).where(openRowsOf(kind, subject, o.ownerId)).returning({ id: obligations.id });
  await markDigestsStale(q, rows.map((r) => r.id), now);
  return rows.length;
}
