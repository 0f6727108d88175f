import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../../src/domain/approval/invariants.js';
import { decide } from '../../../src/domain/approval/machine.js';
import type { ApprovalAction, ApprovalState } from '../../../src/domain/approval/types.js';
import { DomainError } from '../../../src/domain/errors.js';
import { at, ctxAt, deepFreeze, last, member, ROSTER, rosterWith, run, submitted, T0, type Step } from './fixtures.js';

const approve = (stepIndex: number, comment?: string): ApprovalAction => ({ type: 'approve', stepIndex, comment });
const reject = (stepIndex: number, reason = '预算过高'): ApprovalAction => ({ type: 'reject', stepIndex, reason });
const ret = (stepIndex: number, reason = '请补充拜访目的'): ApprovalAction => ({ type: 'return_for_revision', stepIndex, reason });
const transfer = (stepIndex: number, toId: string, reason = '出差中'): ApprovalAction => ({ type: 'transfer', stepIndex, toId, reason });

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

const summary = (s: ApprovalState) => ({
  status: s.request.status,
  current: s.request.currentStep,
  version: s.request.version,
  steps: s.steps.map((x) => `${x.index}:${x.tier}:${x.approverId ?? '-'}:${x.status}`),
});

describe('submit', () => {
  it('opens the chain at the first active step and tells the approver', () => {
    const d = run(null, [['ou_spec', { type: 'submit', id: 'req1', kind: 'visit_plan', subjectId: 'visit9', hasBudget: true }]])[0]!;
    expect(summary(d.state)).toEqual({
      status: 'pending',
      current: 0,
      version: 1,
      steps: ['0:manager:ou_mgr:pending', '1:director:ou_dir:waiting', '2:finance:ou_fin:waiting'],
    });
    expect(d.state.request).toMatchObject({ id: 'req1', kind: 'visit_plan', subjectId: 'visit9', requesterId: 'ou_spec', round: 1, hasBudget: true, submittedAt: T0 });
    expect(d.state.steps[0]!.activatedAt).toEqual(T0);
    expect(d.audit).toEqual([{ requestId: 'req1', round: 1, stepIndex: null, action: 'submit', actorId: 'ou_spec', onBehalfOf: null, at: T0, comment: null, detail: null }]);
    expect(d.effects).toEqual([
      { type: 'subject_submitted', requestId: 'req1', kind: 'visit_plan', subjectId: 'visit9', round: 1 },
      { type: 'notify_approver', requestId: 'req1', approverId: 'ou_mgr', stepIndex: 0 },
      { type: 'notify_requester', requestId: 'req1', requesterId: 'ou_spec', outcome: 'submitted', byId: 'ou_spec', reason: null },
    ]);
    expect(checkInvariants(d.state)).toEqual([]);
  });

  it('records skips in the audit trail and tells admins about roster gaps', () => {
    const roster = rosterWith({ ou_mgr: { active: false }, ou_mgr2: { active: false } });
    const d = run(null, [['ou_spec', { type: 'submit', id: 'r', kind: 'visit_plan', subjectId: 's', hasBudget: false }]], roster)[0]!;
    expect(summary(d.state).steps).toEqual(['0:manager:-:skipped', '1:director:ou_dir:pending', '2:finance:-:skipped']);
    expect(d.state.steps[0]).toMatchObject({ skipReason: 'no_active_member', escalatedTo: 'director' });
    expect(d.audit.filter((a) => a.action === 'skip').map((a) => [a.stepIndex, a.detail])).toEqual([
      [0, 'no_active_member'],
      [2, 'no_budget'],
    ]);
    expect(d.effects).toContainEqual({ type: 'notify_admins', requestId: 'r', reason: 'roster_gap', tiers: ['manager'] });
    expect(d.effects).toContainEqual({ type: 'notify_approver', requestId: 'r', approverId: 'ou_dir', stepIndex: 1 });
  });

  it.each<[string, () => unknown, string]>([
    ['submitting twice', () => decide(submitted(), { type: 'submit', id: 'req1', kind: 'travel', subjectId: 's' }, member(ROSTER, 'ou_spec'), ctxAt(T0)), 'INVALID_TRANSITION'],
    ['an inactive requester', () => decide(null, { type: 'submit', id: 'r', kind: 'travel', subjectId: 's' }, { ...member(ROSTER, 'ou_spec'), active: false }, ctxAt(T0)), 'FORBIDDEN'],
    ['nobody can approve', () => {
      const roster = rosterWith({ ou_mgr: { active: false }, ou_mgr2: { active: false }, ou_dir: { active: false }, ou_dir2: { active: false } });
      return decide(null, { type: 'submit', id: 'r', kind: 'travel', subjectId: 's' }, member(roster, 'ou_spec'), ctxAt(T0, roster));
    }, 'PRECONDITION_FAILED'],
  ])('refuses %s', (_n, fn, code) => expect(refusal(fn).code).toBe(code));
});

