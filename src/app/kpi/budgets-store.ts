/** Service-cost budgets as the KPI reads them (the table is small: a row per member, team and the department per year). */
import { serviceBudgets } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import type { BudgetFact, BudgetScope } from '../../domain/kpi/facts.js';

const scopeOfRow = (r: { scopeKind: string; scopeId: string }): BudgetScope =>
  r.scopeKind === 'department' ? { kind: 'department' } : { kind: r.scopeKind as 'member' | 'team', id: r.scopeId };

export async function loadBudgetFacts(q: Q): Promise<BudgetFact[]> {
  const list = await q.select().from(serviceBudgets);
  return list.map((r) => ({ year: r.year, scope: scopeOfRow(r), amountFen: r.amountFen }));
}
