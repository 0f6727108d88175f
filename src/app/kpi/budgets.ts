/**
 * Service-cost budgets (服务费用预算, `预算` / `budget` [year]) end to end: the card of the scopes
 * the reader may see, each budget as the service-cost KPI reads it (report.ts scopeTally: a
 * team's or the department's own row replaces its members' sum) against approved spending, and
 * setting one — a manager for their team's members, the director and finance for a team or the
 * department (src/domain/kpi/budgets.ts). Every change is audited with the old and new amount.
 */
import { and, eq } from 'drizzle-orm';
import { auditLog, serviceBudgets } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { budgetCard, type BudgetLineView } from '../../../cards/budgets.js';
import type { Card } from '../../../cards/kit.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import { formatYuan } from '../../domain/money.js';
import { checkMaySetBudget, forbiddenBudget, parseBudgetAmount, scopeFromValue, scopeValue, settableScopes } from '../../domain/kpi/budgets.js';
import type { BudgetScope } from '../../domain/kpi/facts.js';
import { year as yearPeriod } from '../../domain/kpi/period.js';
import { membersOf, scopeTally, type KpiDirectory, type KpiScope } from '../../domain/kpi/report.js';
import { emptyTally, type Tally } from '../../domain/kpi/tally.js';
import type { Member } from '../../domain/roster.js';
import { wallParts } from '../../domain/time.js';
import { loadRosterMap } from '../customer/store.js';
import { kpiDirectory } from './report.js';
import { costsByPerson } from './tallies.js';
import { loadBudgetFacts } from './budgets-store.js';

const BUDGET_SUBJECT = 'service_budget';

const currentYear = (now: Date, timeZone: string) => wallParts(now, timeZone).year;

/** What the reader may see: the director, finance and the assistant everything; a manager their team; a specialist themselves. */
function visibleScopes(actor: Member, dir: KpiDirectory): KpiScope[] {
  if (['director', 'finance', 'assistant'].includes(actor.role)) {
    return [{ kind: 'department' }, ...dir.teams.flatMap((t): KpiScope[] => [{ kind: 'team', id: t.id }, ...teamMembers(dir, t.id)])];
  }
  if (actor.role === 'manager') return [{ kind: 'team', id: actor.openId }, ...teamMembers(dir, actor.openId)];
  if (actor.role === 'specialist') return [{ kind: 'member', id: actor.openId }];
  throw new DomainError('FORBIDDEN', i18n('服务费用预算仅对大客户部成员和财务可见。', 'Service-cost budgets are shown to the key-account department and finance only.'));
}

const teamMembers = (dir: KpiDirectory, teamId: string): KpiScope[] =>
  membersOf(dir, { kind: 'team', id: teamId }).filter((m) => m.id !== teamId).map((m) => ({ kind: 'member', id: m.id }));

const nameOf = (dir: KpiDirectory, s: KpiScope): string =>
  s.kind === 'department' ? '' : s.kind === 'team' ? (dir.teams.find((t) => t.id === s.id)?.name ?? s.id) : (dir.members.find((m) => m.id === s.id)?.name ?? s.id);

