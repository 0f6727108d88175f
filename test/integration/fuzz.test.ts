/**
 * Issue 18's fuzz cases as a property: correctly encrypted and signed payloads of random shapes,
 * depths, sizes and Unicode (NUL, lone surrogates, "__proto__"…) to both endpoints, each posted
 * beside an innocent message. Whatever the payload: no 5xx, the innocent message is stored and
 * answered once, and every event accepted ends handled — or dead-lettered with a reply to the
 * person waiting. Seeded, so a failure reproduces (fast-check prints the seed and the shrunk case).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eq, inArray } from 'drizzle-orm';
import { inboundEvents, outbox } from '../../db/schema/index.js';
import { larkEncrypt, larkSignature } from '../../src/lark/crypto.js';
import { sweepInbound } from '../../src/lark/inbound.js';
import { CARD_ACTIONS, EVENT_HANDLERS } from '../../src/runtime/handlers.js';
import { DEAD_LETTER_REPLY, personWaiting } from '../../src/lark/dead-letter.js';
import { newEventId } from '../../src/sandbox/event-sender.js';
import { describeMessage, ENCRYPT_KEY, startHarness, VERIFICATION_TOKEN, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const SEED = 18;
const RUNS = 24;

/** Text people (and fuzzers) send: words the bot reacts to, mixed with what breaks storage and lookups. */
const fragment = fc.oneof(
  fc.constantFrom('\u0000', '\ud800', '\udfff', '\ud83d', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '😀', '\u202e', '\ufeff', ' ', '\n', '@_user_1'),
  fc.constantFrom('拜访 ', '客户 ', '报销 ', '月报', '回访 ', '帮助', '华能', '总结：', '满意度4分', '明天下午3点', 'KA-2026-0001', '团队', '草稿', '模板'),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
const text = fc.oneof(
  { weight: 8, arbitrary: fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join('')) },
  // Long texts: up to ~300 KB of UTF-8, some past the 1 MB body once encrypted.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('好', 'x', '\u0000', '😀'), fc.integer({ min: 1_000, max: 100_000 })).map(([c, n]) => c.repeat(n)) },
);
const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'text', 'content', 'k', 'v', '\u0000', '\ud800'), fc.string({ maxLength: 5 }));
const json: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;
/** Nested n levels deep, as raw JSON text (JSON.stringify itself cannot build the deepest). */
const deep = fc.integer({ min: 1, max: 25_000 }).map((n) => `${'{"a":['.repeat(n)}1${']}'.repeat(n)}`);

const SENDERS = ['ou_spec1', 'ou_spec2', 'ou_stranger'] as const;
const MESSAGE_TYPES = ['text', 'post', 'image', 'file', 'location', 'sticker', '__proto__'] as const;

/** A message event: a real sender, any type, content of the right shape with fuzzed text, or any JSON at all. */
const messageEvent = fc.record({
  sender: fc.constantFrom(...SENDERS),
  chatType: fc.constantFrom('p2p', 'group'),
  type: fc.constantFrom(...MESSAGE_TYPES),
  content: fc.oneof(
    text.map((t) => JSON.stringify({ text: t })),
    text.map((t) => JSON.stringify({ zh_cn: { title: t, content: [[{ tag: 'text', text: t }]] } })),
    json.map((v) => JSON.stringify(v) ?? 'null'),
    fc.constantFrom('null', '[]', '"x"', '{', '{"text":null}', '{"image_key":{}}'),
  ),
  mentionBot: fc.boolean(),
});

type Case =
  | { kind: 'message'; m: typeof messageEvent extends fc.Arbitrary<infer M> ? M : never }
  | { kind: 'event'; type: string; event: string }
  | { kind: 'card'; value: unknown; formValue: unknown };

const fuzzCase: fc.Arbitrary<Case> = fc.oneof(
  { weight: 5, arbitrary: messageEvent.map((m) => ({ kind: 'message' as const, m })) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constantFrom('im.message.receive_v1', 'application.bot.menu_v6', 'p2p_chat_create', '__proto__', 'constructor', 'toString', 'x\u0000y', '\ud800'),
      event: fc.oneof(json.map((v) => JSON.stringify(v && typeof v === 'object' && !Array.isArray(v) ? v : { v }) ?? '{}'), deep),
    }).map((e) => ({ kind: 'event' as const, ...e })),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      value: fc.oneof(
        fc.record({ v: fc.constant(1), k: fc.oneof(fc.constantFrom(...CARD_ACTIONS.keys(), '__proto__', 'constructor'), text), c: fc.oneof(text, fc.integer()), s: text }),
        json,
      ),
      formValue: fc.oneof(fc.dictionary(key, fc.oneof(text, fc.array(text, { maxLength: 3 }), json), { maxKeys: 5 }), json),
    }).map((c) => ({ kind: 'card' as const, ...c })),
  },
);

const envelopeText = (eventId: string, type: string, event: string) =>
  `{"schema":"2.0","header":{"event_id":${JSON.stringify(eventId)},"event_type":${JSON.stringify(type)},"token":"${VERIFICATION_TOKEN}","create_time":"${h.clock.now().getTime()}"},"event":${event}}`;

