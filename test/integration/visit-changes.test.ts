/** Rescheduling (within and beyond the tolerance), cancelling, and bad input that stores nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { approvalRequests, visits } from '../../db/schema/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { approvedVisit, button, click, customerWithContacts, dutiesOf, json, lastCardTo, PLAN_VALUES, planVisit, say, textsTo, visitRow } from './visit-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const card = (id: string) => h.lark.messages.get(id)!.content;

describe('rescheduling and cancelling a visit', () => {
  it('moves a visit within the tolerance without approval, and the record duty with it', async () => {
    const { visit, messageId } = await approvedVisit(h, 'ou_spec1', '中国移动通信集团');
    const form = await click(h, 'ou_spec1', messageId, button(card(messageId), 'visit.reschedule'));
    // only the planner may
    const stranger = await click(h, 'ou_spec2', messageId, button(card(messageId), 'visit.reschedule'));
    expect(stranger.toast?.type).toBe('error');
    const requests = await h.db.db.$count(approvalRequests);
    const moved = await click(h, 'ou_spec1', messageId, button(form.card!.data, 'visit.reschedule.save'), { vr_at: '2026-12-01 10:00 +0800', vr_budget: '3000', vr_reason: '客户临时开会' });
    expect(moved.toast?.type, moved.toast?.content).toBe('success');
    expect(json(moved.card)).toContain('无需重新审批');
    const v = await visitRow(h, visit.id);
    expect(v).toMatchObject({ status: 'approved' });
    expect(v.visitAt.toISOString()).toBe('2026-12-01T02:00:00.000Z');
    expect(await h.db.db.$count(approvalRequests)).toBe(requests);
    expect((await dutiesOf(h, visit.id)).find((d) => d.kind === 'visit_record')!.dueAt.toISOString()).toBe('2026-12-01T15:59:59.000Z');

    // a stale form (old version) changes nothing
    const stale = await click(h, 'ou_spec1', messageId, button(form.card!.data, 'visit.reschedule.save'), { vr_at: '2026-12-02 10:00 +0800', vr_budget: '3000' });
    expect(stale.toast?.type).toBe('info');
  });

  it('goes back to approval when moved beyond the tolerance or the budget rises, suspending the record duty', async () => {
    const [v0] = await h.db.db.select().from(visits);
    const form = await click(h, 'ou_spec1', v0!.formMessageId!, button(card(v0!.formMessageId!), 'visit.reschedule'));
    const r = await click(h, 'ou_spec1', v0!.formMessageId!, button(form.card!.data, 'visit.reschedule.save'), { vr_at: '2026-12-10 10:00 +0800', vr_budget: '5000' });
    expect(r.toast?.type).toBe('info');
    expect(json(r.card)).toContain('已重新提交审批');
    const v = await visitRow(h, v0!.id);
    expect(v.status).toBe('pending');
    expect(v.requestId).not.toBe(v0!.requestId);
    expect(json(lastCardTo(h, 'ou_manager').content)).toContain('2026-12-10');
    expect((await dutiesOf(h, v.id)).find((d) => d.kind === 'visit_record')!.cancelledAt).not.toBeNull();
    for (const who of ['ou_manager', 'ou_director', 'ou_finance']) {
      const c = lastCardTo(h, who);
      await click(h, who, c.messageId, button(c.content, 'approval.decide', { d: 'approve' }));
    }
    const after = await visitRow(h, v.id);
    expect(after.status).toBe('approved');
    const duty = (await dutiesOf(h, v.id)).find((d) => d.kind === 'visit_record')!;
    expect(duty.cancelledAt).toBeNull();
    expect(duty.dueAt.toISOString()).toBe('2026-12-10T15:59:59.000Z');
  });

  it('cancels with a reason: a reason is required, the duties are cancelled and a pending approval withdrawn', async () => {
    await customerWithContacts(h, 'ou_spec1', '中国联通');
    const { visit, messageId, answer } = await planVisit(h, 'ou_spec1', '中国联通');
    // the form became the visit card in the callback answer
    const form = await click(h, 'ou_spec1', messageId, button(answer.card!.data, 'visit.cancel'));
    const noReason = await click(h, 'ou_spec1', messageId, button(form.card!.data, 'visit.cancel.save'), { vc_reason: '  ' });
    expect(noReason.toast?.type).toBe('error');
    expect((await visitRow(h, visit.id)).status).toBe('pending');
    const ok = await click(h, 'ou_spec1', messageId, button(form.card!.data, 'visit.cancel.save'), { vc_reason: '客户项目暂停' });
    expect(ok.toast?.type).toBe('success');
    expect(json(ok.card)).toContain('客户项目暂停');
    expect(await visitRow(h, visit.id)).toMatchObject({ status: 'cancelled', cancelReason: '客户项目暂停' });
    const [req] = await h.db.db.select().from(approvalRequests).where(eq(approvalRequests.id, visit.requestId!));
    expect(req!.status).toBe('withdrawn');
    expect(textsTo(h, 'ou_manager').at(-1)).toContain('撤回');
  });

  it('cancelling an approved visit cancels its record duty', async () => {
    const { visit, messageId } = await approvedVisit(h, 'ou_spec1', '中国电信集团');
    const form = await click(h, 'ou_spec1', messageId, button(card(messageId), 'visit.cancel'));
    await click(h, 'ou_spec1', messageId, button(form.card!.data, 'visit.cancel.save'), { vc_reason: '改为电话沟通' });
    expect((await dutiesOf(h, visit.id)).find((d) => d.kind === 'visit_record')!.cancelledAt).not.toBeNull();
  });
});

describe('bad input stores nothing', () => {
  it('a rejected plan is edited and sent again: the form comes back filled in and the new round carries the change', async () => {
    await customerWithContacts(h, 'ou_spec2', '青岛啤酒股份有限公司');
    const planned = await planVisit(h, 'ou_spec2', '青岛啤酒股份有限公司');
    const m = lastCardTo(h, 'ou_manager');
    const opened = await click(h, 'ou_manager', m.messageId, button(m.content, 'approval.open', { f: 'reject' }));
    await click(h, 'ou_manager', m.messageId, button(opened.card!.data, 'approval.decide', { d: 'reject' }), { reason: '预算太高，压到两千以内' });
    const status = h.lark.sent().filter((x) => x.receiverOpenId === 'ou_spec2' && JSON.stringify(x.content).includes('approval.resubmit')).at(-1)!;
    const edit = await click(h, 'ou_spec2', status.messageId, button(status.content, 'approval.resubmit'));
    const form = json(edit.card);
    expect(form).toContain(PLAN_VALUES.vp_place); // filled in from the plan
    expect(form).toContain('visit.resubmit');
    // someone else cannot send it again
    const stranger = await click(h, 'ou_spec1', status.messageId, button(edit.card!.data, 'visit.resubmit'), { ...PLAN_VALUES, vp_budget: '1500' });
    expect(stranger.toast?.type).toBe('error');
    const again = await click(h, 'ou_spec2', status.messageId, button(edit.card!.data, 'visit.resubmit'), { ...PLAN_VALUES, vp_budget: '1500' });
    expect(again.toast?.type, again.toast?.content).toBe('success');
    const v = await visitRow(h, planned.visit.id);
    expect(v.budgetFen).toBe(150000);
    const [req] = await h.db.db.select().from(approvalRequests).where(eq(approvalRequests.id, v.requestId!));
    expect(req).toMatchObject({ status: 'pending', round: 2 });
    expect(json(lastCardTo(h, 'ou_manager').content)).toContain('¥1,500.00');
  });

  it('an unknown customer gets a clear reply', async () => {
    await say(h, 'ou_spec1', '拜访 不存在的公司XYZ');
    expect(textsTo(h, 'ou_spec1').at(-1)).toContain('找不到客户');
  });

  it('an invalid date, amount or quantity in the plan form is refused naming the box', async () => {
    await customerWithContacts(h, 'ou_spec1', '中国海油');
    await say(h, 'ou_spec1', '拜访 中国海油');
    const form = lastCardTo(h, 'ou_spec1');
    const count = await h.db.db.$count(visits);
    const chains = await h.db.db.$count(approvalRequests);
    const submit = button(form.content, 'visit.submit');
    const badDate = await click(h, 'ou_spec1', form.messageId, submit, { ...PLAN_VALUES, vp_at: '2026-02-30 10:00 +0800' });
    expect(badDate.toast?.i18n.zh_cn).toContain('拜访时间');
    const badMoney = await click(h, 'ou_spec1', form.messageId, submit, { ...PLAN_VALUES, vp_budget: '三千块' });
    expect(badMoney.toast?.i18n.zh_cn).toContain('不是有效金额');
    const badQty = await click(h, 'ou_spec1', form.messageId, submit, { ...PLAN_VALUES, mat_brochure_qty: '-2' });
    expect(badQty.toast?.i18n.zh_cn).toContain('宣传册');
    const noFirst = await click(h, 'ou_spec1', form.messageId, submit, { ...PLAN_VALUES, vp_first: undefined });
    expect(noFirst.toast?.i18n.zh_cn).toContain('首次接触方式');
    expect(await h.db.db.$count(visits)).toBe(count);
    expect(await h.db.db.$count(approvalRequests)).toBe(chains);
    // a good submit, then the same form again: one visit only
    expect((await click(h, 'ou_spec1', form.messageId, submit, PLAN_VALUES)).toast?.type).toBe('success');
    expect((await click(h, 'ou_spec1', form.messageId, submit, PLAN_VALUES)).toast?.type).toBe('info');
    expect(await h.db.db.$count(visits)).toBe(count + 1);
  });

  it('a plan in approval offers only 取消: 改期 would always be refused there, and a click from an older card is refused before any form opens', async () => {
    await customerWithContacts(h, 'ou_spec1', '中国石化');
    const { visit, messageId, answer } = await planVisit(h, 'ou_spec1', '中国石化');
    expect(visit.status).toBe('pending');
    const keys = [...JSON.stringify(answer.card).matchAll(/"k":"([^"]+)"/g)].map((m) => m[1]);
    expect(keys).toEqual(['visit.cancel']);
    const before = await visitRow(h, visit.id);
    const old = await click(h, 'ou_spec1', messageId, { v: 1, k: 'visit.reschedule', vi: visit.id });
    expect(old.toast?.type).toBe('error');
    expect(old.toast?.i18n.zh_cn).toBe('计划还在审批中：可在审批卡片上撤回，改好后重新提交。');
    expect(old.card).toBeUndefined(); // no reschedule form
    expect(await visitRow(h, visit.id)).toEqual(before);
    // 取消 works in approval: the request is withdrawn with it
    const form = await click(h, 'ou_spec1', messageId, button(answer.card!.data, 'visit.cancel'));
    const done = await click(h, 'ou_spec1', messageId, button(form.card!.data, 'visit.cancel.save'), { vc_reason: '客户推迟' });
    expect(done.toast?.type, done.toast?.content).toBe('success');
    expect((await visitRow(h, visit.id)).status).toBe('cancelled');
    // and a cancelled visit offers nothing, and refuses a late cancel before its form opens
    const late = await click(h, 'ou_spec1', messageId, { v: 1, k: 'visit.cancel', vi: visit.id });
    expect(late.toast?.type).toBe('error');
    expect(late.card).toBeUndefined();
  });
});
