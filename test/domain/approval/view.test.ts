import { describe, expect, it } from 'vitest';
import { pendingItemOf, requestItemOf } from '../../../src/domain/approval/list-items.js';
import type { ApprovalState } from '../../../src/domain/approval/types.js';
import { buildApprovalView } from '../../../src/domain/approval/view.js';
import { i18n } from '../../../src/domain/i18n.js';
import { last, ROSTER, rosterWith, run, submitted } from './fixtures.js';

const view = (s: ApprovalState, viewerId: string | null, admins: string[] = [], roster = ROSTER) => buildApprovalView(s, { roster, viewerId, admins });

describe('buildApprovalView', () => {
  const pending = submitted();

  it.each<[string, string | null, string[], { canDecide: boolean; asAdmin: boolean; isRequester: boolean; canWithdraw: boolean; canResubmit: boolean }]>([
    ['the current approver', 'ou_mgr', [], { canDecide: true, asAdmin: false, isRequester: false, canWithdraw: false, canResubmit: false }],
    ['the next approver', 'ou_dir', [], { canDecide: false, asAdmin: false, isRequester: false, canWithdraw: false, canResubmit: false }],
    ['an admin', 'ou_admin', [], { canDecide: true, asAdmin: true, isRequester: false, canWithdraw: false, canResubmit: false }],
    ['a configured admin', 'ou_asst', ['ou_asst'], { canDecide: true, asAdmin: true, isRequester: false, canWithdraw: false, canResubmit: false }],
    ['the requester', 'ou_spec', [], { canDecide: false, asAdmin: false, isRequester: true, canWithdraw: true, canResubmit: false }],
    ['a group copy', null, [], { canDecide: false, asAdmin: false, isRequester: false, canWithdraw: false, canResubmit: false }],
  ])('a pending request seen by %s', (_n, viewerId, admins, expected) => {
    expect(view(pending, viewerId, admins).viewer).toEqual(expected);
  });

  it('shows the chain with names, states and company-zone times', () => {
    const s = last(run(pending, [['ou_mgr', { type: 'approve', stepIndex: 0, comment: '同意' }]])).state;
    const v = view(s, 'ou_dir');
    expect(v.steps.map((x) => [x.icon, x.tierLabel.zh_cn, x.approverName, x.statusLabel.zh_cn, x.decidedAt, x.comment])).toEqual([
      ['✓', '经理审批', '王经理', '已同意', '2026-03-02 09:30', '同意'],
      ['⏳', '总监审批', '赵总监', '审批中', null, null],
      ['○', '财务审批', '吴财务', '待审批', null, null],
    ]);
    expect(v.current?.index).toBe(1);
    expect(v.current?.activatedAt).toBe('2026-03-02 09:30');
    expect(v.transferCandidates).toEqual([{ id: 'ou_dir2', name: '钱总监' }]);
    expect(v).toMatchObject({ kindLabel: i18n('拜访计划', 'Visit plan'), requesterName: '张专员', submittedAt: '2026-03-02 09:30', version: 2, outcome: null });
  });

  it('explains skipped, escalated and transferred steps', () => {
    const roster = rosterWith({ ou_mgr: { active: false }, ou_mgr2: { active: false } });
    const s = submitted({ roster, kind: 'reimbursement' });
    const v = view(s, null, [], roster);
    expect(v.steps.map((x) => x.note?.zh_cn ?? null)).toEqual(['无在岗人员，已上报至总监审批', '代经理审批（无可用审批人）', null]);
    const noBudget = view(submitted({ hasBudget: false }), null);
    expect(noBudget.steps[2]!.note).toEqual(i18n('无预算，无需财务审批', 'no budget, finance not needed'));
    const moved = view(last(run(pending, [['ou_admin', { type: 'transfer', stepIndex: 0, toId: 'ou_mgr2', reason: '休假' }]])).state, null);
    expect(moved.steps[0]).toMatchObject({ icon: '⇄', decidedByName: '陈管理员', comment: '休假', note: i18n('已转交给 孙经理', 'transferred to 孙经理') });
  });

  it.each<[string, ApprovalState, { status: string; byName: string; reason: string | null }]>([
    ['approved', last(run(submitted({ kind: 'travel' }), [['ou_mgr', { type: 'approve', stepIndex: 0, comment: '好' }]])).state, { status: 'approved', byName: '王经理', reason: '好' }],
    ['rejected', last(run(submitted(), [['ou_mgr', { type: 'reject', stepIndex: 0, reason: '不合理' }]])).state, { status: 'rejected', byName: '王经理', reason: '不合理' }],
    ['returned', last(run(submitted(), [['ou_mgr', { type: 'return_for_revision', stepIndex: 0, reason: '补材料' }]])).state, { status: 'returned', byName: '王经理', reason: '补材料' }],
    ['withdrawn', last(run(submitted(), [['ou_spec', { type: 'withdraw', reason: '取消' }]])).state, { status: 'withdrawn', byName: '张专员', reason: '取消' }],
  ])('says who decided a %s request, when and why', (_n, s, expected) => {
    const v = view(s, 'ou_spec');
    expect(v.outcome).toEqual({ ...expected, at: '2026-03-02 09:30' });
    expect(v.viewer.canDecide).toBe(false);
    expect(v.viewer.canResubmit).toBe(expected.status === 'rejected' || expected.status === 'returned');
  });

  it('does not attribute a step that was never reached to whoever ended the round', () => {
    const s = last(run(submitted(), [['ou_mgr', { type: 'reject', stepIndex: 0, reason: '不合理' }]])).state;
    expect(view(s, null).steps[1]).toMatchObject({ status: 'cancelled', decidedAt: null, decidedByName: null, icon: '–' });
  });

  it('keeps earlier rounds as history', () => {
    const s = last(run(submitted(), [['ou_mgr', { type: 'reject', stepIndex: 0, reason: '不合理' }], ['ou_spec', { type: 'resubmit' }]])).state;
    const v = view(s, 'ou_mgr');
    expect(v.round).toBe(2);
    expect(v.history.map((h) => [h.round, h.steps.map((x) => x.status)])).toEqual([[1, ['rejected', 'cancelled', 'cancelled']]]);
    expect(v.steps.map((x) => x.index)).toEqual([3, 4, 5]);
    expect(v.viewer.canDecide).toBe(true);
  });

  it('never offers an admin their own request', () => {
    const s = submitted({ by: 'ou_admin', kind: 'travel' });
    expect(view(s, 'ou_admin').viewer.canDecide).toBe(false);
  });
});

describe('list items', () => {
  it('builds a pending row from the current step, and none once decided', () => {
    const s = submitted();
    expect(pendingItemOf(s, ROSTER, 'ACME · ¥5,000.00')).toEqual({
      requestId: 'req1',
      stepIndex: 0,
      version: 1,
      kindLabel: i18n('拜访计划', 'Visit plan'),
      requesterName: '张专员',
      summary: 'ACME · ¥5,000.00',
      waitingSince: '2026-03-02 09:30',
    });
    const done = last(run(s, [['ou_spec', { type: 'withdraw' }]])).state;
    expect(pendingItemOf(done, ROSTER, 'x')).toBeNull();
  });

  it('builds a my-requests row naming who has it now', () => {
    expect(requestItemOf(submitted(), ROSTER, 'x')).toMatchObject({ status: 'pending', currentApproverName: '王经理', submittedAt: '2026-03-02 09:30' });
    const done = last(run(submitted({ kind: 'travel' }), [['ou_mgr', { type: 'approve', stepIndex: 0 }]])).state;
    expect(requestItemOf(done, ROSTER, 'x')).toMatchObject({ status: 'approved', statusLabel: i18n('已批准', 'Approved'), currentApproverName: null });
  });
});
