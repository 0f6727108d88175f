/**
 * The KPI figures of one scope (a specialist, a team, the department) for a period, with the
 * previous period for trends, the months of the period for a line, and each member's figures
 * for a bar per specialist. Which scope a person may see is the caller's decision (role scoping
 * lives with the command); this only computes.
 */
import type { KpiFacts, KpiMember } from './facts.js';
import { trendOf, type KpiFigure, type KpiKey, type Trend } from './figure.js';
import { kpiFigures } from './formulas.js';
import { monthsOf, previousPeriod, type Period } from './period.js';
import { wallParts } from '../time.js';
import { emptyTally, sumTallies, tallyByPerson, type Tally } from './tally.js';

export type KpiScope = { kind: 'member'; id: string } | { kind: 'team'; id: string } | { kind: 'department' };

export interface ScopeOptions {
  timeZone: string;
  now: Date;
}

/** What a report needs besides the tallies: who is in which team, and the budgets set above the members. */
export type KpiDirectory = Pick<KpiFacts, 'members' | 'teams' | 'budgets'>;

/** Per-person tallies of a period: from facts (tallyByPerson) or from the set-based SQL (src/app/kpi). */
export type TallySource = (period: Period) => ReadonlyMap<string, Tally>;

/** The members a scope covers: one person, a team (its members and its manager), or everyone. */
export function membersOf(facts: KpiDirectory, scope: KpiScope): KpiMember[] {
  if (scope.kind === 'member') return facts.members.filter((m) => m.id === scope.id);
  if (scope.kind === 'department') return [...facts.members];
  const managerId = facts.teams.find((t) => t.id === scope.id)?.managerId ?? null;
  return facts.members.filter((m) => m.teamId === scope.id || m.id === managerId);
}

/**
 * The scope's tally from the per-person tallies. The department also takes facts nobody could
 * be found for. A budget set for the team (or the department) replaces the sum of its members'.
 */
export function scopeTally(facts: KpiDirectory, byPerson: ReadonlyMap<string, Tally>, scope: KpiScope, period: Period): Tally {
  const ids = scope.kind === 'department' ? [...byPerson.keys()] : membersOf(facts, scope).map((m) => m.id);
  const t = sumTallies(ids.map((id) => byPerson.get(id) ?? emptyTally()));
  if (period.kind === 'year') {
    const budgets = facts.budgets.filter((b) => b.year === period.year);
    if (scope.kind === 'team') {
      const own = budgets.filter((b) => b.scope.kind === 'team' && b.scope.id === scope.id);
      if (own.length) t.budgetFen = own.reduce((s, b) => s + b.amountFen, 0);
    }
    if (scope.kind === 'department') {
      const dept = budgets.filter((b) => b.scope.kind === 'department');
      if (dept.length) t.budgetFen = dept.reduce((s, b) => s + b.amountFen, 0);
      else {
        // Each team with its own budget counts by it in place of its members'; everyone else by their own.
        for (const team of facts.teams) {
          const own = budgets.filter((b) => b.scope.kind === 'team' && b.scope.id === team.id);
          if (!own.length) continue;
          const members = membersOf(facts, { kind: 'team', id: team.id }).map((m) => byPerson.get(m.id)?.budgetFen ?? 0).reduce((a, b) => a + b, 0);
          t.budgetFen = (t.budgetFen ?? 0) - members + own.reduce((s, b) => s + b.amountFen, 0);
        }
      }
    }
  }
  return t;
}

const peopleIn = (facts: KpiDirectory, scope: KpiScope): number =>
  scope.kind === 'member' ? 1 : membersOf(facts, scope).filter((m) => m.role === 'specialist').length;

/** The 12 figures of a scope for a period. */
export function scopeFigures(facts: KpiFacts, scope: KpiScope, period: Period, opts: ScopeOptions): KpiFigure[] {
  const byPerson = tallyByPerson(facts, { period, ...opts });
  return kpiFigures(scopeTally(facts, byPerson, scope, period), { period, people: peopleIn(facts, scope) });
}

export interface KpiRow {
  figure: KpiFigure;
  previous: KpiFigure;
  trend: Trend;
}

export interface MemberFigures {
  member: KpiMember;
  figures: KpiFigure[];
}

export interface KpiReport {
  scope: KpiScope;
  period: Period;
  previousPeriod: Period;
  rows: KpiRow[];
  /** The scope's specialists, each with their own figures (empty for a member scope). */
  members: MemberFigures[];
  /** The scope's figures month by month (only for a quarter or a year). */
  months: { period: Period; figures: KpiFigure[] }[];
}

