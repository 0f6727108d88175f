/**
 * Equipment loans (设备借用): the approved return day becomes a duty in the borrower's digest
 * (that morning, then daily while overdue, the manager once); the return is recorded from the
 * digest's button or by `归还`, which stops the reminders; a handover lists only what is still
 * out and its successor follows the return up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, obligations, smallRequests } from '../../db/schema/index.js';
import { closeObligation } from '../../src/app/obligations/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { approveChain, button, click, json, lastCardTo, say, textsTo } from './visit-helpers.js';
import { buttonOf, buttons, digestsSince, textOf, tickAt } from './deadlines-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-11-30T01:00:00Z' }); // Mon 30 Nov, 09:00 Shanghai
});
afterAll(async () => h?.close());

async function borrow(who: string, values: Record<string, unknown>): Promise<string> {
  await say(h, who, '申请');
  const picker = lastCardTo(h, who);
  const form = await click(h, who, picker.messageId, button(picker.content, 'request.form', { kind: 'equipment' }));
  const ok = await click(h, who, picker.messageId, button(form.card!.data, 'request.submit'), values);
  expect(ok.toast?.type, ok.toast?.content).toBe('success');
  await approveChain(h, ['ou_manager']);
  const [row] = await h.db.db.select().from(smallRequests).where(eq(smallRequests.formMessageId, picker.messageId));
  return row!.id;
}

const dutyOf = async (loanId: string) => (await h.db.db.select().from(obligations).where(and(eq(obligations.kind, 'equipment_return'), eq(obligations.subjectId, loanId))))[0]!;

describe('a camera due back on Wednesday', () => {
  let camera = '';

  it('opens the return duty on approval, due at the end of the return day', async () => {
    camera = await borrow('ou_spec1', { item: 'camera', detail: '索尼 A7', purpose: '拍摄客户现场', returnDate: '2026-12-02 +0800' });
    const duty = await dutyOf(camera);
    expect(duty).toMatchObject({ ownerId: 'ou_spec1', managerId: 'ou_manager', doneAt: null, subjectType: 'request' });
    expect(duty.dueAt.toISOString()).toBe('2026-12-02T15:59:59.000Z');
    // The monthly reports the tick opens on the 1st are not this file's subject.
    await tickAt(h, '2026-12-01', '00:10');
    for (const id of ['ou_spec1', 'ou_spec2']) await closeObligation(h.db.db, 'monthly_report', { type: 'month', id: '2026-11' }, h.clock.now(), { ownerId: id });
  });

  it('joins the borrower’s digest on the return day, with the button to record it', async () => {
    const before = h.lark.sent().length;
    await tickAt(h, '2026-12-01', '09:05');
    expect(digestsSince(h, before).filter((d) => d.to === 'ou_spec1')).toHaveLength(0);
    const at = h.lark.sent().length;
    await tickAt(h, '2026-12-02', '09:05');
    const mine = digestsSince(h, at).filter((d) => d.to === 'ou_spec1');
    expect(mine).toHaveLength(1);
    expect(textOf(mine[0]!.card)).toContain('借用设备归还');
    expect(textOf(mine[0]!.card)).toContain('相机 索尼 A7');
    expect(textOf(mine[0]!.card)).toContain('今天截止');
    expect(buttonOf(mine[0]!.card, 'equipment.return')).toMatchObject({ r: camera });
    expect(digestsSince(h, at).filter((d) => d.to === 'ou_manager')).toHaveLength(0);
  });

  it('once overdue: the borrower daily, the manager once', async () => {
    const at = h.lark.sent().length;
    await tickAt(h, '2026-12-03', '09:05');
    const sent = digestsSince(h, at);
    expect(textOf(sent.find((d) => d.to === 'ou_spec1')!.card)).toContain('已逾期');
    expect(textOf(sent.find((d) => d.to === 'ou_manager')!.card)).toContain('相机 索尼 A7');
    const next = h.lark.sent().length;
    await tickAt(h, '2026-12-04', '09:05');
    const again = digestsSince(h, next);
    expect(again.filter((d) => d.to === 'ou_spec1')).toHaveLength(1);
    expect(again.filter((d) => d.to === 'ou_manager')).toHaveLength(0);
  });

  it('the digest button records the return — not for a stranger — and the reminders stop', async () => {
    const digest = digestsSince(h, 0).filter((d) => d.to === 'ou_spec1').at(-1)!;
    const value = buttonOf(digest.card, 'equipment.return');
    const stranger = await click(h, 'ou_spec2', digest.messageId, value as never);
    expect(stranger.toast?.type).toBe('error');
    expect((await h.db.db.select().from(smallRequests).where(eq(smallRequests.id, camera)))[0]!.returnedAt).toBeNull();

    const ok = await click(h, 'ou_spec1', digest.messageId, value as never);
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    const [row] = await h.db.db.select().from(smallRequests).where(eq(smallRequests.id, camera));
    expect(row).toMatchObject({ returnedBy: 'ou_spec1' });
    expect(row!.returnedAt).not.toBeNull();
    expect((await dutyOf(camera)).doneAt).not.toBeNull();
    expect(await h.db.db.$count(auditLog, and(eq(auditLog.action, 'equipment.returned'), eq(auditLog.subjectId, camera)))).toBe(1);
    const twice = await click(h, 'ou_spec1', digest.messageId, value as never);
    expect(twice.toast?.type).not.toBe('success');

    const at = h.lark.sent().length;
    await tickAt(h, '2026-12-07', '09:05');
    expect(digestsSince(h, at).filter((d) => d.to === 'ou_spec1' && textOf(d.card).includes('相机'))).toHaveLength(0);
  });
});

describe('returning by chat, and a handover', () => {
  it('`归还` records the only loan out at once; with two it lists them, each with its button', async () => {
    const none = await say(h, 'ou_spec2', '归还');
    expect(json(none)).toContain('You have no borrowed equipment to return');

    const recorder = await borrow('ou_spec1', { item: 'recorder', purpose: '会议记录', returnDate: '2026-12-10 +0800' });
    const said = await say(h, 'ou_spec1', '归还');
    expect(json(said)).toContain('已登记「录音笔」归还');
    expect((await dutyOf(recorder)).doneAt).not.toBeNull();

    const laptop = await borrow('ou_spec1', { item: 'computer', detail: 'ThinkPad X1', purpose: '投标演示', returnDate: '2026-12-11 +0800' });
    const other = await borrow('ou_spec1', { item: 'other', detail: '投影仪', purpose: '产品推介会', returnDate: '2026-12-12 +0800' });
    await say(h, 'ou_spec1', '归还');
    const list = lastCardTo(h, 'ou_spec1');
    expect(json(list.content)).toContain('ThinkPad X1');
    expect(json(list.content)).toContain('投影仪');
    const picked = await click(h, 'ou_spec1', list.messageId, button(list.content, 'equipment.return', { r: other }));
    expect(picked.toast?.type, picked.toast?.content).toBe('success');
    const left = buttons(picked.card).filter((b) => b.k === 'equipment.return').map((b) => b.r);
    expect(left).toEqual([laptop]);
    expect(json(picked.card)).toContain('已登记「其他 投影仪」归还');
    expect((await dutyOf(laptop)).doneAt).toBeNull();
  });

  it('a handover lists only what is still out; the successor holds its return duty and may record it', async () => {
    const out = await say(h, 'ou_manager', '交接 @_user_1 @_user_2', { mentions: [{ key: '@_user_1', openId: 'ou_spec1', name: '李专员' }, { key: '@_user_2', openId: 'ou_spec2', name: 'Wang Wei' }] });
    expect(json(out)).toContain('交接完成');
    const told = textsTo(h, 'ou_spec2').at(-1)!;
    expect(told).toContain('Computer ThinkPad X1 (due back 2026-12-11)');
    expect(told).not.toContain('Camera');
    expect(told).not.toContain('投影仪');
    const duties = await h.db.db.select().from(obligations).where(and(eq(obligations.kind, 'equipment_return'), eq(obligations.ownerId, 'ou_spec2')));
    expect(duties).toHaveLength(1);

    await say(h, 'ou_spec2', 'returned');
    const reply = json(textsTo(h, 'ou_spec2').at(-1));
    expect(reply).toContain('ThinkPad X1 recorded as returned');
    expect((await h.db.db.select().from(obligations).where(eq(obligations.id, duties[0]!.id)))[0]!.doneAt).not.toBeNull();
    // the borrower hears that someone else recorded it
    expect(textsTo(h, 'ou_spec1').at(-1)).toContain('Wang Wei 已登记「电脑 ThinkPad X1」归还');
  });
});
