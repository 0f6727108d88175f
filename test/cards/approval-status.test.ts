import { describe, expect, it } from 'vitest';
import { approvalStatusCard } from '../../cards/approval-status.js';
import { parseApprovalValue } from '../../cards/approval-values.js';
import type { ApprovalState } from '../../src/domain/approval/types.js';
import { buildApprovalView } from '../../src/domain/approval/view.js';
import { i18n } from '../../src/domain/i18n.js';
import { buttonsOf, callbackValue, expectSendable, textOf } from '../domain/approval/card-fixtures.js';
import { last, ROSTER, run, submitted, type Step } from '../domain/approval/fixtures.js';

const after = (steps: Step[]) => last(run(submitted(), steps)).state;

const CASES: [string, () => ApprovalState, string, string[]][] = [
  ['pending', () => submitted(), 'blue', ['approval.withdraw']],
  ['pending at the director', () => after([['ou_mgr', { type: 'approve', stepIndex: 0 }]]), 'blue', ['approval.withdraw']],
  ['approved', () => after([['ou_mgr', { type: 'approve', stepIndex: 0 }], ['ou_dir', { type: 'approve', stepIndex: 1 }], ['ou_fin', { type: 'approve', stepIndex: 2 }]]), 'green', []],
  ['rejected', () => after([['ou_mgr', { type: 'reject', stepIndex: 0, reason: '不合理' }]]), 'red', ['approval.resubmit', 'approval.withdraw']],
  ['returned', () => after([['ou_mgr', { type: 'return_for_revision', stepIndex: 0, reason: '补材料' }]]), 'orange', ['approval.resubmit', 'approval.withdraw']],
  ['withdrawn', () => after([['ou_spec', { type: 'withdraw' }]]), 'grey', []],
  ['resubmitted', () => after([['ou_mgr', { type: 'reject', stepIndex: 0, reason: '不合理' }], ['ou_spec', { type: 'resubmit' }]]), 'blue', ['approval.withdraw']],
];

const fields = [{ label: i18n('金额', 'Amount'), value: '¥3,200.00' }];

describe('approval status card (requester)', () => {
  it.each(CASES)('%s: sendable, coloured, with the right actions', (_n, make, template, kinds) => {
    const state = make();
    const c = approvalStatusCard(buildApprovalView(state, { roster: ROSTER, viewerId: 'ou_spec', fields }));
    expectSendable(c);
    expect(c.header?.template).toBe(template);
    const values = buttonsOf(c).map((b) => parseApprovalValue(callbackValue(b))!);
    expect(values.map((v) => v.k)).toEqual(kinds);
    for (const v of values) expect(v).toMatchObject({ r: 'req1', ver: state.request.version });
  });

  it.each(CASES)('%s: someone other than the requester gets no buttons', (_n, make) => {
    const c = approvalStatusCard(buildApprovalView(make(), { roster: ROSTER, viewerId: 'ou_mgr' }));
    expectSendable(c);
    expect(buttonsOf(c)).toEqual([]);
  });

  it('asks for confirmation before withdrawing', () => {
    const c = approvalStatusCard(buildApprovalView(submitted(), { roster: ROSTER, viewerId: 'ou_spec' }));
    expect(buttonsOf(c)[0]!.confirm).toMatchObject({ title: { content: '确定撤回此申请？' } });
  });

  it('shows progress live: who has it now, and the reason after a rejection', () => {
    const pending = approvalStatusCard(buildApprovalView(submitted(), { roster: ROSTER, viewerId: 'ou_spec' }));
    expect(textOf(pending, 'zh_cn')).toContain('等待 王经理（经理审批）处理');
    expect(textOf(pending, 'en_us')).toContain('Waiting for 王经理 (manager) since 2026-03-02 09:30');
    const rejected = approvalStatusCard(buildApprovalView(CASES[3]![1](), { roster: ROSTER, viewerId: 'ou_spec' }));
    expect(textOf(rejected, 'zh_cn')).toContain('已驳回**</font> · 王经理 · 2026-03-02 09:30\n原因：不合理');
    expect(textOf(rejected, 'en_us')).toContain('Reason: 不合理');
  });
});
