/**
 * Issue 13, the approval centre (三方审批): every request shows in Feishu's 审批中心 with a task per
 * approver, re-synced once per transition, through the outbox in the transition's transaction.
 * The real SDK against the fake Lark's external_approvals / external_instances / check, which
 * drops an older update_time and refuses a re-sync too soon (1395001) as Lark does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { approvalCentreDefinitions, approvalCentreInstances, outbox } from '../../db/schema/index.js';
import { secondInstance, startHarness, type Harness } from '../support/harness.js';
import { tick } from '../../src/scheduler/tick.js';
import { approvalPage } from '../../src/sandbox/approval-page.js';
import type { FakeCall } from '../../src/sandbox/fake-lark.js';
import { button, click, lastCardTo, ROSTER_2, submitVisitPlan } from './approval-helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ok = (c: FakeCall) => c.status === 200 && c.code === 0;
const centreCalls = (x: Harness) => x.lark.calls.filter((c) => c.api === 'approval');
const syncs = (x: Harness) => centreCalls(x).filter((c) => ok(c) && c.path === '/open-apis/approval/v4/external_instances');
const defines = (x: Harness) => centreCalls(x).filter((c) => ok(c) && c.path.endsWith('/external_approvals'));
const instance = (x: Harness, requestId: string) => x.lark.approval.instances.get(`kam-${requestId}`)!;
const tasks = (x: Harness, requestId: string) => [...instance(x, requestId).tasks.values()].map((t) => `${t.openId}:${t.status}`);
/** Past the gap Lark wants between two syncs of one instance, then drained. */
const later = async (x: Harness) => {
  x.clock.advance(5_000);
  await x.settle();
};

async function turnOn(x: Harness) {
  const r = await x.sender.message('ou_admin', '设置 审批中心同步 开');
  expect(r.status).toBe(200);
  await x.settle();
  expect(JSON.stringify(x.lark.sent().at(-1)!.content)).toContain('已修改');
}

