import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { inboundEvents, outbox } from '../../db/schema/index.js';
import { larkEncrypt, larkSignature } from '../../src/lark/crypto.js';
import { EXPECTED_MIGRATIONS } from '../../db/migrations-status.js';
import { describeMessage, ENCRYPT_KEY, startHarness, VERIFICATION_TOKEN, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const storedEvents = async () => (await h.db.db.select({ n: count() }).from(inboundEvents))[0]!.n;
const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(h.botUrl + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

async function signedHeaders(body: string): Promise<Record<string, string>> {
  const timestamp = String(Math.floor(h.clock.now().getTime() / 1000));
  const nonce = 'nonce-1';
  return { 'x-lark-request-timestamp': timestamp, 'x-lark-request-nonce': nonce, 'x-lark-signature': await larkSignature(timestamp, nonce, ENCRYPT_KEY, body) };
}

describe('url_verification', () => {
  it('answers the plain challenge without signature headers', async () => {
    const res = await post('/lark/events', JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: VERIFICATION_TOKEN }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'abc123' });
  });

  it('answers the encrypted challenge', async () => {
    const encrypt = await larkEncrypt(ENCRYPT_KEY, JSON.stringify({ type: 'url_verification', challenge: 'enc-9', token: VERIFICATION_TOKEN }));
    const res = await post('/lark/cards', JSON.stringify({ encrypt }));
    expect(await res.json()).toEqual({ challenge: 'enc-9' });
  });

  it('refuses a challenge with the wrong token', async () => {
    const res = await post('/lark/events', JSON.stringify({ type: 'url_verification', challenge: 'x', token: 'nope' }));
    expect(res.status).toBe(403);
  });
});

