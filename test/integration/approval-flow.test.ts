/** A visit plan's three-tier chain driven through the webhook: submit, approve at each tier, reject, resubmit, withdraw, transfer. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { auditActions, button, buttonValues, cardsTo, click, copiesOf, lastCardTo, requestRow, ROSTER_2, stepsOf, submitVisitPlan, textsTo } from './approval-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ roster: ROSTER_2 });
});
afterAll(async () => h?.close());

describe('a visit plan with a budget goes manager → director → finance', () => {
  it('submits, is approved at each tier, and every copy ends without buttons', async () => {
    const id = await submitVisitPlan(h);
    const managerCard = lastCardTo(h, 'ou_manager');
    const requesterCard = lastCardTo(h, 'ou_spec1');
    expect(JSON.stringify(managerCard.content)).toContain('华东电网');
    expect(JSON.stringify(requesterCard.content)).toContain('我的申请');
    button(requesterCard.content, 'approval.withdraw');
    expect((await copiesOf(h, id)).map((c) => c.subjectId).sort()).toEqual([`${id}:approver:ou_manager`, `${id}:requester`]);
    expect(await requestRow(h, id)).toMatchObject({ status: 'pending', version: 1, currentStep: 0, round: 1 });

    // manager approves with a comment: the answer shows their copy without controls, the director is asked
    const a1 = await click(h, 'ou_manager', managerCard.messageId, button(managerCard.content, 'approval.decide', { d: 'approve' }), { comment: '同意拜访' });
    expect(a1.toast).toMatchObject({ type: 'success' });
    expect(buttonValues(a1.card!.data)).toEqual([]);
    expect(JSON.stringify(a1.card!.data)).toContain('同意拜访');
    expect(h.lark.messages.get(requesterCard.messageId)!.patches).toBe(1);
    expect(h.lark.messages.get(managerCard.messageId)!.patches).toBe(0); // the callback answer updated it
    const directorCard = lastCardTo(h, 'ou_director');

    const a2 = await click(h, 'ou_director', directorCard.messageId, button(directorCard.content, 'approval.decide', { d: 'approve' }));
    expect(a2.toast!.type).toBe('success');
    expect(h.lark.messages.get(managerCard.messageId)!.patches).toBe(1);
    expect(h.lark.messages.get(requesterCard.messageId)!.patches).toBe(2);
    const financeCard = lastCardTo(h, 'ou_finance');

    const before = cardsTo(h, 'ou_spec1').length;
    const a3 = await click(h, 'ou_finance', financeCard.messageId, button(financeCard.content, 'approval.decide', { d: 'approve' }));
    expect(a3.toast!.type).toBe('success');
    expect(await requestRow(h, id)).toMatchObject({ status: 'approved', version: 4, currentStep: null });
    expect((await stepsOf(h, id)).map((s) => `${s.tier}:${s.status}:${s.decidedBy}`)).toEqual([
      'manager:approved:ou_manager',
      'director:approved:ou_director',
      'finance:approved:ou_finance',
    ]);
    expect(await auditActions(h, id)).toEqual(['submit:ou_spec1', 'approve:ou_manager', 'approve:ou_director', 'approve:ou_finance']);
    // the requester is told in one line, not a second copy of the card they hold; every copy was patched to the final state, with no buttons left
    expect(cardsTo(h, 'ou_spec1')).toHaveLength(before);
    expect(textsTo(h, 'ou_spec1').at(-1)).toBe('你的拜访计划已批准（周财务）。');
    expect(JSON.stringify(h.lark.messages.get(requesterCard.messageId)!.content)).toContain('已批准');
    for (const m of [requesterCard, managerCard, directorCard]) {
      const now = h.lark.messages.get(m.messageId)!;
      expect(buttonValues(now.content), m.messageId).toEqual([]);
    }
    expect(JSON.stringify(h.lark.messages.get(managerCard.messageId)!.content)).toContain('周财务');
  });

  it('a plan with no budget skips finance, with the skip recorded', async () => {
    const id = await submitVisitPlan(h, 'ou_spec2', false);
    expect((await stepsOf(h, id)).map((s) => `${s.tier}:${s.status}:${s.skipReason ?? ''}`)).toEqual(['manager:pending:', 'director:waiting:', 'finance:skipped:no_budget']);
    expect(await auditActions(h, id)).toEqual(['submit:ou_spec2', 'skip:ou_spec2']);
  });
});

describe('reject, resubmit, withdraw, transfer', () => {
  it('a rejection needs a reason, tells the requester why and offers resubmit; resubmit starts round 2 and keeps round 1', async () => {
    const id = await submitVisitPlan(h);
    const managerCard = lastCardTo(h, 'ou_manager');
    const opened = await click(h, 'ou_manager', managerCard.messageId, button(managerCard.content, 'approval.open', { f: 'reject' }));
    const reject = button(opened.card!.data, 'approval.decide', { d: 'reject' });
    expect(JSON.stringify(opened.card!.data)).toContain('原因（必填）');

    const empty = await click(h, 'ou_manager', managerCard.messageId, reject, { reason: '  ' });
    expect(empty.toast).toMatchObject({ type: 'error' });
    expect(empty.toast!.content).toContain('原因');
    expect(await requestRow(h, id)).toMatchObject({ status: 'pending', version: 1 });

    const done = await click(h, 'ou_manager', managerCard.messageId, reject, { reason: '预算过高，请压缩到一万以内' });
    expect(done.toast!.type).toBe('success');
    expect(await requestRow(h, id)).toMatchObject({ status: 'rejected', version: 2 });
    const told = lastCardTo(h, 'ou_spec1');
    expect(JSON.stringify(told.content)).toContain('预算过高，请压缩到一万以内');
    // the reason is printed once on the card (the outcome line), not again under the step
    expect(JSON.stringify(told.content).split('预算过高，请压缩到一万以内').length - 1).toBe(3); // one markdown element: its fallback, zh_cn and en_us
    expect(textsTo(h, 'ou_spec1').at(-1)).toContain('原因：预算过高，请压缩到一万以内');
    const resubmit = button(told.content, 'approval.resubmit');

    // a visit plan has no edit form yet, so resubmit sends it again unchanged: round 2, chain planned afresh
    const again = await click(h, 'ou_spec1', told.messageId, resubmit);
    expect(again.toast!.type).toBe('success');
    expect(await requestRow(h, id)).toMatchObject({ status: 'pending', round: 2, version: 3, currentStep: 3 });
    expect((await stepsOf(h, id)).map((s) => `${s.round}:${s.tier}:${s.status}`)).toEqual([
      '1:manager:rejected',
      '1:director:cancelled',
      '1:finance:cancelled',
      '2:manager:pending',
      '2:director:waiting',
      '2:finance:waiting',
    ]);
    expect(await auditActions(h, id)).toEqual(['submit:ou_spec1', 'reject:ou_manager', 'resubmit:ou_spec1']);
    const round2 = lastCardTo(h, 'ou_manager');
    expect(round2.messageId).not.toBe(managerCard.messageId);
    expect(JSON.stringify(round2.content)).toContain('历史记录');
    button(round2.content, 'approval.decide', { d: 'approve', ver: 3 });
    // the round-1 card is patched once to say so and offers nothing: only the newest card is live
    const old = h.lark.messages.get(managerCard.messageId)!;
    expect(buttonValues(old.content)).toEqual([]);
    expect(JSON.stringify(old.content)).toContain('本卡片不再用于审批');
    const oldClick = await click(h, 'ou_manager', managerCard.messageId, reject, { reason: '旧卡片' });
    expect(oldClick.toast!.type).not.toBe('success');
    expect((await requestRow(h, id)).status).toBe('pending');
    // a second click on the old resubmit button changes nothing
    const twice = await click(h, 'ou_spec1', told.messageId, resubmit);
    expect(twice.toast!.type).not.toBe('success');
    expect((await requestRow(h, id)).version).toBe(3);
  });

  it('withdraw tells the approver, removes their buttons, and a later click is refused', async () => {
    const id = await submitVisitPlan(h);
    const managerCard = lastCardTo(h, 'ou_manager');
    const approve = button(managerCard.content, 'approval.decide', { d: 'approve' }); // taken now: the fake's message is patched in place
    const status = lastCardTo(h, 'ou_spec1');
    const r = await click(h, 'ou_spec1', status.messageId, button(status.content, 'approval.withdraw'));
    expect(r.toast!.type).toBe('success');
    expect(buttonValues(r.card!.data)).toEqual([]);
    expect(await requestRow(h, id)).toMatchObject({ status: 'withdrawn', currentStep: null });
    expect(textsTo(h, 'ou_manager').at(-1)).toContain('已撤回');
    const patched = h.lark.messages.get(managerCard.messageId)!;
    expect(patched.patches).toBe(1);
    expect(buttonValues(patched.content)).toEqual([]);
    const late = await click(h, 'ou_manager', managerCard.messageId, approve);
    expect(late.toast!.type).toBe('info');
    expect(late.toast!.content).toContain('已撤回');
    expect(await auditActions(h, id)).toEqual(['submit:ou_spec1', 'withdraw:ou_spec1']);
  });

  it('transfer hands the step to another manager, who then decides', async () => {
    const id = await submitVisitPlan(h);
    const managerCard = lastCardTo(h, 'ou_manager');
    const opened = await click(h, 'ou_manager', managerCard.messageId, button(managerCard.content, 'approval.open', { f: 'transfer' }));
    // A person picker offering 冯经理 (Feishu shows the name; the card carries the open_id).
    expect(JSON.stringify(opened.card!.data)).toContain('"select_person","name":"to","placeholder"');
    expect(JSON.stringify(opened.card!.data)).toContain('{"value":"ou_manager2"}');
    const transfer = button(opened.card!.data, 'approval.decide', { d: 'transfer' });

    const noReason = await click(h, 'ou_manager', managerCard.messageId, transfer, { to: 'ou_manager2' });
    expect(noReason.toast!.type).toBe('error');
    const badTarget = await click(h, 'ou_manager', managerCard.messageId, transfer, { to: 'ou_finance', reason: '出差' });
    expect(badTarget.toast!.content).toContain('只能转交给其他在岗的');
    expect((await requestRow(h, id)).version).toBe(1);

    const r = await click(h, 'ou_manager', managerCard.messageId, transfer, { to: 'ou_manager2', reason: '我本周出差' });
    expect(r.toast!.content).toContain('冯经理');
    expect((await stepsOf(h, id)).map((s) => `${s.tier}:${s.approverId}:${s.status}`)).toEqual([
      'manager:ou_manager:transferred',
      'manager:ou_manager2:pending',
      'director:ou_director:waiting',
      'finance:ou_finance:waiting',
    ]);
    const m2 = lastCardTo(h, 'ou_manager2');
    const a = await click(h, 'ou_manager2', m2.messageId, button(m2.content, 'approval.decide', { d: 'approve' }));
    expect(a.toast!.type).toBe('success');
    expect(await requestRow(h, id)).toMatchObject({ currentStep: 2, version: 3 });
    expect(await auditActions(h, id)).toEqual(['submit:ou_spec1', 'transfer:ou_manager', 'approve:ou_manager2']);
    // the first manager's copy shows the transfer and the new state
    expect(JSON.stringify(h.lark.messages.get(managerCard.messageId)!.content)).toContain('已转交给 冯经理');
  });
});
