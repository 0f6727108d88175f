/**
 * Issue 15: `待办` lists everything a person owes now — the same lines a digest carries, each with
 * its button — whether or not a reminder is due today. Through the real path: a visit planned by
 * chat and card, approvals pending and then given, the visit's day passed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { approveChain, button, click, customerWithContacts, json, lastCardTo, planVisit, say } from './visit-helpers.js';
import { buttons, textOf } from './deadlines-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-11-27T02:00:00Z' });
});
afterAll(async () => h?.close());

describe('待办 / my todo', () => {
  it('someone who owes nothing is told so in a line, not shown an empty card', async () => {
    const out = await say(h, 'ou_spec2', '待办');
    expect(out).toHaveLength(1);
    expect(out[0]!.msgType).toBe('text');
    // ou_spec2 reads English.
    expect(json(out[0]!.content)).toContain('Nothing to do right now');
  });

  it("shows an approver the step waiting for them, and the specialist the visit summary after the visit's day", async () => {
    await customerWithContacts(h, 'ou_spec1', '中国华能集团');
    await planVisit(h, 'ou_spec1', '中国华能集团');
    const approvalCard = lastCardTo(h, 'ou_manager');

    await say(h, 'ou_manager', '我的待办');
    const managers = lastCardTo(h, 'ou_manager');
    expect(json(managers.content)).toContain('我的待办');
    expect(textOf(managers.content)).toContain('待审批');
    expect(buttons(managers.content).length, 'a button to open the approval').toBeGreaterThan(0);

    const a = await click(h, 'ou_manager', approvalCard.messageId, button(approvalCard.content, 'approval.decide', { d: 'approve' }));
    expect(a.toast?.type, a.toast?.content).toBe('success');
    await approveChain(h, ['ou_director', 'ou_finance']);
    // After the manager approved, their list no longer has that step.
    const after = await say(h, 'ou_manager', '待办');
    expect(after.every((m) => !json(m.content).includes('中国华能集团'))).toBe(true);

    // The visit was on 30 Nov at 14:30; two days later its summary is overdue.
    h.clock.set(new Date('2026-12-02T02:00:00Z'));
    await say(h, 'ou_spec1', 'todo');
    const mine = lastCardTo(h, 'ou_spec1');
    const text = textOf(mine.content);
    expect(json(mine.content)).toContain('我的待办');
    expect(text).toContain('中国华能集团');
    expect(text).toContain('已逾期');
    expect(buttons(mine.content).length, 'each item has its button').toBeGreaterThan(0);
  });
});