describe('bad requests change nothing', () => {
  // Unsigned, so refused before anything reads the body: its shape is never the reason.
  it.each([
    ['malformed JSON', () => post('/lark/events', '{"schema":'), 401],
    ['a JSON array', () => post('/lark/events', '[1,2]'), 401],
    ['signed malformed JSON', async () => post('/lark/events', '{"schema":', await signedHeaders('{"schema":')), 400],
    ['a signed JSON array', async () => post('/lark/events', '[1,2]', await signedHeaders('[1,2]')), 400],
    ['over 1 MB', () => post('/lark/events', JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 10) })), 413],
    ['not decryptable', () => post('/lark/events', JSON.stringify({ encrypt: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' })), 401],
  ])('%s → %i', async (_name, send, status) => {
    const before = await storedEvents();
    const res = await send();
    expect(res.status).toBe(status);
    expect((await res.json()) as object).toHaveProperty('error');
    expect(await storedEvents()).toBe(before);
  });

  it.each([
    ['a forged signature', { signature: 'f'.repeat(64) }, 401],
    ['a stale timestamp', { timestamp: String(Math.floor(new Date('2026-11-27T01:50:00Z').getTime() / 1000)) }, 401],
    ['missing signature headers', { signature: '' }, 401],
  ] as [string, { signature?: string; timestamp?: string }, number][])('%s is rejected', async (_name, overrides, status) => {
    const before = await storedEvents();
    const plain = h.sender.envelope('im.message.receive_v1', h.sender.messageEvent('ou_spec1', '帮助'));
    const { body, headers } = await h.sender.sign(plain, overrides);
    if (overrides.signature === '') delete headers['x-lark-signature'];
    const res = await post('/lark/events', body, headers);
    expect(res.status).toBe(status);
    expect(await storedEvents()).toBe(before);
  });

  it('rejects a signed event carrying the wrong verification token', async () => {
    const before = await storedEvents();
    const plain = h.sender.envelope('im.message.receive_v1', h.sender.messageEvent('ou_spec1', '帮助'), undefined, 'wrong-token');
    const res = await h.sender.post('/lark/events', plain);
    expect(res.status).toBe(403);
    expect(await storedEvents()).toBe(before);
  });
});

describe('messages', () => {
  it('answers /help with the help card for the role', async () => {
    const before = h.lark.sent().length;
    const d = await h.sender.message('ou_spec1', '/help');
    expect(d.status).toBe(200);
    await h.settle();
    const replies = h.lark.sent().slice(before);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.receiverOpenId).toBe('ou_spec1');
    expect(describeMessage(replies[0]!)).toContain('使用说明');
    const json = JSON.stringify(replies[0]!.content);
    expect(json).toContain('Help');
    expect(json).not.toContain('成员管理'); // a specialist is not shown admin commands
  });

  it('shows admins the member commands', async () => {
    const before = h.lark.sent().length;
    await h.sender.message('ou_admin', '帮助');
    await h.settle();
    expect(JSON.stringify(h.lark.sent().slice(before)[0]!.content)).toContain('成员管理');
  });

  it('answers unrecognised text with 没听懂 and the everyday commands, not the whole help card', async () => {
    const before = h.lark.sent().length;
    await h.sender.message('ou_spec1', '今天天气不错');
    await h.settle();
    const reply = describeMessage(h.lark.sent().slice(before)[0]!);
    expect(reply).toContain('没听懂');
    expect(reply).not.toContain('使用说明');
  });

  it('the same event delivered three times has one effect', async () => {
    const before = h.lark.sent().length;
    const event = h.sender.messageEvent('ou_spec1', '团队');
    const eventId = 'evt-dup-three-times';
    for (let i = 0; i < 3; i++) {
      const d = await h.sender.deliver('im.message.receive_v1', event, { eventId });
      expect(d.status).toBe(200);
      if (i === 1) await h.settle();
    }
    await h.settle();
    // hours later, a Lark redelivery is still a duplicate
    h.clock.advance(6 * 3600_000);
    await h.sender.deliver('im.message.receive_v1', event, { eventId });
    await h.settle();
    h.clock.advance(-6 * 3600_000);
    expect(h.lark.sent().slice(before)).toHaveLength(1);
    const [row] = await h.db.db.select().from(inboundEvents).where(eq(inboundEvents.eventId, eventId));
    expect(row!.status).toBe('done');
  });

  it('tells someone not on the roster whom to ask', async () => {
    const before = h.lark.sent().length;
    await h.sender.message('ou_stranger', '你好');
    await h.settle();
    const text = describeMessage(h.lark.sent().slice(before)[0]!);
    expect(text).toContain('不在大客户部的成员名单中');
    expect(text).toContain('吴管理员');
    expect(text).toContain('not on the key-account');
  });

  it('in a group, answers only when @-mentioned, as a reply', async () => {
    await h.deps.botOpenId(); // known, as it is once the first message has been handled
    const before = h.lark.sent().length;
    const chatter = await h.sender.message('ou_spec1', '大家好', { chatType: 'group', chatId: 'oc_group1' });
    const other = await h.sender.message('ou_spec1', '@_user_1 你看下', { chatType: 'group', chatId: 'oc_group1', mentions: [{ key: '@_user_1', openId: 'ou_spec2', name: '李专员' }] });
    await h.settle();
    expect(h.lark.sent().slice(before)).toHaveLength(0);
    // Chatter not addressed to the bot is kept (and deduplicated) but settled on arrival, unhandled.
    for (const d of [chatter, other]) {
      const [row] = await h.db.db.select().from(inboundEvents).where(eq(inboundEvents.eventId, d.eventId));
      expect(row).toMatchObject({ status: 'ignored', attempts: 0 });
    }
    await h.sender.message('ou_spec1', '@_user_1 团队', { chatType: 'group', chatId: 'oc_group1', mentions: [{ key: '@_user_1', openId: 'ou_bot', name: '大客户助手' }] });
    await h.settle();
    const replies = h.lark.sent().slice(before);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.chatId).toBe('oc_group1');
    expect(replies[0]!.parentId).not.toBeNull();
  });

  it('ignores a group image not addressed to it, and explains in a direct chat', async () => {
    const before = h.lark.sent().length;
    const image = (chatType: 'p2p' | 'group') => {
      const e = h.sender.messageEvent('ou_spec1', '', { chatType, chatId: chatType === 'group' ? 'oc_group1' : undefined });
      const m = e.message as Record<string, unknown>;
      return { ...e, message: { ...m, message_type: 'image', content: JSON.stringify({ image_key: 'img_v3_x' }) } };
    };
    await h.sender.deliver('im.message.receive_v1', image('group'));
    await h.settle();
    expect(h.lark.sent().slice(before)).toHaveLength(0);
    await h.sender.deliver('im.message.receive_v1', image('p2p'));
    await h.settle();
    expect(describeMessage(h.lark.sent().slice(before)[0]!)).toContain('请发文字');
  });

  it('acknowledges unknown event types and stores them, settled on arrival', async () => {
    const d = await h.sender.deliver('im.message.reaction.created_v1', { message_id: 'om_x', reaction_type: { emoji_type: 'OK' } });
    expect(d.status).toBe(200);
    await h.settle();
    const [row] = await h.db.db.select().from(inboundEvents).where(eq(inboundEvents.eventId, d.eventId));
    expect(row).toMatchObject({ status: 'ignored', attempts: 0 });
    expect(h.log.lines.some((l) => l.event === 'event.unhandled_type' && l.eventId === d.eventId)).toBe(true);
  });
});

