/**
 * A duty that closes (done, cancelled) leaves the digests that listed it out of date. They are
 * marked here, in the closing transaction, and patched by the next tick — once per digest
 * however many of its items closed meanwhile (each patch is an API call against the quota).
 */
import { and, inArray, isNull, sql } from 'drizzle-orm';
import { digestCards, nudges } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';

export async function markDigestsStale(q: Q, obligationIds: readonly number[], now: Date): Promise<void> {
  if (!obligationIds.length) return;
  await q
    .update(digestCards)
    .set({ staleAt: now })
    .where(
      and(
        isNull(digestCards.staleAt),
        inArray(digestCards.uuid, sql`(select ${nudges.outboxUuid} from ${nudges} where ${inArray(nudges.obligationId, [...obligationIds])})`),
      ),
    );
}
