/**
 * The monthly Lark API budget (Feishu's free edition: 10,000 calls a month per tenant, shared by
 * its apps; past it every call fails with 99991403 until the month turns). Pure: where the month
 * stands, what it will come to, and when the bot must start saving.
 */
import { atZonedYmd, formatYmd, wallParts } from './time.js';

/** The calendar month in the company's zone: 'YYYY-MM'. */
export function budgetMonth(now: Date, timeZone: string): string {
  const p = wallParts(now, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
}

/** Warnings to admins, each once a month: at 70% and 90% of the budget. */
const BUDGET_WARNINGS = [70, 90] as const;
/** The alert level of Lark's own refusal (99991403): the quota is gone, whatever the budget said. */
export const BUDGET_EXHAUSTED = 100;
/** From this share on, what is optional is no longer sent (never a reply or an approval card). */
export const SAVING_FROM_PERCENT = 90;

/** Card copies not touched for this long are not patched while saving: nobody is looking at them. */
export const STALE_COPY_MS = 24 * 3600 * 1000;

export interface BudgetStanding {
  month: string;
  used: number;
  /** 0: no budget (a paid edition): nothing is ever saved. */
  budget: number;
  percent: number;
  /** Calls the month will come to at this month's pace so far. */
  projected: number;
  saving: boolean;
}

export function budgetStanding(used: number, budget: number, now: Date, timeZone: string): BudgetStanding {
  const month = budgetMonth(now, timeZone);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const start = atZonedYmd(formatYmd(y, m, 1), timeZone);
  const end = m === 12 ? atZonedYmd(formatYmd(y + 1, 1, 1), timeZone) : atZonedYmd(formatYmd(y, m + 1, 1), timeZone);
  // At least an hour in, so a month's first minutes do not project a handful of calls to millions.
  const elapsed = Math.max(now.getTime() - start.getTime(), 3600 * 1000);
  const projected = Math.round((used * (end.getTime() - start.getTime())) / elapsed);
  const percent = budget > 0 ? Math.floor((used * 100) / budget) : 0;
  return { month, used, budget, percent, projected, saving: budget > 0 && percent >= SAVING_FROM_PERCENT };
}

/**
 * The warning levels reached by `used` that are not yet given, lowest first. Passing the budget
 * itself is no new level: the budget is ours, the quota Lark's (shared with the tenant's other
 * apps), and only Lark's 99991403 says the quota is gone.
 */
export function warningsDue(used: number, budget: number, given: readonly number[]): number[] {
  if (budget <= 0) return [];
  const percent = (used * 100) / budget;
  return BUDGET_WARNINGS.filter((level) => percent >= level && !given.includes(level));
}
