/** The team's reports for a month, for the compiled card: one row per specialist the asker leads. */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { monthlyReports } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { reviewerOf, teamOf, type Member, type Roster } from '../../domain/roster.js';
import type { TeamReportRow } from '../../../cards/monthly-reports-team.js';
import { fieldsOf } from './view.js';

/** Director: every specialist. Manager: their own. Assistant: their manager's. */
export function specialistsFor(roster: Roster, asker: Member): Member[] {
  const lead = asker.role === 'assistant' ? reviewerOf(roster, asker) : asker;
  const team = lead && (lead.role === 'director' || lead.role === 'manager') ? teamOf(roster, lead) : [...roster.values()];
  return team.filter((m) => m.active && m.role === 'specialist').sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}

export async function teamReports(q: Q, roster: Roster, asker: Member, month: string): Promise<TeamReportRow[]> {
  const people = specialistsFor(roster, asker);
  if (!people.length) return [];
  const found = await q
    .select()
    .from(monthlyReports)
    .where(and(eq(monthlyReports.month, month), isNotNull(monthlyReports.version), inArray(monthlyReports.ownerId, people.map((p) => p.openId))));
  const latest = new Map<string, (typeof found)[number]>();
  for (const r of found) if ((latest.get(r.ownerId)?.version ?? 0) < (r.version ?? 0)) latest.set(r.ownerId, r);
  return people.map((p) => {
    const r = latest.get(p.openId);
    return {
      name: p.name,
      report: r ? { version: r.version ?? 1, status: r.status, submittedAt: r.submittedAt ?? r.createdAt, fields: fieldsOf(r) } : null,
    };
  });
}
