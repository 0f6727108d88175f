/**
 * Service-cost budgets per year (服务费用预算额, the service-cost KPI's denominator): who may set
 * which, and what an amount may be. A manager sets them for the members of their team; the
 * director and finance for a team or the department. A team's or the department's budget
 * replaces the sum of its members' (report.ts scopeTally), so a manager's split and the
 * director's envelope can both be kept and the wider one is what the scope is judged by.
 */
import { DomainError } from '../errors.js';
import { i18n } from '../i18n.js';
import { formatYuan, parseYuan } from '../money.js';
import type { BudgetScope } from './facts.js';
import type { KpiDirectory } from './report.js';

/** ¥100,000,000 a year: more than any one scope's service costs; a typo with extra zeros is refused. */
export const MAX_BUDGET_FEN = 10_000_000_000;

/** What was typed for a budget, in fen; zero, negative and absurd amounts are refused, saying why. */
export function parseBudgetAmount(raw: unknown): number {
  const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
  const fen = text ? parseYuan(text) : null;
  if (fen === null) {
    throw new DomainError('VALIDATION', i18n(`「预算金额」不是有效金额（收到「${text.slice(0, 20)}」），例如 5万 或 50000，未做更改。`, `Budget: "${text.slice(0, 20)}" is not an amount, e.g. 50000 or 5万; nothing was changed.`));
  }
  if (fen <= 0) throw new DomainError('VALIDATION', i18n('「预算金额」须大于 0，未做更改。', 'Budget: the amount must be more than 0; nothing was changed.'));
  if (fen > MAX_BUDGET_FEN) {
    throw new DomainError('VALIDATION', i18n(`「预算金额」${formatYuan(fen)} 超过上限 ${formatYuan(MAX_BUDGET_FEN)}，请检查位数，未做更改。`, `Budget: ${formatYuan(fen)} is above the ${formatYuan(MAX_BUDGET_FEN)} limit; check the digits. Nothing was changed.`));
  }
  return fen;
}

/** The key of a scope as a form value: 'department', 'team:<manager id>', 'member:<open id>'. */
export const scopeValue = (s: BudgetScope): string => (s.kind === 'department' ? 'department' : `${s.kind}:${s.id}`);

export function scopeFromValue(v: unknown): BudgetScope | null {
  if (v === 'department') return { kind: 'department' };
  const m = typeof v === 'string' ? /^(team|member):(.{1,64})$/.exec(v) : null;
  return m ? { kind: m[1] as 'team' | 'member', id: m[2]! } : null;
}

export interface BudgetActor {
  id: string;
  role: string;
}

/** The scopes this person may set a budget for (none: they may only look). */
export function settableScopes(actor: BudgetActor, dir: KpiDirectory): BudgetScope[] {
  if (actor.role === 'director' || actor.role === 'finance') return [{ kind: 'department' }, ...dir.teams.map((t) => ({ kind: 'team' as const, id: t.id }))];
  if (actor.role === 'manager') return dir.members.filter((m) => m.teamId === actor.id && m.id !== actor.id).map((m) => ({ kind: 'member' as const, id: m.id }));
  return [];
}

export const forbiddenBudget = (): DomainError =>
  new DomainError('FORBIDDEN', i18n(
    '服务费用预算由经理为本团队成员设定，营销总监和财务为团队或全部门设定；您没有设定这一预算的权限，未做更改。',
    'Service-cost budgets are set by a manager for the members of their team, and by the director or finance for a team or the department; you may not set this one. Nothing was changed.',
  ));

/** Checks the actor may set this scope's budget, else FORBIDDEN. */
export function checkMaySetBudget(actor: BudgetActor, scope: BudgetScope, dir: KpiDirectory): void {
  if (!settableScopes(actor, dir).some((s) => scopeValue(s) === scopeValue(scope))) throw forbiddenBudget();
}

/** The year a budget is for: the given one, or this year; last year to next year only. */
export function budgetYear(text: string, current: number): number {
  const t = text.trim();
  if (!t || /^(今年|本年|本年度|this\s*year)$/i.test(t)) return current;
  if (/^(明年|下一?年|下年度|next\s*year)$/i.test(t)) return current + 1;
  if (/^(去年|上一?年|上年度|last\s*year)$/i.test(t)) return current - 1;
  const m = /^(\d{4})\s*(年|年度)?$/.exec(t);
  const y = m ? Number(m[1]) : NaN;
  if (!Number.isInteger(y) || y < current - 1 || y > current + 1) {
    throw new DomainError('VALIDATION', i18n(`预算按年度设定，请写年份（${current - 1}–${current + 1}），如「预算 ${current}」。`, `Budgets are per year; give a year from ${current - 1} to ${current + 1}, e.g. "budget ${current}".`));
  }
  return y;
}
