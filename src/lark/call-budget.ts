/**
 * The monthly API budget at run time: the client counts its successful calls in memory, each
 * drain stores them (one upsert per API, not a write per call), warns the admins once per level
 * and month, and, near the budget, says which sends are optional enough to skip.
 */
import { and, eq, sql } from 'drizzle-orm';
import { cardMessages, larkApiCalls, larkBudgetAlerts } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import type { Ids } from '../ids.js';
import type { Logger } from '../log.js';
import { budgetMonth, warningsDue, STALE_COPY_MS, BUDGET_EXHAUSTED } from '../domain/api-budget.js';
import { budgetNow, monthCalls } from '../app/api-budget.js';
import type { LarkClient } from './client.js';
import { enqueueSend } from '../app/outbox.js';
import { adminRecipients } from '../app/admins.js';

export interface BudgetDeps {
  db: Db;
  lark: LarkClient;
  clock: Clock;
  /** The warning's outbox uuid. */
  ids: Ids;
  log: Logger;
  admins: readonly string[];
  /** Calls a month; 0: no budget (counted, never saved on). */
  monthlyBudget: number;
  timeZone: string;
}

/** Stores the calls counted since the last flush; gives any warning now due. */
export async function flushCalls(deps: BudgetDeps): Promise<void> {
  const taken = deps.lark.takeCalls();
  if (!taken.size) return;
  const now = deps.clock.now();
  const month = budgetMonth(now, deps.timeZone);
  try {
    for (const [api, n] of taken) {
      await deps.db
        .insert(larkApiCalls)
        .values({ month, api, calls: n, updatedAt: now })
        .onConflictDoUpdate({ target: [larkApiCalls.month, larkApiCalls.api], set: { calls: sql`${larkApiCalls.calls} + ${n}`, updatedAt: now } });
    }
  } catch (e) {
    // Counting must never cost a send: put them back for the next flush.
    for (const [api, n] of taken) for (let i = 0; i < n; i++) deps.lark.countCall(api);
    deps.log.warn('budget.flush_failed', { error: e });
    return;
  }
  if (deps.monthlyBudget > 0) await warnIfDue(deps, month, now);
}

export const standing = (deps: Pick<BudgetDeps, 'db' | 'clock' | 'monthlyBudget' | 'timeZone'>) =>
  budgetNow(deps.db, { now: deps.clock.now(), monthlyBudget: deps.monthlyBudget, timeZone: deps.timeZone });

/** Lark said the quota is gone (99991403): the admins hear it once this month. */
export async function quotaExhausted(deps: BudgetDeps): Promise<void> {
  const now = deps.clock.now();
  await giveWarning(deps, budgetMonth(now, deps.timeZone), BUDGET_EXHAUSTED, now);
}

async function warnIfDue(deps: BudgetDeps, month: string, now: Date): Promise<void> {
  const used = (await monthCalls(deps.db, month)).reduce((s, r) => s + r.calls, 0);
  const given = (await deps.db.select({ level: larkBudgetAlerts.level }).from(larkBudgetAlerts).where(eq(larkBudgetAlerts.month, month))).map((r) => r.level);
  // Only the highest level due is said: a jump from 60% to 95% is one message, not two.
  const due = warningsDue(used, deps.monthlyBudget, given);
  if (!due.length) return;
  await giveWarning(deps, month, due.at(-1)!, now, used, due.slice(0, -1));
}

async function giveWarning(deps: BudgetDeps, month: string, level: number, now: Date, used?: number, alsoPassed: number[] = []): Promise<void> {
  await deps.db.transaction(async (tx) => {
    for (const l of alsoPassed) await tx.insert(larkBudgetAlerts).values({ month, level: l, at: now }).onConflictDoNothing();
    // The row is the once-only guard: two drains (or instances) crossing together warn once.
    const [fresh] = await tx.insert(larkBudgetAlerts).values({ month, level, at: now }).onConflictDoNothing().returning({ level: larkBudgetAlerts.level });
    if (!fresh) return;
    const text = warningText(level, used ?? null, deps.monthlyBudget, month);
    deps.log.warn('budget.warning', { month, level, used });
    for (const openId of await adminRecipients(tx, deps.admins)) {
      await enqueueSend({ tx, deps }, { openId }, { text }, { subject: { type: 'alert', id: `budget:${month}:${level}` } });
    }
  });
}

function warningText(level: number, used: number | null, budget: number, month: string): string {
  if (level >= BUDGET_EXHAUSTED) {
    return (
      `⛔ 飞书本月 API 调用额度已用完（${month}），消息发不出去，直到下月 1 日。可升级飞书版本，或减少其他应用的调用。\n` +
      `⛔ Feishu's API quota for ${month} is used up: nothing can be sent until the 1st of next month. Upgrade the Feishu plan or cut other apps' calls.`
    );
  }
  const n = used === null ? '' : `${used.toLocaleString('en')} / ${budget.toLocaleString('en')}`;
  const saving = level >= 90 ? '为保证审批和回复，已暂停更新一天前的旧卡片和同步飞书日历。' : '';
  const savingEn = level >= 90 ? ' To keep replies and approvals going, cards older than a day are no longer updated and calendar sync waits.' : '';
  return (
    `⚠️ 本月飞书 API 调用已达额度的 ${level}%（${n}）。${saving}发送「状态」查看明细。\n` +
    `⚠️ This month's Feishu API calls have reached ${level}% of the budget (${n}).${savingEn} Send "status" for details.`
  );
}

/**
 * While saving: a patch of a card copy nobody has touched for a day is skipped (the record is
 * right in the bot; the old card just stays as it was), and calendar sync waits. Replies, sends
 * and fresh copies always go.
 */
export async function skippable(deps: Pick<BudgetDeps, 'db' | 'clock'>, saving: boolean, row: { kind: string; target: string }): Promise<boolean> {
  // Calendar events, Feishu tasks and the approval centre are a convenience on top of the cards and the digest: they wait (drain.ts pauses them).
  if (saving && (row.kind === 'calendar' || row.kind === 'task' || row.kind === 'approval')) return true;
  if (!saving || row.kind !== 'patch') return false;
  const cutoff = new Date(deps.clock.now().getTime() - STALE_COPY_MS);
  const [copy] = await deps.db
    .select({ messageId: cardMessages.messageId })
    .from(cardMessages)
    .where(and(eq(cardMessages.messageId, row.target), sql`coalesce(${cardMessages.updatedAt}, ${cardMessages.sentAt}) < ${cutoff.toISOString()}::timestamptz`));
  return Boolean(copy);
}