describe('approve', () => {
  it('walks manager → director → finance, then approves the subject', () => {
    const ds = run(submitted(), [
      ['ou_mgr', approve(0, '  同意，注意控制费用  ')],
      ['ou_dir', approve(1)],
      ['ou_fin', approve(2)],
    ]);
    expect(ds.map((d) => summary(d.state))).toEqual([
      { status: 'pending', current: 1, version: 2, steps: ['0:manager:ou_mgr:approved', '1:director:ou_dir:pending', '2:finance:ou_fin:waiting'] },
      { status: 'pending', current: 2, version: 3, steps: ['0:manager:ou_mgr:approved', '1:director:ou_dir:approved', '2:finance:ou_fin:pending'] },
      { status: 'approved', current: null, version: 4, steps: ['0:manager:ou_mgr:approved', '1:director:ou_dir:approved', '2:finance:ou_fin:approved'] },
    ]);
    expect(ds[0]!.state.steps[0]).toMatchObject({ decidedBy: 'ou_mgr', decidedAt: at(0), comment: '同意，注意控制费用' });
    expect(ds[0]!.effects).toEqual([
      { type: 'notify_approver', requestId: 'req1', approverId: 'ou_dir', stepIndex: 1 },
      { type: 'refresh_cards', requestId: 'req1' },
    ]);
    expect(last(ds).effects).toEqual([
      { type: 'subject_approved', requestId: 'req1', kind: 'visit_plan', subjectId: 'visit9' },
      { type: 'notify_requester', requestId: 'req1', requesterId: 'ou_spec', outcome: 'approved', byId: 'ou_fin', reason: null },
      { type: 'refresh_cards', requestId: 'req1' },
    ]);
    expect(ds.map((d) => d.audit.map((a) => `${a.action}@${a.stepIndex} by ${a.actorId}`))).toEqual([
      ['approve@0 by ou_mgr'],
      ['approve@1 by ou_dir'],
      ['approve@2 by ou_fin'],
    ]);
    for (const d of ds) expect(checkInvariants(d.state)).toEqual([]);
  });

  it('passes over a skipped step and asks the same person only once', () => {
    const roster = rosterWith({ ou_spec: { managerId: 'ou_dir' } });
    const ds = run(submitted({ roster, kind: 'development' }), [['ou_dir', approve(0)]], roster);
    expect(summary(last(ds).state)).toEqual({ status: 'approved', current: null, version: 2, steps: ['0:manager:ou_dir:approved', '1:director:ou_dir:skipped'] });
  });

  it('lets an admin decide in place of the approver, and records it', () => {
    const d = last(run(submitted(), [['ou_admin', approve(0)]]));
    expect(d.audit[0]).toMatchObject({ actorId: 'ou_admin', onBehalfOf: 'ou_mgr' });
    expect(d.state.steps[0]).toMatchObject({ status: 'approved', decidedBy: 'ou_admin' });
  });

  it('counts members listed in KAM_ADMINS as admins', () => {
    const d = last(run(submitted(), [['ou_asst', approve(0)]], ROSTER, ['ou_asst']));
    expect(d.audit[0]).toMatchObject({ actorId: 'ou_asst', onBehalfOf: 'ou_mgr' });
  });

  it('alerts admins when the next approver has left since the chain was planned', () => {
    const roster = rosterWith({ ou_dir: { active: false } });
    const d = last(run(submitted(), [['ou_mgr', approve(0)]], roster));
    expect(d.effects).toContainEqual({ type: 'notify_admins', requestId: 'req1', reason: 'approver_inactive', tiers: ['director'] });
    // an admin can still move it on
    expect(last(run(d.state, [['ou_admin', transfer(1, 'ou_dir2', '赵总监已离职')]], roster)).state.request.currentStep).toBe(2);
  });

  it('does not touch the state it was given', () => {
    const s = deepFreeze(submitted());
    const before = structuredClone(s);
    run(s, [['ou_mgr', approve(0)]]);
    expect(s).toEqual(before);
  });
});