/** The `预算` card for a year. */
export async function budgetCardFor(q: Q, actorIn: Member, year: number, ctx: { now: Date; timeZone: string; notice?: I18nText | null }): Promise<Card> {
  const roster = await loadRosterMap(q);
  const actor = roster.get(actorIn.openId) ?? actorIn;
  if (!actor.active) throw new DomainError('FORBIDDEN', i18n('您不在大客户部名单中。', 'You are not on the key-account roster.'));
  const dir: KpiDirectory = { ...kpiDirectory(roster), budgets: await loadBudgetFacts(q) };
  const scopes = visibleScopes(actor, dir);
  const period = yearPeriod(year);
  // Per-person tallies holding only what this card shows: spending and the members' budgets.
  const byPerson = new Map<string, Tally>();
  const of = (id: string) => byPerson.get(id) ?? byPerson.set(id, emptyTally()).get(id)!;
  for (const [person, fen] of await costsByPerson(q, period, ctx.timeZone)) of(person).costFen += fen;
  for (const b of dir.budgets) {
    if (b.year !== year || b.scope.kind !== 'member') continue;
    const t = of(b.scope.id);
    t.budgetFen = (t.budgetFen ?? 0) + b.amountFen;
  }
  const own = (s: KpiScope) => dir.budgets.some((b) => b.year === year && scopeValue(b.scope) === scopeValue(s as BudgetScope));
  const lines: BudgetLineView[] = scopes.map((s) => {
    const t = scopeTally(dir, byPerson, s, period);
    return { level: s.kind, name: nameOf(dir, s), budgetFen: t.budgetFen, summed: s.kind !== 'member' && t.budgetFen !== null && !own(s), spentFen: t.costFen };
  });
  const options = settableScopes({ id: actor.openId, role: actor.role }, dir).map((s) => ({
    value: scopeValue(s),
    text: s.kind === 'department' ? i18n('全部门', 'The department') : s.kind === 'team' ? i18n(`${nameOf(dir, s)} 团队`, `${nameOf(dir, s)}'s team`) : i18n(nameOf(dir, s), nameOf(dir, s)),
  }));
  const cy = currentYear(ctx.now, ctx.timeZone);
  return budgetCard({ year, lines, options, years: [cy - 1, cy, cy + 1], notice: ctx.notice ?? null });
}

/** Sets one budget from the card's form; refused (nothing written) for a scope beyond the role or a bad amount. */
export async function setBudgetFromForm(q: Q, actorIn: Member, year: number, formValues: Record<string, unknown>, ctx: { now: Date; timeZone: string }): Promise<I18nText> {
  const roster = await loadRosterMap(q);
  const actor = roster.get(actorIn.openId) ?? actorIn;
  const dir: KpiDirectory = { ...kpiDirectory(roster), budgets: [] };
  const cy = currentYear(ctx.now, ctx.timeZone);
  if (!Number.isInteger(year) || year < cy - 1 || year > cy + 1) throw new DomainError('VALIDATION', i18n('预算年度无效，未做更改。', 'That budget year is not valid; nothing was changed.'));
  if (!actor.active || !settableScopes({ id: actor.openId, role: actor.role }, dir).length) throw forbiddenBudget();
  const scope = scopeFromValue(formValues.bg_scope);
  if (!scope) throw new DomainError('VALIDATION', i18n('请选择为谁设定预算，未做更改。', 'Choose whom the budget is for; nothing was changed.'));
  checkMaySetBudget({ id: actor.openId, role: actor.role }, scope, dir);
  const amountFen = parseBudgetAmount(formValues.bg_amount);
  const scopeId = scope.kind === 'department' ? '' : scope.id;
  const where = and(eq(serviceBudgets.year, year), eq(serviceBudgets.scopeKind, scope.kind), eq(serviceBudgets.scopeId, scopeId));
  const [before] = await q.select().from(serviceBudgets).where(where).for('update');
  await q
    .insert(serviceBudgets)
    .values({ year, scopeKind: scope.kind, scopeId, amountFen, setBy: actor.openId, setAt: ctx.now })
    .onConflictDoUpdate({ target: [serviceBudgets.year, serviceBudgets.scopeKind, serviceBudgets.scopeId], set: { amountFen, setBy: actor.openId, setAt: ctx.now } });
  await q.insert(auditLog).values({ at: ctx.now, actorId: actor.openId, action: 'budget.set', subjectType: BUDGET_SUBJECT, subjectId: `${year}|${scopeValue(scope)}`, detail: { old: before?.amountFen ?? null, new: amountFen } });
  const who = scope.kind === 'department' ? i18n('全部门', 'the department') : scope.kind === 'team' ? i18n(`${nameOf(dir, scope)} 团队`, `${nameOf(dir, scope)}'s team`) : i18n(nameOf(dir, scope), nameOf(dir, scope));
  const was = before ? { zh: `（原 ${formatYuan(before.amountFen)}）`, en: ` (was ${formatYuan(before.amountFen)})` } : { zh: '', en: '' };
  return i18n(`已保存：${who.zh_cn} ${year} 年服务费用预算 ${formatYuan(amountFen)}${was.zh}。`, `Saved: ${who.en_us}'s ${year} service-cost budget ${formatYuan(amountFen)}${was.en}.`);
}
