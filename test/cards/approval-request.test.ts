import { describe, expect, it } from 'vitest';
import { approvalRequestCard } from '../../cards/approval-request.js';
import { parseApprovalValue, type CardMode } from '../../cards/approval-values.js';
import type { ApprovalAction, ApprovalState } from '../../src/domain/approval/types.js';
import { buildApprovalView, type FieldRow } from '../../src/domain/approval/view.js';
import { i18n } from '../../src/domain/i18n.js';
import { formatYuan } from '../../src/domain/money.js';
import type { Roster } from '../../src/domain/roster.js';
import { buttonsOf, callbackValue, elementsOf, expectSendable, textOf } from '../domain/approval/card-fixtures.js';
import { last, ROSTER, rosterWith, run, submitted, type Step } from '../domain/approval/fixtures.js';

const FIELDS: FieldRow[] = [
  { label: i18n('客户', 'Customer'), value: '华东机械集团' },
  { label: i18n('拜访时间', 'When'), value: i18n('3月5日 周四 10:00', 'Thu 5 Mar 10:00') },
  { label: i18n('预算', 'Budget'), value: formatYuan(1_250_000_00) },
];

const after = (steps: Step[], from: ApprovalState = submitted(), roster: Roster = ROSTER) => last(run(from, steps, roster)).state;
const approve = (s: number, comment?: string): ApprovalAction => ({ type: 'approve', stepIndex: s, comment });

const STATES: Record<string, () => ApprovalState> = {
  pendingAtManager: () => submitted(),
  pendingAtDirector: () => after([['ou_mgr', approve(0, '同意，注意控制费用')]]),
  approved: () => after([['ou_mgr', approve(0)], ['ou_dir', approve(1)], ['ou_fin', approve(2, '已安排付款')]]),
  rejected: () => after([['ou_mgr', approve(0)], ['ou_dir', { type: 'reject', stepIndex: 1, reason: '预算过高，请压缩到 ¥8,000 以内' }]]),
  returned: () => after([['ou_mgr', { type: 'return_for_revision', stepIndex: 0, reason: '请补充拜访目的' }]]),
  withdrawn: () => after([['ou_spec', { type: 'withdraw', reason: '客户改期' }]]),
  transferred: () => after([['ou_admin', { type: 'transfer', stepIndex: 0, toId: 'ou_mgr2', reason: '王经理休假' }]]),
  thirdRound: () =>
    after([
      ['ou_mgr', { type: 'reject', stepIndex: 0, reason: '不合理' }],
      ['ou_spec', { type: 'resubmit' }],
      ['ou_mgr', { type: 'return_for_revision', stepIndex: 3, reason: '还差附件' }],
      ['ou_spec', { type: 'resubmit' }],
    ]),
  noBudget: () => submitted({ hasBudget: false }),
};

const HEADER: Record<string, string> = {
  pendingAtManager: 'blue',
  pendingAtDirector: 'blue',
  approved: 'green',
  rejected: 'red',
  returned: 'orange',
  withdrawn: 'grey',
  transferred: 'blue',
  thirdRound: 'blue',
  noBudget: 'blue',
};

const VIEWERS = ['ou_mgr', 'ou_mgr2', 'ou_dir', 'ou_fin', 'ou_spec', 'ou_admin', null] as const;
const MODES: CardMode[] = ['main', 'reject', 'transfer'];

const render = (state: ApprovalState, viewerId: string | null, mode: CardMode = 'main', roster: Roster = ROSTER, fields = FIELDS) =>
  approvalRequestCard(buildApprovalView(state, { roster, viewerId, fields }), mode);

const cases = Object.keys(STATES).flatMap((name) => VIEWERS.flatMap((viewer) => MODES.map((mode) => [name, viewer, mode] as const)));

