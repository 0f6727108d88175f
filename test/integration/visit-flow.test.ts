/**
 * The visit, end to end through the webhook: plan → three approvals → the record sent as free
 * text → confirm → follow-up by message → reimbursement; and the gate refusing a claim before
 * the record exists, with nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { reimbursements, reportDrafts } from '../../db/schema/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { approveChain, button, claimsOf, click, customerWithContacts, dutiesOf, json, lastCardTo, planVisit, say, sendAttachment, textsTo, visitRow } from './visit-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('a visit from plan to reimbursement', () => {
  let visitId = '';
  let visitCardId = '';

  it('plans a visit from chat: the form shows the contacts with buyer roles and asks for the first-contact method', async () => {
    await customerWithContacts(h, 'ou_spec1', '中国华能集团有限公司');
    await say(h, 'ou_spec1', '拜访 华能');
    const form = json(lastCardTo(h, 'ou_spec1').content);
    expect(form).toContain('王总（经济买家）');
    expect(form).toContain('陈科长（教练买家）');
    expect(form).toContain('vp_first');
    const { visit, messageId, answer } = await planVisit(h, 'ou_spec1', '华能');
    visitId = visit.id;
    visitCardId = messageId;
    expect(visit).toMatchObject({ status: 'pending', budgetFen: 300_000 });
    expect(visit.plan.contacts).toEqual([{ name: '王总', roles: ['经济买家'] }, { name: '陈科长', roles: ['教练买家'] }]);
    expect(visit.plan.materials).toEqual([{ item: 'brochure', quantity: 20, dueOn: '2026-11-29', ownerId: 'ou_assistant' }]);
    expect(json(answer.card)).toContain('审批中');
    expect(json(lastCardTo(h, 'ou_manager').content)).toContain('¥3,000.00');
  });

  it('refuses a reimbursement while the visit has no record, saying what is missing, and stores nothing', async () => {
    const before = lastCardTo(h, 'ou_spec1').messageId;
    await say(h, 'ou_spec1', '报销');
    // pending plans cannot be claimed at all
    expect(textsTo(h, 'ou_spec1').at(-1)).toContain('没有可报销');
    await approveChain(h, ['ou_manager', 'ou_director', 'ou_finance']);
    expect((await visitRow(h, visitId)).status).toBe('approved');
    const duty = (await dutiesOf(h, visitId)).find((d) => d.kind === 'visit_record')!;
    expect(duty.dueAt.toISOString()).toBe('2026-11-30T15:59:59.000Z');
    expect(duty.meta).toMatchObject({ action: { k: 'visit.record.start', vi: visitId } });

    await say(h, 'ou_spec1', '报销 华能');
    const gate = lastCardTo(h, 'ou_spec1');
    expect(gate.messageId).not.toBe(before);
    expect(json(gate.content)).toContain('无拜访总结不得报销');
    button(gate.content, 'visit.record.start', { vi: visitId });
    expect(await claimsOf(h, visitId)).toHaveLength(0);
    // the visit card's own button is refused the same way
    const viaCard = await click(h, 'ou_spec1', visitCardId, button(h.lark.messages.get(visitCardId)!.content, 'reimb.start'));
    expect(viaCard.toast?.type).toBe('warning');
    expect(await claimsOf(h, visitId)).toHaveLength(0);
  });

  it('takes the record as free text, shows what it understood, and confirms it', async () => {
    h.clock.set('2026-11-30T09:00:00Z'); // 17:00 on the visit day
    const sent = await say(h, 'ou_spec1', '今天下午在华能总部和王总面谈，介绍了监测方案。王总说价格偏高，希望再优惠5%。下一步：周五前把报价单发过去，约了下周三再去拜访。');
    expect(sent).toHaveLength(1);
    const confirm = sent[0]!;
    const text = json(confirm.content);
    expect(text).toContain('请确认拜访总结');
    expect(text).toContain('价格偏高');
    expect(text).toContain('2026-12-09'); // 下周三
    const [draft] = await h.db.db.select().from(reportDrafts).where(eq(reportDrafts.ownerId, 'ou_spec1'));
    expect(draft).toMatchObject({ status: 'open', subjectId: visitId, kind: 'visit_record' });
    expect((await visitRow(h, visitId)).record).toBeNull(); // nothing final before the confirm

    const toOversight = () => h.lark.sent().filter((m) => m.receiverOpenId === 'ou_manager' || m.receiverOpenId === 'ou_director').length;
    const beforeConfirm = toOversight();
    const ok = await click(h, 'ou_spec1', confirm.messageId, button(confirm.content, 'draft.confirm'));
    expect(ok.toast?.type).toBe('success');
    // one message each for the manager and the director: the card, headed by who sent it
    expect(toOversight() - beforeConfirm).toBe(2);
    const v = await visitRow(h, visitId);
    expect(v.status).toBe('recorded');
    expect(v.record!.customerView).toContain('价格偏高');
    expect(v.record!.nextVisitAt).toBe('2026-12-08T16:00:00.000Z');
    const duties = await dutiesOf(h, visitId);
    expect(duties.find((d) => d.kind === 'visit_record')!.doneAt).not.toBeNull();
    const follow = duties.find((d) => d.kind === 'follow_up')!;
    expect(follow.dueAt.toISOString()).toBe('2026-12-07T15:59:59.000Z');
    // the manager and the director got the visit card with the record to check
    const managerCopy = lastCardTo(h, 'ou_manager');
    for (const who of ['ou_manager', 'ou_director']) {
      const c = lastCardTo(h, who);
      expect(json(c.content)).toContain('李专员 提交了「中国华能集团有限公司」的拜访总结');
      const check = await click(h, who, c.messageId, button(c.content, 'visit.record.view'));
      expect(check.toast?.type, check.toast?.content).toBe('success');
    }
    // a colleague may not
    const no = await click(h, 'ou_spec2', managerCopy.messageId, button(managerCopy.content, 'visit.record.view'));
    expect(no.toast?.type).toBe('error');
    // the confirm card became the visit card, offering the follow-up and the next visit's plan
    button(ok.card!.data, 'visit.followup', { vi: visitId });
    button(ok.card!.data, 'visit.plan', { from: visitId });
  });

  it('offers the next visit’s plan with the customer and contacts filled in', async () => {
    const v = await visitRow(h, visitId);
    const cardNow = h.lark.messages.get(visitCardId)!;
    const answer = await click(h, 'ou_spec1', visitCardId, button(cardNow.content, 'visit.plan', { c: v.customerId, from: visitId }));
    expect(answer.toast?.type).toBe('success');
    const form = json(lastCardTo(h, 'ou_spec1').content);
    expect(form).toContain('"initial_datetime":"2026-12-09 00:00"');
    expect(form).toContain('"selected_values":["0","1"]');
    expect(form).not.toContain('vp_first'); // not a first contact any more
  });

  it('records the follow-up by message', async () => {
    h.clock.set('2026-12-03T02:00:00Z');
    const sent = await say(h, 'ou_spec1', '回访 华能 电话回访了王总，对方案很认可，满意度5分');
    const confirm = sent.at(-1)!;
    expect(json(confirm.content)).toContain('请确认回访');
    const toOversight = () => h.lark.sent().filter((m) => m.receiverOpenId === 'ou_manager' || m.receiverOpenId === 'ou_director').length;
    const beforeConfirm = toOversight();
    const ok = await click(h, 'ou_spec1', confirm.messageId, button(confirm.content, 'draft.confirm'));
    expect(ok.toast?.type).toBe('success');
    // The follow-up is not news for the manager and the director: the visit cards they already
    // hold are patched to show it, and nothing new arrives.
    expect(toOversight() - beforeConfirm).toBe(0);
    const v = await visitRow(h, visitId);
    expect(v.followUp).toMatchObject({ method: 'phone', satisfaction: 5 });
    expect((await dutiesOf(h, visitId)).find((d) => d.kind === 'follow_up')!.doneAt).not.toBeNull();
  });

  it('accepts the reimbursement once the record is in: receipts attach, bad amounts are refused, over budget is flagged', async () => {
    await say(h, 'ou_spec1', '报销');
    const form = lastCardTo(h, 'ou_spec1');
    expect(json(form.content)).toContain('费用报销');
    const [draft] = await claimsOf(h, visitId);
    expect(draft).toMatchObject({ status: 'draft' });

    await sendAttachment(h, 'ou_spec1', 'image', { image_key: 'img_v3_receipt1' });
    expect(textsTo(h, 'ou_spec1').at(-1)).toContain('共 1 张票据');
    expect((await claimsOf(h, visitId))[0]!.receipts).toEqual([expect.objectContaining({ type: 'image', key: 'img_v3_receipt1' })]);

    const badAmount = await click(h, 'ou_spec1', form.messageId, button(form.content, 'reimb.submit'), { ri_item_1: '交通', ri_amount_1: '三百' });
    expect(badAmount.toast?.type).toBe('error');
    expect(badAmount.toast?.i18n.zh_cn).toContain('不是有效金额');
    expect((await claimsOf(h, visitId))[0]!.status).toBe('draft');

    const ok = await click(h, 'ou_spec1', form.messageId, button(form.content, 'reimb.submit'), { ri_item_1: '交通', ri_amount_1: '1200', ri_item_2: '招待餐费', ri_amount_2: '2,300.50' });
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    expect(json(ok.card)).toContain('超出预算');
    const [claim] = await h.db.db.select().from(reimbursements).where(eq(reimbursements.subjectId, visitId));
    expect(claim).toMatchObject({ status: 'submitted', totalFen: 350_050 });
    expect(json(lastCardTo(h, 'ou_manager').content)).toContain('超出预算');
    await approveChain(h, ['ou_manager', 'ou_finance']);
    expect((await claimsOf(h, visitId))[0]!.status).toBe('approved');
    // a second submit of the same form changes nothing
    const again = await click(h, 'ou_spec1', form.messageId, button(form.content, 'reimb.submit'), { ri_item_1: '交通', ri_amount_1: '1' });
    expect(again.toast?.type).toBe('info');
  });
});
