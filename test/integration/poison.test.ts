/**
 * Issue 18: one bad event must not fail the events stored beside it, and an event that fails
 * after the ack must end — dead-lettered once, with a reply to the person waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { inboundEvents } from '../../db/schema/index.js';
import { inboundBatcher, UnstorableEvent } from '../../src/lark/inbound-batcher.js';
import { storeEvent, sweepInbound, SWEEP_GRACE_MS, eventEntry, type EventHandlers } from '../../src/lark/inbound.js';
import { z } from 'zod';
import { larkEncrypt, larkSignature } from '../../src/lark/crypto.js';
import { createLogger } from '../../src/log.js';
import { describeMessage, ENCRYPT_KEY, startHarness, VERIFICATION_TOKEN, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const row = async (id: string) => (await h.db.db.select().from(inboundEvents).where(eq(inboundEvents.eventId, id)))[0];

/** A correctly encrypted and signed request whose plaintext is given raw (JSON.stringify cannot build 20,000 levels). */
async function postRaw(path: '/lark/events' | '/lark/cards', plain: string) {
  const body = JSON.stringify({ encrypt: await larkEncrypt(ENCRYPT_KEY, plain) });
  const timestamp = String(Math.floor(h.clock.now().getTime() / 1000));
  const nonce = crypto.randomUUID();
  const signature = await larkSignature(timestamp, nonce, ENCRYPT_KEY, body);
  const res = await fetch(h.botUrl + path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-lark-request-timestamp': timestamp, 'x-lark-request-nonce': nonce, 'x-lark-signature': signature }, body });
  return res.status;
}
const envelopeText = (eventId: string, type: string, event: string) =>
  `{"schema":"2.0","header":{"event_id":"${eventId}","event_type":"${type}","token":"${VERIFICATION_TOKEN}"},"event":${event}}`;
const DEEP = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;

describe('a bad event among good ones', () => {
  it('20,000 levels deep or typed __proto__: refused or settled alone, and the 80 events beside it are stored and answered', async () => {
    const before = h.lark.sent().length;
    // A generous timeout: the point is the status, on a machine shared with other work.
    const o = { timeoutMs: 30_000 };
    const innocent = Array.from({ length: 80 }, (_, i) =>
      i % 4 === 0
        ? h.sender.deliver('im.message.receive_v1', h.sender.messageEvent(i % 8 === 0 ? 'ou_spec1' : 'ou_spec2', '团队'), o)
        : h.sender.deliver('im.message.reaction.created_v1', { message_id: `om_${i}`, reaction_type: { emoji_type: 'OK' } }, o),
    );
    const bad = [
      postRaw('/lark/events', envelopeText('evt-deep', 'im.message.receive_v1', DEEP)),
      postRaw('/lark/events', envelopeText('evt-proto', '__proto__', '{}')),
      postRaw('/lark/events', envelopeText('evt-ctor', 'constructor', '{"__proto__":{"x":1}}')),
      postRaw('/lark/cards', envelopeText('card-deep', 'card.action.trigger', DEEP)),
    ];
    const [deliveries, statuses] = await Promise.all([Promise.all(innocent), Promise.all(bad)]);
    expect(deliveries.map((d) => d.status)).toEqual(deliveries.map(() => 200));
    expect(statuses).toEqual([400, 200, 200, 400]);
    await h.settle();
    const stored = await h.db.db.select().from(inboundEvents).where(inArray(inboundEvents.eventId, deliveries.map((d) => d.eventId)));
    expect(stored).toHaveLength(80);
    expect(stored.filter((r) => r.status === 'done')).toHaveLength(20);
    expect(h.lark.sent().slice(before).map(describeMessage).filter((t) => t.includes('大客户部成员'))).toHaveLength(20);
    expect(await row('evt-deep')).toBeUndefined();
    expect(await row('evt-proto')).toMatchObject({ status: 'ignored' });
    expect(h.log.lines.filter((l) => l.event === 'http.error')).toEqual([]);
  }, 120_000);

  it('the group commit isolates what the database or JSON refuses: the events beside it are stored', async () => {
    const batcher = inboundBatcher(h.db.db);
    const now = h.clock.now();
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    const ev = (eventId: string, event: Record<string, unknown> = { n: 1 }) => ({ eventId, eventType: 'test.batch', token: undefined, event });
    const results = await Promise.allSettled([
      ...Array.from({ length: 40 }, (_, i) => batcher.store(ev(`batch-ok-${i}`), 'event', 'ignored', now)),
      batcher.store(ev('batch-deep', deep), 'event', 'ignored', now), // JSON.stringify overflows
      batcher.store(ev('batch-nul\u0000'), 'event', 'ignored', now), // Postgres: \u0000 cannot become text (22P05)
      ...Array.from({ length: 40 }, (_, i) => batcher.store(ev(`batch-ok-${40 + i}`), 'event', 'ignored', now)),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok.map((r) => r.value)).toEqual(ok.map(() => true));
    expect(ok).toHaveLength(80);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(2);
    for (const r of refused) expect(r.reason).toBeInstanceOf(UnstorableEvent);
    const stored = await h.db.db.select({ id: inboundEvents.eventId }).from(inboundEvents).where(inArray(inboundEvents.eventId, Array.from({ length: 80 }, (_, i) => `batch-ok-${i}`)));
    expect(stored).toHaveLength(80);
  });
});

describe('an event that keeps failing after the ack', () => {
  const failing: EventHandlers = {
    'im.message.receive_v1': eventEntry({
      schema: z.unknown(),
      handle: async () => {
        throw new Error('handler broke');
      },
    }),
  };

  async function failUntilDead(eventId: string) {
    h.clock.advance(SWEEP_GRACE_MS + 1000);
    for (let i = 0; i < 8; i++) {
      await sweepInbound(h.deps, failing);
      h.clock.advance(31 * 60_000);
    }
    // The failure path seen again (a sweep racing another instance): nothing more is sent.
    await sweepInbound(h.deps, failing);
    await h.settle();
    return (await row(eventId))!;
  }

  it.each([
    ['a Chinese user in a direct chat', 'ou_spec1', 'p2p', '消息未能处理，请重试或联系管理员。'],
    ['an English user', 'ou_spec2', 'p2p', 'Your message could not be processed. Please try again or contact an administrator.'],
    ['someone in a group, under their message', 'ou_spec1', 'group', '消息未能处理，请重试或联系管理员。'],
  ] as const)('is dead-lettered after its retries; %s is told once, the admins once', async (_n, openId, chatType, expected) => {
    const before = h.lark.sent().length;
    const event = h.sender.messageEvent(openId, '拜访 华能', chatType === 'group' ? { chatType, chatId: 'oc_team', mentions: [{ key: '@_user_1', openId: 'ou_bot', name: '大客户助手' }] } : {});
    const eventId = `evt-dead-${openId}-${chatType}`;
    await storeEvent(h.db.db, { eventId, eventType: 'im.message.receive_v1', token: undefined, event }, 'event', h.clock.now());
    expect(await failUntilDead(eventId)).toMatchObject({ status: 'dead', attempts: 6, lastError: 'handler broke' });
    const sent = h.lark.sent().slice(before);
    const toPerson = sent.filter((m) => describeMessage(m) === expected);
    expect(toPerson).toHaveLength(1);
    if (chatType === 'group') expect(toPerson[0]).toMatchObject({ chatId: 'oc_team', parentId: (event.message as { message_id: string }).message_id });
    else expect(toPerson[0]).toMatchObject({ receiverOpenId: openId });
    const alerts = sent.filter((m) => m.receiverOpenId === 'ou_admin' && describeMessage(m).includes(eventId));
    expect(alerts).toHaveLength(1);
    expect(describeMessage(alerts[0]!)).toContain('已告知发送人');
  });
});

describe('log hygiene', () => {
  it('a failed write logs its statement and error code, never its parameter values', async () => {
    const lines: string[] = [];
    const log = createLogger('debug', {}, (l) => lines.push(l));
    const secret = '客户王总的手机号13800138000';
    // A text with NUL cannot be stored in a text column: a real failure from the real database.
    const error = await h.db.db
      .insert(inboundEvents)
      .values({ eventId: `x\u0000${secret}`, source: 'event', eventType: 'ou_secret_open_id', payload: { text: secret }, receivedAt: h.clock.now() })
      .then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    log.error('db.failed', { error, nested: { error } });
    const line = lines.join('\n');
    expect(line).toContain('insert into \\"inbound_events\\"');
    expect(line).toMatch(/"code":"2[0-9A-Z]{4}"/);
    expect(line).not.toContain(secret);
    expect(line).not.toContain('13800138000');
    expect(line).not.toContain('ou_secret_open_id');
  });
});
