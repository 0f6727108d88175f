import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Q } from '../../../db/client.js';
import { obligations } from '../../../db/schema/index.js';
import type { ObligationKind } from '../../domain/reminders/index.js';
import type { ObligationSubject } from './close.js';

/**
 * Opens a done duty again (a monthly report returned for revision). Its due time is kept, so a
 * report returned after the 5th is overdue at once and the daily nudges resume; steps already
 * sent are not repeated (their keys are unique).
 */
export async function reopenObligation(q: Q, kind: ObligationKind, subject: ObligationSubject, ownerId: string): Promise<number> {
  const rows = await q
    .update(obligations)
    .set({ doneAt: null })
    .where(
      and(
        eq(obligations.kind, kind),
        eq(obligations.subjectType, subject.type),
        eq(obligations.subjectId, subject.id),
        eq(obligations.ownerId, ownerId),
        isNotNull(obligations.doneAt),
        isNull(obligations.cancelledAt),
      ),
    )
    .returning({ id: obligations.id });
  return rows.length;
}
