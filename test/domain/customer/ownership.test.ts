import { describe, expect, it } from 'vitest';
import { checkNewOwner, mayAssignOwner, ownerCandidates } from '../../../src/domain/customer/ownership.js';
import { accessOf } from '../../../src/domain/customer/visibility.js';
import { isDomainError } from '../../../src/domain/errors.js';
import { rosterOf, type Member } from '../../../src/domain/roster.js';

const m = (openId: string, role: Member['role'], active = true): Member => ({ openId, name: openId, role, managerId: null, locale: 'zh_cn', active });
const roster = rosterOf([m('d', 'director'), m('mgr', 'manager'), m('a', 'assistant'), m('s1', 'specialist'), m('s2', 'specialist'), m('old', 'specialist', false), m('f', 'finance'), m('adm', 'admin')]);
const codeOf = (f: () => unknown) => {
  try { f(); return null; } catch (e) { return isDomainError(e) ? e.code : 'other'; }
};

describe('customer ownership rules', () => {
  it('managers, the director and admins assign; the creator of an ownerless customer may answer once', () => {
    expect(['mgr', 'd', 'adm'].map((id) => mayAssignOwner(roster.get(id)!, []))).toEqual([true, true, true]);
    expect(mayAssignOwner(roster.get('s1')!, [])).toBe(false);
    expect(mayAssignOwner(roster.get('s1')!, ['s1'])).toBe(true);
    expect(mayAssignOwner(roster.get('a')!, [], { ownerId: null, createdBy: 'a' })).toBe(true);
    expect(mayAssignOwner(roster.get('a')!, [], { ownerId: 's1', createdBy: 'a' })).toBe(false);
    expect(mayAssignOwner(roster.get('a')!, [], { ownerId: null, createdBy: 'mgr' })).toBe(false);
    expect(mayAssignOwner(m('mgr', 'manager', false), [])).toBe(false);
  });

  it('the owner is an active specialist or manager, not already the owner', () => {
    expect(checkNewOwner(roster, 's2', 's1').openId).toBe('s2');
    expect(codeOf(() => checkNewOwner(roster, 'ghost', 's1'))).toBe('NOT_FOUND');
    expect(codeOf(() => checkNewOwner(roster, 'old', 's1'))).toBe('VALIDATION');
    expect(codeOf(() => checkNewOwner(roster, 'f', null))).toBe('VALIDATION');
    expect(codeOf(() => checkNewOwner(roster, 's1', 's1'))).toBe('VALIDATION');
    expect(ownerCandidates(roster)).toEqual(['mgr', 's1', 's2']);
  });

  it('an ownerless customer is the managers’ to look after', () => {
    expect(accessOf(roster.get('mgr')!, null, roster)).toBe('owners_manager');
    expect(accessOf(roster.get('s1')!, null, roster)).toBe('none');
  });
});