export function kpiReport(facts: KpiFacts, scope: KpiScope, period: Period, opts: ScopeOptions): KpiReport {
  return kpiReportFrom(facts, (p) => tallyByPerson(facts, { period: p, ...opts }), scope, period, opts);
}

/** The periods a report reads tallies for: the period, the one before, and its months up to now. */
export function reportPeriods(period: Period, opts: ScopeOptions): Period[] {
  const months = period.kind === 'month' ? [] : monthsOf(period).filter((m) => m.year * 12 + m.index <= monthIndexOf(opts));
  return [period, previousPeriod(period), ...months];
}

/** kpiReport over any source of per-person tallies (the same figures, whoever counted them). */
export function kpiReportFrom(facts: KpiDirectory, tallies: TallySource, scope: KpiScope, period: Period, opts: ScopeOptions): KpiReport {
  const prev = previousPeriod(period);
  const byPerson = tallies(period);
  const people = peopleIn(facts, scope);
  const current = kpiFigures(scopeTally(facts, byPerson, scope, period), { period, people });
  const before = kpiFigures(scopeTally(facts, tallies(prev), scope, prev), { period: prev, people });
  const rows = current.map((figure, i) => ({ figure, previous: before[i]!, trend: trendOf(figure, before[i]) }));
  const members = scope.kind === 'member'
    ? []
    : membersOf(facts, scope)
        .filter((m) => m.role === 'specialist')
        .map((member) => ({ member, figures: kpiFigures(byPerson.get(member.id) ?? emptyTally(), { period, people: 1 }) }));
  const months = period.kind === 'month'
    ? []
    : monthsOf(period)
        .filter((m) => m.year * 12 + m.index <= monthIndexOf(opts))
        .map((m) => ({ period: m, figures: kpiFigures(scopeTally(facts, tallies(m), scope, m), { period: m, people }) }));
  return { scope, period, previousPeriod: prev, rows, members, months };
}

/** year*12+month of `now` in the zone, so the line stops at the current month. */
function monthIndexOf(opts: ScopeOptions): number {
  const w = wallParts(opts.now, opts.timeZone);
  return w.year * 12 + w.month;
}

export const figureOf = (figures: readonly KpiFigure[], kpi: KpiKey): KpiFigure => figures.find((f) => f.kpi === kpi)!;

export interface ExportLine {
  level: 'specialist' | 'team' | 'department';
  name: string;
  team: string | null;
  figures: KpiFigure[];
}

/**
 * The lines of an export for a scope: each specialist, then each team, then (for the
 * department) the department, from one pass over the facts.
 */
export function exportLines(facts: KpiFacts, scope: KpiScope, period: Period, opts: ScopeOptions & { departmentName: string }): ExportLine[] {
  return exportLinesFrom(facts, tallyByPerson(facts, { period, ...opts }), scope, period, opts);
}

/** exportLines over per-person tallies counted elsewhere (the set-based SQL ones). */
export function exportLinesFrom(facts: KpiDirectory, byPerson: ReadonlyMap<string, Tally>, scope: KpiScope, period: Period, opts: { departmentName: string }): ExportLine[] {
  const teamName = new Map(facts.teams.map((t) => [t.id, t.name]));
  const specialists = membersOf(facts, scope).filter((m) => m.role === 'specialist' || scope.kind === 'member');
  const lines: ExportLine[] = specialists.map((m) => ({
    level: 'specialist', name: m.name, team: m.teamId ? teamName.get(m.teamId) ?? null : null,
    figures: kpiFigures(byPerson.get(m.id) ?? emptyTally(), { period, people: 1 }),
  }));
  if (scope.kind === 'member') return lines;
  const teams = scope.kind === 'team' ? facts.teams.filter((t) => t.id === scope.id) : facts.teams;
  for (const t of teams) {
    const s = { kind: 'team', id: t.id } as const;
    lines.push({ level: 'team', name: t.name, team: t.name, figures: kpiFigures(scopeTally(facts, byPerson, s, period), { period, people: peopleIn(facts, s) }) });
  }
  if (scope.kind === 'department') {
    lines.push({ level: 'department', name: opts.departmentName, team: null, figures: kpiFigures(scopeTally(facts, byPerson, scope, period), { period, people: peopleIn(facts, scope) }) });
  }
  return lines;
}
