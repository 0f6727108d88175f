/** Where this month's Lark API budget stands (the counts the drainer stores, src/lark/call-budget.ts). */
import { eq } from 'drizzle-orm';
import { larkApiCalls } from '../../db/schema/index.js';
import type { Q } from '../../db/client.js';
import { budgetMonth, budgetStanding, type BudgetStanding } from '../domain/api-budget.js';

export interface ApiCallsByApi {
  api: string;
  calls: number;
}

export async function monthCalls(q: Q, month: string): Promise<ApiCallsByApi[]> {
  return q.select({ api: larkApiCalls.api, calls: larkApiCalls.calls }).from(larkApiCalls).where(eq(larkApiCalls.month, month));
}

/** The month's standing with its calls per API, biggest spender first. */
export async function budgetNow(q: Q, o: { now: Date; monthlyBudget: number; timeZone: string }): Promise<BudgetStanding & { byApi: ApiCallsByApi[] }> {
  const byApi = (await monthCalls(q, budgetMonth(o.now, o.timeZone))).sort((a, b) => b.calls - a.calls || a.api.localeCompare(b.api));
  const used = byApi.reduce((s, r) => s + r.calls, 0);
  return { ...budgetStanding(used, o.monthlyBudget, o.now, o.timeZone), byApi };
}
