/**
 * Issue 13, the calendar: an approved visit (or reception) becomes an event on the bot's Feishu
 * calendar with our people invited; a reschedule moves it, a cancel deletes it. The sync goes
 * through the outbox in the transition's transaction, near the month's API budget it waits,
 * and a crash or a second drainer never makes a second event. Through the real path: clicks
 * and messages posted to the webhook, the real SDK against the fake Lark's calendar.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { and, eq, ne } from 'drizzle-orm';
import { calendarEvents, larkApiCalls, outbox, visits } from '../../db/schema/index.js';
import { secondInstance, startHarness, type Harness } from '../support/harness.js';
import { waitFor } from '../support/bot-process.js';
import type { FakeCall } from '../../src/sandbox/fake-lark.js';
import { approveChain, approvedVisit, button, click, customerWithContacts, lastCardTo, PLAN_VALUES, planVisit, say, visitRow } from './visit-helpers.js';
import { newCustomer } from './customer-helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  h?.lark.releaseHangs();
  await h?.close();
  h = undefined;
});

const calendarCalls = (x: Harness): FakeCall[] => x.lark.calls.filter((c) => c.api.startsWith('calendar.'));
const ok = (calls: FakeCall[]) => calls.filter((c) => c.status === 200 && c.code === 0);
const creates = (x: Harness) => ok(calendarCalls(x)).filter((c) => c.method === 'POST' && /\/events$/.test(c.path));
const patches = (x: Harness) => ok(calendarCalls(x)).filter((c) => c.method === 'PATCH');
const live = (x: Harness) => x.lark.calendar.all().filter((e) => !e.deleted);
const seconds = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);

async function turnOn(x: Harness) {
  const out = await say(x, 'ou_admin', '设置 日历同步 开');
  expect(JSON.stringify(out.at(-1)!.content)).toContain('已修改');
}

const reschedule = async (x: Harness, messageId: string, at: string) => {
  const card = x.lark.messages.get(messageId)!.content;
  const form = await click(x, 'ou_spec1', messageId, button(card, 'visit.reschedule'));
  return click(x, 'ou_spec1', messageId, button(form.card!.data, 'visit.reschedule.save'), { vr_at: at, vr_budget: '3000' });
};

describe('visits and receptions on the bot’s Feishu calendar', () => {
  it('is off by default: an approved visit makes no calendar call', async () => {
    h = await startHarness();
    await approvedVisit(h, 'ou_spec1', '中国华能集团');
    expect(calendarCalls(h)).toHaveLength(0);
    expect(await h.db.db.$count(calendarEvents)).toBe(0);
    expect(await h.db.db.$count(outbox, eq(outbox.kind, 'calendar'))).toBe(0);
  });

  it('approve → one event with the visitors invited; reschedule → the same event moved; cancel → deleted', async () => {
    h = await startHarness();
    // Only an admin may turn it on; anyone else is told so and nothing changes.
    const refused = await say(h, 'ou_spec1', '设置 日历同步 开');
    expect(JSON.stringify(refused.at(-1)!.content)).not.toContain('已修改');
    await turnOn(h);
    const { visit, messageId } = await approvedVisit(h, 'ou_spec1', '中国华能集团');

    expect(live(h)).toHaveLength(1);
    const [e] = live(h);
    expect(e!.summary).toContain('中国华能集团');
    expect(e!.start).toBe(seconds('2026-11-30T06:30:00Z'));
    expect(e!.end - e!.start).toBe(2 * 3600);
    expect(e!.timeZone).toBe('Asia/Shanghai');
    expect(e!.location).toBe(PLAN_VALUES.vp_place);
    expect(e!.description).toContain(PLAN_VALUES.vp_purpose);
    expect(e!.description).toContain('王总');
    expect(e!.description).toContain('陈科长');
    expect(e!.attendees.map((a) => a.openId).sort()).toEqual(['ou_manager', 'ou_spec1']);
    expect(e!.attendees.every((a) => a.notified)).toBe(true);
    // The calendar id is asked for once and kept.
    expect(ok(h.lark.callsTo('calendar.primary'))).toHaveLength(1);
    const create = creates(h)[0]!;
    expect(create.path).toContain(h.lark.calendar.botCalendarId);
    expect((create.body as { start_time: { timestamp: string } }).start_time.timestamp).toMatch(/^\d{10}$/);
    const [row] = await h.db.db.select().from(calendarEvents).where(eq(calendarEvents.subjectId, visit.id));
    expect(row).toMatchObject({ eventId: e!.eventId, syncedVersion: row!.version });

    const moved = await reschedule(h, messageId, '2026-12-01 10:00 +0800');
    expect(moved.toast?.type, moved.toast?.content).toBe('success');
    expect(live(h)).toHaveLength(1);
    expect(live(h)[0]!.eventId).toBe(e!.eventId);
    expect(live(h)[0]!.start).toBe(seconds('2026-12-01T02:00:00Z'));
    expect(creates(h)).toHaveLength(1);
    expect(patches(h)).toHaveLength(1);
    expect(ok(h.lark.callsTo('calendar.primary'))).toHaveLength(1);

    const card = h.lark.messages.get(messageId)!.content;
    const form = await click(h, 'ou_spec1', messageId, button(card, 'visit.cancel'));
    const cancelled = await click(h, 'ou_spec1', messageId, button(form.card!.data, 'visit.cancel.save'), { vc_reason: '客户项目暂停' });
    expect(cancelled.toast?.type).toBe('success');
    expect(live(h)).toHaveLength(0);
    expect(h.lark.calendar.events.get(e!.eventId)!.deleted).toBe(true);
  });

  it('turned off, it adds nothing more, but a cancelled visit’s event still comes off', async () => {
    h = await startHarness();
    await turnOn(h);
    const { messageId } = await approvedVisit(h, 'ou_spec1', '中国华能集团');
    const [e] = live(h);
    expect(e).toBeTruthy();
    const off = await say(h, 'ou_admin', '设置 日历同步 关');
    expect(JSON.stringify(off.at(-1)!.content)).toContain('已修改');
    await approvedVisit(h, 'ou_spec1', '中国大唐集团', { ...PLAN_VALUES, vp_at: '2026-12-02 10:00 +0800' });
    expect(creates(h)).toHaveLength(1);

    const card = h.lark.messages.get(messageId)!.content;
    const form = await click(h, 'ou_spec1', messageId, button(card, 'visit.cancel'));
    await click(h, 'ou_spec1', messageId, button(form.card!.data, 'visit.cancel.save'), { vc_reason: '客户项目暂停' });
    expect(live(h)).toHaveLength(0);
    expect(h.lark.calendar.events.get(e!.eventId)!.deleted).toBe(true);
  });

  it('a plan never approved, cancelled, makes no call; a reception is an event for its lead, hosts and leader', async () => {
    h = await startHarness();
    await turnOn(h);
    await customerWithContacts(h, 'ou_spec1', '中国联通');
    const { messageId, answer } = await planVisit(h, 'ou_spec1', '中国联通');
    const form = await click(h, 'ou_spec1', messageId, button(answer.card!.data, 'visit.cancel'));
    await click(h, 'ou_spec1', messageId, button(form.card!.data, 'visit.cancel.save'), { vc_reason: '客户项目暂停' });
    expect(calendarCalls(h)).toHaveLength(0);

    await newCustomer(h, 'ou_spec1', '三一重工股份有限公司');
    await say(h, 'ou_spec1', '接待 三一重工');
    const rf = lastCardTo(h, 'ou_spec1');
    const filed = await click(h, 'ou_spec1', rf.messageId, button(rf.content, 'reception.submit'), {
      rp_guests: '采购部王总一行3人', rp_at: '2026-11-30 10:00 +0800', rp_hosts: ['ou_manager', 'ou_spec1'], rp_leader: 'ou_director', rp_budget: '4000',
    });
    expect(filed.toast?.type, filed.toast?.content).toBe('success');
    expect(calendarCalls(h)).toHaveLength(0);
    await approveChain(h, ['ou_manager', 'ou_director']);
    expect(live(h)).toHaveLength(1);
    const [e] = live(h);
    expect(e!.summary).toContain('三一重工');
    expect(e!.description).toContain('采购部王总一行3人');
    expect(e!.location).toBe('商务室');
    expect(e!.attendees.map((a) => a.openId).sort()).toEqual(['ou_director', 'ou_manager', 'ou_spec1']);
    expect(h.lark.calendar.eventsOf('ou_director').map((x) => x.eventId)).toEqual([e!.eventId]);

    // The form became the reception card: a move within the tolerance moves the same event.
    const rr = await click(h, 'ou_spec1', rf.messageId, button(h.lark.messages.get(rf.messageId)!.content, 'reception.reschedule'));
    const movedR = await click(h, 'ou_spec1', rf.messageId, button(rr.card!.data, 'reception.reschedule.save'), { rr_at: '2026-12-01 15:00 +0800', rr_budget: '4000' });
    expect(movedR.toast?.type, movedR.toast?.content).toBe('success');
    expect(live(h).map((x) => [x.eventId, x.start])).toEqual([[e!.eventId, seconds('2026-12-01T07:00:00Z')]]);

    // Cancelling the reception withdraws the event.
    const rc = h.lark.messages.get(rf.messageId)!.content;
    const cform = await click(h, 'ou_spec1', rf.messageId, button(rc, 'reception.cancel'));
    const off = await click(h, 'ou_spec1', rf.messageId, button(cform.card!.data, 'reception.cancel.save'), { rc_reason: '客户行程取消' });
    expect(off.toast?.type, off.toast?.content).toBe('success');
    expect(live(h)).toHaveLength(0);
    expect(h.lark.calendar.eventsOf('ou_director')).toHaveLength(0);
  });

  it('a move beyond the tolerance waits for the new approval; the new plan’s people change the invitations', async () => {
    h = await startHarness();
    await turnOn(h);
    const { visit, messageId } = await approvedVisit(h, 'ou_spec1', '中国华能集团');
    const [e] = live(h);
    const before = calendarCalls(h).length;
    const r = await reschedule(h, messageId, '2026-12-10 10:00 +0800');
    expect(r.toast?.type).toBe('info');
    // Back in approval: the event stays where the approved plan put it.
    expect(calendarCalls(h)).toHaveLength(before);
    const m = lastCardTo(h, 'ou_manager');
    const opened = await click(h, 'ou_manager', m.messageId, button(m.content, 'approval.open', { f: 'reject' }));
    await click(h, 'ou_manager', m.messageId, button(opened.card!.data, 'approval.decide', { d: 'reject' }), { reason: '换人去' });
    expect(calendarCalls(h)).toHaveLength(before);
    const status = h.lark.sent().filter((x) => x.receiverOpenId === 'ou_spec1' && JSON.stringify(x.content).includes('approval.resubmit')).at(-1)!;
    const edit = await click(h, 'ou_spec1', status.messageId, button(status.content, 'approval.resubmit'));
    const again = await click(h, 'ou_spec1', status.messageId, button(edit.card!.data, 'visit.resubmit'), { ...PLAN_VALUES, vp_at: '2026-12-10 10:00 +0800', vp_attendees: ['ou_spec2'] });
    expect(again.toast?.type, again.toast?.content).toBe('success');
    await approveChain(h, ['ou_manager', 'ou_director', 'ou_finance']);
    expect((await visitRow(h, visit.id)).status).toBe('approved');

    expect(live(h)).toHaveLength(1);
    const moved = live(h)[0]!;
    expect(moved.eventId).toBe(e!.eventId);
    expect(moved.start).toBe(seconds('2026-12-10T02:00:00Z'));
    expect(moved.attendees.map((a) => a.openId).sort()).toEqual(['ou_spec1', 'ou_spec2']);
    expect(h.lark.calendar.eventsOf('ou_manager')).toHaveLength(0);
    const removed = ok(calendarCalls(h)).filter((x) => x.path.endsWith('/batch_delete'));
    expect(removed).toHaveLength(1);
    expect(JSON.stringify(removed[0]!.body)).toContain('ou_manager');
    expect(creates(h)).toHaveLength(1);
  });

  it('changes made before a drain are one patch', async () => {
    h = await startHarness();
    await turnOn(h);
    const { messageId } = await approvedVisit(h, 'ou_spec1', '中国华能集团');
    // Lark fails the first patch: the sync waits for its retry while two more moves are made.
    h.lark.injectFault({ api: 'calendar.event', kind: 'http500', times: 1 });
    await reschedule(h, messageId, '2026-12-01 10:00 +0800');
    await reschedule(h, messageId, '2026-12-02 15:00 +0800');
    expect(await h.db.db.$count(outbox, and(eq(outbox.kind, 'calendar'), eq(outbox.status, 'pending')))).toBe(1);
    h.clock.advance(60_000);
    await h.settle();
    expect(patches(h)).toHaveLength(1);
    expect(live(h)).toHaveLength(1);
    expect(live(h)[0]!.start).toBe(seconds('2026-12-02T07:00:00Z'));
  });

  it('a change committed when the process dies before draining is synced by the next instance, once', async () => {
    h = await startHarness();
    await turnOn(h);
    await customerWithContacts(h, 'ou_spec1', '中国华能集团');
    const { visit } = await planVisit(h, 'ou_spec1', '中国华能集团');
    await approveChain(h, ['ou_manager', 'ou_director']);
    // The last approval commits, and the process dies before its drain starts.
    const deps = h.deps as { kickOutbox: () => void };
    deps.kickOutbox = () => {};
    const c = lastCardTo(h, 'ou_finance');
    const r = await h.sender.cardAction('ou_finance', c.messageId, button(c.content, 'approval.decide', { d: 'approve' }));
    expect(r.status).toBe(200);
    expect((await visitRow(h, visit.id)).status).toBe('approved');
    expect(calendarCalls(h)).toHaveLength(0);
    expect(await h.db.db.$count(outbox, and(eq(outbox.kind, 'calendar'), eq(outbox.status, 'pending')))).toBe(1);

    const next = secondInstance(h);
    await next.sweep();
    await next.idle();
    expect(live(h)).toHaveLength(1);
    expect(live(h)[0]!.attendees).toHaveLength(2);
    expect(creates(h)).toHaveLength(1);
  });

  it('Lark made the event but the answer was lost (the sync died mid-way): the retry gets the same event', async () => {
    h = await startHarness({ larkTimeoutMs: 10_000 });
    await turnOn(h);
    await customerWithContacts(h, 'ou_spec1', '中国华能集团');
    await planVisit(h, 'ou_spec1', '中国华能集团');
    await approveChain(h, ['ou_manager', 'ou_director']);
    // The create is done by Lark, and its answer held long after another instance took over.
    h.lark.injectFault({ api: 'calendar.event', kind: 'slow', times: 1, holdMs: 3_000 });
    const c = lastCardTo(h, 'ou_finance');
    await h.sender.cardAction('ou_finance', c.messageId, button(c.content, 'approval.decide', { d: 'approve' }));
    await waitFor('the create to be held', () => h!.lark.held === 1);
    expect(h.lark.calendar.all()).toHaveLength(1);

    // The row's and the subject's leases run out (the holder is presumed dead); another instance syncs.
    h.clock.advance(61_000);
    const next = secondInstance(h);
    await next.drain();
    expect(h.lark.calendar.all()).toHaveLength(1);
    expect(live(h)[0]!.attendees.map((a) => a.openId).sort()).toEqual(['ou_manager', 'ou_spec1']);

    // The first sync wakes up and finishes: still one event, each person invited once.
    await waitFor('the held answer', () => h!.lark.held === 0);
    await h.settle();
    expect(h.lark.calendar.all()).toHaveLength(1);
    expect(live(h)[0]!.attendees).toHaveLength(2);
  });

  it('two drainers with two rows for one change sync it once', async () => {
    h = await startHarness();
    await turnOn(h);
    await customerWithContacts(h, 'ou_spec1', '中国华能集团');
    const { visit } = await planVisit(h, 'ou_spec1', '中国华能集团');
    // Lark refuses the first try: the sync waits for its retry.
    h.lark.injectFault({ api: 'calendar.primary', kind: 'http500', times: 1 });
    await approveChain(h, ['ou_manager', 'ou_director', 'ou_finance']);
    expect(live(h)).toHaveLength(0);
    // As if two instances had each queued the change.
    const [row] = await h.db.db.select().from(outbox).where(and(eq(outbox.kind, 'calendar'), eq(outbox.status, 'pending')));
    const { id: _id, ...copy } = row!;
    await h.db.db.insert(outbox).values({ ...copy, uuid: crypto.randomUUID() });
    h.clock.advance(60_000);
    const other = secondInstance(h);
    await Promise.all([h.drain(), other.drain()]);
    // One of them may have found the sync running and put its row back for a moment later.
    h.clock.advance(60_000);
    await h.settle();
    await other.drain();
    expect(creates(h)).toHaveLength(1);
    expect(ok(calendarCalls(h)).filter((x) => x.path.endsWith('/attendees'))).toHaveLength(1);
    expect(live(h)).toHaveLength(1);
    expect(await h.db.db.$count(outbox, and(eq(outbox.kind, 'calendar'), eq(outbox.status, 'sent')))).toBe(2);
    expect((await h.db.db.select().from(calendarEvents).where(eq(calendarEvents.subjectId, visit.id)))[0]!.syncingUntil).toBeNull();
  });

  it('near the monthly budget the sync waits while the approval still goes, and catches up when the month turns', async () => {
    h = await startHarness({ now: '2026-11-27T02:00:00Z', env: { LARK_MONTHLY_CALL_BUDGET: '10000' } });
    await turnOn(h);
    await customerWithContacts(h, 'ou_spec1', '中国华能集团');
    const { visit } = await planVisit(h, 'ou_spec1', '中国华能集团', { ...PLAN_VALUES, vp_at: '2026-12-03 14:30 +0800' });
    await approveChain(h, ['ou_manager', 'ou_director']);
    // The month has used 9,100 calls elsewhere (the tenant's other apps, earlier days).
    await h.db.db.insert(larkApiCalls).values({ month: '2026-11', api: 'im.message.create', calls: 9_100 }).onConflictDoUpdate({ target: [larkApiCalls.month, larkApiCalls.api], set: { calls: 9_100 } });
    const c = lastCardTo(h, 'ou_finance');
    const a = await click(h, 'ou_finance', c.messageId, button(c.content, 'approval.decide', { d: 'approve' }));
    expect(a.toast?.type, a.toast?.content).toBe('success');
    expect((await visitRow(h, visit.id)).status).toBe('approved');
    // Everything the approval says is delivered; only the calendar waits.
    const held = await h.db.db.select().from(outbox).where(and(ne(outbox.kind, 'calendar'), ne(outbox.status, 'sent')));
    expect(held).toEqual([]);
    expect(calendarCalls(h)).toHaveLength(0);
    const [waiting] = await h.db.db.select().from(outbox).where(eq(outbox.kind, 'calendar'));
    expect(waiting).toMatchObject({ status: 'pending' });
    expect(waiting!.lastError).toContain('budget');

    // December: the budget is fresh, and the visit is still to come.
    h.clock.set('2026-12-01T01:00:00Z');
    await h.settle();
    expect(live(h)).toHaveLength(1);
    expect(live(h)[0]!.start).toBe(seconds('2026-12-03T06:30:00Z'));
    const [v] = await h.db.db.select().from(visits).where(eq(visits.id, visit.id));
    expect(v!.status).toBe('approved');
  });
});
