/**
 * Phone bills against the monthly limit (§2.2 art.18): within it a bill is recorded with no
 * approval; over it, the manager sees the amount over and approving records it as approved
 * over the limit. The limit is the phoneBillMonthlyLimit setting (¥300 until an admin changes it).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, smallRequests } from '../../db/schema/index.js';
import { changeSetting } from '../../src/app/settings.js';
import { startHarness, type Harness } from '../support/harness.js';
import { button, cardsTo, click, lastCardTo, requestRow } from './approval-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const json = (x: unknown) => JSON.stringify(x);

async function phoneForm(who: string) {
  await h.sender.message(who, '申请 话费');
  await h.settle();
  const form = lastCardTo(h, who);
  return { messageId: form.messageId, content: form.content };
}

const billsOf = (who: string) => h.db.db.select().from(smallRequests).where(and(eq(smallRequests.requesterId, who), eq(smallRequests.kind, 'phone_bill')));

describe('phone bills and the monthly limit', () => {
  it('records a bill within the limit at once, with nobody asked; the same form cannot file it twice', async () => {
    const managerCards = cardsTo(h, 'ou_manager').length;
    const form = await phoneForm('ou_spec1');
    expect(json(form.content)).toContain('每人每月话费标准 ¥300.00');
    const submit = button(form.content, 'request.submit');
    const ok = await click(h, 'ou_spec1', form.messageId, submit, { month: '2026-11', amount: '280' });
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    expect(ok.toast!.content).toContain('已登记');
    expect(json(ok.card)).toContain('已登记：话费报销');
    expect(json(ok.card)).toContain('本月还可报 ¥20.00');
    const again = await click(h, 'ou_spec1', form.messageId, submit, { month: '2026-11', amount: '280' });
    expect(again.toast!.content).toContain('已提交过');
    const bills = await billsOf('ou_spec1');
    expect(bills).toHaveLength(1);
    expect(bills[0]).toMatchObject({ approvalId: null, outcome: 'recorded', limitFen: 30_000, overLimitFen: 0 });
    expect(bills[0]!.recordedAt).not.toBeNull();
    expect(cardsTo(h, 'ou_manager')).toHaveLength(managerCards);
  });

  it('sends a bill that takes the month over the limit to the manager with the amount over; approving (delivered twice) records it once', async () => {
    const form = await phoneForm('ou_spec1');
    const ok = await click(h, 'ou_spec1', form.messageId, button(form.content, 'request.submit'), { month: '2026-11', amount: '100' });
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    expect(json(ok.card)).toContain('已提交');
    const [bill] = (await billsOf('ou_spec1')).filter((b) => b.approvalId);
    expect(bill).toMatchObject({ outcome: null, limitFen: 30_000, overLimitFen: 8_000 });

    const card = lastCardTo(h, 'ou_manager');
    const text = json(card.content);
    expect(text).toContain('话费报销');
    expect(text).toContain('超出标准');
    expect(text).toContain('¥80.00');
    expect(text).toContain('本月已报');
    const approve = button(card.content, 'approval.decide', { d: 'approve' });
    const first = await h.sender.cardAction('ou_manager', card.messageId, approve, { eventId: 'evt-phone-approve' });
    const second = await h.sender.cardAction('ou_manager', card.messageId, approve, { eventId: 'evt-phone-approve' });
    expect([first.status, second.status]).toEqual([200, 200]);
    await h.settle();
    expect((await requestRow(h, bill!.approvalId!)).status).toBe('approved');
    const [after] = (await billsOf('ou_spec1')).filter((b) => b.approvalId);
    expect(after).toMatchObject({ outcome: 'approved_over_limit' });
    expect(after!.recordedAt).not.toBeNull();
    const audits = await h.db.db.select().from(auditLog).where(and(eq(auditLog.subjectId, bill!.id), eq(auditLog.action, 'phone_bill.approved_over_limit')));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actorId).toBe('ou_manager');
  });

  it('a stored setting changes the limit for the next bill, and a bill edited down to within it is recorded and its approval withdrawn', async () => {
    await h.db.db.transaction((tx) => changeSetting(tx, 'phoneBillMonthlyLimit', 500, 'ou_admin', h.clock.now()));
    await expect(h.db.db.transaction((tx) => changeSetting(tx, 'phoneBillMonthlyLimit', -1, 'ou_admin', h.clock.now()))).rejects.toThrow();

    const form = await phoneForm('ou_spec2');
    expect(json(form.content)).toContain('¥500.00');
    const within = await click(h, 'ou_spec2', form.messageId, button(form.content, 'request.submit'), { month: '2026-10', amount: '450' });
    expect(within.toast!.i18n.en_us).toContain('Recorded');

    const over = await phoneForm('ou_spec2');
    await click(h, 'ou_spec2', over.messageId, button(over.content, 'request.submit'), { month: '2026-11', amount: '700' });
    const [bill] = (await billsOf('ou_spec2')).filter((b) => b.approvalId);
    expect(bill!.overLimitFen).toBe(20_000);
    const card = lastCardTo(h, 'ou_manager');
    expect(json(card.content)).toContain('¥200.00');
    const opened = await click(h, 'ou_manager', card.messageId, button(card.content, 'approval.open', { f: 'reject' }));
    await click(h, 'ou_manager', card.messageId, button(opened.card!.data, 'approval.decide', { d: 'return' }), { reason: '超出太多，请只报工作通话部分' });
    expect((await requestRow(h, bill!.approvalId!)).status).toBe('returned');

    const status = lastCardTo(h, 'ou_spec2');
    const edit = await click(h, 'ou_spec2', status.messageId, button(status.content, 'approval.resubmit'));
    expect(json(edit.card)).toContain('¥500.00');
    const refile = await click(h, 'ou_spec2', status.messageId, button(edit.card!.data, 'request.submit', { r: bill!.approvalId! }), { month: '2026-11', amount: '380' });
    expect(refile.toast?.type, refile.toast?.content).toBe('success');
    expect(refile.toast!.content).toContain('已登记');
    expect((await requestRow(h, bill!.approvalId!)).status).toBe('withdrawn');
    const [after] = (await billsOf('ou_spec2')).filter((b) => b.id === bill!.id);
    expect(after).toMatchObject({ outcome: 'recorded', overLimitFen: 0, limitFen: 50_000 });
    expect(after!.data).toMatchObject({ amount: 38_000 });
  });
});
