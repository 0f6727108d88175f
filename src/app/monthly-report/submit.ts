/**
 * Confirming a draft: it becomes the next version of the person's report for that month, the
 * monthly-report obligation closes, and the reviewer gets the report as a card. One report per
 * person per month: when a submitted version exists, the caller is asked to confirm replacing
 * it (the old version is kept, marked replaced, and its cards updated).
 */
import { and, eq } from 'drizzle-orm';
import { auditLog, monthlyReports } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { DomainError } from '../../domain/errors.js';
import { reviewerOf, type Member, type Roster } from '../../domain/roster.js';
import { monthlyReportDueAt, monthStart } from '../../domain/reminders/index.js';
import { enqueueSend, refreshCards } from '../outbox.js';
import type { Ids } from '../../ids.js';
import { closeObligation, openObligation } from '../obligations/index.js';
import type { ReminderContext } from '../reminders/context.js';
import { getDraft, GONE, latestVersion, type ReportRow } from './draft.js';
import { checkRequired } from './fields.js';
import { reportFormValue } from '../../../cards/monthly-report-values.js';
import { fieldsOf, reportSubject, reviewCardFor } from './view.js';

export type SubmitResult = { outcome: 'submitted'; row: ReportRow } | { outcome: 'ask_replace'; draft: ReportRow; latest: ReportRow };

export async function submitReport(
  q: Q,
  input: { operator: Member; draftId: number; replace: boolean; now: Date; roster: Roster; ctx: ReminderContext; ids: Ids },
): Promise<SubmitResult> {
  const { operator, now, roster, ctx } = input;
  const draft = await getDraft(q, input.draftId, operator.openId);
  checkRequired(fieldsOf(draft));
  const latest = await latestVersion(q, operator.openId, draft.month);
  if (latest?.status === 'submitted' && !input.replace) return { outcome: 'ask_replace', draft, latest };

  const version = (latest?.version ?? 0) + 1;
  // Conditional on still being a draft: of two clicks, the second updates nothing.
  const [row] = await q
    .update(monthlyReports)
    .set({ status: 'submitted', version, submittedAt: now, updatedAt: now })
    .where(and(eq(monthlyReports.id, draft.id), eq(monthlyReports.status, 'draft')))
    .returning();
  if (!row) throw new DomainError('CONFLICT', GONE);

  const tz = ctx.settings.timeZone;
  if (latest?.status === 'submitted') {
    const [old] = await q.update(monthlyReports).set({ status: 'replaced', updatedAt: now }).where(eq(monthlyReports.id, latest.id)).returning();
    if (old) await refreshCards({ tx: q, deps: input }, reportSubject(old), reviewCardFor(old, roster, tz, { latest: false }), now);
  }

  // The obligation may not exist yet (a report written before the month's rows were made):
  // open it, then close it, so the tick never nudges about a report already in.
  const manager = reviewerOf(roster, operator);
  const anchorAt = monthStart(row.month, tz);
  await openObligation(q, {
    kind: 'monthly_report',
    ownerId: operator.openId,
    managerId: manager?.openId ?? null,
    subjectType: 'month',
    subjectId: row.month,
    anchorAt,
    dueAt: monthlyReportDueAt(anchorAt, ctx.settings, ctx.overrides),
    meta: { title: row.month, action: reportFormValue(row.month) },
  });
  await closeObligation(q, 'monthly_report', { type: 'month', id: row.month }, now, { ownerId: operator.openId });

  await q.insert(auditLog).values({
    at: now,
    actorId: operator.openId,
    action: 'monthly_report.submit',
    subjectType: 'monthly_report',
    subjectId: String(row.id),
    detail: { month: row.month, version, replaced: latest?.status === 'submitted' ? latest.id : null },
  });
  if (manager) await enqueueSend({ tx: q, deps: input }, { openId: manager.openId }, { card: reviewCardFor(row, roster, tz, { latest: true }) }, { subject: reportSubject(row) });
  return { outcome: 'submitted', row };
}
