import { describe, expect, it, vi } from 'vitest';
import { messageConcernsBot } from '../../src/chat/on-message.js';
import { ReceivedMessage } from '../../src/lark/envelope.js';
import { arrive } from '../../src/lark/inbound.js';
import { EVENT_HANDLERS } from '../../src/runtime/handlers.js';

/** The webhook's verdict on an arriving message event: checked once, then judged. */
const messageEventConcernsBot = (e: unknown, botOpenId: string | null | undefined) =>
  arrive({ eventId: 'evt_1', eventType: 'im.message.receive_v1', token: undefined, event: e as Record<string, unknown> }, EVENT_HANDLERS, botOpenId).handle;

type Mention = { key: string; open_id?: string; name: string };
const event = (o: { chatType?: string; text?: string; type?: string; mentions?: Mention[]; senderType?: string; openId?: string } = {}) => ({
  sender: { sender_id: { open_id: o.openId ?? 'ou_spec1' }, sender_type: o.senderType ?? 'user' },
  message: {
    message_id: 'om_1',
    chat_id: 'oc_1',
    chat_type: o.chatType ?? 'group',
    message_type: o.type ?? 'text',
    content: JSON.stringify(o.type === 'image' ? { image_key: 'img_1' } : { text: o.text ?? '大家好' }),
    mentions: (o.mentions ?? []).map((m) => ({ key: m.key, id: { open_id: m.open_id }, name: m.name })),
  },
});
const atBot = { key: '@_user_1', open_id: 'ou_bot', name: '大客户助手' };
const atColleague = { key: '@_user_1', open_id: 'ou_spec2', name: '李专员' };

describe('which messages concern the bot', () => {
  it('a direct chat always does; group chatter without an @ never does', () => {
    expect(messageEventConcernsBot(event({ chatType: 'p2p' }), 'ou_bot')).toBe(true);
    expect(messageEventConcernsBot(event({ chatType: 'p2p', type: 'image' }), 'ou_bot')).toBe(true);
    expect(messageEventConcernsBot(event(), 'ou_bot')).toBe(false);
    expect(messageEventConcernsBot(event(), undefined)).toBe(false);
  });

  it('in a group, an @ of the bot does, an @ of someone else does not', () => {
    expect(messageEventConcernsBot(event({ text: '@_user_1 帮助', mentions: [atBot] }), 'ou_bot')).toBe(true);
    expect(messageEventConcernsBot(event({ text: '@_user_1 你看下', mentions: [atColleague] }), 'ou_bot')).toBe(false);
    expect(messageEventConcernsBot(event({ type: 'image', mentions: [atBot] }), 'ou_bot')).toBe(false);
  });

  it('while the bot’s own open_id is unknown, any group @ may be for it', () => {
    expect(messageEventConcernsBot(event({ text: '@_user_1 你看下', mentions: [atColleague] }), undefined)).toBe(true);
  });

  it('messages from bots and senders without an open_id never do', () => {
    expect(messageEventConcernsBot(event({ chatType: 'p2p', senderType: 'app' }), 'ou_bot')).toBe(false);
    expect(messageEventConcernsBot(event({ chatType: 'p2p', openId: '' }), 'ou_bot')).toBe(false);
  });

  it('a malformed message goes on to the handler, which logs it', () => {
    expect(messageEventConcernsBot({ sender: 'nonsense' }, 'ou_bot')).toBe(true);
  });

  it('is the same judgement the handler makes (one predicate, typed input)', () => {
    const e = event({ text: '@_user_1 帮助', mentions: [atBot] });
    expect(messageConcernsBot(ReceivedMessage.parse(e), 'ou_bot')).toBe(true);
  });
});

describe('arrive', () => {
  const arrived = (eventType: string, e: Record<string, unknown>) => ({ eventId: 'evt_1', eventType, token: undefined, event: e });

  it('settles types nobody handles and chatter; passes the rest on', () => {
    expect(arrive(arrived('im.message.reaction.created_v1', {}), EVENT_HANDLERS, 'ou_bot').handle).toBe(false);
    expect(arrive(arrived('im.message.receive_v1', event()), EVENT_HANDLERS, 'ou_bot').handle).toBe(false);
    expect(arrive(arrived('im.message.receive_v1', event({ chatType: 'p2p' })), EVENT_HANDLERS, 'ou_bot').handle).toBe(true);
    expect(arrive(arrived('p2p_chat_create', {}), EVENT_HANDLERS, 'ou_bot').handle).toBe(true);
  });
});

describe('what the webhook learned travels with the event', () => {
  const arriving = (e: Record<string, unknown>) => arrive({ eventId: 'evt_1', eventType: 'im.message.receive_v1', token: undefined, event: e }, EVENT_HANDLERS, 'ou_bot');

  it('an @ of the bot: checked once, its content parsed once and kept for the handler', () => {
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const { handle, arrived } = arriving(event({ text: '@_user_1 待办', mentions: [atBot] }));
      expect(handle).toBe(true);
      expect(arrived.checked?.ok).toBe(true);
      const message = (arrived.checked as { ok: true; value: ReceivedMessage }).value;
      expect(message.content()).toEqual({ text: '@_user_1 待办' });
      expect(message.content()).toBe(message.content());
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });

  it('group chatter is settled from the event alone: its content is never parsed', () => {
    const parse = vi.spyOn(JSON, 'parse');
    try {
      expect(arriving(event({ text: '大家好' })).handle).toBe(false);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('a malformed event goes on, marked as such, for processing to log', () => {
    const { handle, arrived } = arriving({ sender: 'nonsense' });
    expect(handle).toBe(true);
    expect(arrived.checked?.ok).toBe(false);
  });
});
