/**
 * The reception card after every transition of its plan's approval (issue 17), as the visit card:
 * a rejection turns it from 审批中 with 改期 into 已驳回 with 修改并重新提交; a resubmission with a
 * smaller budget patches it at once with the new plan and retires the manager's round-1 card; a
 * withdrawal says 已撤回 and leaves only 取消接待; every card ends 已批准.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { buttonValues } from './approval-helpers.js';
import { newCustomer } from './customer-helpers.js';
import { approveChain, button, click, json, lastCardTo, say } from './visit-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness(); // Fri 27 Nov 10:00 Shanghai
});
afterAll(async () => h?.close());

const content = (id: string) => h.lark.messages.get(id)!.content;
const keys = (id: string) => buttonValues(content(id)).map((v) => v.k);
const PLAN = { rp_guests: '采购部王总一行3人', rp_at: '2026-11-30 10:00 +0800', rp_hosts: ['ou_manager', 'ou_spec1'], rp_leader: 'ou_director' };

/** Files a reception plan from its form; the form's message becomes the reception card. */
async function planReception(name: string, budget: string) {
  await say(h, 'ou_spec1', `接待 ${name}`);
  const form = lastCardTo(h, 'ou_spec1');
  const ok = await click(h, 'ou_spec1', form.messageId, button(form.content, 'reception.submit'), { ...PLAN, rp_budget: budget });
  expect(ok.toast?.type, ok.toast?.content).toBe('success');
  return { messageId: form.messageId, answer: ok };
}

async function reject(reason: string) {
  const m = lastCardTo(h, 'ou_manager');
  const opened = await click(h, 'ou_manager', m.messageId, button(m.content, 'approval.open', { f: 'reject' }));
  const r = await click(h, 'ou_manager', m.messageId, button(opened.card!.data, 'approval.decide', { d: 'reject' }), { reason });
  expect(r.toast?.type, r.toast?.content).toBe('success');
  return m;
}

/** The requester's status card (我的申请) of the latest request. */
const statusCard = () => h.lark.sent().filter((x) => x.receiverOpenId === 'ou_spec1' && json(x.content).includes('我的申请')).at(-1)!;

describe('the reception card through rejection and resubmission', () => {
  it('says 已驳回 with resubmit after a rejection, shows the new plan right after a resubmission, and 已批准 at the end', async () => {
    await newCustomer(h, 'ou_spec1', '三一重工股份有限公司');
    const planned = await planReception('三一重工', '12000');
    const receptionCard = planned.messageId;
    // (the callback answer put the reception card in the form's place)
    expect(json(planned.answer.card)).toContain('审批中');
    // in approval 改期 is always refused, so it is not offered; 取消 is
    expect(buttonValues(planned.answer.card).map((v) => v.k)).toEqual(['reception.cancel']);

    const round1 = await reject('预算太高，压到五千以内');
    // the reception card was patched: no 审批中 nor 改期 any more, and it offers the way on
    const rejected = json(content(receptionCard));
    expect(rejected).toContain('已驳回');
    expect(rejected).not.toContain('审批中');
    expect(keys(receptionCard)).not.toContain('reception.reschedule');
    expect(keys(receptionCard)).toEqual(expect.arrayContaining(['approval.resubmit', 'reception.cancel']));

    // resubmit from the request card: the reception card (the other copy) follows at once
    const status = statusCard();
    const edit = await click(h, 'ou_spec1', status.messageId, button(content(status.messageId), 'approval.resubmit'));
    expect(json(edit.card)).toContain('reception.resubmit');
    const again = await click(h, 'ou_spec1', status.messageId, button(edit.card!.data, 'reception.resubmit'), { ...PLAN, rp_budget: '4800' });
    expect(again.toast?.type, again.toast?.content).toBe('success');
    expect(json(again.card)).toContain('¥4,800.00');
    const now = json(content(receptionCard));
    expect(now).toContain('¥4,800.00');
    expect(now).not.toContain('¥12,000.00');
    expect(now).toContain('审批中');
    expect(now).not.toContain('已驳回');
    expect(keys(receptionCard)).toEqual(['reception.cancel']);
    // the manager's round-1 card is retired; only the new one offers 同意
    expect(buttonValues(content(round1.messageId))).toEqual([]);
    const round2 = lastCardTo(h, 'ou_manager');
    expect(round2.messageId).not.toBe(round1.messageId);
    expect(json(round2.content)).toContain('¥4,800.00');

    await approveChain(h, ['ou_manager', 'ou_director']);
    // the form's message that took the request card's place became a second reception card
    for (const id of [receptionCard, status.messageId]) {
      const text = json(content(id));
      expect(text).toContain('已批准');
      expect(text).not.toContain('审批中');
      expect(keys(id)).toContain('reimb.start');
    }
    expect(keys(receptionCard)).toContain('reception.reschedule'); // approved: now it moves
  });

  it('says 已撤回 after a withdrawal, with only 取消接待 left', async () => {
    await newCustomer(h, 'ou_spec1', '中联重科股份有限公司');
    const receptionCard = (await planReception('中联重科', '3000')).messageId;
    const status = statusCard();
    const w = await click(h, 'ou_spec1', status.messageId, button(content(status.messageId), 'approval.withdraw'));
    expect(w.toast?.type, w.toast?.content).toBe('success');
    await h.settle();
    const text = json(content(receptionCard));
    expect(text).toContain('已撤回');
    expect(text).not.toContain('审批中');
    expect(keys(receptionCard)).toEqual(['reception.cancel']);
  });
});
