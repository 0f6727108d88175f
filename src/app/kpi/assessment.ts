/**
 * `考核` / `assessment` and the quarterly digest (§1.2.1): the manager's quarterly assessment
 * from the set-based tallies (one pass for the quarter, shared by every team), scoped by role.
 * The assessment is of the manager — the director and HR assess it — so the director and the
 * assistant see any team or all of them, a manager their own team (or one of its specialists'
 * rows), and a specialist is refused (the command's roles refuse them before this; the check here
 * holds for any caller and points them to `绩效`, which already shows them their own figures):
 * the team's assessment would show them their colleagues' rows, and their own row alone would
 * be the KPI card again with fewer figures.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Q } from '../../../db/client.js';
import { nudges } from '../../../db/schema/index.js';
import { assessmentCard, departmentAssessmentCard, type TeamAssessment } from '../../../cards/kpi-assessment.js';
import type { Card } from '../../../cards/kit.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import { assessmentDigestDue, assessmentDigestKey, quarterlyAssessmentFrom } from '../../domain/kpi/assessment.js';
import { parseKpiQuery, type KpiWho } from '../../domain/kpi/command.js';
import { hasEnded, periodLabel, type Period } from '../../domain/kpi/period.js';
import type { KpiDirectory } from '../../domain/kpi/report.js';
import type { Member, Roster } from '../../domain/roster.js';
import { loadCustomerSettings, loadRosterMap } from '../customer/store.js';
import { enqueueSend } from '../outbox.js';
import type { Ids } from '../../ids.js';
import type { ReminderContext } from '../reminders/context.js';
import { kpiDirectory } from './report.js';
import { archiveTallies, tallyByPersonSql } from './tallies.js';

export const DEPARTMENT_NAME = i18n('大客户部', 'Key-account department');

/** Which assessment a question resolves to: every team, or one (optionally narrowed to one specialist's row). */
export type AssessmentScope = { kind: 'department' } | { kind: 'team'; id: string; only?: string };

const forbidden = (): DomainError =>
  new DomainError('FORBIDDEN', i18n(
    '季度考核是对经理（团队）的考核：经理可看本团队，总监和内勤可看全部团队。专员请发「绩效」查看本人的指标。',
    'The quarterly assessment is the manager’s (their team’s): a manager sees their own team, the director and the assistant every team. Specialists: send "kpi" for your own figures.',
  ));

/** The assessment scope the asker gets for what they asked, or FORBIDDEN / VALIDATION. */
function assessmentScopeFor(actor: Member, who: KpiWho, dir: KpiDirectory): AssessmentScope {
  const everything = actor.role === 'director' || actor.role === 'assistant';
  if (!everything && actor.role !== 'manager') throw forbidden();
  const ownTeam = actor.role === 'manager' ? actor.openId : null;
  const allowed = (s: AssessmentScope): AssessmentScope => {
    if (everything || (s.kind === 'team' && s.id === ownTeam)) return s;
    throw forbidden();
  };
  switch (who.kind) {
    case 'self':
    case 'own_team':
      return ownTeam ? { kind: 'team', id: ownTeam } : { kind: 'department' };
    case 'department':
      return allowed({ kind: 'department' });
    case 'team':
      return allowed({ kind: 'team', id: who.id });
    case 'member': {
      if (dir.teams.some((t) => t.managerId === who.id)) return allowed({ kind: 'team', id: who.id });
      const m = dir.members.find((x) => x.id === who.id);
      if (m?.role === 'specialist' && m.teamId) return allowed({ kind: 'team', id: m.teamId, only: m.id });
      const name = m?.name ?? who.id;
      throw new DomainError('VALIDATION', i18n(
        `「${name}」不是经理，也不是某个团队的专员，没有季度考核。`,
        `${name} is neither a manager nor a specialist in a team, so there is no quarterly assessment for them.`,
      ), { id: who.id });
    }
  }
}

const teamName = (name: string): I18nText => i18n(`${name} 团队`, `${name}'s team`);

/** Every team's assessment for a quarter from one tally pass (teams in roster order). */
async function teamAssessmentsSql(q: Q, dir: KpiDirectory, period: Period, ctx: { now: Date; timeZone: string }): Promise<TeamAssessment[]> {
  const archives = await archiveTallies(q, (await loadCustomerSettings(q)).requiredFields);
  const byPerson = await tallyByPersonSql(q, period, { ...ctx, archives });
  return dir.teams.map((t) => ({ assessment: quarterlyAssessmentFrom(dir, byPerson, t.id, period), teamName: teamName(t.name) }));
}

