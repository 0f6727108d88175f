/** Refusals change nothing: the wrong person, a second click, a tampered or outdated button; plus the reply shortcut and the lists. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalAudit } from '../../db/schema/index.js';
import { describeMessage, startHarness, type Harness } from '../support/harness.js';
import { auditActions, button, buttonValues, click, lastCardTo, requestRow, stepsOf, submitVisitPlan, textsTo } from './approval-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('authority and stale clicks', () => {
  it('someone who is not the current approver is told who may act, in their language, and nothing changes', async () => {
    const id = await submitVisitPlan(h);
    const card = lastCardTo(h, 'ou_manager');
    const approve = button(card.content, 'approval.decide', { d: 'approve' });
    const byPeer = await click(h, 'ou_spec2', card.messageId, approve);
    expect(byPeer.toast).toMatchObject({ type: 'error' });
    expect(byPeer.toast!.i18n.en_us).toContain('Only the current approver, 钱经理');
    const byDirector = await click(h, 'ou_director', card.messageId, approve);
    expect(byDirector.toast!.content).toContain('只有当前审批人「钱经理」');
    const byRequester = await click(h, 'ou_spec1', card.messageId, approve);
    expect(byRequester.toast!.content).toContain('不能审批自己提交的申请');
    expect(await requestRow(h, id)).toMatchObject({ version: 1, status: 'pending' });
    expect(await auditActions(h, id)).toEqual(['submit:ou_spec1']);
    expect(h.lark.messages.get(card.messageId)!.patches).toBe(0);
  });

  it('an admin may act in the approver’s place, and the audit says on whose behalf', async () => {
    const id = await submitVisitPlan(h);
    const card = lastCardTo(h, 'ou_manager');
    const r = await click(h, 'ou_admin', card.messageId, button(card.content, 'approval.decide', { d: 'approve' }));
    expect(r.toast!.type).toBe('success');
    const rows = await h.db.db.select().from(approvalAudit).where(eq(approvalAudit.requestId, id));
    expect(rows.find((a) => a.action === 'approve')).toMatchObject({ actorId: 'ou_admin', onBehalfOf: 'ou_manager' });
  });

  it('a double click transitions once; the second click hears who handled it and when', async () => {
    const id = await submitVisitPlan(h);
    const card = lastCardTo(h, 'ou_manager');
    const approve = button(card.content, 'approval.decide', { d: 'approve' });
    const first = await click(h, 'ou_manager', card.messageId, approve);
    const second = await click(h, 'ou_manager', card.messageId, approve);
    expect(first.toast!.type).toBe('success');
    expect(second.toast!.type).toBe('info');
    expect(second.toast!.content).toMatch(/此审批已由「钱经理」于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 处理/);
    expect(buttonValues(second.card!.data)).toEqual([]);
    expect(await auditActions(h, id)).toEqual(['submit:ou_spec1', 'approve:ou_manager']);
    expect(await requestRow(h, id)).toMatchObject({ version: 2, currentStep: 1 });
  });

  it('a tampered, foreign or outdated value is refused with a toast and changes nothing', async () => {
    const id = await submitVisitPlan(h);
    const card = lastCardTo(h, 'ou_manager');
    const approve = button(card.content, 'approval.decide', { d: 'approve' });
    for (const bad of [
      { ...approve, d: 'delete' },
      { ...approve, s: '0' },
      { ...approve, r: '' },
      { ...approve, extra: 'x'.repeat(600) },
      { v: 2, k: 'approval.decide' },
    ]) {
      const r = await click(h, 'ou_manager', card.messageId, bad);
      expect(r.toast!.type, JSON.stringify(bad).slice(0, 80)).toBe('warning');
    }
    const stale = await click(h, 'ou_manager', card.messageId, { ...approve, ver: 7 });
    expect(stale.toast!.content).toContain('卡片内容已过期');
    const unknown = await click(h, 'ou_manager', card.messageId, { ...approve, r: 'no-such-request' });
    expect(unknown.toast!.content).toContain('找不到该申请');
    expect(await requestRow(h, id)).toMatchObject({ version: 1, status: 'pending' });
    expect(await auditActions(h, id)).toEqual(['submit:ou_spec1']);
  });
});

describe('replying to the card’s message', () => {
  it('同意 approves; 驳回 without a reason is refused; 驳回 + reason rejects', async () => {
    const id = await submitVisitPlan(h);
    const card = lastCardTo(h, 'ou_manager');
    await h.sender.message('ou_manager', '同意，路线合理', { parentId: card.messageId });
    await h.settle();
    expect(textsTo(h, 'ou_manager').at(-1)).toBe('已同意该申请。');
    const steps = await stepsOf(h, id);
    expect(steps[0]).toMatchObject({ status: 'approved', comment: '路线合理' });

    const director = lastCardTo(h, 'ou_director');
    await h.sender.message('ou_director', '驳回', { parentId: director.messageId });
    await h.settle();
    expect(textsTo(h, 'ou_director').at(-1)).toContain('驳回必须填写原因');
    expect((await requestRow(h, id)).status).toBe('pending');
    await h.sender.message('ou_director', '驳回 客户本月已拜访过', { parentId: director.messageId });
    await h.settle();
    expect(await requestRow(h, id)).toMatchObject({ status: 'rejected' });
    expect(JSON.stringify(lastCardTo(h, 'ou_spec1').content)).toContain('客户本月已拜访过');
    expect(buttonValues(h.lark.messages.get(director.messageId)!.content)).toEqual([]);
  });

  it('the wrong person replying is told who may act; other replies and a bare 同意 are not taken', async () => {
    const id = await submitVisitPlan(h);
    const card = lastCardTo(h, 'ou_manager');
    await h.sender.message('ou_spec2', 'approve', { parentId: card.messageId });
    await h.settle();
    expect(textsTo(h, 'ou_spec2').at(-1)).toContain('Only the current approver, 钱经理');
    const before = h.lark.sent().length;
    await h.sender.message('ou_manager', '同意');
    await h.sender.message('ou_manager', '同意', { parentId: 'om_not_a_card' });
    await h.settle();
    const answers = h.lark.sent().slice(before);
    expect(answers.map(describeMessage)).toEqual([expect.stringContaining('回复那张卡片'), expect.stringContaining('回复那张卡片')]);
    expect(await requestRow(h, id)).toMatchObject({ version: 1 });
  });
});

describe('the lists', () => {
  it('/pending lists what waits for me with one-tap approve; /requests shows my requests', async () => {
    const h2 = await startHarness();
    try {
      const id = await submitVisitPlan(h2);
      await h2.sender.message('ou_manager', '待审批');
      await h2.settle();
      const list = lastCardTo(h2, 'ou_manager');
      expect(describeMessage(list)).toContain('待我审批（1）');
      const r = await click(h2, 'ou_manager', list.messageId, button(list.content, 'approval.decide', { d: 'approve', src: 'list' }));
      expect(r.toast!.type).toBe('success');
      expect(JSON.stringify(r.card!.data)).toContain('待我审批（0）');
      expect((await requestRow(h2, id)).currentStep).toBe(1);

      await h2.sender.message('ou_spec1', '/requests');
      await h2.settle();
      const mine = lastCardTo(h2, 'ou_spec1');
      expect(describeMessage(mine)).toContain('我的申请（1）');
      expect(JSON.stringify(mine.content)).toContain('当前：赵总监');
      // "open" posts the full card to the clicker; a stranger to the request may not
      const sent = await click(h2, 'ou_spec1', mine.messageId, button(mine.content, 'approval.view'));
      expect(sent.toast!.type).toBe('success');
      expect(describeMessage(lastCardTo(h2, 'ou_spec1'))).toContain('我的申请 · 拜访计划');
      const nosy = await click(h2, 'ou_spec2', mine.messageId, button(mine.content, 'approval.view'));
      expect(nosy.toast!.type).toBe('error');
    } finally {
      await h2.close();
    }
  });
});