describe('the approval centre', () => {
  it('off by default: no approval call; on, every transition re-syncs once (submit, transfer, approve, reject, resubmit, withdraw) and the kind is defined once', async () => {
    h = await startHarness({ roster: ROSTER_2 });
    const before = await submitVisitPlan(h, 'ou_spec2', false);
    const m0 = lastCardTo(h, 'ou_manager');
    await click(h, 'ou_manager', m0.messageId, button(m0.content, 'approval.decide', { d: 'approve' }));
    expect(await h.db.db.$count(outbox, eq(outbox.kind, 'approval'))).toBe(0);
    expect(await h.db.db.$count(approvalCentreInstances)).toBe(0);
    expect(centreCalls(h)).toHaveLength(0);
    expect(before).toBeTruthy();

    await turnOn(h);
    const id = await submitVisitPlan(h, 'ou_spec1', false);
    expect(defines(h)).toHaveLength(1);
    const [def] = await h.db.db.select().from(approvalCentreDefinitions);
    expect(h.lark.approval.definitions.get(def!.approvalCode)!.name).toBe('拜访计划');
    expect(instance(h, id)).toMatchObject({ status: 'PENDING', title: '李专员的拜访计划', openId: 'ou_spec1' });
    expect(tasks(h, id)).toEqual(['ou_manager:PENDING']);
    expect(h.lark.approval.todo('ou_manager')).toHaveLength(1);
    // The sandbox's panel shows it as the manager's one 待办, and the requester's 已发起.
    const page = approvalPage(h.lark.approval, [{ openId: 'ou_manager', name: '王经理' }, { openId: 'ou_spec1', name: '李专员' }], 'Asia/Shanghai');
    expect(page).toContain('待办 To do（1）');
    expect(page).toContain('已发起 Submitted（1）');
    expect(page).toContain('李专员的拜访计划');

    await later(h);
    const m = lastCardTo(h, 'ou_manager');
    const opened = await click(h, 'ou_manager', m.messageId, button(m.content, 'approval.open', { f: 'transfer' }));
    await click(h, 'ou_manager', m.messageId, button(opened.card!.data, 'approval.decide', { d: 'transfer' }), { to: 'ou_manager2', reason: '我本周出差' });
    await later(h);
    expect(tasks(h, id)).toEqual(['ou_manager:TRANSFERRED', 'ou_manager2:PENDING']);
    expect(h.lark.approval.todo('ou_manager')).toHaveLength(0);

    const m2 = lastCardTo(h, 'ou_manager2');
    await click(h, 'ou_manager2', m2.messageId, button(m2.content, 'approval.decide', { d: 'approve' }));
    await later(h);
    expect(tasks(h, id)).toEqual(['ou_manager:TRANSFERRED', 'ou_manager2:APPROVED', 'ou_director:PENDING']);

    const d = lastCardTo(h, 'ou_director');
    const rej = await click(h, 'ou_director', d.messageId, button(d.content, 'approval.open', { f: 'reject' }));
    await click(h, 'ou_director', d.messageId, button(rej.card!.data, 'approval.decide', { d: 'reject' }), { reason: '本月预算已用完' });
    await later(h);
    expect(instance(h, id).status).toBe('REJECTED');
    expect(instance(h, id).endTime).toBeGreaterThan(0);

    const told = lastCardTo(h, 'ou_spec1');
    const again = await click(h, 'ou_spec1', told.messageId, button(told.content, 'approval.resubmit'));
    await later(h);
    expect(instance(h, id).status).toBe('PENDING');
    expect(tasks(h, id)).toContain('ou_manager:PENDING');

    // The callback's answer is the requester's card now (the fake keeps the message as it was).
    const w = await click(h, 'ou_spec1', told.messageId, button(again.card!.data, 'approval.withdraw'));
    expect(w.toast?.type, w.toast?.content).toBe('success');
    await later(h);
    expect(instance(h, id).status).toBe('CANCELED');
    expect(h.lark.approval.todo('ou_manager')).toHaveLength(0);
    // Six transitions, six syncs; nothing dropped, nothing refused; the kind defined once.
    expect(syncs(h)).toHaveLength(6);
    expect(instance(h, id).dropped).toBe(0);
    expect(centreCalls(h).filter((c) => !ok(c))).toHaveLength(0);
    expect(defines(h)).toHaveLength(1);
    // Times are milliseconds, and each sync's update_time is later than the last.
    const times = syncs(h).map((c) => Number((c.body as { update_time: string }).update_time));
    expect(times.every((t, i) => i === 0 || t > times[i - 1]!)).toBe(true);
    expect(String(times[0])).toMatch(/^\d{13}$/);
  });

  it('changes made too soon after a sync wait and go as one sync of the latest; out-of-order sends never regress the centre', async () => {
    h = await startHarness({ roster: ROSTER_2 });
    await turnOn(h);
    const id = await submitVisitPlan(h, 'ou_spec1', true);
    const m = lastCardTo(h, 'ou_manager');
    await click(h, 'ou_manager', m.messageId, button(m.content, 'approval.decide', { d: 'approve' }));
    const d = lastCardTo(h, 'ou_director');
    await click(h, 'ou_director', d.messageId, button(d.content, 'approval.decide', { d: 'approve' }));
    // Both approvals came within Lark's gap after the submit's sync: nothing sent yet, one row waits.
    expect(syncs(h)).toHaveLength(1);
    expect(await h.db.db.$count(outbox, eq(outbox.kind, 'approval'))).toBe(2);
    await later(h);
    expect(syncs(h)).toHaveLength(2);
    expect(tasks(h, id)).toEqual(['ou_manager:APPROVED', 'ou_director:APPROVED', 'ou_finance:PENDING']);

    // A stale body arriving late (the submit's) is skipped by Lark: the centre keeps the newer state.
    h.clock.advance(5_000);
    await h.deps.lark.syncExternalInstance(syncs(h)[0]!.body as never);
    expect(tasks(h, id)).toEqual(['ou_manager:APPROVED', 'ou_director:APPROVED', 'ou_finance:PENDING']);
    expect(instance(h, id).dropped).toBeGreaterThan(0);

    // Lark itself says too soon (1395001; the late send above reached it a moment ago, as another
    // process's might): the row waits and goes later, not counted as a failure.
    const f = lastCardTo(h, 'ou_finance');
    await h.db.db.update(approvalCentreInstances).set({ syncedAt: new Date(h.clock.now().getTime() - 60_000) }).where(eq(approvalCentreInstances.requestId, id));
    await click(h, 'ou_finance', f.messageId, button(f.content, 'approval.decide', { d: 'approve' }));
    const refused = centreCalls(h).filter((c) => c.code === 1395001);
    expect(refused).toHaveLength(1);
    const [waiting] = await h.db.db.select().from(outbox).where(eq(outbox.status, 'pending'));
    expect(waiting).toMatchObject({ kind: 'approval', attempts: 0 });
    h.clock.advance(10_000);
    await h.settle();
    expect(instance(h, id).status).toBe('APPROVED');
    expect(tasks(h, id)).toEqual(['ou_manager:APPROVED', 'ou_director:APPROVED', 'ou_finance:APPROVED']);
  });

  it('a crash after the commit: the next process syncs it; two drainers make one sync of the change', async () => {
    h = await startHarness({ roster: ROSTER_2 });
    await turnOn(h);
    // The Lark call fails as if the process died mid-call: the committed row waits in the outbox.
    h.lark.injectFault({ api: 'approval', kind: 'http500', times: 1 });
    const id = await submitVisitPlan(h, 'ou_spec1', false);
    expect(h.lark.approval.instances.size).toBe(0);
    const other = secondInstance(h);
    h.clock.advance(60_000);
    await Promise.all([h.drain(), other.drain()]);
    await h.settle();
    expect(instance(h, id).status).toBe('PENDING');
    expect(instance(h, id).syncs).toBe(1);

    await later(h);
    const m = lastCardTo(h, 'ou_manager');
    await h.sender.cardAction('ou_manager', m.messageId, button(m.content, 'approval.decide', { d: 'approve' }));
    h.clock.advance(5_000);
    await Promise.all([h.drain(), other.drain(), h.drain()]);
    await h.settle();
    expect(instance(h, id).syncs).toBe(2);
    expect(tasks(h, id)).toEqual(['ou_manager:APPROVED', 'ou_director:PENDING']);
  });

  it('the tick’s check finds an instance Lark lost and syncs it again, newer; Lark’s quota code dead-letters', async () => {
    h = await startHarness({ roster: ROSTER_2 });
    await turnOn(h);
    const id = await submitVisitPlan(h, 'ou_spec1', false);
    h.lark.approval.instances.delete(`kam-${id}`);
    h.clock.advance(5 * 60_000);
    await tick(h.deps, h.clock.now());
    await h.settle();
    const checks = centreCalls(h).filter((c) => c.path.endsWith('/check'));
    expect(checks).toHaveLength(1);
    expect(instance(h, id).status).toBe('PENDING');
    expect(syncs(h)).toHaveLength(2);
    // Long after, nothing synced lately: the tick asks nothing.
    h.clock.advance(60 * 60_000);
    await tick(h.deps, h.clock.now());
    await h.settle();
    expect(centreCalls(h).filter((c) => c.path.endsWith('/check'))).toHaveLength(1);

    h.lark.quota.limit = h.lark.quota.used;
    const m = lastCardTo(h, 'ou_manager');
    await click(h, 'ou_manager', m.messageId, button(m.content, 'approval.decide', { d: 'approve' }));
    const [row] = await h.db.db.select().from(outbox).where(eq(outbox.kind, 'approval')).orderBy(outbox.id).then((r) => r.slice(-1));
    expect(row).toMatchObject({ status: 'dead' });
    expect(row!.lastError).toContain('99991403');
  });
});
