import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, members } from '../../db/schema/index.js';
import { getMember } from '../../src/app/roster.js';
import { describeMessage, startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const mention = (key: string, openId: string, name: string) => ({ key, openId, name });
async function say(from: string, text: string, mentions: ReturnType<typeof mention>[] = []) {
  const before = h.lark.sent().length;
  await h.sender.message(from, text, { mentions });
  await h.settle();
  return h.lark.sent().slice(before);
}

describe('managing the roster by chat', () => {
  it('an admin adds a member by @-mention with a reviewer; both are told', async () => {
    const replies = await say('ou_admin', '添加成员 @_user_1 专员 @_user_2', [mention('@_user_1', 'ou_new', '陈新'), mention('@_user_2', 'ou_manager', '钱经理')]);
    expect(await getMember(h.db.db, 'ou_new')).toMatchObject({ name: '陈新', role: 'specialist', managerId: 'ou_manager', active: true });
    expect(replies.map(describeMessage)).toEqual(expect.arrayContaining([expect.stringContaining('已添加 陈新：大客户专员，上级 钱经理'), expect.stringContaining('您已加入大客户部')]));
    const audit = await h.db.db.select().from(auditLog).where(and(eq(auditLog.subjectId, 'ou_new'), eq(auditLog.action, 'member.add')));
    expect(audit[0]).toMatchObject({ actorId: 'ou_admin' });
  });

  it('the new member can use the bot at once', async () => {
    const [help] = await say('ou_new', '帮助');
    expect(describeMessage(help!)).toContain('使用说明');
  });

  it('changes a role and a reviewer, in English for an English speaker', async () => {
    await say('ou_admin', '成员 角色 @_user_1 经理', [mention('@_user_1', 'ou_new', '陈新')]);
    expect((await getMember(h.db.db, 'ou_new'))!.role).toBe('manager');
    await say('ou_admin', 'member manager @_user_1 @_user_2', [mention('@_user_1', 'ou_new', '陈新'), mention('@_user_2', 'ou_director', '赵总监')]);
    expect((await getMember(h.db.db, 'ou_new'))!.managerId).toBe('ou_director');
  });

  it('refuses bad input clearly and changes nothing', async () => {
    const before = await h.db.db.select().from(members);
    const cases: [string, ReturnType<typeof mention>[], string][] = [
      ['添加成员 @_user_1', [mention('@_user_1', 'ou_x', '某人')], '请写明角色'],
      ['添加成员 专员', [], '用法'],
      ['添加成员 @_user_1 专员 @_user_2', [mention('@_user_1', 'ou_x', '某人'), mention('@_user_2', 'ou_ghost', '幽灵')], '不在名单中'],
      ['成员 上级 @_user_1 @_user_2', [mention('@_user_1', 'ou_spec1', '李专员'), mention('@_user_2', 'ou_spec2', 'Wang Wei')], '需要是在岗的经理或总监'],
      ['停用 @_user_1', [mention('@_user_1', 'ou_admin', '吴管理员')], '不能停用自己'],
    ];
    for (const [text, ms, expected] of cases) {
      const [reply] = await say('ou_admin', text, ms);
      expect(reply ? describeMessage(reply) : `no reply to ${text}`).toContain(expected);
    }
    expect(await h.db.db.select().from(members)).toEqual(before);
  });

  it('non-admins cannot manage members', async () => {
    const [reply] = await say('ou_manager', '添加成员 @_user_1 专员', [mention('@_user_1', 'ou_y', '某某')]);
    expect(describeMessage(reply!)).toContain('仅限管理员');
    expect(await getMember(h.db.db, 'ou_y')).toBeNull();
  });

  it('a deactivated member is told politely and cannot act', async () => {
    await say('ou_admin', '停用 @_user_1', [mention('@_user_1', 'ou_new', '陈新')]);
    const [reply] = await say('ou_new', '帮助');
    expect(describeMessage(reply!)).toContain('已停用');
    await say('ou_admin', '启用 @_user_1', [mention('@_user_1', 'ou_new', '陈新')]);
    expect((await getMember(h.db.db, 'ou_new'))!.active).toBe(true);
  });

  it('shows the team, and switches language', async () => {
    const [team] = await say('ou_spec2', 'team');
    expect(JSON.stringify(team!.content)).toContain('李专员');
    const [lang] = await say('ou_spec1', 'English');
    expect(describeMessage(lang!)).toBe('OK, I will reply in English.');
    expect((await getMember(h.db.db, 'ou_spec1'))!.locale).toBe('en_us');
    await say('ou_spec1', '中文');
  });

  it('takes names from the contact API when it has them', async () => {
    h.lark.users.set('ou_spec1', { name: '李明', enName: 'Li Ming' });
    h.clock.advance(31 * 24 * 3600_000); // the monthly refresh is due again
    await say('ou_spec1', '帮助');
    await h.settle();
    expect((await getMember(h.db.db, 'ou_spec1'))!.name).toBe('李明');
    // the roster file no longer overrides a contact name
    const { loadRoster } = await import('../../src/app/roster.js');
    await loadRoster(h.db.db, [{ openId: 'ou_spec1', name: '李专员', role: 'specialist', managerId: 'ou_manager', locale: 'zh_cn' }], h.clock.now());
    expect((await getMember(h.db.db, 'ou_spec1'))!.name).toBe('李明');
  });
});
