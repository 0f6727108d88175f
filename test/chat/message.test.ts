import { describe, expect, it } from 'vitest';
import { extractText } from '../../src/chat/message.js';
import { parseMessageContent } from '../../src/lark/envelope.js';
import { matchCommand } from '../../src/chat/registry.js';
import { COMMANDS } from '../../src/chat/commands/index.js';

const received = (message: { message_type: string; content: string; message_id: string; chat_id: string; chat_type: string; mentions: { key: string; id: { open_id: string }; name: string }[] }) => ({
  message,
  content: () => parseMessageContent(message.message_type, message.content),
});
const raw = (type: string, content: unknown, mentions: { key: string; open_id: string; name: string }[] = []) => ({
  message_id: 'om_1',
  chat_id: 'oc_1',
  chat_type: 'group',
  message_type: type,
  content: JSON.stringify(content),
  mentions: mentions.map((m) => ({ key: m.key, id: { open_id: m.open_id }, name: m.name })),
});
const msg = (type: string, content: unknown, mentions: { key: string; open_id: string; name: string }[] = []) => received(raw(type, content, mentions));

describe('extractText', () => {
  it('resolves mentions, strips the bot and keeps others in order', () => {
    const r = extractText(
      msg('text', { text: '@_user_1 添加成员 @_user_2 专员 @_user_10' }, [
        { key: '@_user_1', open_id: 'ou_bot', name: 'Bot' },
        { key: '@_user_2', open_id: 'ou_z', name: '张三' },
        { key: '@_user_10', open_id: 'ou_l', name: '李四' },
      ]),
      'ou_bot',
    );
    expect(r).toEqual({ text: '添加成员 @张三 专员 @李四', mentions: [{ openId: 'ou_z', name: '张三' }, { openId: 'ou_l', name: '李四' }], botMentioned: true });
  });

  it.each([
    ['wrapped in a locale', { zh_cn: { title: '总结', content: [[{ tag: 'text', text: '拜访了华能' }], [{ tag: 'a', text: '链接', href: 'x' }]] } }],
    ['unwrapped', { title: '总结', content: [[{ tag: 'text', text: '拜访了华能' }], [{ tag: 'a', text: '链接', href: 'x' }]] }],
  ])('reads rich text posts %s', (_n, content) => {
    expect(extractText(msg('post', content), null)?.text).toBe('总结\n拜访了华能\n链接');
  });

  it('returns null for what it cannot read', () => {
    expect(extractText(msg('image', { image_key: 'img_1' }), null)).toBeNull();
    expect(extractText(received({ ...raw('text', {}), content: '{bad' }), null)).toBeNull();
  });
});

describe('matchCommand', () => {
  it.each([
    ['/help', 'help', ''],
    ['帮助', 'help', ''],
    ['Help me', 'help', 'me'],
    ['／团队', 'team', ''],
    ['成员列表', 'team', ''],
    ['添加成员 @张三 专员', 'member', '@张三 专员'],
    ['English', 'lang', ''],
    ['停用 @张三', 'member', '@张三'],
  ])('%s → %s', (text, name, args) => {
    const m = matchCommand(COMMANDS, text);
    expect(m?.command.name).toBe(name);
    expect(m?.args).toBe(args);
  });

  it.each(['helpful tips', 'teammate', '今天去了华能'])('%s matches nothing', (text) => {
    expect(matchCommand(COMMANDS, text)).toBeNull();
  });
});
