/**
 * Posts events and card callbacks to the bot exactly as Lark does: schema 2.0 envelope,
 * AES-256-CBC encrypted with the Encrypt Key, signed over the raw body, with the Verification
 * Token inside (lark.md §1). Redelivers with the same event_id when the bot does not answer
 * 200 in time.
 */
import { larkEncrypt, larkSignature } from '../lark/crypto.js';
import type { FakeLark } from './fake-lark.js';

export interface SenderOptions {
  botUrl: string;
  encryptKey?: string;
  verificationToken?: string;
  appId?: string;
  fetch?: typeof fetch;
  /** Wall time for the signature timestamp (ms). */
  nowMs?: () => number;
}

export interface Delivery {
  eventId: string;
  status: number;
  body: unknown;
  attempts: number;
}

export interface SignOverrides {
  timestamp?: string;
  signature?: string;
  token?: string;
  encrypt?: boolean;
}

let counter = 0;
export const newEventId = (): string => `${Date.now().toString(16)}${(++counter).toString(16).padStart(6, '0')}${crypto.randomUUID().replace(/-/g, '').slice(0, 10)}`;

export class EventSender {
  readonly #o: SenderOptions;
  constructor(
    readonly lark: FakeLark,
    o: SenderOptions,
  ) {
    this.#o = o;
  }

  envelope(eventType: string, event: Record<string, unknown>, eventId = newEventId(), token = this.#o.verificationToken): Record<string, unknown> {
    return {
      schema: '2.0',
      header: {
        event_id: eventId,
        event_type: eventType,
        create_time: String(this.lark.clock.now().getTime()),
        token: token ?? '',
        app_id: this.#o.appId ?? 'cli_fake0000000000',
        tenant_key: 'tenant_fake',
      },
      event,
    };
  }

  /** The exact request Lark would make: returns the raw body and headers. */
  async sign(plain: Record<string, unknown>, o: SignOverrides = {}): Promise<{ body: string; headers: Record<string, string> }> {
    const key = this.#o.encryptKey;
    const encrypt = o.encrypt ?? Boolean(key);
    const body = encrypt && key ? JSON.stringify({ encrypt: await larkEncrypt(key, JSON.stringify(plain)) }) : JSON.stringify(plain);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (key) {
      const timestamp = o.timestamp ?? String(Math.floor((this.#o.nowMs?.() ?? Date.now()) / 1000));
      const nonce = crypto.randomUUID();
      headers['x-lark-request-timestamp'] = timestamp;
      headers['x-lark-request-nonce'] = nonce;
      headers['x-lark-signature'] = o.signature ?? (await larkSignature(timestamp, nonce, key, body));
    }
    return { body, headers };
  }

  async post(path: '/lark/events' | '/lark/cards', plain: Record<string, unknown>, o: SignOverrides = {}): Promise<{ status: number; body: unknown }> {
    const { body, headers } = await this.sign(plain, o);
    const res = await (this.#o.fetch ?? fetch)(this.#o.botUrl + path, { method: 'POST', headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* keep text */
    }
    return { status: res.status, body: parsed };
  }

  /**
   * Delivers an event, retrying like Lark (the real schedule is 15 s, 5 min, 1 h, 6 h; the
   * sandbox compresses it) until the bot answers 200.
   */
  async deliver(eventType: string, event: Record<string, unknown>, o: { eventId?: string; retries?: number; retryDelayMs?: number; timeoutMs?: number } = {}): Promise<Delivery> {
    const eventId = o.eventId ?? newEventId();
    const plain = this.envelope(eventType, event, eventId);
    let last: { status: number; body: unknown } = { status: 0, body: null };
    const retries = o.retries ?? 0;
    for (let attempt = 1; attempt <= retries + 1; attempt++) {
      try {
        const { body, headers } = await this.sign(plain);
        const res = await (this.#o.fetch ?? fetch)(this.#o.botUrl + '/lark/events', {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(o.timeoutMs ?? 3000),
        });
        last = { status: res.status, body: await res.json().catch(() => null) };
        if (res.status === 200) return { eventId, ...last, attempts: attempt };
      } catch {
        last = { status: 0, body: null };
      }
      if (attempt <= retries) await new Promise((r) => setTimeout(r, o.retryDelayMs ?? 1000));
    }
    return { eventId, ...last, attempts: retries + 1 };
  }

  /** A user's text message to the bot (p2p by default), recorded in the fake's chat log first. */
  messageEvent(
    fromOpenId: string,
    text: string,
    o: { chatType?: 'p2p' | 'group'; chatId?: string; parentId?: string; mentions?: { key: string; openId: string; name: string }[] } = {},
  ): Record<string, unknown> {
    const chatType = o.chatType ?? 'p2p';
    const chatId = o.chatId ?? this.lark.p2pChatId(fromOpenId);
    const recorded = this.lark.recordUserMessage({
      chatId,
      sender: fromOpenId,
      text,
      parentId: o.parentId ?? null,
      receiverOpenId: chatType === 'p2p' ? fromOpenId : null,
      mentions: o.mentions,
    });
    return {
      sender: { sender_id: { open_id: fromOpenId, union_id: `on_${fromOpenId.slice(3)}`, user_id: '' }, sender_type: 'user', tenant_key: 'tenant_fake' },
      message: {
        message_id: recorded.messageId,
        ...(o.parentId ? { parent_id: o.parentId, root_id: o.parentId } : {}),
        create_time: String(this.lark.clock.now().getTime()),
        chat_id: chatId,
        chat_type: chatType,
        message_type: 'text',
        content: JSON.stringify({ text }),
        mentions: (o.mentions ?? []).map((m) => ({ key: m.key, id: { open_id: m.openId, union_id: '', user_id: '' }, name: m.name, tenant_key: 'tenant_fake' })),
      },
    };
  }

  async message(fromOpenId: string, text: string, o: Parameters<EventSender['messageEvent']>[2] & { eventId?: string } = {}): Promise<Delivery> {
    return this.deliver('im.message.receive_v1', this.messageEvent(fromOpenId, text, o), { eventId: o.eventId });
  }

  /** A click on a card button (or a form submit), as `card.action.trigger`. */
  async cardAction(
    operatorOpenId: string,
    messageId: string,
    value: unknown,
    o: { formValue?: Record<string, unknown>; name?: string; tag?: string; eventId?: string; option?: string } = {},
  ): Promise<{ status: number; body: unknown; eventId: string }> {
    const eventId = o.eventId ?? newEventId();
    const chatId = this.lark.messages.get(messageId)?.chatId;
    const event = {
      operator: { open_id: operatorOpenId, union_id: `on_${operatorOpenId.slice(3)}`, user_id: '', tenant_key: 'tenant_fake' },
      token: this.lark.issueCardToken(messageId),
      action: {
        tag: o.tag ?? 'button',
        value,
        ...(o.name ? { name: o.name } : {}),
        ...(o.formValue ? { form_value: o.formValue } : {}),
        ...(o.option ? { option: o.option } : {}),
        timezone: 'Asia/Shanghai',
      },
      host: 'im_message',
      context: { open_message_id: messageId, open_chat_id: chatId ?? '' },
    };
    const r = await this.post('/lark/cards', this.envelope('card.action.trigger', event, eventId));
    return { ...r, eventId };
  }
}
