/** /apply: the small requests filed from a card form, approved by the manager; an approved trip is stored. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallRequests, trips } from '../../db/schema/index.js';
import { describeMessage, startHarness, type Harness } from '../support/harness.js';
import { auditActions, button, click, lastCardTo, requestRow, stepsOf } from './approval-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const TRAVEL = { destinations: '南京、苏州', from: '2026-12-01 +0800', to: '2026-12-04 +0800', purpose: '拜访华东电网与苏州供电' };

async function openForm(who: string, kindWord: string) {
  await h.sender.message(who, '申请');
  await h.settle();
  const picker = lastCardTo(h, who);
  expect(describeMessage(picker)).toContain('发起申请');
  const r = await click(h, who, picker.messageId, button(picker.content, 'request.form', { kind: kindWord }));
  return { messageId: picker.messageId, form: r.card!.data };
}

describe('/apply', () => {
  it('files a travel request; bad input is refused with nothing stored; approval stores the trip', async () => {
    const { messageId, form } = await openForm('ou_spec1', 'travel');
    const submit = button(form, 'request.submit');
    const backwards = await click(h, 'ou_spec1', messageId, submit, { ...TRAVEL, to: '2026-11-30 +0800' });
    expect(backwards.toast).toMatchObject({ type: 'error' });
    expect(backwards.toast!.content).toContain('返回日期');
    const missing = await click(h, 'ou_spec1', messageId, submit, { ...TRAVEL, destinations: '' });
    expect(missing.toast!.content).toContain('目的地');
    expect(await h.db.db.select().from(smallRequests)).toHaveLength(0);

    const ok = await click(h, 'ou_spec1', messageId, submit, TRAVEL);
    expect(ok.toast!.type).toBe('success');
    expect(JSON.stringify(ok.card!.data)).toContain('南京、苏州 · 2026-12-01 → 2026-12-04');
    const again = await click(h, 'ou_spec1', messageId, submit, TRAVEL);
    expect(again.toast!.content).toContain('已提交过');
    const [req] = await h.db.db.select().from(smallRequests);
    expect(await h.db.db.select().from(smallRequests)).toHaveLength(1);
    expect(req!.data).toMatchObject({ destinations: '南京、苏州', from: '2026-12-01', to: '2026-12-04' });

    const card = lastCardTo(h, 'ou_manager');
    expect(JSON.stringify(card.content)).toContain('出差申请');
    const r = await click(h, 'ou_manager', card.messageId, button(card.content, 'approval.decide', { d: 'approve' }));
    expect(r.toast!.type).toBe('success');
    expect(await requestRow(h, req!.approvalId!)).toMatchObject({ status: 'approved', kind: 'travel', subjectType: 'request' });
    const [trip] = await h.db.db.select().from(trips).where(eq(trips.requestId, req!.id));
    expect(trip).toMatchObject({ travellerId: 'ou_spec1', fromDate: '2026-12-01', toDate: '2026-12-04', destinations: '南京、苏州', status: 'approved' });
  });

  it('a purchase amount is parsed to fen and shown as ¥; a bad amount is refused', async () => {
    const { messageId, form } = await openForm('ou_spec2', 'purchase');
    const submit = button(form, 'request.submit');
    const bad = await click(h, 'ou_spec2', messageId, submit, { items: '投影仪', amount: '一千', urgent: 'no' });
    expect(bad.toast!.i18n.en_us).toContain('is not an amount');
    const ok = await click(h, 'ou_spec2', messageId, submit, { items: '投影仪', amount: '1.25万', urgent: 'yes' });
    expect(ok.toast!.type).toBe('success');
    const [req] = await h.db.db.select().from(smallRequests).where(eq(smallRequests.kind, 'purchase'));
    expect(req!.data).toMatchObject({ amount: 1_250_000, urgent: 'yes' });
    expect(JSON.stringify(lastCardTo(h, 'ou_manager').content)).toContain('¥12,500.00');
  });

  it('after a rejection, Edit & resubmit reopens the form pre-filled and refiles it as round 2', async () => {
    const { messageId, form } = await openForm('ou_spec1', 'equipment');
    await click(h, 'ou_spec1', messageId, button(form, 'request.submit'), { item: 'camera', purpose: '展会拍摄', returnDate: '2026-12-10 +0800' });
    const [req] = await h.db.db.select().from(smallRequests).where(eq(smallRequests.kind, 'equipment'));
    const card = lastCardTo(h, 'ou_manager');
    const opened = await click(h, 'ou_manager', card.messageId, button(card.content, 'approval.open', { f: 'reject' }));
    await click(h, 'ou_manager', card.messageId, button(opened.card!.data, 'approval.decide', { d: 'return' }), { reason: '请写明借用哪台相机' });
    expect((await requestRow(h, req!.approvalId!)).status).toBe('returned');

    const status = lastCardTo(h, 'ou_spec1');
    const edit = await click(h, 'ou_spec1', status.messageId, button(status.content, 'approval.resubmit'));
    const editForm = edit.card!.data;
    expect(JSON.stringify(editForm)).toContain('展会拍摄'); // pre-filled
    const refile = button(editForm, 'request.submit', { r: req!.approvalId! });
    const r = await click(h, 'ou_spec1', status.messageId, refile, { item: 'camera', detail: '索尼 A7', purpose: '展会拍摄', returnDate: '2026-12-10 +0800' });
    expect(r.toast!.type).toBe('success');
    expect(await requestRow(h, req!.approvalId!)).toMatchObject({ status: 'pending', round: 2 });
    expect((await stepsOf(h, req!.approvalId!)).map((s) => `${s.round}:${s.status}`)).toEqual(['1:returned', '2:pending']);
    expect(await auditActions(h, req!.approvalId!)).toEqual(['submit:ou_spec1', 'return_for_revision:ou_manager', 'resubmit:ou_spec1']);
    const [after] = await h.db.db.select().from(smallRequests).where(eq(smallRequests.id, req!.id));
    expect(after!.data).toMatchObject({ detail: '索尼 A7' });
    expect(JSON.stringify(lastCardTo(h, 'ou_manager').content)).toContain('索尼 A7');
  });
});