describe('approval request card', () => {
  it.each(cases)('%s seen by %s in %s mode is sendable', (name, viewer, mode) => {
    const state = STATES[name]!();
    const c = render(state, viewer, mode);
    expectSendable(c);
    expect(c.header?.template).toBe(HEADER[name]);
    const view = buildApprovalView(state, { roster: ROSTER, viewerId: viewer });
    // controls only for whoever can act right now
    expect(buttonsOf(c).length > 0).toBe(view.viewer.canDecide);
    for (const b of buttonsOf(c)) {
      const v = parseApprovalValue(callbackValue(b))!;
      expect(v).toMatchObject({ r: 'req1', ver: state.request.version, s: state.request.currentStep });
    }
  });

  it('offers approve with an optional comment, reject and transfer to the current approver', () => {
    const c = render(STATES.pendingAtManager!(), 'ou_mgr');
    const values = buttonsOf(c).map((b) => parseApprovalValue(callbackValue(b)));
    expect(values).toEqual([
      { v: 1, k: 'approval.decide', r: 'req1', s: 0, ver: 1, d: 'approve' },
      { v: 1, k: 'approval.open', r: 'req1', s: 0, ver: 1, f: 'reject' },
      { v: 1, k: 'approval.open', r: 'req1', s: 0, ver: 1, f: 'transfer' },
    ]);
    const comment = elementsOf(c).find((e) => e.tag === 'input')!;
    expect(comment).toMatchObject({ name: 'comment' });
    expect(comment.required).toBeUndefined();
    expect(buttonsOf(c)[0]).toMatchObject({ form_action_type: 'submit', name: 'approve_btn' });
  });

  it('shows the request fields with formatted amounts and both languages', () => {
    const c = render(STATES.pendingAtManager!(), 'ou_mgr');
    expect(textOf(c, 'zh_cn')).toContain('**预算**：¥1,250,000.00');
    expect(textOf(c, 'en_us')).toContain('**Budget**: ¥1,250,000.00');
    expect(textOf(c, 'en_us')).toContain('Thu 5 Mar 10:00');
    expect(c.header?.title).toMatchObject({ content: '拜访计划 · 审批', i18n_content: { en_us: 'Visit plan · approval' } });
  });

  it('the reject state asks for a required reason, then reject or return', () => {
    const c = render(STATES.pendingAtManager!(), 'ou_mgr', 'reject');
    const form = elementsOf(c).find((e) => e.tag === 'form')!;
    const inside = elementsOf({ ...c, body: { elements: [form as never] } });
    expect(inside.find((e) => e.tag === 'input')).toMatchObject({ name: 'reason', required: true, input_type: 'multiline_text' });
    const submits = inside.filter((e) => e.tag === 'button').map((b) => [b.name, b.form_action_type, parseApprovalValue(callbackValue(b))?.k, (parseApprovalValue(callbackValue(b)) as { d?: string }).d]);
    expect(submits).toEqual([
      ['reject_btn', 'submit', 'approval.decide', 'reject'],
      ['return_btn', 'submit', 'approval.decide', 'return'],
    ]);
    const back = buttonsOf(c).at(-1)!;
    expect(parseApprovalValue(callbackValue(back))).toMatchObject({ k: 'approval.open', f: 'main' });
  });

  it('the transfer state offers only active members of the same tier, in a person picker', () => {
    const c = render(STATES.pendingAtManager!(), 'ou_mgr', 'transfer');
    const select = elementsOf(c).find((e) => e.tag === 'select_person')!;
    expect(select).toMatchObject({ name: 'to', required: true });
    expect((select.options as { value: string }[]).map((o) => o.value)).toEqual(['ou_mgr2']);
    expect(elementsOf(c).find((e) => e.tag === 'input')).toMatchObject({ name: 'reason', required: true });
  });

  it('with nobody to transfer to, the transfer state falls back to the main state without a transfer button', () => {
    const roster = rosterWith({ ou_mgr2: { active: false } });
    const c = render(submitted({ roster }), 'ou_mgr', 'transfer', roster);
    expectSendable(c);
    expect(elementsOf(c).some((e) => e.tag === 'select_person')).toBe(false);
    expect(buttonsOf(c).map((b) => parseApprovalValue(callbackValue(b))).filter((v) => v?.k === 'approval.open').map((v) => (v as { f: string }).f)).toEqual(['reject']);
  });

  it.each([
    ['rejected', '已驳回', '赵总监', '预算过高，请压缩到 ¥8,000 以内'],
    ['returned', '已退回修改', '王经理', '请补充拜访目的'],
    ['withdrawn', '申请人已撤回', '张专员', '客户改期'],
    ['approved', '已批准', '吴财务', '已安排付款'],
  ])('once %s, the card says who decided, when and why, with no buttons', (name, verb, who, why) => {
    const c = render(STATES[name]!(), 'ou_mgr');
    const zh = textOf(c, 'zh_cn');
    expect(zh).toContain(verb);
    expect(zh).toMatch(new RegExp(`${who} · 2026-03-02 09:3\\d`));
    expect(zh).toContain(why.replace(/([\\*_~`[\]<>])/g, '\\$1'));
    expect(buttonsOf(c)).toEqual([]);
  });

  it('shows an admin that they act in someone else’s place', () => {
    expect(textOf(render(STATES.pendingAtManager!(), 'ou_admin'), 'en_us')).toContain('act in place of 王经理');
  });

  it('tells a viewer who cannot act whom it is waiting for', () => {
    expect(textOf(render(STATES.pendingAtDirector!(), 'ou_mgr'), 'zh_cn')).toContain('等待 赵总监（总监审批）处理，自 2026-03-02 09:30');
  });

  it('folds earlier rounds into a history panel', () => {
    const c = render(STATES.thirdRound!(), 'ou_mgr');
    const panel = elementsOf(c).find((e) => e.tag === 'collapsible_panel');
    expect(panel).toBeDefined();
    expect(textOf(c, 'zh_cn')).toContain('第 1 轮');
    expect(textOf(c, 'en_us')).toContain('Approval chain** (round 3)');
  });

  it('stays sendable after a long transfer ping-pong in one round, counting the steps it cannot show', () => {
    let s = submitted();
    for (let i = 0; i < 60; i++) {
      const cur = s.request.currentStep!;
      const [from, to] = i % 2 ? ['ou_mgr2', 'ou_mgr'] : ['ou_mgr', 'ou_mgr2'];
      s = after([[from, { type: 'transfer', stepIndex: cur, toId: to, reason: '转'.repeat(500) }]], s);
    }
    const c = render(s, 'ou_mgr');
    expectSendable(c);
    expect(textOf(c, 'zh_cn')).toMatch(/前 \d+ 步未显示/);
  });

  it('stays under 30 KB in the worst case: long names, comments, fields and many rounds', () => {
    const long = (n: number, ch = '长') => ch.repeat(n);
    const roster = rosterWith({
      ou_mgr: { name: `王*经理_${long(40)}` },
      ou_dir: { name: `<赵>${long(40)}` },
      ou_spec: { name: `张[专员]${long(40)}` },
    });
    let s = submitted({ roster });
    for (let round = 0; round < 8; round++) {
      const cur = s.request.currentStep!;
      s = after(
        [
          ['ou_mgr', approve(cur, long(500, '意'))],
          ['ou_dir', { type: 'return_for_revision', stepIndex: cur + 1, reason: long(500, '因') }],
          ['ou_spec', { type: 'resubmit' }],
        ],
        s,
        roster,
      );
    }
    const fields: FieldRow[] = Array.from({ length: 30 }, (_, i) => ({ label: i18n(`字段${i}`, `Field ${i}`), value: i18n(long(1000, '值'), long(1000, 'v')) }));
    for (const viewer of ['ou_mgr', 'ou_spec', null]) {
      for (const mode of MODES) {
        const c = render(s, viewer, mode, roster, fields);
        expectSendable(c);
      }
    }
    const text = textOf(render(s, 'ou_mgr', 'main', roster, fields), 'zh_cn');
    expect(text).toContain('另有 14 项未显示');
    expect(text).toContain('更早的');
    expect(text).toContain('王\\*经理\\_');
  });
});
