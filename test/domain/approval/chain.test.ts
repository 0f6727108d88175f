import { describe, expect, it } from 'vitest';
import { deriveChain } from '../../../src/domain/approval/chain.js';
import { REQUEST_KINDS, KIND_SPECS, isRequestKind, type RequestKind } from '../../../src/domain/approval/kinds.js';
import { DomainError } from '../../../src/domain/errors.js';
import type { Member } from '../../../src/domain/roster.js';
import { member, notation, ROSTER, rosterWith } from './fixtures.js';

type Case = [name: string, kind: RequestKind, requester: string, changes: Record<string, Partial<Member>>, hasBudget: boolean | undefined, expected: string[]];

const off = { active: false };

describe('deriveChain', () => {
  it.each<Case>([
    ['development: manager → director', 'development', 'ou_spec', {}, undefined, ['manager=ou_mgr', 'director=ou_dir']],
    ['visit plan with budget: manager → director → finance', 'visit_plan', 'ou_spec', {}, true, ['manager=ou_mgr', 'director=ou_dir', 'finance=ou_fin']],
    ['visit plan without budget skips finance', 'visit_plan', 'ou_spec', {}, false, ['manager=ou_mgr', 'director=ou_dir', 'finance~no_budget']],
    ['visit plan, budget not stated: finance is asked', 'visit_plan', 'ou_spec', {}, undefined, ['manager=ou_mgr', 'director=ou_dir', 'finance=ou_fin']],
    ['reception plan: manager → director', 'reception_plan', 'ou_spec', {}, true, ['manager=ou_mgr', 'director=ou_dir']],
    ['reimbursement: manager → finance, budget flag irrelevant', 'reimbursement', 'ou_spec', {}, false, ['manager=ou_mgr', 'finance=ou_fin']],
    ['the assistant goes through their manager too', 'travel', 'ou_asst', {}, undefined, ['manager=ou_mgr']],
    ['the other team has its own manager', 'development', 'ou_spec2', {}, undefined, ['manager=ou_mgr2', 'director=ou_dir']],
    // the requester is the manager
    ['manager’s development application skips themself', 'development', 'ou_mgr', {}, undefined, ['manager~requester_is_approver>director', 'director=ou_dir']],
    ['manager’s travel goes up to the director', 'travel', 'ou_mgr', {}, undefined, ['manager~requester_is_approver>director', 'director=ou_dir<manager']],
    ['manager’s reimbursement: director stands in, then finance', 'reimbursement', 'ou_mgr', {}, undefined, ['manager~requester_is_approver>director', 'director=ou_dir<manager', 'finance=ou_fin']],
    ['a director’s travel goes to another director', 'travel', 'ou_dir', {}, undefined, ['manager~requester_is_approver>director', 'director=ou_dir2<manager']],
    // no active manager
    ['no active manager: development escalates into the director step', 'development', 'ou_spec', { ou_mgr: off, ou_mgr2: off }, undefined, ['manager~no_active_member>director', 'director=ou_dir']],
    ['no active manager: travel escalates to the director', 'travel', 'ou_spec', { ou_mgr: off, ou_mgr2: off }, undefined, ['manager~no_active_member>director', 'director=ou_dir<manager']],
    ['no active manager: reimbursement inserts the director before finance', 'reimbursement', 'ou_spec', { ou_mgr: off, ou_mgr2: off }, undefined, ['manager~no_active_member>director', 'director=ou_dir<manager', 'finance=ou_fin']],
    ['own manager left, the only other manager covers', 'travel', 'ou_spec', { ou_mgr: off }, undefined, ['manager=ou_mgr2']],
    // no director
    ['no active director: recorded, the manager decides alone', 'development', 'ou_spec', { ou_dir: off, ou_dir2: off }, undefined, ['manager=ou_mgr', 'director~no_active_member']],
    ['own director left, another director covers', 'development', 'ou_spec', { ou_dir: off }, undefined, ['manager=ou_mgr', 'director=ou_dir2']],
    ['no finance: recorded, the manager decides alone', 'reimbursement', 'ou_spec', { ou_fin: off, ou_fin2: off }, undefined, ['manager=ou_mgr', 'finance~no_active_member']],
    ['finance’s own reimbursement goes to the other finance member', 'reimbursement', 'ou_fin', {}, undefined, ['manager~no_active_member>director', 'director=ou_dir<manager', 'finance=ou_fin2']],
    ['the only finance member cannot approve their own', 'reimbursement', 'ou_fin', { ou_fin2: off }, undefined, ['manager~no_active_member>director', 'director=ou_dir<manager', 'finance~requester_is_approver']],
    // approver == next approver
    ['reviewer is the director: asked once', 'development', 'ou_spec', { ou_spec: { managerId: 'ou_dir' } }, undefined, ['manager=ou_dir', 'director~same_as_previous']],
    ['reviewer is the director, then finance', 'visit_plan', 'ou_spec', { ou_spec: { managerId: 'ou_dir' } }, true, ['manager=ou_dir', 'director~same_as_previous', 'finance=ou_fin']],
    ['reviewer is the director, no budget', 'visit_plan', 'ou_spec', { ou_spec: { managerId: 'ou_dir' } }, false, ['manager=ou_dir', 'director~same_as_previous', 'finance~no_budget']],
  ])('%s', (_name, kind, requester, changes, hasBudget, expected) => {
    const roster = rosterWith(changes);
    const opts = hasBudget === undefined ? {} : { hasBudget };
    expect(notation(deriveChain(kind, member(roster, requester), roster, opts))).toEqual(expected);
  });

  it.each(['travel', 'target_change', 'purchase', 'phone_bill', 'equipment'] as const)('%s needs only the manager', (kind) => {
    expect(notation(deriveChain(kind, member(ROSTER, 'ou_spec'), ROSTER))).toEqual(['manager=ou_mgr']);
  });

  it.each<[string, RequestKind, string, Record<string, Partial<Member>>, RegExp]>([
    ['no manager and no director', 'travel', 'ou_spec', { ou_mgr: off, ou_mgr2: off, ou_dir: off, ou_dir2: off }, /大客户部经理、营销总监/],
    ['no manager and no director, development', 'development', 'ou_spec', { ou_mgr: off, ou_mgr2: off, ou_dir: off, ou_dir2: off }, /营销总监/],
    ['a lone director’s own travel', 'travel', 'ou_dir', { ou_dir2: off }, /营销总监/],
  ])('refuses a chain nobody can act on: %s', (_name, kind, requester, changes, zh) => {
    const roster = rosterWith(changes);
    let err: unknown;
    try {
      deriveChain(kind, member(roster, requester), roster);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DomainError);
    const de = err as DomainError;
    expect(de.code).toBe('PRECONDITION_FAILED');
    expect(de.userMessage.zh_cn).toMatch(zh);
    expect(de.userMessage.zh_cn).toMatch(/管理员/);
    expect(de.userMessage.en_us).toMatch(/admin must add/i);
  });

  it('never plans the requester as an active approver, for any kind and requester', () => {
    for (const kind of REQUEST_KINDS) {
      for (const requester of ROSTER.values()) {
        let steps;
        try {
          steps = deriveChain(kind, requester, ROSTER);
        } catch {
          continue;
        }
        expect(steps.some((s) => !s.skipped)).toBe(true);
        expect(steps.filter((s) => !s.skipped).map((s) => s.approverId)).not.toContain(requester.openId);
      }
    }
  });

  it('every kind has a bilingual label and a chain', () => {
    for (const kind of REQUEST_KINDS) {
      expect(isRequestKind(kind)).toBe(true);
      expect(KIND_SPECS[kind].label.zh_cn).not.toBe('');
      expect(KIND_SPECS[kind].label.en_us).not.toBe('');
      expect(KIND_SPECS[kind].chain.length).toBeGreaterThan(0);
    }
    expect(isRequestKind('vacation')).toBe(false);
  });
});
