/**
 * The `KPI` / `绩效` / `统计` card: the query (period, person or team) scoped to what the asker's
 * role may see, the figures from the set-based tallies (tallies.ts) through the pure report
 * (src/domain/kpi/report.ts), and the existing card. A specialist sees their own figures and
 * their team's aggregate; a manager their team and its members; the director and the assistant
 * everything. A refused scope is a bilingual FORBIDDEN and nothing else.
 */
import type { Q } from '../../../db/client.js';
import { kpiCard } from '../../../cards/kpi.js';
import type { Card } from '../../../cards/kit.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import type { KpiMember, KpiTeam } from '../../domain/kpi/facts.js';
import { parseKpiQuery, type KpiWho } from '../../domain/kpi/command.js';
import { hasStarted, periodFromKey, periodKey, previousPeriod, type Period } from '../../domain/kpi/period.js';
import { kpiReportFrom, membersOf, reportPeriods, type KpiDirectory, type KpiScope } from '../../domain/kpi/report.js';
import type { KpiKey } from '../../domain/kpi/figure.js';
import type { Tally } from '../../domain/kpi/tally.js';
import { reviewerOf, type Member, type Roster } from '../../domain/roster.js';
import { loadCustomerSettings, loadRosterMap } from '../customer/store.js';
import { archiveTallies, monthlyLineTallies, tallyByPersonSql } from './tallies.js';
import { loadBudgetFacts } from './budgets-store.js';

/** Teams from the roster: a manager and the members they review (there is no teams table). */
export function kpiDirectory(roster: Roster): KpiDirectory {
  const active = [...roster.values()].filter((m) => m.active);
  const teams: KpiTeam[] = active.filter((m) => m.role === 'manager').map((m) => ({ id: m.openId, name: m.name, managerId: m.openId }));
  const teamIds = new Set(teams.map((t) => t.id));
  const members: KpiMember[] = active.map((m) => {
    const lead = m.role === 'manager' ? null : reviewerOf(roster, m);
    return { id: m.openId, name: m.name, role: m.role, teamId: lead && teamIds.has(lead.openId) ? lead.openId : null };
  });
  return { members, teams, budgets: [] };
}

const forbidden = (): DomainError =>
  new DomainError('FORBIDDEN', i18n('您无权查看这一范围的绩效数据：专员可看本人及本团队，经理可看本团队，总监和内勤可看全部门。', 'You cannot see KPIs for that scope: a specialist sees their own and their team’s, a manager their team’s, the director and the assistant the whole department’s.'));

/** The scope the asker gets for what they asked, or FORBIDDEN. */
function kpiScopeFor(actor: Member, who: KpiWho, dir: KpiDirectory): KpiScope {
  // Finance sees every scope, but only its cost control (kpiCardOf): the reimbursements it approves.
  const everything = actor.role === 'director' || actor.role === 'assistant' || actor.role === 'finance';
  const me = dir.members.find((m) => m.id === actor.openId);
  const ownTeam = actor.role === 'manager' ? actor.openId : (me?.teamId ?? null);
  switch (who.kind) {
    case 'self':
      if (everything) return { kind: 'department' };
      if (actor.role === 'manager') return { kind: 'team', id: actor.openId };
      if (actor.role === 'specialist') return { kind: 'member', id: actor.openId };
      throw forbidden();
    case 'own_team':
      if (!ownTeam) throw forbidden();
      return { kind: 'team', id: ownTeam };
    case 'department':
      if (!everything) throw forbidden();
      return { kind: 'department' };
    case 'team':
      if (everything || who.id === ownTeam) return { kind: 'team', id: who.id };
      throw forbidden();
    case 'member': {
      const m = dir.members.find((x) => x.id === who.id);
      if (!m) throw forbidden();
      if (everything || who.id === actor.openId || (actor.role === 'manager' && m.teamId === actor.openId)) return { kind: 'member', id: who.id };
      throw forbidden();
    }
  }
}

export function scopeName(scope: KpiScope, dir: KpiDirectory): I18nText {
  if (scope.kind === 'department') return i18n('大客户部', 'Key-account department');
  if (scope.kind === 'team') {
    const t = dir.teams.find((x) => x.id === scope.id);
    return i18n(`${t?.name ?? scope.id} 团队`, `${t?.name ?? scope.id}'s team`);
  }
  const m = dir.members.find((x) => x.id === scope.id)?.name ?? scope.id;
  return i18n(m, m);
}

export interface KpiAsk {
  actor: Member;
  dir: KpiDirectory;
  scope: KpiScope;
  period: Period;
}

/** The asker (as the roster has them now), the directory, and the scope and period a text query names — or FORBIDDEN / NOT_FOUND / VALIDATION. */
export async function kpiAskFor(q: Q, actorIn: Member, input: { text: string; mentionedId?: string | null }, ctx: { now: Date; timeZone: string }): Promise<KpiAsk> {
  const { actor, dir, roster } = await kpiActor(q, actorIn.openId, actorIn);
  const query = parseKpiQuery(input.text, { members: dir.members, teams: dir.teams }, ctx);
  const who: KpiWho = input.mentionedId ? { kind: 'member', id: input.mentionedId } : query.who;
  if (who.kind === 'member' && !roster.get(who.id)?.active) {
    throw new DomainError('NOT_FOUND', i18n('该同事不在大客户部名单中。', 'That person is not on the key-account roster.'));
  }
  return { actor, dir, scope: kpiScopeFor(actor, who, dir), period: query.period };
}

