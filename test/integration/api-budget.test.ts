/**
 * Issue 13 (a frugal API budget): every successful Lark call is counted by API in the database,
 * admins are warned once at 70% and 90%, near the budget old card copies are not patched while
 * replies and approval cards still go, 99991403 is final (no retries, one notice), and `状态`
 * shows the month. Through the real path: messages and clicks posted to the webhook, the real
 * SDK against the fake Lark (which counts the tenant's quota as Feishu does).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { larkApiCalls, larkBudgetAlerts, outbox } from '../../db/schema/index.js';
import { FakeLark } from '../../src/sandbox/fake-lark.js';
import { ManualClock } from '../../src/clock.js';
import { startHarness, type Harness } from '../support/harness.js';
import { button, click, lastCardTo, submitVisitPlan, textsTo } from './approval-helpers.js';
import { json, say } from './customer-helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const counted = async (x: Harness, month = '2026-12') =>
  Object.fromEntries((await x.db.db.select().from(larkApiCalls).where(eq(larkApiCalls.month, month))).map((r) => [r.api, r.calls]));
const total = (c: Record<string, number>) => Object.values(c).reduce((s, n) => s + n, 0);
const warningsTo = (x: Harness, who: string, level: string) => textsTo(x, who).filter((t) => t.includes(`${level}%`));

describe('the monthly Lark API budget', () => {
  it('counts every successful call by API, as the fake (Feishu) counts them, and not contacts', async () => {
    h = await startHarness({ now: '2026-12-03T02:00:00Z' });
    for (const text of ['帮助', '待办', 'help', '客户 不存在的公司']) await say(h, 'ou_spec1', text);
    await say(h, 'ou_spec2', 'todo');
    const c = await counted(h);
    const fakeSends = h.lark.calls.filter((x) => x.status === 200 && x.code === 0 && x.api === 'message.create').length;
    expect(c['im.message.create'] ?? 0).toBe(fakeSends);
    expect(total(c)).toBe(h.lark.quota.used);
    expect(total(c)).toBeGreaterThanOrEqual(5);
    expect(c['contact.user.get']).toBeUndefined();
  });

  it('warns the admins once at 70% and once at 90%, duplicates and all, and 状态 shows the month', async () => {
    h = await startHarness({ now: '2026-12-03T02:00:00Z', env: { LARK_MONTHLY_CALL_BUDGET: '20' } });
    for (let i = 0; i < 8; i++) await say(h, 'ou_spec1', '待办');
    expect(warningsTo(h, 'ou_admin', '70')).toHaveLength(0);
    // The same message delivered three times (Lark's retries) is answered once and counted once.
    for (let i = 0; i < 8; i++) {
      const d = await h.sender.message('ou_spec1', '待办', { eventId: `dup-${i}` });
      expect(d.status).toBe(200);
      await h.sender.message('ou_spec1', '待办', { eventId: `dup-${i}` });
      await h.settle();
    }
    const c = await counted(h);
    expect(total(c)).toBeGreaterThanOrEqual(18);
    expect(warningsTo(h, 'ou_admin', '70')).toHaveLength(1);
    expect(warningsTo(h, 'ou_admin', '90')).toHaveLength(1);
    expect(warningsTo(h, 'ou_admin', '90')[0]).toContain('一天前的旧卡片');
    expect(await h.db.db.$count(larkBudgetAlerts)).toBe(2);

    const out = await say(h, 'ou_admin', '状态');
    const card = json(out.at(-1)!.content);
    expect(card).toContain('飞书 API 用量 · 2026-12');
    expect(card).toMatch(/本月已用 \d+ \/ 20 次/);
    expect(card).toContain('发送消息');
    expect(card).toContain('节流中');
    const refused = await say(h, 'ou_spec1', '状态');
    expect(json(refused[0]!.content)).toContain('仅限管理员');
  });

  it('near the budget skips patching a card copy untouched for a day, never the approval card or the answer', async () => {
    h = await startHarness({ now: '2026-12-03T02:00:00Z', env: { LARK_MONTHLY_CALL_BUDGET: '10000' } });
    const requestId = await submitVisitPlan(h);
    const requesterCard = lastCardTo(h, 'ou_spec1');
    const managerCard = lastCardTo(h, 'ou_manager');
    // Two days on, the month has used 9,500 calls elsewhere (the tenant's other apps, earlier days).
    h.clock.advance(2 * 86_400_000);
    await h.db.db.insert(larkApiCalls).values({ month: '2026-12', api: 'im.message.create', calls: 9_500 }).onConflictDoUpdate({ target: [larkApiCalls.month, larkApiCalls.api], set: { calls: 9_500 } });
    const patchesBefore = h.lark.callsTo('message.patch').length;

    const a = await click(h, 'ou_manager', managerCard.messageId, button(managerCard.content, 'approval.decide', { d: 'approve' }));
    expect(a.toast?.type, a.toast?.content).toBe('success');
    // The director's card is new: it goes out.
    const directorCard = lastCardTo(h, 'ou_director');
    expect(json(directorCard.content)).toContain('同意');
    // The requester's two-day-old copy was not patched (it still shows the old state), and the
    // outbox says why.
    const skipped = await h.db.db.select().from(outbox).where(and(eq(outbox.status, 'skipped'), eq(outbox.target, requesterCard.messageId)));
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped[0]!.lastError).toContain('budget');
    const patchedRequester = h.lark.callsTo('message.patch').slice(patchesBefore).filter((x) => x.path.includes(requesterCard.messageId));
    expect(patchedRequester).toHaveLength(0);
    // A message asking for an answer is still answered.
    const out = await say(h, 'ou_spec1', '待办');
    expect(out.length).toBeGreaterThan(0);
    expect(requestId).toBeTruthy();
  });

  it('99991403 is final: no retries, one notice for the month, and the next month sends again', async () => {
    const clock = new ManualClock('2026-12-30T02:00:00Z');
    const lark = new FakeLark({ clock, monthlyQuota: 3 });
    h = await startHarness({ now: '2026-12-30T02:00:00Z', lark, drain: { maxAttempts: 8 } });
    // The harness has its own clock: keep the fake's in step with it.
    const sync = () => clock.set(h!.clock.now());
    for (const text of ['待办', '待办', '待办', '待办', '帮助']) await say(h, 'ou_spec1', text);
    const dead = await h.db.db.select().from(outbox).where(eq(outbox.status, 'dead'));
    expect(dead.length).toBeGreaterThanOrEqual(2);
    for (const row of dead) {
      expect(row.attempts).toBe(1);
      expect(row.lastError).toContain('99991403');
    }
    const quotaCalls = h.lark.calls.filter((x) => x.code === 99991403);
    // Each dead message was tried once; the admins' notice was tried once and could not go either.
    expect(quotaCalls.length).toBe(dead.length);
    expect(await h.db.db.select().from(larkBudgetAlerts)).toEqual([expect.objectContaining({ month: '2026-12', level: 100 })]);
    expect(h.log.lines.filter((e) => e.event === 'budget.warning')).toHaveLength(1);

    h.clock.set(new Date('2027-01-01T02:00:00Z'));
    sync();
    const out = await say(h, 'ou_spec1', '待办');
    expect(out).toHaveLength(1);
    expect((await counted(h, '2027-01'))['im.message.create']).toBe(1);
  });
});
