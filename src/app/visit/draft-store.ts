/** The message drafts (report_drafts): saved on arrival, shown until confirmed or discarded. */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { reportDrafts } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { DomainError } from '../../domain/errors.js';
import { i18n } from '../../domain/i18n.js';
import type { DraftKind } from '../../../cards/visit-draft.js';

export type DraftRow = typeof reportDrafts.$inferSelect;

/**
 * Saves a draft. A person re-sending a report for the same visit updates their open draft
 * instead of piling up copies; one still waiting for its pick is replaced likewise.
 */
export async function saveDraft(q: Q, d: { ownerId: string; kind: DraftKind; subjectId: string | null; text: string; fields: object; now: Date }): Promise<DraftRow> {
  const [open] = await q
    .select()
    .from(reportDrafts)
    .where(and(eq(reportDrafts.ownerId, d.ownerId), eq(reportDrafts.kind, d.kind), eq(reportDrafts.status, 'open'), d.subjectId ? eq(reportDrafts.subjectId, d.subjectId) : isNull(reportDrafts.subjectId)))
    .orderBy(desc(reportDrafts.id))
    .limit(1);
  if (open) {
    const [row] = await q.update(reportDrafts).set({ text: d.text, fields: d.fields as Record<string, unknown>, updatedAt: d.now }).where(eq(reportDrafts.id, open.id)).returning();
    return row!;
  }
  const [row] = await q
    .insert(reportDrafts)
    .values({ ownerId: d.ownerId, kind: d.kind, subjectId: d.subjectId, status: 'open', text: d.text, fields: d.fields as Record<string, unknown>, createdAt: d.now, updatedAt: d.now })
    .returning();
  return row!;
}

export const draftGone = (): DomainError => new DomainError('CONFLICT', i18n('这份草稿已确认或已取消。', 'This draft has already been confirmed or discarded.'));

/** The owner's open draft; someone else's is refused, a finished one is a CONFLICT. */
export async function openDraft(q: Q, id: number, ownerId: string): Promise<DraftRow> {
  const [row] = await q.select().from(reportDrafts).where(eq(reportDrafts.id, id));
  if (!row || row.ownerId !== ownerId) throw new DomainError('FORBIDDEN', i18n('这不是你的草稿。', 'This is not your draft.'));
  if (row.status !== 'open') throw draftGone();
  return row;
}

/** Moves an open draft on; false when another click finished it first. */
export async function finishDraft(q: Q, id: number, status: 'confirmed' | 'discarded', now: Date): Promise<boolean> {
  const rows = await q.update(reportDrafts).set({ status, updatedAt: now }).where(and(eq(reportDrafts.id, id), eq(reportDrafts.status, 'open'))).returning({ id: reportDrafts.id });
  return rows.length > 0;
}

export async function openDraftsOf(q: Q, ownerId: string): Promise<DraftRow[]> {
  return q.select().from(reportDrafts).where(and(eq(reportDrafts.ownerId, ownerId), eq(reportDrafts.status, 'open'))).orderBy(desc(reportDrafts.updatedAt)).limit(5);
}
