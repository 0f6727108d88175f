/** The team's reports for a month, for the compiled card: one row per specialist the asker leads. */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { members, monthlyReports } from '../../../db/schema/index.js';
import { addMonths, monthlyReportDueAt, monthStart } from '../../domain/reminders/index.js';
import { loadReminderContext } from '../reminders/context.js';
import type { Q } from '../../../db/client.js';
import { reviewerOf, teamOf, type Member, type Roster } from '../../domain/roster.js';
import type { TeamReportRow } from '../../../cards/monthly-reports-team.js';
import { fieldsOf } from './view.js';

/** Director: every specialist. Manager: their own. Assistant: their manager's. */
function specialistsFor(roster: Roster, asker: Member): Member[] {
  const lead = asker.role === 'assistant' ? reviewerOf(roster, asker) : asker;
  const team = lead && (lead.role === 'director' || lead.role === 'manager') ? teamOf(roster, lead) : [...roster.values()];
  return team.filter((m) => m.active && m.role === 'specialist').sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}

/**
 * The rows of the compiled card. Only people who owed the month's report are counted (someone
 * who joined after the month ended did not), and a report that came in after its due time
 * (the 5th, moved past weekends and holidays) is marked late.
 */
export async function teamReports(q: Q, roster: Roster, asker: Member, month: string, timeZone: string): Promise<TeamReportRow[]> {
  const monthEnd = monthStart(addMonths(month, 1), timeZone);
  const joined = new Map((await q.select({ openId: members.openId, createdAt: members.createdAt }).from(members)).map((m) => [m.openId, m.createdAt]));
  const people = specialistsFor(roster, asker).filter((p) => (joined.get(p.openId) ?? monthEnd) < monthEnd);
  if (!people.length) return [];
  const ctx = await loadReminderContext(q, { timeZone });
  const dueAt = monthlyReportDueAt(monthStart(month, ctx.settings.timeZone), ctx.settings, ctx.overrides);
  const found = await q
    .select()
    .from(monthlyReports)
    .where(and(eq(monthlyReports.month, month), isNotNull(monthlyReports.version), inArray(monthlyReports.ownerId, people.map((p) => p.openId))));
  const latest = new Map<string, (typeof found)[number]>();
  for (const r of found) if ((latest.get(r.ownerId)?.version ?? 0) < (r.version ?? 0)) latest.set(r.ownerId, r);
  // On time is judged by the first version in: a revision asked for by the manager is not lateness.
  const first = new Map<string, Date>();
  for (const r of found) {
    const at = r.submittedAt ?? r.createdAt;
    const seen = first.get(r.ownerId);
    if (!seen || at < seen) first.set(r.ownerId, at);
  }
  const firstIn = (id: string) => first.get(id) ?? new Date(0);
  return people.map((p) => {
    const r = latest.get(p.openId);
    return {
      name: p.name,
      report: r ? { version: r.version ?? 1, status: r.status, submittedAt: r.submittedAt ?? r.createdAt, fields: fieldsOf(r), late: firstIn(r.ownerId) > dueAt } : null,
    };
  });
}
