/** A reception: the plan (venue defaulting to 商务室), manager → director, the report by message, and the reimbursement gate. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { approvalRequests, obligations, receptions, reimbursements } from '../../db/schema/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { approveChain, button, click, json, lastCardTo, say } from './visit-helpers.js';
import { newCustomer } from './customer-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('a reception with its report and the reimbursement gate', () => {
  let id = '';

  it('plans the reception: manager → director, the report duty opened on approval', async () => {
    await newCustomer(h, 'ou_spec1', '三一重工股份有限公司');
    await say(h, 'ou_spec1', '接待 三一重工');
    const form = lastCardTo(h, 'ou_spec1');
    expect(json(form.content)).toContain('"default_value":"商务室"');
    const bad = await click(h, 'ou_spec1', form.messageId, button(form.content, 'reception.submit'), { rp_guests: '采购部王总一行3人', rp_at: '明年的某天' });
    expect(bad.toast?.type).toBe('error');
    expect(await h.db.db.$count(receptions)).toBe(0);
    const ok = await click(h, 'ou_spec1', form.messageId, button(form.content, 'reception.submit'), {
      rp_guests: '采购部王总一行3人', rp_at: '2026-11-30 10:00 +0800', rp_hosts: ['ou_manager', 'ou_spec1'], rp_meals: '中午外出用餐', rp_leader: 'ou_director', rp_lodging: '四星级酒店', rp_budget: '4000',
    });
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    const [row] = await h.db.db.select().from(receptions);
    id = row!.id;
    expect(row).toMatchObject({ status: 'pending', budgetFen: 400_000 });
    expect(row!.plan).toMatchObject({ venue: '商务室', leaderId: 'ou_director', hosts: ['ou_manager', 'ou_spec1'] });
    await approveChain(h, ['ou_manager', 'ou_director']);
    expect((await h.db.db.select().from(receptions))[0]!.status).toBe('approved');
    const [duty] = await h.db.db.select().from(obligations).where(eq(obligations.subjectId, id));
    expect(duty).toMatchObject({ kind: 'reception_report', doneAt: null });
  });

  it('refuses the reimbursement without the report', async () => {
    await say(h, 'ou_spec1', '报销');
    const gate = lastCardTo(h, 'ou_spec1');
    expect(json(gate.content)).toContain('无接待报告不得报销');
    button(gate.content, 'reception.report.start', { s: id });
    expect(await h.db.db.$count(reimbursements)).toBe(0);
  });

  it('takes the report by message, confirms it, and then accepts the claim (manager → finance)', async () => {
    h.clock.set('2026-11-30T08:00:00Z');
    const sent = await say(h, 'ou_spec1', '接待报告：今天上午三一重工采购部王总一行3人来访，参观了生产线，介绍了新产品。客户反馈很满意，下一步安排技术交流。');
    const confirm = sent.at(-1)!;
    expect(json(confirm.content)).toContain('请确认接待报告');
    const ok = await click(h, 'ou_spec1', confirm.messageId, button(confirm.content, 'draft.confirm'));
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    const [row] = await h.db.db.select().from(receptions);
    expect(row!.status).toBe('reported');
    expect(row!.report!.points).toContain('参观了生产线');
    expect((await h.db.db.select().from(obligations).where(eq(obligations.subjectId, id)))[0]!.doneAt).not.toBeNull();

    await say(h, 'ou_spec1', '报销 三一');
    const form = lastCardTo(h, 'ou_spec1');
    const filed = await click(h, 'ou_spec1', form.messageId, button(form.content, 'reimb.submit'), { ri_item_1: '午餐', ri_amount_1: '1800' });
    expect(filed.toast?.type, filed.toast?.content).toBe('success');
    expect(json(filed.card)).not.toContain('超出预算');
    await approveChain(h, ['ou_manager', 'ou_finance']);
    expect((await h.db.db.select().from(reimbursements))[0]).toMatchObject({ status: 'approved', totalFen: 180_000, subjectType: 'reception' });
  });
});

describe('cancelling a reception', () => {
  it('needs the lead and a reason; a plan in approval is withdrawn and the card says why', async () => {
    await newCustomer(h, 'ou_spec2', '潍柴动力股份有限公司');
    await say(h, 'ou_spec2', '接待 潍柴动力');
    const form = lastCardTo(h, 'ou_spec2');
    const ok = await click(h, 'ou_spec2', form.messageId, button(form.content, 'reception.submit'), { rp_guests: '技术部一行2人', rp_at: '2026-12-02 14:00 +0800', rp_hosts: ['ou_spec2'] });
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    const [row] = await h.db.db.select().from(receptions).where(eq(receptions.ownerId, 'ou_spec2'));
    const cancel = button(ok.card!.data, 'reception.cancel');

    const stranger = await click(h, 'ou_spec1', form.messageId, cancel);
    expect(stranger.toast?.type).toBe('error');
    const reasonForm = await click(h, 'ou_spec2', form.messageId, cancel);
    const save = button(reasonForm.card!.data, 'reception.cancel.save');
    const empty = await click(h, 'ou_spec2', form.messageId, save, { rc_reason: '  ' });
    expect(empty.toast?.type).toBe('error');
    expect((await h.db.db.select().from(receptions).where(eq(receptions.id, row!.id)))[0]!.status).toBe('pending');

    const done = await click(h, 'ou_spec2', form.messageId, save, { rc_reason: '客户改为线上会议' });
    expect(done.toast?.type, done.toast?.content).toBe('success');
    expect(json(done.card)).toContain('客户改为线上会议');
    const [after] = await h.db.db.select().from(receptions).where(eq(receptions.id, row!.id));
    expect(after).toMatchObject({ status: 'cancelled', cancelReason: '客户改为线上会议' });
    const [req] = await h.db.db.select().from(approvalRequests).where(eq(approvalRequests.id, after!.requestId!));
    expect(req!.status).toBe('withdrawn');
    // a second cancel from the same form is refused: the card already changed
    const again = await click(h, 'ou_spec2', form.messageId, save, { rc_reason: '再取消一次' });
    expect(again.toast?.type).not.toBe('success');
  });
});

describe('editing a rejected reception plan', () => {
  it('gives the plan form filled in; the edited plan starts round 2 of the same request, and strangers change nothing', async () => {
    const { requestRow } = await import('./approval-helpers.js');
    await newCustomer(h, 'ou_spec1', '徐工集团工程机械股份有限公司');
    await say(h, 'ou_spec1', '接待 徐工集团');
    const form = lastCardTo(h, 'ou_spec1');
    await click(h, 'ou_spec1', form.messageId, button(form.content, 'reception.submit'), { rp_guests: '采购部一行4人', rp_at: '2026-12-08 10:00 +0800', rp_hosts: ['ou_spec1'], rp_budget: '6000' });
    const [row] = await h.db.db.select().from(receptions).where(eq(receptions.formMessageId, form.messageId));
    const m = lastCardTo(h, 'ou_manager');
    const opened = await click(h, 'ou_manager', m.messageId, button(m.content, 'approval.open', { f: 'reject' }));
    await click(h, 'ou_manager', m.messageId, button(opened.card!.data, 'approval.decide', { d: 'reject' }), { reason: '预算过高，请控制在4000以内' });
    expect((await requestRow(h, row!.requestId!)).status).toBe('rejected');

    const told = lastCardTo(h, 'ou_spec1');
    const edit = await click(h, 'ou_spec1', told.messageId, button(told.content, 'approval.resubmit'));
    const card = json(edit.card);
    expect(card).toContain('修改接待计划');
    expect(card).toContain('"default_value":"采购部一行4人"');
    expect(card).toContain('"default_value":"6000"');
    expect(card).toContain('"initial_datetime":"2026-12-08 10:00"');
    const submit = button(edit.card!.data, 'reception.resubmit');

    const stranger = await click(h, 'ou_spec2', told.messageId, submit, { rp_guests: 'x', rp_at: '2026-12-08 10:00 +0800' });
    expect(stranger.toast?.type).toBe('error');
    const badDate = await click(h, 'ou_spec1', told.messageId, submit, { rp_guests: '采购部一行4人', rp_at: '下个月' });
    expect(badDate.toast?.type).toBe('error');
    expect((await requestRow(h, row!.requestId!)).status).toBe('rejected');

    const ok = await click(h, 'ou_spec1', told.messageId, submit, { rp_guests: '采购部一行3人', rp_at: '2026-12-08 10:00 +0800', rp_hosts: ['ou_spec1'], rp_budget: '3800' });
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    expect(await requestRow(h, row!.requestId!)).toMatchObject({ status: 'pending', round: 2 });
    const [after] = await h.db.db.select().from(receptions).where(eq(receptions.id, row!.id));
    expect(after).toMatchObject({ budgetFen: 380_000, plan: expect.objectContaining({ guests: '采购部一行3人' }) });
    expect(json(lastCardTo(h, 'ou_manager').content)).toContain('采购部一行3人');
  });
});
