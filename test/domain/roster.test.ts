import { describe, expect, it } from 'vitest';
import { managerIdOf, reviewerOf, rosterOf, type Member } from '../../src/domain/roster.js';

const m = (openId: string, role: Member['role'], managerId: string | null = null, active = true): Member => ({ openId, name: openId, role, managerId, locale: 'zh_cn', active });

describe('who is this person’s manager (managerIdOf)', () => {
  const director = m('d', 'director');
  const manager = m('mgr', 'manager', 'd');
  it('is the explicit manager when the roster names an active one', () => {
    const r = rosterOf([director, manager, m('mgr2', 'manager', 'd'), m('s', 'specialist', 'mgr2')]);
    expect(managerIdOf(r, 's')).toBe('mgr2');
  });
  it('falls back, as the approval chain does, to the only active manager when none is named', () => {
    const r = rosterOf([director, manager, m('s', 'specialist'), m('a', 'assistant')]);
    expect(managerIdOf(r, 's')).toBe('mgr');
    expect(managerIdOf(r, 'a')).toBe('mgr');
    expect(managerIdOf(r, 's')).toBe(reviewerOf(r, r.get('s')!)?.openId);
  });
  it('skips a deactivated explicit manager for the fallback', () => {
    const r = rosterOf([director, manager, m('old', 'manager', 'd', false), m('s', 'specialist', 'old')]);
    expect(managerIdOf(r, 's')).toBe('mgr');
  });
  it('is the director for a manager, and nobody when two managers leave it ambiguous', () => {
    const r = rosterOf([director, manager, m('mgr2', 'manager', 'd'), m('s', 'specialist')]);
    expect(managerIdOf(r, 'mgr')).toBe('d');
    expect(managerIdOf(r, 's')).toBeNull();
    expect(managerIdOf(r, 'nobody')).toBeNull();
  });
});
