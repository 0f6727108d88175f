/**
 * Issue 13, Feishu tasks: a visit's record and its 7-day follow-up become task/v2 tasks of the
 * visitor's, the manager following, due when the bot's rules say. Ticking one in Feishu opens
 * the bot (custom_complete); done in the bot → completed in Feishu; a cancelled visit → deleted.
 * Through the real path: clicks and messages posted to the webhook, the real SDK against the fake
 * Lark's task/v2, the sync through the outbox in the transition's transaction.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { larkTasks, obligations, outbox } from '../../db/schema/index.js';
import { secondInstance, startHarness, type Harness } from '../support/harness.js';
import type { LarkClient } from '../../src/lark/client.js';
import type { FakeCall } from '../../src/sandbox/fake-lark.js';
import { approvedVisit, button, click, dutiesOf, json, say } from './visit-helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  h?.lark.releaseHangs();
  await h?.close();
  h = undefined;
});

const taskCalls = (x: Harness): FakeCall[] => x.lark.calls.filter((c) => c.api === 'task.task');
const ok = (calls: FakeCall[]) => calls.filter((c) => c.status === 200 && c.code === 0);
const creates = (x: Harness) => ok(taskCalls(x)).filter((c) => c.method === 'POST' && c.path.endsWith('/tasks'));
const memberCalls = (x: Harness) => ok(taskCalls(x)).filter((c) => /_members$/.test(c.path)).map((c) => c.path.split('/').at(-1));
const live = (x: Harness) => x.lark.tasks.live();
const RECORD = '今天下午在华能总部和王总面谈，介绍了监测方案。王总说价格偏高，希望再优惠5%。下一步：周五前把报价单发过去，约了下周三再去拜访。';

async function turnOn(x: Harness) {
  const out = await say(x, 'ou_admin', '设置 任务同步 开');
  expect(JSON.stringify(out.at(-1)!.content)).toContain('已修改');
}

async function record(x: Harness) {
  x.clock.set('2026-11-30T09:00:00Z');
  const confirm = (await say(x, 'ou_spec1', RECORD)).at(-1)!;
  expect(json(confirm.content)).toContain('请确认拜访总结');
  const r = await click(x, 'ou_spec1', confirm.messageId, button(confirm.content, 'draft.confirm'));
  expect(r.toast?.type, r.toast?.content).toBe('success');
}

async function followUp(x: Harness) {
  x.clock.set('2026-12-03T02:00:00Z');
  const confirm = (await say(x, 'ou_spec1', '回访 华能 电话回访了王总，对方案很认可，满意度5分')).at(-1)!;
  const r = await click(x, 'ou_spec1', confirm.messageId, button(confirm.content, 'draft.confirm'));
  expect(r.toast?.type, r.toast?.content).toBe('success');
}

const handOver = (x: Harness, successor: { openId: string; name: string }) =>
  say(x, 'ou_manager', '交接 @_user_1 @_user_2', { mentions: [{ key: '@_user_1', openId: 'ou_spec1', name: '李专员' }, { key: '@_user_2', ...successor }] });

const reschedule = async (x: Harness, messageId: string, at: string) => {
  const card = x.lark.messages.get(messageId)!.content;
  const form = await click(x, 'ou_spec1', messageId, button(card, 'visit.reschedule'));
  return click(x, 'ou_spec1', messageId, button(form.card!.data, 'visit.reschedule.save'), { vr_at: at, vr_budget: '3000' });
};

describe('a visit’s record and follow-up as Feishu tasks', () => {
  it('is off by default: approving and recording a visit make no task call', async () => {
    h = await startHarness();
    await approvedVisit(h, 'ou_spec1', '中国华能集团');
    await record(h);
    expect(taskCalls(h)).toHaveLength(0);
    expect(await h.db.db.$count(larkTasks)).toBe(0);
    expect(await h.db.db.$count(outbox, eq(outbox.kind, 'task'))).toBe(0);
  });

  it('approve → the record task; ticking it in Feishu opens the bot; recorded → completed and the follow-up task made; followed up → completed', async () => {
    h = await startHarness();
    const refused = await say(h, 'ou_spec1', '设置 任务同步 开');
    expect(JSON.stringify(refused.at(-1)!.content)).not.toContain('已修改');
    await turnOn(h);
    const { visit } = await approvedVisit(h, 'ou_spec1', '中国华能集团');

    expect(live(h)).toHaveLength(1);
    const [t] = live(h);
    const duty = (await dutiesOf(h, visit.id)).find((d) => d.kind === 'visit_record')!;
    expect(t!.summary).toBe('拜访总结：中国华能集团');
    expect(t!.due).toBe(duty.dueAt.getTime());
    expect(t!.members).toEqual([{ id: 'ou_spec1', type: 'user', role: 'assignee' }, { id: 'ou_manager', type: 'user', role: 'follower' }]);
    expect(t!.completedAt).toBeNull();
    // No reminder of its own: the nudges are the digest's.
    expect(t!.reminders).toEqual([]);
    const create = creates(h)[0]!;
    expect((create.body as { due: { timestamp: string } }).due.timestamp).toMatch(/^\d{13}$/);
    expect((create.body as { client_token: string }).client_token).toBe(`kam-bot-task-${duty.id}`);

    // Ticked in Feishu: the bot's chat opens, the task stays open, nothing is recorded.
    const tick = h.lark.tasks.tick(t!.guid);
    expect(tick.opened).toBe(`https://applink.feishu.cn/client/bot/open?appId=${h.deps.config.lark.appId}`);
    expect(h.lark.tasks.tasks.get(t!.guid)!.completedAt).toBeNull();

    await record(h);
    expect(h.lark.tasks.tasks.get(t!.guid)!.completedAt).toBe(new Date('2026-11-30T09:00:00Z').getTime());
    const follow = (await dutiesOf(h, visit.id)).find((d) => d.kind === 'follow_up')!;
    const open = live(h).filter((x) => x.completedAt === null);
    expect(open).toHaveLength(1);
    expect(open[0]!.summary).toBe('回访：中国华能集团');
    expect(open[0]!.due).toBe(follow.dueAt.getTime());
    expect(open[0]!.members.map((m) => m.role)).toEqual(['assignee', 'follower']);

    await followUp(h);
    expect(h.lark.tasks.tasks.get(open[0]!.guid)!.completedAt).toBe(new Date('2026-12-03T02:00:00Z').getTime());
    // What the visit cost: one create and one completion for each of its two duties.
    expect(ok(taskCalls(h)).map((c) => c.method).sort()).toEqual(['PATCH', 'PATCH', 'POST', 'POST']);
    const rows = await h.db.db.select().from(larkTasks);
    expect(rows.every((r) => r.syncedVersion === r.version && r.syncingUntil === null)).toBe(true);
  });

  it('a cancelled visit’s task is deleted', async () => {
    h = await startHarness();
    await turnOn(h);
    const { messageId } = await approvedVisit(h, 'ou_spec1', '中国华能集团');
    const [t] = live(h);
    const card = h.lark.messages.get(messageId)!.content;
    const form = await click(h, 'ou_spec1', messageId, button(card, 'visit.cancel'));
    const cancelled = await click(h, 'ou_spec1', messageId, button(form.card!.data, 'visit.cancel.save'), { vc_reason: '客户项目暂停' });
    expect(cancelled.toast?.type).toBe('success');
    expect(live(h)).toHaveLength(0);
    expect(h.lark.tasks.tasks.get(t!.guid)!.deleted).toBe(true);
    const [row] = await h.db.db.select().from(larkTasks);
    expect(row).toMatchObject({ taskGuid: null, synced: null });
    // Synced again (a stray row): nothing left to call.
    const before = taskCalls(h).length;
    await h.db.db.insert(outbox).values({ kind: 'task', target: `task:${row!.obligationId}`, targetType: 'subject', msgType: 'task', content: {}, uuid: crypto.randomUUID(), subjectType: 'obligation', subjectId: String(row!.obligationId) });
    await h.settle();
    expect(taskCalls(h)).toHaveLength(before);
  });

  it('turned off, no new task is made, but the record task already in Feishu is completed when the summary comes', async () => {
    h = await startHarness();
    await turnOn(h);
    await approvedVisit(h, 'ou_spec1', '中国华能集团');
    const [t] = live(h);
    expect(t).toBeTruthy();
    const off = await say(h, 'ou_admin', '设置 任务同步 关');
    expect(JSON.stringify(off.at(-1)!.content)).toContain('已修改');
    await record(h);
    // Completed, and the follow-up it would have made is not made while the sync is off.
    expect(h.lark.tasks.tasks.get(t!.guid)!.completedAt).toBeTruthy();
    expect(creates(h)).toHaveLength(1);
  });

  it('a move within the tolerance moves the task’s due time; one beyond it waits for the new approval', async () => {
    h = await startHarness();
    await turnOn(h);
    const { visit, messageId } = await approvedVisit(h, 'ou_spec1', '中国华能集团');
    const [t] = live(h);
    const moved = await reschedule(h, messageId, '2026-12-01 10:00 +0800');
    expect(moved.toast?.type, moved.toast?.content).toBe('success');
    const duty = (await dutiesOf(h, visit.id)).find((d) => d.kind === 'visit_record')!;
    expect(duty.dueAt.getTime()).toBeGreaterThan(Date.parse('2026-12-01T00:00:00Z'));
    expect(live(h).map((x) => [x.guid, x.due])).toEqual([[t!.guid, duty.dueAt.getTime()]]);
    expect(ok(taskCalls(h)).map((c) => c.method)).toEqual(['POST', 'PATCH']);
    expect(JSON.stringify(ok(taskCalls(h))[1]!.body)).toContain('"update_fields":["due"]');

    const before = taskCalls(h).length;
    const far = await reschedule(h, messageId, '2026-12-10 10:00 +0800');
    expect(far.toast?.type).toBe('info');
    // Back in approval: the task stays as the approved plan put it.
    expect(taskCalls(h)).toHaveLength(before);
    expect(live(h)).toHaveLength(1);
  });

  it('a completion whose answer was lost is not an error the second time', async () => {
    h = await startHarness();
    await turnOn(h);
    await approvedVisit(h, 'ou_spec1', '中国华能集团');
    const [t] = live(h);
    // Lark completes the task, but the answer never arrives: the sync is retried.
    h.lark.tasks.patch(t!.guid, { update_fields: ['completed_at'], task: { completed_at: String(Date.parse('2026-11-30T09:00:00Z')) } });
    await record(h);
    const rows = await h.db.db.select().from(larkTasks);
    expect(taskCalls(h).filter((c) => c.code === 1470400)).toHaveLength(1);
    expect(rows.every((r) => r.syncedVersion === r.version)).toBe(true);
    expect(await h.db.db.$count(outbox, and(eq(outbox.kind, 'task'), eq(outbox.status, 'dead')))).toBe(0);
    expect(live(h).filter((x) => x.completedAt === null)).toHaveLength(1); // the follow-up's
  });

  it('two drainers with two rows for one change make one task', async () => {
    h = await startHarness();
    await turnOn(h);
    // Lark refuses the first try: the sync waits for its retry.
    h.lark.injectFault({ api: 'task.task', kind: 'http500', times: 1 });
    await approvedVisit(h, 'ou_spec1', '中国华能集团');
    expect(live(h)).toHaveLength(0);
    const [row] = await h.db.db.select().from(outbox).where(and(eq(outbox.kind, 'task'), eq(outbox.status, 'pending')));
    const { id: _id, ...copy } = row!;
    await h.db.db.insert(outbox).values({ ...copy, uuid: crypto.randomUUID() });
    h.clock.advance(60_000);
    const other = secondInstance(h);
    await Promise.all([h.drain(), other.drain()]);
    h.clock.advance(60_000);
    await h.settle();
    await other.drain();
    expect(creates(h)).toHaveLength(1);
    expect(live(h)).toHaveLength(1);
    expect(await h.db.db.$count(outbox, and(eq(outbox.kind, 'task'), eq(outbox.status, 'sent')))).toBe(2);
  });

  it('the fake holds Lark to its word: a client_token seen within 5 minutes returns the first task; an unknown guid is 1470404', async () => {
    h = await startHarness();
    const lark = h.deps.lark as LarkClient;
    const body = { summary: 'x', members: [{ id: 'ou_spec1', type: 'user' as const, role: 'assignee' as const }], client_token: 'kam-bot-task-test', origin: { platform_i18n_name: { zh_cn: 'x' } }, custom_complete: { pc: { href: 'https://x', tip: {} }, ios: { href: 'https://x', tip: {} }, android: { href: 'https://x', tip: {} } } };
    const a = await lark.createTask(body);
    expect(await lark.createTask(body)).toBe(a);
    h.clock.advance(5 * 60_000 + 1);
    expect(await lark.createTask(body)).not.toBe(a);
    await expect(lark.patchTask('no-such-task', { summary: 'y' })).rejects.toMatchObject({ code: 1470404 });
    await expect(lark.createTask({ ...body, client_token: 'kam-bot-task-secs', due: { timestamp: '1764500000', is_all_day: false } })).rejects.toMatchObject({ code: 1470400 });
    expect(await h.db.db.$count(obligations)).toBe(0);
  });

  it('a handover to the manager moves the same task: the manager assigned, the director following', async () => {
    h = await startHarness();
    await turnOn(h);
    await approvedVisit(h, 'ou_spec1', '中国华能集团');
    const [t] = live(h);
    const before = taskCalls(h).length;
    const out = await handOver(h, { openId: 'ou_manager', name: '钱经理' });
    expect(json(out)).toContain('交接完成');
    expect(live(h).map((x) => x.guid)).toEqual([t!.guid]);
    expect(h.lark.tasks.tasks.get(t!.guid)!.members).toEqual([{ id: 'ou_manager', type: 'user', role: 'assignee' }, { id: 'ou_director', type: 'user', role: 'follower' }]);
    // Two calls, no patch: the summary is the same in the manager's language.
    expect(taskCalls(h).slice(before).map((c) => c.path.split('/').at(-1))).toEqual(['remove_members', 'add_members']);
    const [row] = await h.db.db.select().from(larkTasks);
    expect(row).toMatchObject({ taskGuid: t!.guid, syncedVersion: row!.version });
    expect(row!.synced).toMatchObject({ assignee: 'ou_manager', followers: ['ou_director'] });
  });

  it('a handover while the task is still waiting to be made: one sync, the task made for the successor', async () => {
    h = await startHarness();
    await turnOn(h);
    h.lark.injectFault({ api: 'task.task', kind: 'http500', times: 1 });
    await approvedVisit(h, 'ou_spec1', '中国华能集团');
    expect(live(h)).toHaveLength(0);
    await handOver(h, { openId: 'ou_spec2', name: 'Wang Wei' });
    expect(await h.db.db.$count(outbox, and(eq(outbox.kind, 'task'), eq(outbox.status, 'pending')))).toBe(1);
    h.clock.advance(60_000);
    await h.settle();
    expect(creates(h)).toHaveLength(1);
    expect(memberCalls(h)).toEqual([]);
    const [t] = live(h);
    expect(t!.summary).toBe('Visit summary: 中国华能集团');
    expect(t!.members.map((m) => [m.id, m.role])).toEqual([['ou_spec2', 'assignee'], ['ou_manager', 'follower']]);
  });

  it('the fake’s add_members / remove_members answer as Lark does', async () => {
    h = await startHarness();
    const lark = h.deps.lark as LarkClient;
    const guid = await lark.createTask({ summary: '拜访总结：中国华能集团', members: [{ id: 'ou_spec1', type: 'user', role: 'assignee' }], client_token: 'kam-bot-task-members', origin: { platform_i18n_name: { zh_cn: '大客户部助手' } }, custom_complete: { pc: { href: 'https://x', tip: {} }, ios: { href: 'https://x', tip: {} }, android: { href: 'https://x', tip: {} } } });
    // One person may be assignee and follower; adding a member already there is ignored.
    await lark.addTaskMembers(guid, [{ id: 'ou_spec1', role: 'follower' }, { id: 'ou_spec1', role: 'assignee' }]);
    expect(h.lark.tasks.tasks.get(guid)!.members.map((m) => m.role)).toEqual(['assignee', 'follower']);
    await lark.removeTaskMembers(guid, [{ id: 'ou_spec2', role: 'assignee' }, { id: 'ou_spec1', role: 'follower' }]);
    expect(h.lark.tasks.tasks.get(guid)!.members).toEqual([{ id: 'ou_spec1', type: 'user', role: 'assignee' }]);
    await expect(lark.addTaskMembers(guid, [{ id: 'ou_spec2', role: 'owner' as 'assignee' }])).rejects.toMatchObject({ code: 1470400 });
    await expect(lark.addTaskMembers(guid, [])).rejects.toMatchObject({ code: 1470400 });
    await expect(lark.addTaskMembers(guid, [{ id: 'u_123', role: 'assignee' }])).rejects.toMatchObject({ code: 1470400 });
    // Members are not a patch field.
    expect(h.lark.tasks.patch(guid, { update_fields: ['members'], task: {} }).payload.code).toBe(1470400);
    await lark.deleteTask(guid);
    await expect(lark.removeTaskMembers(guid, [{ id: 'ou_spec1', role: 'assignee' }])).rejects.toMatchObject({ code: 1470404 });
  });
});
