import { and, eq } from 'drizzle-orm';
import { obligations } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { draftObligation, type NewObligation, type ObligationDraft } from '../../domain/reminders/index.js';
import { loadReminderContext } from '../reminders/context.js';

export interface OpenResult {
  id: string;
  /** False when the duty already existed (a retried command, a second instance): nothing changed. */
  created: boolean;
}

/** The row a draft becomes (single and bulk opening share it). */
const rowOf = (draft: ObligationDraft) => ({
  kind: draft.kind,
  subjectType: draft.subjectType,
  subjectId: draft.subjectId,
  ownerId: draft.ownerId,
  managerId: draft.managerId ?? null,
  assistantId: draft.assistantId ?? null,
  anchorAt: draft.anchorAt,
  dueAt: draft.dueAt,
  doneAt: draft.doneAt ?? null,
  meta: draft.meta ?? {},
});

/**
 * Opens a duty. Idempotent on the natural key (kind, subject, owner): opening it again returns
 * the existing row untouched, whatever its state — a done duty is not silently reopened (use
 * reopenObligation for that, e.g. a report returned for revision).
 */
export async function openObligation(q: Q, draft: ObligationDraft): Promise<OpenResult> {
  const inserted = await q
    .insert(obligations)
    .values(rowOf(draft))
    .onConflictDoNothing()
    .returning({ id: obligations.id });
  if (inserted[0]) return { id: String(inserted[0].id), created: true };
  const [existing] = await q
    .select({ id: obligations.id })
    .from(obligations)
    .where(
      and(
        eq(obligations.kind, draft.kind),
        eq(obligations.subjectType, draft.subjectType),
        eq(obligations.subjectId, draft.subjectId),
        eq(obligations.ownerId, draft.ownerId),
      ),
    );
  if (!existing) throw new Error(`openObligation: conflict without a row for ${draft.kind}:${draft.subjectType}:${draft.subjectId}`);
  return { id: String(existing.id), created: false };
}

/**
 * Opens many duties in one statement (the tick's monthly reports, a trip's days), each as
 * idempotent as openObligation. Returns how many were new.
 */
export async function openObligations(q: Q, drafts: readonly ObligationDraft[]): Promise<number> {
  if (!drafts.length) return 0;
  const created = await q
    .insert(obligations)
    .values(drafts.map(rowOf))
    .onConflictDoNothing()
    .returning({ id: obligations.id });
  return created.length;
}

/**
 * The usual entry for workflows: the due time is computed from the anchor with the stored
 * reminder settings and calendar (a visit at 15:00 → its record is due that evening).
 */
export async function openObligationFor(q: Q, timeZone: string, input: NewObligation): Promise<OpenResult> {
  const ctx = await loadReminderContext(q, { timeZone });
  return openObligation(q, draftObligation(input, ctx.settings, ctx.overrides));
}