describe('reject and return for revision', () => {
  it.each([
    ['reject', reject(1, ' 预算过高 '), 'rejected', 'subject_rejected'],
    ['return_for_revision', ret(1, '请补充拜访目的'), 'returned', 'subject_returned'],
  ] as const)('%s closes the round and tells the requester why', (_n, action, status, subjectEffect) => {
    const d = last(run(submitted(), [['ou_mgr', approve(0)], ['ou_dir', action]]));
    const reason = action.type === 'reject' ? '预算过高' : '请补充拜访目的';
    expect(summary(d.state)).toEqual({
      status,
      current: null,
      version: 3,
      steps: ['0:manager:ou_mgr:approved', `1:director:ou_dir:${status}`, '2:finance:ou_fin:cancelled'],
    });
    expect(d.state.steps[1]).toMatchObject({ comment: reason, decidedBy: 'ou_dir' });
    expect(d.effects).toEqual([
      { type: subjectEffect, requestId: 'req1', kind: 'visit_plan', subjectId: 'visit9', reason },
      { type: 'notify_requester', requestId: 'req1', requesterId: 'ou_spec', outcome: status, byId: 'ou_dir', reason },
      { type: 'refresh_cards', requestId: 'req1' },
    ]);
    expect(d.audit).toEqual([expect.objectContaining({ action: action.type, comment: reason, round: 1, stepIndex: 1 })]);
    expect(checkInvariants(d.state)).toEqual([]);
  });
});

describe('transfer', () => {
  it('hands the step to another member of the same tier and renumbers what follows', () => {
    const d = last(run(submitted(), [['ou_mgr', transfer(0, 'ou_mgr2')]]));
    expect(summary(d.state)).toEqual({
      status: 'pending',
      current: 1,
      version: 2,
      steps: ['0:manager:ou_mgr:transferred', '1:manager:ou_mgr2:pending', '2:director:ou_dir:waiting', '3:finance:ou_fin:waiting'],
    });
    expect(d.state.steps[0]).toMatchObject({ transferredTo: 'ou_mgr2', comment: '出差中' });
    expect(d.effects).toEqual([
      { type: 'notify_approver', requestId: 'req1', approverId: 'ou_mgr2', stepIndex: 1 },
      { type: 'refresh_cards', requestId: 'req1' },
    ]);
    expect(d.audit[0]).toMatchObject({ action: 'transfer', detail: 'ou_mgr2', comment: '出差中' });
    expect(checkInvariants(d.state)).toEqual([]);
    // the new approver carries on
    const next = last(run(d.state, [['ou_mgr2', approve(1)]]));
    expect(next.state.request.currentStep).toBe(2);
  });

  it('re-asks a step that was only skipped because it repeated the old approver', () => {
    const roster = rosterWith({ ou_spec: { managerId: 'ou_dir' } });
    const d = last(run(submitted({ roster, kind: 'development' }), [['ou_dir', transfer(0, 'ou_mgr')]], roster));
    expect(summary(d.state).steps).toEqual(['0:manager:ou_dir:transferred', '1:manager:ou_mgr:pending', '2:director:ou_dir:waiting']);
    expect(checkInvariants(d.state)).toEqual([]);
  });

  it('moves on to the re-opened step once the new approver approves', () => {
    const roster = rosterWith({ ou_spec: { managerId: 'ou_dir' } });
    const s1 = last(run(submitted({ roster, kind: 'development' }), [['ou_dir', transfer(0, 'ou_mgr')]], roster)).state;
    const s2 = last(run(s1, [['ou_mgr', approve(1)]], roster)).state;
    expect(summary(s2).steps).toEqual(['0:manager:ou_dir:transferred', '1:manager:ou_mgr:approved', '2:director:ou_dir:pending']);
  });
});

