/**
 * A pending approval reminds its approver after one working day and tells their superior after
 * three (domain.md §4), once each, with a button to open it; deciding ends the reminders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { obligations } from '../../db/schema/index.js';
import { tick } from '../../src/scheduler/tick.js';
import { startHarness, type Harness } from '../support/harness.js';
import { button, buttonValues, click, submitVisitPlan } from './approval-helpers.js';

let h: Harness;
let requestId = '';
beforeAll(async () => {
  // Monday 30 November 2026, 09:30 in Shanghai.
  h = await startHarness({ now: '2026-11-30T01:30:00Z' });
  requestId = await submitVisitPlan(h);
  await h.settle();
});
afterAll(async () => h?.close());

async function tickAt(iso: string) {
  h.clock.set(iso);
  const before = h.lark.sent().length;
  await tick(h.deps, h.clock.now());
  await h.settle();
  return h.lark.sent().slice(before);
}
const mentionsRequest = (m: { content: unknown }) => JSON.stringify(m.content).includes('拜访计划 · 李专员');
const approvalDuty = (owner: string) =>
  h.db.db.select().from(obligations).where(and(eq(obligations.kind, 'approval_step'), eq(obligations.ownerId, owner)));

describe('reminders for a pending approval', () => {
  it('the step is a duty of its approver from submission', async () => {
    const [duty] = await approvalDuty('ou_manager');
    expect(duty).toMatchObject({ subjectId: `${requestId}:0`, managerId: 'ou_director', doneAt: null });
  });

  it('nothing on the same day; the approver is reminded once after one working day, with a button to open it', async () => {
    expect((await tickAt('2026-11-30T08:00:00Z')).filter(mentionsRequest)).toHaveLength(0); // Mon 16:00
    const tue = await tickAt('2026-12-01T02:00:00Z'); // Tue 10:00
    const toManager = tue.filter((m) => m.receiverOpenId === 'ou_manager' && mentionsRequest(m));
    expect(toManager).toHaveLength(1);
    expect(buttonValues(toManager[0]!.content)).toContainEqual(expect.objectContaining({ k: 'approval.view', r: requestId }));
    expect((await tickAt('2026-12-01T06:00:00Z')).filter(mentionsRequest)).toHaveLength(0); // Tue 14:00
  });

  it("after three working days the approver's superior is told, once", async () => {
    expect((await tickAt('2026-12-02T02:00:00Z')).filter((m) => m.receiverOpenId === 'ou_director' && mentionsRequest(m))).toHaveLength(0);
    const thu = await tickAt('2026-12-03T02:00:00Z'); // Thu 10:00
    expect(thu.filter((m) => m.receiverOpenId === 'ou_director' && mentionsRequest(m))).toHaveLength(1);
    expect((await tickAt('2026-12-03T03:00:00Z')).filter(mentionsRequest)).toHaveLength(0);
  });

  it('deciding ends the duty; the next approver has their own', async () => {
    const managerCard = h.lark.sent().filter((m) => m.receiverOpenId === 'ou_manager' && JSON.stringify(m.content).includes('approval.decide')).at(-1)!;
    await click(h, 'ou_manager', managerCard.messageId, button(managerCard.content, 'approval.decide', { d: 'approve' }));
    const [done] = await approvalDuty('ou_manager');
    expect(done!.doneAt).not.toBeNull();
    const [next] = await approvalDuty('ou_director');
    expect(next).toMatchObject({ subjectId: `${requestId}:1`, doneAt: null });
    expect((await tickAt('2026-12-07T02:00:00Z')).filter((m) => m.receiverOpenId === 'ou_manager' && mentionsRequest(m))).toHaveLength(0);
  });
});