describe('card callbacks', () => {
  it('a help button runs the command and answers with a toast', async () => {
    await h.sender.message('ou_spec1', 'help');
    await h.settle();
    const helpCard = h.lark.sent().at(-1)!;
    const before = h.lark.sent().length;
    const r = await h.sender.cardAction('ou_spec1', helpCard.messageId, { v: 1, k: 'chat.run', c: 'team' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ toast: { type: 'success', i18n: { en_us: 'Sent "Team"' } } });
    await h.settle();
    expect(describeMessage(h.lark.sent().slice(before)[0]!)).toContain('大客户部成员');
    // the same click delivered again gets the same answer and no second message
    const again = await h.sender.cardAction('ou_spec1', helpCard.messageId, { v: 1, k: 'chat.run', c: 'team' }, { eventId: r.eventId });
    expect(again.body).toEqual(r.body);
    await h.settle();
    expect(h.lark.sent().slice(before)).toHaveLength(1);
  });

  it.each([
    ['a tampered value', { v: 1, k: 'chat.run', c: { nested: true } }],
    ['an unknown version', { v: 9, k: 'chat.run', c: 'team' }],
    ['an unknown kind', { v: 1, k: 'approval.delete_everything' }],
    ['a string that is not JSON', 'DROP TABLE members'],
  ])('%s gets a clear toast and changes nothing', async (_n, value) => {
    const outboxBefore = (await h.db.db.select({ n: count() }).from(outbox))[0]!.n;
    const r = await h.sender.cardAction('ou_spec1', 'om_whatever', value);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ toast: { type: 'warning', i18n: { zh_cn: expect.stringContaining('过期') } } });
    expect((await h.db.db.select({ n: count() }).from(outbox))[0]!.n).toBe(outboxBefore);
  });

  it('refuses a click by someone not on the roster', async () => {
    const r = await h.sender.cardAction('ou_stranger', 'om_whatever', { v: 1, k: 'chat.run', c: 'team' });
    expect(r.body).toMatchObject({ toast: { type: 'error' } });
  });
});

describe('health', () => {
  it('/healthz and /readyz', async () => {
    expect((await fetch(h.botUrl + '/healthz')).status).toBe(200);
    const ready = await fetch(h.botUrl + '/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ok: true, migrations: { applied: EXPECTED_MIGRATIONS, expected: EXPECTED_MIGRATIONS } });
  });
});
