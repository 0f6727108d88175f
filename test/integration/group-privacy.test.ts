/**
 * Issue 18: `@bot 客户 <name>` in a group showed every contact's birth date, hobbies and family to
 * the whole group. Through the real path: a group @-mention posted to the webhook, the messages
 * read at the fake Lark, per chat.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { customers } from '../../db/schema/index.js';
import { SENT_PRIVATELY } from '../../src/chat/on-message.js';
import { startHarness, type Harness } from '../support/harness.js';
import type { FakeMessage } from '../../src/sandbox/fake-lark.js';
import { button, click, json, newCustomer, say } from './customer-helpers.js';

const GROUP = 'oc_team_group';
const SECRETS = ['1965-03-08', '高尔夫', '已婚，一子', '1980-01-02', '钓鱼', '女儿在读高三'];
let h: Harness;
let id = '';

/** `@大客户助手 <text>` in the team group, as Lark delivers it. */
const inGroup = (who: string, text: string, parentId?: string) =>
  say(h, who, `@_user_1 ${text}`, { chatType: 'group', chatId: GROUP, mentions: [{ key: '@_user_1', openId: 'ou_bot', name: '大客户助手' }], ...(parentId ? { parentId } : {}) });
const groupMessages = (): FakeMessage[] => h.lark.sent().filter((m) => m.chatId === GROUP);
/** Everything the group can read now: each bot message in it, as last patched. */
const groupText = () => groupMessages().map((m) => json(h.lark.messages.get(m.messageId)!.content)).join('\n');

beforeAll(async () => {
  h = await startHarness();
  const row = await newCustomer(h, 'ou_spec1', '华能集团');
  await h.deps.botOpenId(); // known, as it is once the first message has been handled
  id = row.id;
  const archive = {
    ...row.archive,
    legalRep: { name: '张董', birthDate: '1965-03-08', hobbies: '高尔夫', family: '已婚，一子' },
    contacts: [{ name: '王总', position: '总经理', birthDate: '1980-01-02', hobbies: '钓鱼', family: '女儿在读高三', buyerRoles: ['economic'] }],
  };
  await h.db.db.update(customers).set({ archive: archive as never }).where(eq(customers.id, id));
});
afterAll(async () => h?.close());

describe('客户 <name> asked in a group', () => {
  it('posts only what anyone there may see, and sends the owner the full archive directly', async () => {
    const out = await inGroup('ou_spec1', '客户 华能集团');
    const toGroup = out.filter((m) => m.chatId === GROUP);
    expect(toGroup).toHaveLength(1);
    const shared = json(toGroup[0]!.content);
    expect(shared).toContain('张董');
    expect(shared).toContain('王总');
    for (const s of SECRETS) expect(shared, s).not.toContain(s);
    expect(shared, 'no edit buttons: a form would show current values to the group').not.toContain('customer.edit');
    expect(shared).toContain('已私信发给你');

    const direct = out.filter((m) => m.receiverOpenId === 'ou_spec1' && m.chatId !== GROUP);
    expect(direct).toHaveLength(1);
    for (const s of SECRETS) expect(json(direct[0]!.content)).toContain(s);
  });

  it('asked by a specialist who may not see personal data: the group copy only, nothing private', async () => {
    const out = await inGroup('ou_spec2', '客户 华能集团');
    expect(out.filter((m) => m.chatId !== GROUP)).toEqual([]);
    for (const s of SECRETS) expect(json(out[0]!.content)).not.toContain(s);
    expect(json(out[0]!.content)).not.toContain('已私信');
  });

  it('the group copy stays without personal data when the archive changes and every copy is refreshed', async () => {
    const direct = h.lark.sent().filter((m) => m.chatId !== GROUP && m.receiverOpenId === 'ou_spec1' && json(m.content).includes('customer.edit')).at(-1)!;
    const { messageId } = direct;
    const card = h.lark.messages.get(messageId)!.content;
    const edit = await click(h, 'ou_spec1', messageId, button(card, 'customer.edit', { s: 'people' }));
    const saved = await click(h, 'ou_spec1', messageId, button(edit.card!.data, 'customer.save', { s: 'people' }), {
      legalRep_name: '张董事长', legalRep_birthDate: '1965-03-08 +0800', legalRep_hobbies: '高尔夫', legalRep_family: '已婚，一子',
    });
    expect(saved.toast?.type, saved.toast?.content).toBe('success');
    const patched = groupMessages().filter((m) => h.lark.messages.get(m.messageId)!.patches > 0);
    expect(patched.length).toBeGreaterThan(0);
    expect(groupText()).toContain('张董事长');
    for (const s of SECRETS) expect(groupText(), s).not.toContain(s);
  });

  it('a pick list in the group opens the archive in the clicker’s direct chat, not in the group', async () => {
    await newCustomer(h, 'ou_spec1', '华能国际');
    const out = await inGroup('ou_spec1', '客户 华能');
    const pick = out.find((m) => m.chatId === GROUP && json(m.content).includes('customer.open'))!;
    expect(pick, 'a pick list in the group').toBeTruthy();
    const before = groupMessages().length;
    await click(h, 'ou_manager', pick.messageId, button(pick.content, 'customer.open', { c: id }));
    expect(groupMessages()).toHaveLength(before);
    expect(groupText().includes('1965-03-08')).toBe(false);
  });
});

describe('answers for the asker alone', () => {
  it.each([
    ['ou_manager', '月报汇总 11月', '月度市场分析报告汇总'],
    ['ou_manager', '待审批', '待我审批'],
  ])('%s: "%s" in a group goes to the direct chat; the group is told so', async (who, text, title) => {
    const out = await inGroup(who, text);
    const toGroup = out.filter((m) => m.chatId === GROUP);
    expect(toGroup.map((m) => m.content)).toEqual([{ text: SENT_PRIVATELY }]);
    const direct = out.filter((m) => m.chatId !== GROUP);
    expect(json(direct.map((m) => m.content))).toContain(title);
  });

  it('a help card’s button clicked in a group answers the clicker directly', async () => {
    const out = await inGroup('ou_spec1', '帮助');
    const help = out.find((m) => m.chatId === GROUP && json(m.content).includes('chat.run'))!;
    expect(help, 'the help card in the group').toBeTruthy();
    const before = groupMessages().length;
    await click(h, 'ou_spec1', help.messageId, button(help.content, 'chat.run', { c: 'customers' }));
    expect(groupMessages()).toHaveLength(before);
  });

});
