import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../../src/domain/approval/invariants.js';
import { insertAfter, reapplyAskOnce } from '../../../src/domain/approval/steps.js';
import type { ApprovalState, ApprovalStep, StepStatus } from '../../../src/domain/approval/types.js';
import { submitted } from './fixtures.js';

const row = (index: number, approverId: string, status: StepStatus, skipReason: ApprovalStep['skipReason'] = null): ApprovalStep => ({
  index,
  round: 1,
  tier: 'manager',
  approverId,
  status,
  activatedAt: null,
  decidedBy: null,
  decidedAt: null,
  comment: null,
  skipReason,
  escalatedFrom: null,
  escalatedTo: null,
  transferredTo: null,
});

describe('reapplyAskOnce', () => {
  it.each<[string, ApprovalStep[], string[]]>([
    ['skips a waiting step that repeats the new approver', [row(0, 'a', 'pending'), row(1, 'a', 'waiting'), row(2, 'b', 'waiting')], ['pending', 'skipped:same_as_previous', 'waiting']],
    ['re-opens a step skipped for repeating the old approver', [row(0, 'new', 'pending'), row(1, 'old', 'skipped', 'same_as_previous'), row(2, 'c', 'waiting')], ['pending', 'waiting', 'waiting']],
    ['leaves other skips alone', [row(0, 'a', 'pending'), row(1, 'x', 'skipped', 'no_budget')], ['pending', 'skipped:no_budget']],
    ['compares with the last asked step, not a skipped one', [row(0, 'a', 'pending'), row(1, 'b', 'waiting'), row(2, 'b', 'waiting')], ['pending', 'waiting', 'skipped:same_as_previous']],
  ])('%s', (_n, steps, expected) => {
    reapplyAskOnce(steps, 0);
    expect(steps.map((s) => (s.skipReason ? `${s.status}:${s.skipReason}` : s.status))).toEqual(expected);
  });
});

describe('insertAfter', () => {
  it('keeps indexes equal to positions', () => {
    const out = insertAfter([row(0, 'a', 'transferred'), row(1, 'b', 'waiting')], 0, row(99, 'c', 'pending'));
    expect(out.map((s) => [s.index, s.approverId])).toEqual([
      [0, 'a'],
      [1, 'c'],
      [2, 'b'],
    ]);
  });
});

describe('checkInvariants', () => {
  const s = submitted();
  const broken = (f: (x: ApprovalState) => void): string[] => {
    const copy = structuredClone(s);
    f(copy);
    return checkInvariants(copy);
  };
  it.each<[string, (x: ApprovalState) => void, RegExp]>([
    ['two pending steps', (x) => void (x.steps[1]!.status = 'pending'), /exactly one pending/],
    ['currentStep pointing elsewhere', (x) => void (x.request.currentStep = 2), /currentStep 2/],
    ['an approved request with an open step', (x) => void ((x.request.status = 'approved'), (x.request.currentStep = null), (x.steps[0]!.status = 'approved')), /undecided step/],
    ['the requester asked to approve', (x) => void (x.steps[1]!.approverId = 'ou_spec'), /own request/],
    ['a wrong index', (x) => void (x.steps[2]!.index = 5), /index 5/],
  ])('catches %s', (_n, f, re) => expect(broken(f).join('\n')).toMatch(re));
  it('passes a fresh request', () => expect(checkInvariants(s)).toEqual([]));
});