function plaintext(c: Case, eventId: string): { path: '/lark/events' | '/lark/cards'; plain: string } {
  if (c.kind === 'event') return { path: '/lark/events', plain: envelopeText(eventId, c.type, c.event) };
  if (c.kind === 'card') {
    const event = {
      operator: { open_id: 'ou_spec1', tenant_key: 'tenant_fake' },
      token: 'c-fuzz',
      action: { tag: 'button', value: c.value, form_value: c.formValue, timezone: 'Asia/Shanghai' },
      host: 'im_message',
      context: { open_message_id: 'om_fuzz', open_chat_id: 'oc_fuzz' },
    };
    return { path: '/lark/cards', plain: envelopeText(eventId, 'card.action.trigger', JSON.stringify(event)) };
  }
  const { m } = c;
  const group = m.chatType === 'group';
  const event = {
    sender: { sender_id: { open_id: m.sender }, sender_type: 'user', tenant_key: 'tenant_fake' },
    message: {
      message_id: `om_${eventId}`,
      chat_id: group ? 'oc_fuzz_group' : `oc_p2p_${m.sender}`,
      chat_type: m.chatType,
      message_type: m.type,
      content: m.content,
      mentions: group && m.mentionBot ? [{ key: '@_user_1', id: { open_id: 'ou_bot' }, name: '大客户助手' }] : [],
    },
  };
  return { path: '/lark/events', plain: envelopeText(eventId, 'im.message.receive_v1', JSON.stringify(event)) };
}

async function post(path: string, plain: string): Promise<number> {
  const body = JSON.stringify({ encrypt: await larkEncrypt(ENCRYPT_KEY, plain) });
  const timestamp = String(Math.floor(h.clock.now().getTime() / 1000));
  const nonce = crypto.randomUUID();
  const signature = await larkSignature(timestamp, nonce, ENCRYPT_KEY, body);
  const res = await fetch(h.botUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-lark-request-timestamp': timestamp, 'x-lark-request-nonce': nonce, 'x-lark-signature': signature },
    body,
    signal: AbortSignal.timeout(30_000),
  });
  await res.arrayBuffer();
  return res.status;
}

describe('fuzzed, correctly signed payloads to /lark/events and /lark/cards', () => {
  it(`never 5xx, never touch the innocent event beside them, and end handled or dead-lettered with a reply (seed ${SEED}, ${RUNS} runs)`, async () => {
    const accepted: string[] = [];
    const innocent: string[] = [];
    await fc.assert(
      fc.asyncProperty(fuzzCase, async (c) => {
        const eventId = newEventId();
        const { path, plain } = plaintext(c, eventId);
        const [status, beside] = await Promise.all([
          post(path, plain),
          h.sender.deliver('im.message.receive_v1', h.sender.messageEvent('ou_assistant', '团队'), { timeoutMs: 30_000 }),
        ]);
        expect(status, `${path} answered ${status}`).toBeLessThan(500);
        expect(beside.status).toBe(200);
        if (status === 200 && path === '/lark/events') accepted.push(eventId);
        innocent.push(beside.eventId);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    await h.settle();

    // Whatever failed after the ack is retried to the end of its backoff.
    for (let i = 0; i < 8; i++) {
      h.clock.advance(31 * 60_000);
      await sweepInbound(h.deps, EVENT_HANDLERS);
    }
    // Sends Lark throttled (5/s to one receiver) wait for their backoff on the test's clock.
    for (let i = 0; i < 10; i++) {
      await h.settle();
      if (!(await h.db.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.status, 'pending'))).length) break;
      h.clock.advance(60_000);
    }

    expect(h.log.lines.filter((l) => l.event === 'http.error')).toEqual([]);
    const answers = h.lark.sent().filter((m) => m.receiverOpenId === 'ou_assistant' && describeMessage(m).includes('大客户部成员'));
    expect(answers).toHaveLength(innocent.length);
    const innocentRows = await h.db.db.select().from(inboundEvents).where(inArray(inboundEvents.eventId, innocent));
    expect(innocentRows.map((r) => r.status)).toEqual(innocent.map(() => 'done'));

    const rows = accepted.length ? await h.db.db.select().from(inboundEvents).where(inArray(inboundEvents.eventId, accepted)) : [];
    expect(rows).toHaveLength(accepted.length);
    for (const r of rows) {
      expect(['done', 'ignored', 'dead'], `${r.eventId} left ${r.status}: ${r.lastError}`).toContain(r.status);
      if (r.status !== 'dead') continue;
      const person = personWaiting(r.eventType, r.payload as Record<string, unknown>);
      if (!person) continue;
      const told = h.lark.sent().filter((m) => {
        const there = person.replyTo ? m.parentId === person.replyTo : m.receiverOpenId === person.openId;
        const t = describeMessage(m);
        return there && (t.includes(DEAD_LETTER_REPLY.zh_cn) || t.includes(DEAD_LETTER_REPLY.en_us));
      });
      expect(told.length, `${r.eventId} died (${r.lastError}) and nobody told ${person.openId}`).toBeGreaterThan(0);
    }
  }, 240_000);
});
