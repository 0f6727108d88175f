import { describe, expect, it } from 'vitest';
import { accessOf, canEditArchive, visibleArchive, withoutPersonal } from '../../../src/domain/customer/visibility.js';
import { rosterOf } from '../../../src/domain/roster.js';
import { fullArchive, member, people, roster } from './fixtures.js';

const OWNER = people.specA1.openId;

describe('archive visibility', () => {
  it.each([
    ['the owner', people.specA1, 'owner', true],
    ["the owner's manager", people.mgrA, 'owners_manager', true],
    ['another manager', people.mgrB, 'none', false],
    ['the director', people.director, 'director', true],
    ['the assistant', people.assistant, 'assistant', true],
    ['another specialist of the same team', people.specA2, 'none', false],
    ['a specialist of another team', people.specB1, 'none', false],
    ['finance', people.finance, 'none', false],
    ['an admin (by role only)', people.admin, 'none', false],
    ['an inactive member', { ...people.mgrA, active: false }, 'none', false],
  ] as const)('%s', (_l, viewer, access, personal) => {
    expect(accessOf(viewer, OWNER, roster)).toBe(access);
    expect(canEditArchive(viewer, OWNER, roster)).toBe(personal);
    const v = visibleArchive(fullArchive(), viewer, OWNER, roster);
    expect(v.personal).toBe(personal);
    expect(v.canEdit).toBe(personal);
    const a = v.archive;
    // Company fields are always there.
    expect(a.name).toBe('中国华能集团有限公司');
    expect(a.registeredCapitalFen).toBe(fullArchive().registeredCapitalFen);
    expect(a.contacts.map((c) => [c.name, c.position, c.buyerRoles])).toEqual(fullArchive().contacts.map((c) => [c.name, c.position, c.buyerRoles]));
    expect(a.legalRep?.name).toBe('温枢刚');
    expect(a.legalRep?.phone).toBe('13800000000');
    // Personal fields of every person only for the owner's line.
    const personalValues = [a.legalRep?.birthDate, a.legalRep?.hobbies, a.legalRep?.family, a.contacts[0]?.birthDate, a.contacts[0]?.hobbies, a.contacts[0]?.family];
    if (personal) expect(personalValues).toEqual(['1968-05-01', '书法', '已婚', '1975-02-03', '高尔夫', '一子']);
    else {
      expect(personalValues.every((x) => x === undefined)).toBe(true);
      expect(JSON.stringify(a)).not.toMatch(/birthDate|hobbies|family/);
    }
  });

  it('a specialist reviewed by the only manager needs no explicit managerId', () => {
    const solo = member('ou_solo', 'specialist');
    const mgr = member('ou_m', 'manager');
    const r = rosterOf([solo, mgr, member('ou_d', 'director')]);
    expect(accessOf(mgr, solo.openId, r)).toBe('owners_manager');
  });

  it('when the owner has left the roster, only the director and the assistant see personal data', () => {
    expect(accessOf(people.mgrA, 'ou_gone', roster)).toBe('none');
    expect(accessOf(people.director, 'ou_gone', roster)).toBe('director');
    expect(accessOf(people.assistant, null, roster)).toBe('assistant');
  });

  it('an inactive owner is still followed to their manager until the handover', () => {
    expect(accessOf(people.mgrA, people.leftSpec.openId, roster)).toBe('owners_manager');
  });

  it('does not modify the stored archive', () => {
    const a = fullArchive();
    withoutPersonal(a);
    expect(a).toEqual(fullArchive());
  });
});
