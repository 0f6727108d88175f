/**
 * The visit card after every transition of its plan's approval (issue 17): a rejection turns it
 * from 审批中 with 改期 into 已驳回 with 修改并重新提交; a resubmission with a smaller budget patches
 * it at once with the new plan; the request card and the visit card use one word for approved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { buttonValues } from './approval-helpers.js';
import { approveChain, button, click, customerWithContacts, json, lastCardTo, PLAN_VALUES, planVisit } from './visit-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const content = (id: string) => h.lark.messages.get(id)!.content;
const keys = (id: string) => buttonValues(content(id)).map((v) => v.k);

describe('the visit card through rejection and resubmission', () => {
  it('says 已驳回 with resubmit after a rejection, shows the new plan right after a resubmission, and 已批准 on every card at the end', async () => {
    await customerWithContacts(h, 'ou_spec1', '国家能源投资集团');
    const planned = await planVisit(h, 'ou_spec1', '国家能源投资集团', { ...PLAN_VALUES, vp_budget: '12000' });
    const visitCard = planned.messageId;
    // (the callback answer put the visit card in the form's place)
    expect(json(planned.answer.card)).toContain('审批中');
    // in approval 改期 is always refused, so it is not offered; 取消 is
    expect(buttonValues(planned.answer.card).map((v) => v.k)).toEqual(['visit.cancel']);

    const m = lastCardTo(h, 'ou_manager');
    const opened = await click(h, 'ou_manager', m.messageId, button(m.content, 'approval.open', { f: 'reject' }));
    await click(h, 'ou_manager', m.messageId, button(opened.card!.data, 'approval.decide', { d: 'reject' }), { reason: '预算太高，压到五千以内' });
    // the visit card was patched: it no longer says 审批中 nor offers 改期, and it offers the way on
    const rejected = json(content(visitCard));
    expect(rejected).toContain('已驳回');
    expect(rejected).not.toContain('审批中');
    expect(keys(visitCard)).not.toContain('visit.reschedule');
    expect(keys(visitCard)).toEqual(expect.arrayContaining(['approval.resubmit', 'visit.cancel']));

    // resubmit from the request card, as the issue did: the visit card (the other copy) follows at once
    const status = h.lark.sent().find((x) => x.receiverOpenId === 'ou_spec1' && json(x.content).includes('我的申请'))!;
    const edit = await click(h, 'ou_spec1', status.messageId, button(content(status.messageId), 'approval.resubmit'));
    expect(json(edit.card)).toContain('visit.resubmit');
    const again = await click(h, 'ou_spec1', status.messageId, button(edit.card!.data, 'visit.resubmit'), { ...PLAN_VALUES, vp_budget: '4800' });
    expect(again.toast?.type, again.toast?.content).toBe('success');
    expect(json(again.card)).toContain('¥4,800.00');
    const visitNow = json(content(visitCard));
    expect(visitNow).toContain('¥4,800.00');
    expect(visitNow).not.toContain('¥12,000.00');
    expect(visitNow).toContain('审批中');
    expect(keys(visitCard)).toEqual(['visit.cancel']);
    // the manager's round-1 card is retired; only the new one offers 同意
    expect(buttonValues(content(m.messageId))).toEqual([]);
    const round2 = lastCardTo(h, 'ou_manager');
    expect(round2.messageId).not.toBe(m.messageId);
    expect(json(round2.content)).toContain('¥4,800.00');

    await approveChain(h, ['ou_manager', 'ou_director', 'ou_finance']);
    // the form's message became a second visit card; every copy ends 已批准, as the request is
    for (const id of [visitCard, status.messageId]) {
      const text = json(content(id));
      expect(text).toContain('已批准');
      expect(text).not.toContain('已通过');
    }
    expect(keys(visitCard)).toContain('visit.record.start');
    expect(keys(visitCard)).toContain('visit.reschedule'); // approved: now it moves
  });
});
