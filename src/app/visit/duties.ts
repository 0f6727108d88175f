/**
 * Moving a visit's or reception's duty when the event moves. The obligations API opens, closes
 * and cancels; a reschedule needs the same row with a new anchor and due time (the natural key
 * allows one row per duty), and a plan sent back to approval suspends it until approved again.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { obligations } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { dueAtFor, type ObligationKind } from '../../domain/reminders/index.js';
import { loadReminderContext } from '../reminders/context.js';

export async function moveDuty(
  q: Q,
  timeZone: string,
  d: { kind: ObligationKind; subjectType: string; subjectId: string; anchorAt: Date; now: Date; suspended: boolean },
): Promise<number> {
  const ctx = await loadReminderContext(q, { timeZone });
  const rows = await q
    .update(obligations)
    .set({ anchorAt: d.anchorAt, dueAt: dueAtFor(d.kind, d.anchorAt, ctx.settings, ctx.overrides), cancelledAt: d.suspended ? d.now : null })
    .where(and(eq(obligations.kind, d.kind), eq(obligations.subjectType, d.subjectType), eq(obligations.subjectId, d.subjectId), isNull(obligations.doneAt)))
    .returning({ id: obligations.id });
  return rows.length;
}
