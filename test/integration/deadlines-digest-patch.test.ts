/**
 * A digest whose items were done since it was sent is patched (issue 17): the done lines lose
 * 今天截止/已逾期 and their buttons, and two items done between ticks cost one patch, not two.
 * Walked through the real path: plans filed by card, the tick's digest, approvals by card click.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { buttonValues } from './approval-helpers.js';
import { digestsSince, textOf, tickAt } from './deadlines-helpers.js';
import { button, cardsTo, click, customerWithContacts, planVisit } from './visit-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness(); // Fri 27 Nov 10:00 Shanghai
});
afterAll(async () => h?.close());

describe('a digest after its items are done', () => {
  it('is patched once, the done lines without deadline or button', async () => {
    await customerWithContacts(h, 'ou_spec1', '中国大唐集团');
    await customerWithContacts(h, 'ou_spec1', '中国华电集团');
    await planVisit(h, 'ou_spec1', '中国大唐集团');
    await planVisit(h, 'ou_spec1', '中国华电集团');
    const approvals = cardsTo(h, 'ou_manager').slice(-2);

    const from = h.lark.sent().length;
    await tickAt(h, '2026-11-30', '10:30'); // Mon: one working day later, the manager is nudged
    const [digest] = digestsSince(h, from).filter((d) => d.to === 'ou_manager');
    expect(digest, 'the manager got a digest').toBeTruthy();
    expect(buttonValues(digest!.card).filter((v) => v.k === 'approval.view')).toHaveLength(2);
    const patchesBefore = h.lark.callsTo('message.patch').length;

    for (const c of approvals) {
      const a = await click(h, 'ou_manager', c.messageId, button(c.content, 'approval.decide', { d: 'approve' }));
      expect(a.toast?.type, a.toast?.content).toBe('success');
    }
    const digestPatches = () => h.lark.callsTo('message.patch').filter((c) => c.path.includes(digest!.messageId)).length;
    expect(digestPatches()).toBe(0); // nothing yet: the tick coalesces

    await tickAt(h, '2026-11-30', '10:35');
    expect(digestPatches()).toBe(1);
    const now = h.lark.messages.get(digest!.messageId)!;
    const text = textOf(now.content);
    expect(buttonValues(now.content).filter((v) => v.k === 'approval.view')).toEqual([]);
    expect(text.match(/已完成/g)!.length).toBeGreaterThanOrEqual(2);
    expect(text).not.toContain('今天截止');
    expect(text).not.toContain('已逾期');

    // nothing more to patch: a later tick leaves it alone
    await tickAt(h, '2026-11-30', '10:40');
    expect(digestPatches()).toBe(1);
    expect(h.lark.callsTo('message.patch').length).toBeGreaterThan(patchesBefore);
  });
});
