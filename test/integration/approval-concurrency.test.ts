/**
 * Simultaneous clicks on the Postgres server (real concurrent transactions): the same person
 * twice, or the approver and an admin at once, make exactly one transition; the loser is told
 * who handled it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgresServer } from '../support/db.js';
import { startHarness, type Harness } from '../support/harness.js';
import { auditActions, button, lastCardTo, requestRow, stepsOf, submitVisitPlan, type CardAnswer } from './approval-helpers.js';

describe.skipIf(!onPostgresServer)('concurrent clicks on one step', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  async function race(clickers: string[], d: 'approve' | 'reject' = 'approve'): Promise<{ id: string; answers: CardAnswer[] }> {
    const id = await submitVisitPlan(h);
    const card = lastCardTo(h, 'ou_manager');
    const value = d === 'approve' ? button(card.content, 'approval.decide', { d }) : { ...button(card.content, 'approval.decide', { d: 'approve' }), d };
    const answers = await Promise.all(clickers.map((who) => h.sender.cardAction(who, card.messageId, value, { formValue: { reason: '重复' } }).then((r) => r.body as CardAnswer)));
    await h.settle();
    return { id, answers };
  }

  it.each([1, 2, 3])('the same person clicking Approve five times at once transitions once (run %i)', async () => {
    const { id, answers } = await race(['ou_manager', 'ou_manager', 'ou_manager', 'ou_manager', 'ou_manager']);
    expect(answers.filter((a) => a.toast?.type === 'success')).toHaveLength(1);
    for (const a of answers.filter((x) => x.toast?.type !== 'success')) expect(a.toast!.content).toContain('此审批已由「钱经理」于');
    expect(await auditActions(h, id)).toEqual(['submit:ou_spec1', 'approve:ou_manager']);
    expect(await requestRow(h, id)).toMatchObject({ version: 2, currentStep: 1 });
    expect((await stepsOf(h, id)).map((s) => s.status)).toEqual(['approved', 'pending', 'waiting']);
  });

  it('the conditional update decided at least one of those races (not only the read before it)', () => {
    expect(h.log.lines.filter((l) => l.event === 'approval.lost_race').length).toBeGreaterThan(0);
  });

  it('the approver approving while an admin rejects: one wins, the other hears who did it', async () => {
    const id = await submitVisitPlan(h);
    const card = lastCardTo(h, 'ou_manager');
    const approve = button(card.content, 'approval.decide', { d: 'approve' });
    const [a, b] = await Promise.all([
      h.sender.cardAction('ou_manager', card.messageId, approve).then((r) => r.body as CardAnswer),
      h.sender.cardAction('ou_admin', card.messageId, { ...approve, d: 'reject' }, { formValue: { reason: '预算超标' } }).then((r) => r.body as CardAnswer),
    ]);
    await h.settle();
    expect([a, b].filter((x) => x.toast?.type === 'success')).toHaveLength(1);
    const loser = [a, b].find((x) => x.toast?.type !== 'success')!;
    expect(loser.toast!.type).toBe('info');
    const actions = await auditActions(h, id);
    expect(actions).toHaveLength(2);
    const row = await requestRow(h, id);
    expect(row.version).toBe(2);
    if (actions[1] === 'approve:ou_manager') {
      expect(row.status).toBe('pending');
      expect(loser.toast!.content).toContain('「钱经理」');
    } else {
      expect(row.status).toBe('rejected');
      expect(loser.toast!.content).toContain('吴管理员');
    }
  });
});