describe('resubmit', () => {
  it('starts a new round on a re-derived chain and keeps the old round', () => {
    // the manager leaves between rounds: round 2 escalates to the director
    const rejected = last(run(submitted(), [['ou_mgr', reject(0)]])).state;
    const roster = rosterWith({ ou_mgr: { active: false }, ou_mgr2: { active: false } });
    const d = last(run(rejected, [['ou_spec', { type: 'resubmit', comment: '已调整预算', hasBudget: false }, 10]], roster));
    expect(summary(d.state)).toEqual({
      status: 'pending',
      current: 4,
      version: 3,
      steps: [
        '0:manager:ou_mgr:rejected',
        '1:director:ou_dir:cancelled',
        '2:finance:ou_fin:cancelled',
        '3:manager:-:skipped',
        '4:director:ou_dir:pending',
        '5:finance:-:skipped',
      ],
    });
    expect(d.state.request).toMatchObject({ round: 2, hasBudget: false, submittedAt: T0, updatedAt: at(10) });
    expect(d.state.steps.map((s) => s.round)).toEqual([1, 1, 1, 2, 2, 2]);
    expect(d.state.steps[0]).toEqual(rejected.steps[0]);
    expect(d.audit[0]).toMatchObject({ action: 'resubmit', round: 2, comment: '已调整预算' });
    expect(d.effects).toContainEqual({ type: 'subject_submitted', requestId: 'req1', kind: 'visit_plan', subjectId: 'visit9', round: 2 });
    expect(d.effects).toContainEqual({ type: 'notify_approver', requestId: 'req1', approverId: 'ou_dir', stepIndex: 4 });
    expect(checkInvariants(d.state)).toEqual([]);
  });

  it('works after a return for revision, and the new round can be approved', () => {
    const ds = run(submitted({ kind: 'travel' }), [
      ['ou_mgr', ret(0)],
      ['ou_spec', { type: 'resubmit' }],
      ['ou_mgr', approve(1)],
    ]);
    expect(summary(last(ds).state)).toEqual({ status: 'approved', current: null, version: 4, steps: ['0:manager:ou_mgr:returned', '1:manager:ou_mgr:approved'] });
    expect(last(ds).state.request.round).toBe(2);
  });
});

describe('withdraw', () => {
  it('closes a pending request and tells the approver who was waiting on it', () => {
    const d = last(run(submitted(), [['ou_mgr', approve(0)], ['ou_spec', { type: 'withdraw', reason: '客户改期' }]]));
    expect(summary(d.state)).toEqual({
      status: 'withdrawn',
      current: null,
      version: 3,
      steps: ['0:manager:ou_mgr:approved', '1:director:ou_dir:cancelled', '2:finance:ou_fin:cancelled'],
    });
    expect(d.state.steps[1]!.comment).toBe('客户改期');
    expect(d.effects).toEqual([
      { type: 'subject_withdrawn', requestId: 'req1', kind: 'visit_plan', subjectId: 'visit9' },
      { type: 'notify_withdrawn', requestId: 'req1', approverId: 'ou_dir', stepIndex: 1 },
      { type: 'refresh_cards', requestId: 'req1' },
    ]);
    expect(checkInvariants(d.state)).toEqual([]);
  });

  it('may withdraw a rejected request instead of resubmitting it', () => {
    const d = last(run(submitted(), [['ou_mgr', reject(0)], ['ou_spec', { type: 'withdraw' }]]));
    expect(d.state.request.status).toBe('withdrawn');
    expect(d.effects.map((e) => e.type)).toEqual(['subject_withdrawn', 'refresh_cards']);
  });
});

