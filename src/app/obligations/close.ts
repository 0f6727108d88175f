import { and, eq, isNull } from 'drizzle-orm';
import { obligations } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import type { ObligationKind } from '../../domain/reminders/index.js';
import { markDigestsStale } from './digests.js';

export interface ObligationSubject {
  type: string;
  id: string;
}

/** Rows of this kind and subject (optionally one owner's) that are still open. */
export const openRowsOf = (kind: ObligationKind, subject: ObligationSubject, ownerId?: string) =>
  and(
    eq(obligations.kind, kind),
    eq(obligations.subjectType, subject.type),
    eq(obligations.subjectId, subject.id),
    ownerId ? eq(obligations.ownerId, ownerId) : undefined,
    isNull(obligations.doneAt),
    isNull(obligations.cancelledAt),
  );

/**
 * Marks the duty done: nobody is nudged about it again, and the KPIs (revisit rate, timeliness)
 * read doneAt against dueAt. Returns how many rows closed (0 when already done or never opened).
 */
export async function closeObligation(q: Q, kind: ObligationKind, subject: ObligationSubject, now: Date, o: { ownerId?: string } = {}): Promise<number> {
  const closed = await q.update(obligations).set({ doneAt: now }).where(openRowsOf(kind, subject, o.ownerId)).returning({ id: obligations.id });
  await markDigestsStale(q, closed.map((r) => r.id), now);
  return closed.length;
}