function notQuarter(p: Period): DomainError {
  const label = periodLabel(p);
  return new DomainError('VALIDATION', i18n(
    `季度考核按季度进行，「${label.zh_cn}」不是一个季度。例如：考核 2026Q4、考核 上季度。`,
    `The assessment is per quarter, and ${label.en_us} is not a quarter. Try: assessment 2026Q4, assessment last quarter.`,
  ), { period: p });
}

/** The assessment card for a text query ("考核 上季度", "考核 2026Q4 钱经理", "考核 部门"). */
export async function assessmentCardFor(q: Q, actorIn: Member, input: { text: string; mentionedId?: string | null }, ctx: { now: Date; timeZone: string }): Promise<Card> {
  const roster = await loadRosterMap(q);
  const actor = roster.get(actorIn.openId) ?? actorIn;
  if (!actor.active) throw forbidden();
  const dir = kpiDirectory(roster);
  // Refuse by role before reading the words: a specialist learns it is not theirs, not that a name is unknown.
  assessmentScopeFor(actor, { kind: 'self' }, dir);
  const query = parseKpiQuery(input.text, { members: dir.members, teams: dir.teams }, ctx);
  if (query.period.kind !== 'quarter') throw notQuarter(query.period);
  const who: KpiWho = input.mentionedId ? { kind: 'member', id: input.mentionedId } : query.who;
  if (who.kind === 'member' && !roster.get(who.id)?.active) {
    throw new DomainError('NOT_FOUND', i18n('该同事不在大客户部名单中。', 'That person is not on the key-account roster.'));
  }
  const scope = assessmentScopeFor(actor, who, dir);
  const teams = await teamAssessmentsSql(q, dir, query.period, ctx);
  const inProgress = !hasEnded(query.period, ctx.now, ctx.timeZone);
  if (scope.kind === 'department') return departmentAssessmentCard(query.period, teams, DEPARTMENT_NAME, { inProgress });
  const team = teams.find((t) => t.assessment.teamId === scope.id);
  if (!team) throw new DomainError('NOT_FOUND', i18n('找不到这个团队。', 'No such team.'));
  const a = scope.only ? { ...team.assessment, specialists: team.assessment.specialists.filter((s) => s.member.id === scope.only) } : team.assessment;
  return assessmentCard(a, team.teamName, { inProgress });
}

/**
 * The quarterly digest, from the tick: on the first working day of a quarter (from the start of
 * working hours, and for a fortnight after if the bot was down), each active manager gets their
 * team's assessment of the quarter just ended and each active director every team's. A nudges
 * row per quarter and recipient is claimed first (INSERT … ON CONFLICT DO NOTHING RETURNING), and
 * only what this call inserted is sent: two instances, a restart or a later tick send nothing
 * more. Nothing is counted once every recipient has theirs. Returns the cards written.
 */
export async function sendQuarterlyAssessments(q: Q, now: Date, roster: Roster, ctx: ReminderContext, ids: Ids): Promise<number> {
  const period = assessmentDigestDue(now, ctx.settings, ctx.overrides);
  if (!period) return 0;
  const recipients = [...roster.values()].filter((m) => m.active && (m.role === 'manager' || m.role === 'director'));
  if (!recipients.length) return 0;
  const key = assessmentDigestKey(period);
  // A cheap look first: every tick of the fortnight after the first one ends here.
  const sent = await q.select({ id: nudges.recipientId }).from(nudges)
    .where(and(eq(nudges.obligationKey, key), eq(nudges.step, key), inArray(nudges.recipientId, recipients.map((m) => m.openId))));
  if (sent.length >= recipients.length) return 0;
  const uuids = new Map(recipients.map((m) => [m.openId, ids.newId()]));
  const claimed = await q.insert(nudges)
    .values(recipients.map((m) => ({ obligationKey: key, kind: 'assessment', recipientId: m.openId, step: key, urgency: 'due', sentAt: now, outboxUuid: uuids.get(m.openId)! })))
    .onConflictDoNothing()
    .returning({ recipientId: nudges.recipientId });
  if (!claimed.length) return 0;
  const teams = await teamAssessmentsSql(q, kpiDirectory(roster), period, { now, timeZone: ctx.settings.timeZone });
  let written = 0;
  for (const { recipientId } of claimed) {
    const m = roster.get(recipientId)!;
    const own = teams.find((t) => t.assessment.teamId === recipientId);
    const card = m.role === 'director' ? departmentAssessmentCard(period, teams, DEPARTMENT_NAME) : own ? assessmentCard(own.assessment, own.teamName) : null;
    if (!card) continue;
    await enqueueSend({ tx: q, deps: { ids } }, { openId: recipientId }, { card }, { uuid: uuids.get(recipientId)!});
    written++;
  }
  return written;
}
