/**
 * Makes sure this month's monthly-report obligations exist (one per active specialist), in one
 * INSERT … ON CONFLICT DO NOTHING: the tick runs every few minutes and creates each row once.
 * Someone who joined the roster after the report month ended owes no report for it — otherwise
 * a department that starts using the bot on the 27th is told on day one that last month's
 * report is overdue.
 */
import { eq } from 'drizzle-orm';
import { members } from '../../../db/schema/index.js';
import { openObligations } from '../obligations/index.js';
import type { Q } from '../../../db/client.js';
import type { Roster } from '../../domain/roster.js';
import { addMonths, monthlyReportDrafts, monthStart, reportMonthDuring } from '../../domain/reminders/index.js';
import type { ReminderContext } from '../reminders/context.js';
import { reportFormValue } from '../../../cards/monthly-report-values.js';

export async function ensureMonthlyReportObligations(q: Q, now: Date, roster: Roster, ctx: ReminderContext): Promise<number> {
  const month = reportMonthDuring(now, ctx.settings.timeZone);
  const monthEnd = monthStart(addMonths(month, 1), ctx.settings.timeZone);
  const joined = new Map(
    (await q.select({ openId: members.openId, createdAt: members.createdAt }).from(members).where(eq(members.role, 'specialist'))).map((m) => [m.openId, m.createdAt]),
  );
  const drafts = monthlyReportDrafts(month, roster, ctx.settings, ctx.overrides).filter((d) => (joined.get(d.ownerId) ?? now) < monthEnd);
  return openObligations(q, drafts.map((d) => ({ ...d, meta: { title: month, action: reportFormValue(month) } })));
}