/**
 * The same from what a button carries (`p` = period key, `s` = scope value), re-checked against
 * the clicker's role now: a tampered or stale value is VALIDATION, a scope beyond the role FORBIDDEN.
 */
export async function kpiAskFromValue(q: Q, openId: string, value: { p: string; s: string }, ctx: { now: Date; timeZone: string }): Promise<KpiAsk> {
  const { actor, dir } = await kpiActor(q, openId, null);
  const period = periodFromKey(value.p);
  if (!period || !hasStarted(period, ctx.now, ctx.timeZone)) {
    throw new DomainError('VALIDATION', i18n('这个期间还没有开始或无法识别，未导出。', 'That period has not begun or is not valid; nothing was exported.'));
  }
  const who = whoFromScopeValue(value.s);
  if (!who) throw new DomainError('VALIDATION', i18n('按钮内容无效。', 'This button is not valid.'));
  return { actor, dir, scope: kpiScopeFor(actor, who, dir), period };
}

/** "department" | "team:<id>" | "member:<id>" (cards/kpi.ts scopeValue) → who, or null. */
function whoFromScopeValue(s: string): KpiWho | null {
  if (s === 'department') return { kind: 'department' };
  const m = /^(team|member):(.{1,64})$/.exec(s);
  return m ? { kind: m[1] as 'team' | 'member', id: m[2]! } : null;
}

async function kpiActor(q: Q, openId: string, fallback: Member | null) {
  const roster = await loadRosterMap(q);
  const actor = roster.get(openId) ?? fallback;
  if (!actor || !actor.active || !['director', 'assistant', 'manager', 'specialist', 'finance'].includes(actor.role)) throw forbidden();
  // The budgets set for a team or the department replace their members' sum (scopeTally).
  return { actor, roster, dir: { ...kpiDirectory(roster), budgets: await loadBudgetFacts(q) } };
}

/** The KPI card for a text query ("KPI 本季度", "绩效 2026Q4 张三"), or the mentioned person. */
export async function kpiCardFor(q: Q, actorIn: Member, input: { text: string; mentionedId?: string | null }, ctx: { now: Date; timeZone: string }): Promise<Card> {
  return kpiCardOf(q, await kpiAskFor(q, actorIn, input, ctx), ctx);
}

/** The card for an ask; its export and previous-period buttons carry the scope back (re-checked on click). */
export async function kpiCardOf(q: Q, ask: KpiAsk, ctx: { now: Date; timeZone: string }): Promise<Card> {
  const report = await kpiReportSql(q, ask.dir, ask.scope, ask.period, ctx);
  if (ask.actor.role === 'finance') return kpiCard({ report, scopeName: scopeName(ask.scope, ask.dir), only: COST_CONTROL, barKpi: 'service_cost' });
  return kpiCard({ report, scopeName: scopeName(ask.scope, ask.dir), exportable: true });
}

/** What finance sees of the KPIs: spend against budget (§2.1 服务费用控制), not the sales or service figures. */
const COST_CONTROL: readonly KpiKey[] = ['service_cost'];

/** The export carries every KPI, so it is for the department's own roles, not finance. */
export function assertMayExport(ask: KpiAsk): void {
  if (ask.actor.role === 'finance') {
    throw new DomainError('FORBIDDEN', i18n('财务可在「绩效」中查看服务费用控制；导出全部指标请联系营销总监或内勤。', 'Finance sees cost control under "kpi"; for the full export ask the director or the assistant.'));
  }
}

/**
 * The report from the set-based tallies: a full pass for the period and for the one before; the
 * months (which the card draws as a line of sales and revisit rate) from one month-grouped pass
 * that fills only those fields — a month's other figures in `report.months` read as no data.
 */
export async function kpiReportSql(q: Q, dir: KpiDirectory, scope: KpiScope, period: Period, ctx: { now: Date; timeZone: string }) {
  // A person's or a team's card needs only their rows: the heavy passes read no one else's.
  const people = scope.kind === 'department' ? undefined : membersOf(dir, scope).map((m) => m.id);
  // The passes are independent reads: on the Postgres server they run side by side on the pool's
  // connections (inside a transaction, or on PGlite, they simply queue). The archives, which
  // both passes add, are counted once alongside them.
  const archives = archiveTallies(q, (await loadCustomerSettings(q)).requiredFields, people);
  archives.catch(() => {}); // awaited by both passes; this only keeps an early failure from going unhandled
  const prev = previousPeriod(period);
  const [current, before, months] = await Promise.all([
    tallyByPersonSql(q, period, { ...ctx, archives, people }),
    tallyByPersonSql(q, prev, { ...ctx, archives, people }),
    period.kind === 'month' ? null : monthlyLineTallies(q, period, ctx),
  ]);
  const tallies = new Map<string, Map<string, Tally>>([[periodKey(period), current], [periodKey(prev), before]]);
  if (months) for (const p of reportPeriods(period, ctx)) if (p.kind === 'month') tallies.set(periodKey(p), months.get(periodKey(p)) ?? new Map());
  return kpiReportFrom(dir, (p) => tallies.get(periodKey(p)) ?? new Map(), scope, period, ctx);
}
