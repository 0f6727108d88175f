import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { monthlyReports } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { DomainError } from '../../domain/errors.js';
import { i18n } from '../../domain/i18n.js';
import type { ReportFields } from '../../../cards/monthly-report-parts.js';

export type ReportRow = typeof monthlyReports.$inferSelect;

export const GONE = i18n('这份月报草稿已提交或已取消。', 'This draft has already been submitted or cancelled.');

/** Saves what the specialist wrote as a draft awaiting the confirm click (or updates their draft). */
export async function saveDraft(
  q: Q,
  d: { ownerId: string; month: string; fields: ReportFields; source: 'message' | 'form'; now: Date; draftId?: number | null },
): Promise<ReportRow> {
  if (d.draftId) {
    const [row] = await q
      .update(monthlyReports)
      .set({ month: d.month, fields: d.fields, updatedAt: d.now })
      .where(and(eq(monthlyReports.id, d.draftId), eq(monthlyReports.ownerId, d.ownerId), eq(monthlyReports.status, 'draft')))
      .returning();
    if (!row) throw new DomainError('CONFLICT', GONE);
    return row;
  }
  const [row] = await q
    .insert(monthlyReports)
    .values({ ownerId: d.ownerId, month: d.month, fields: d.fields, status: 'draft', source: d.source, createdAt: d.now, updatedAt: d.now })
    .returning();
  return row!;
}

/** The owner's draft, or a CONFLICT naming why it cannot be used. */
export async function getDraft(q: Q, draftId: number, ownerId: string): Promise<ReportRow> {
  const [row] = await q.select().from(monthlyReports).where(and(eq(monthlyReports.id, draftId), eq(monthlyReports.ownerId, ownerId)));
  if (!row) throw new DomainError('FORBIDDEN', i18n('这不是你的月报草稿。', 'This is not your draft.'));
  if (row.status !== 'draft') throw new DomainError('CONFLICT', GONE);
  return row;
}

/** The newest submitted version (any status) of a person's report for a month. */
export async function latestVersion(q: Q, ownerId: string, month: string): Promise<ReportRow | null> {
  const [row] = await q
    .select()
    .from(monthlyReports)
    .where(and(eq(monthlyReports.ownerId, ownerId), eq(monthlyReports.month, month), isNotNull(monthlyReports.version)))
    .orderBy(desc(monthlyReports.version))
    .limit(1);
  return row ?? null;
}
