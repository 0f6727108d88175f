/**
 * Makes sure this month's monthly-report obligations exist (one per active specialist), in one
 * INSERT … ON CONFLICT DO NOTHING: the tick runs every few minutes and creates each row once.
 */
import { obligations } from '../../db/schema/index.js';
import type { Q } from '../../db/client.js';
import type { Roster } from '../domain/roster.js';
import { monthlyReportDrafts, reportMonthDuring } from '../domain/reminders/index.js';
import type { ReminderContext } from '../app/reminders/context.js';
import { reportFormValue } from '../app/monthly-report/values.js';

export async function ensureMonthlyReportObligations(q: Q, now: Date, roster: Roster, ctx: ReminderContext): Promise<number> {
  const month = reportMonthDuring(now, ctx.settings.timeZone);
  const drafts = monthlyReportDrafts(month, roster, ctx.settings, ctx.overrides);
  if (!drafts.length) return 0;
  const created = await q
    .insert(obligations)
    .values(
      drafts.map((d) => ({
        kind: d.kind,
        subjectType: d.subjectType,
        subjectId: d.subjectId,
        ownerId: d.ownerId,
        managerId: d.managerId ?? null,
        anchorAt: d.anchorAt,
        dueAt: d.dueAt,
        meta: { title: month, action: reportFormValue(month) },
      })),
    )
    .onConflictDoNothing()
    .returning({ id: obligations.id });
  return created.length;
}
