/**
 * Who a stranger is told to ask, and whose name the contact directory may change: issue 18's
 * "also fix" items on a roster with no admin role and KAM_ADMINS unset.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMember } from '../../src/app/roster.js';
import { describeMessage, ROSTER, startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  // The department as many install it: a director, no admin role, KAM_ADMINS unset.
  h = await startHarness({ env: { KAM_ADMINS: '' }, roster: ROSTER.filter((m) => m.role !== 'admin') });
});
afterAll(async () => h?.close());

async function say(from: string, text: string) {
  const before = h.lark.sent().length;
  await h.sender.message(from, text);
  await h.settle();
  return h.lark.sent().slice(before).map(describeMessage);
}

describe('someone not on the roster', () => {
  it('is told to ask the director by name when no admin is configured', async () => {
    expect(h.deps.config.admins).toEqual([]);
    const [reply] = await say('ou_stranger', '你好');
    expect(reply).toContain('不在大客户部的成员名单中');
    expect(reply).toContain('（赵总监）');
    expect(reply).toContain('(赵总监)');
  });

  it('hears the admins first, then the director, once an admin is on the roster', async () => {
    const { loadRoster } = await import('../../src/app/roster.js');
    await loadRoster(h.db.db, [{ openId: 'ou_admin2', name: '吴管理员', role: 'admin', managerId: null, locale: 'zh_cn' }], h.clock.now());
    const [reply] = await say('ou_stranger2', 'hello');
    expect(reply).toContain('（吴管理员、赵总监）');
  });
});

describe('the contact directory refresh', () => {
  it('never replaces a roster name with a placeholder', async () => {
    h.lark.users.set('ou_spec1', { name: '访客' });
    h.lark.users.set('ou_spec2', { name: ' Guest ' });
    h.lark.users.set('ou_manager', { name: 'ou_manager' });
    await say('ou_spec1', '帮助');
    await say('ou_spec2', 'help');
    await say('ou_manager', '帮助');
    expect((await getMember(h.db.db, 'ou_spec1'))!.name).toBe('李专员');
    expect((await getMember(h.db.db, 'ou_spec2'))!.name).toBe('Wang Wei');
    expect((await getMember(h.db.db, 'ou_manager'))!.name).toBe('钱经理');
  });

  it('still takes a real name from it', async () => {
    h.lark.users.set('ou_assistant', { name: '孙丽' });
    await say('ou_assistant', '帮助');
    expect((await getMember(h.db.db, 'ou_assistant'))!.name).toBe('孙丽');
  });
});