describe('refusals', () => {
  const base = () => submitted();
  const after = (steps: Step[]) => () => last(run(base(), steps)).state;
  const tryIt = (state: () => ApprovalState, actorId: string, action: ApprovalAction, admins: string[] = []) => () =>
    decide(state(), action, member(ROSTER, actorId), ctxAt(at(30), ROSTER, admins));

  it.each<[string, () => unknown, string, RegExp]>([
    ['someone else approves', tryIt(base, 'ou_spec2', approve(0)), 'FORBIDDEN', /王经理/],
    ['the director jumps the queue', tryIt(base, 'ou_dir', approve(0)), 'FORBIDDEN', /王经理/],
    ['the next approver acts on a step not yet reached', tryIt(base, 'ou_dir', approve(1)), 'CONFLICT', /不可处理/],
    ['the requester approves their own request', tryIt(base, 'ou_spec', approve(0)), 'FORBIDDEN', /自己.*王经理/],
    ['an admin approves their own request', tryIt(() => submitted({ by: 'ou_admin', kind: 'travel' }), 'ou_admin', approve(1)), 'FORBIDDEN', /自己/],
    ['reject without a reason', tryIt(base, 'ou_mgr', reject(0, '   ')), 'VALIDATION', /原因/],
    ['return without a reason', tryIt(base, 'ou_mgr', ret(0, '')), 'VALIDATION', /原因/],
    ['transfer without a reason', tryIt(base, 'ou_mgr', transfer(0, 'ou_mgr2', '')), 'VALIDATION', /原因/],
    ['a comment over 500 characters', tryIt(base, 'ou_mgr', approve(0, '长'.repeat(501))), 'VALIDATION', /500/],
    ['transfer to a different tier', tryIt(base, 'ou_mgr', transfer(0, 'ou_dir')), 'VALIDATION', /经理/],
    ['transfer to an inactive member', () => decide(base(), transfer(0, 'ou_mgr2'), member(ROSTER, 'ou_mgr'), ctxAt(at(1), rosterWith({ ou_mgr2: { active: false } }))), 'VALIDATION', /在岗/],
    ['transfer to oneself', tryIt(base, 'ou_mgr', transfer(0, 'ou_mgr')), 'VALIDATION', /当前审批人/],
    ['transfer to someone unknown', tryIt(base, 'ou_mgr', transfer(0, 'ou_ghost')), 'VALIDATION', /转交/],
    ['decide twice (same person)', tryIt(after([['ou_mgr', approve(0)]]), 'ou_mgr', approve(0)), 'CONFLICT', /已由「王经理」于 2026-03-02 09:30 处理/],
    ['decide after an admin did', tryIt(after([['ou_admin', reject(0)]]), 'ou_mgr', approve(0)), 'CONFLICT', /陈管理员/],
    ['decide on a withdrawn request', tryIt(after([['ou_spec', { type: 'withdraw' }]]), 'ou_mgr', approve(0)), 'CONFLICT', /已撤回/],
    ['decide from an outdated card', tryIt(base, 'ou_mgr', { type: 'approve', stepIndex: 0, version: 7 }), 'CONFLICT', /过期/],
    ['decide on a step that does not exist', tryIt(base, 'ou_mgr', approve(9)), 'NOT_FOUND', /步骤/],
    ['approve an unknown request', () => decide(null, approve(0), member(ROSTER, 'ou_mgr'), ctxAt(T0)), 'NOT_FOUND', /找不到/],
    ['withdraw by someone else', tryIt(base, 'ou_mgr', { type: 'withdraw' }), 'FORBIDDEN', /张专员/],
    ['withdraw by an admin', tryIt(base, 'ou_admin', { type: 'withdraw' }), 'FORBIDDEN', /申请人/],
    ['withdraw after approval', tryIt(after([['ou_mgr', approve(0)], ['ou_dir', approve(1)], ['ou_fin', approve(2)]]), 'ou_spec', { type: 'withdraw' }), 'INVALID_TRANSITION', /已批准（「吴财务」/],
    ['withdraw twice', tryIt(after([['ou_spec', { type: 'withdraw' }]]), 'ou_spec', { type: 'withdraw' }), 'INVALID_TRANSITION', /已撤回/],
    ['withdraw from an outdated card', tryIt(base, 'ou_spec', { type: 'withdraw', version: 0 }), 'CONFLICT', /过期/],
    ['resubmit while pending', tryIt(base, 'ou_spec', { type: 'resubmit' }), 'INVALID_TRANSITION', /审批中/],
    ['resubmit by someone else', tryIt(after([['ou_mgr', reject(0)]]), 'ou_mgr', { type: 'resubmit' }), 'FORBIDDEN', /张专员/],
  ])('%s', (_n, fn, code, message) => {
    const e = refusal(fn);
    expect(e.code).toBe(code);
    expect(e.userMessage.zh_cn).toMatch(message);
    expect(e.userMessage.en_us.length).toBeGreaterThan(0);
    expect(e.userMessage.en_us).not.toMatch(/undefined|null/);
  });

  it('names who may act in English too', () => {
    const e = refusal(tryIt(base, 'ou_spec2', approve(0)));
    expect(e.userMessage.en_us).toBe('Only the current approver, 王经理 (or an admin), can act on this request.');
  });

  it('answers the loser of a double click with who won and when, in both languages', () => {
    const e = refusal(tryIt(after([['ou_mgr', approve(0)]]), 'ou_admin', approve(0)));
    expect(e.userMessage).toEqual({
      zh_cn: '此审批已由「王经理」于 2026-03-02 09:30 处理（已同意）。',
      en_us: 'Already handled by 王经理 at 2026-03-02 09:30 (approved).',
    });
  });
});

describe('version', () => {
  it('increments by one on every transition', () => {
    const ds = run(submitted(), [
      ['ou_mgr', transfer(0, 'ou_mgr2')],
      ['ou_mgr2', approve(1)],
      ['ou_dir', ret(2)],
      ['ou_spec', { type: 'resubmit' }],
      ['ou_mgr', approve(4)],
      ['ou_spec', { type: 'withdraw' }],
    ]);
    expect(ds.map((d) => d.state.request.version)).toEqual([2, 3, 4, 5, 6, 7]);
    for (const d of ds) expect(checkInvariants(d.state)).toEqual([]);
  });
});
