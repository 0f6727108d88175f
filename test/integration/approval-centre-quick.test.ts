/**
 * Issue 13, quick approval: 同意 / 拒绝 pressed on a 待办 in Feishu's approval centre comes back as
 * Feishu's callback, is verified by the definition's token, and is the same transition as the
 * card's button — the cards are patched and the centre re-synced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { buttonValues, lastCardTo, requestRow, ROSTER_2, stepsOf, submitVisitPlan } from './approval-helpers.js';

const TOKEN = 'centre-callback-token-7f3a9c';
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ roster: ROSTER_2, env: { LARK_APPROVAL_CALLBACK_URL: 'https://kam.example.com/lark/approval-centre', LARK_APPROVAL_CALLBACK_TOKEN: TOKEN } });
});
afterAll(async () => h?.close());

const post = async (body: Record<string, unknown>) => {
  const r = await fetch(`${h.botUrl}/lark/approval-centre`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await r.json()) as { message?: string };
  await h.settle();
  return { status: r.status, message: json.message };
};

describe('quick approval in the approval centre', () => {
  it('a wrong token or a rejection without a reason changes nothing; 同意 is the card’s transition, and a second press is refused', async () => {
    await h.sender.message('ou_admin', '设置 审批中心同步 开');
    await h.settle();
    const id = await submitVisitPlan(h, 'ou_spec1', false);
    const def = [...h.lark.approval.definitions.values()][0]!;
    expect(def.quickOperate).toBe(true);
    const sync = h.lark.calls.filter((c) => c.api === 'approval' && c.path.endsWith('/external_instances')).at(-1)!;
    expect((sync.body as { task_list: { action_configs?: { action_type: string }[] }[] }).task_list[0]!.action_configs!.map((a) => a.action_type)).toEqual(['APPROVE', 'REJECT']);
    const task = { approval_code: def.code, instance_id: `kam-${id}`, task_id: `kam-${id}-t0`, user_id: 'a1b2c3d4' };
    const card = lastCardTo(h, 'ou_manager');

    expect(await post({ ...task, action_type: 'APPROVE', token: 'forged' })).toMatchObject({ status: 401 });
    const noReason = await post({ ...task, action_type: 'REJECT', token: TOKEN });
    expect(noReason.status).toBe(422);
    expect(noReason.message).toContain('原因');
    expect(await post({ ...task, task_id: `kam-${id}-t9`, action_type: 'APPROVE', token: TOKEN })).toMatchObject({ status: 422 });
    expect(await requestRow(h, id)).toMatchObject({ status: 'pending', version: 1 });

    h.clock.advance(5_000);
    expect(await post({ ...task, action_type: 'APPROVE', token: TOKEN, reason: '同意，注意控制费用' })).toMatchObject({ status: 200 });
    expect((await stepsOf(h, id)).map((s) => `${s.tier}:${s.status}:${s.decidedBy}`)).toEqual(['manager:approved:ou_manager', 'director:pending:null', 'finance:skipped:null']);
    // The card in the manager's chat is patched to the decision, with nothing left to press.
    expect(buttonValues(h.lark.messages.get(card.messageId)!.content).filter((v) => v.k === 'approval.decide')).toEqual([]);
    h.clock.advance(5_000);
    await h.settle();
    expect([...h.lark.approval.instances.get(`kam-${id}`)!.tasks.values()].map((t) => `${t.openId}:${t.status}`)).toEqual(['ou_manager:APPROVED', 'ou_director:PENDING']);

    const again = await post({ ...task, action_type: 'APPROVE', token: TOKEN });
    expect(again.status).toBe(409);
    expect(again.message).toBeTruthy();
  });
});
