/**
 * The one read of obligations per tick: open rows whose deadline is close enough that a ladder
 * step could already be due. It rides the partial index on open rows by due_at, so its cost
 * follows the open, near-due rows — not the table, and not closed history.
 */
import { and, isNull, lte } from 'drizzle-orm';
import { obligations } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import type { Obligation, ReminderSettings } from '../../domain/reminders/index.js';

const DAY_MS = 24 * 3600 * 1000;
/**
 * A deadline moved off a holiday (春节 is 9 days, plus a weekend) sits later than its first
 * nudge by that much more; 15 days covers the official calendar with room to spare.
 */
const HOLIDAY_SLACK_DAYS = 15;

/**
 * How long before its deadline an obligation's earliest step can fall: the follow-up's day-5
 * nudge before its day-7 deadline, the monthly report's 1st before its 5th. Other ladders
 * start at or after the deadline.
 */
function leadDays(s: ReminderSettings): number {
  const followUp = s.followUpDueDay - s.followUpNudgeDay;
  const monthly = s.monthlyReportDueDay - Math.min(s.monthlyReportDueDay, ...s.monthlyReportNudgeDays);
  return Math.max(1, followUp, monthly) + HOLIDAY_SLACK_DAYS;
}

type Row = typeof obligations.$inferSelect;

export const toObligation = (r: Row): Obligation => ({
  id: String(r.id),
  kind: r.kind,
  ownerId: r.ownerId,
  managerId: r.managerId,
  assistantId: r.assistantId,
  subjectType: r.subjectType,
  subjectId: r.subjectId,
  anchorAt: r.anchorAt,
  dueAt: r.dueAt,
  doneAt: r.doneAt,
  meta: r.meta,
});

export async function loadNearDue(q: Q, now: Date, s: ReminderSettings): Promise<Obligation[]> {
  const horizon = new Date(now.getTime() + leadDays(s) * DAY_MS);
  const found = await q
    .select()
    .from(obligations)
    .where(and(isNull(obligations.doneAt), isNull(obligations.cancelledAt), lte(obligations.dueAt, horizon)));
  return found.map(toObligation);
}
