import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { cardMessages, outbox } from '../../db/schema/index.js';
import { enqueueSend, refreshCards } from '../../src/app/outbox.js';
import { LarkClient } from '../../src/lark/client.js';
import { card, md } from '../../cards/kit.js';
import { i18n } from '../../src/domain/i18n.js';
import { memoryLogger } from '../../src/log.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

/** Moves time forward and drains until nothing is left to send (retries become due). */
async function deliverAll(): Promise<void> {
  for (let i = 0; i < 30; i++) {
    await h.settle();
    const pending = await h.db.db.select().from(outbox).where(eq(outbox.status, 'pending'));
    if (pending.length === 0) return;
    h.clock.advance(10 * 60_000);
  }
}

async function enqueueTexts(prefix: string, n: number, to = (i: number) => `ou_user${i % 3}`): Promise<void> {
  await h.db.db.transaction(async (tx) => {
    for (let i = 0; i < n; i++) await enqueueSend({ tx, deps: h.deps }, { openId: to(i) }, { text: `${prefix}-${i}` });
  });
}

const deliveredTexts = (prefix: string) =>
  h.lark
    .sent()
    .map((m) => (m.content as { text?: string }).text ?? '')
    .filter((t) => t.startsWith(`${prefix}-`));

describe('delivery through faults', () => {
  it('5xx, 429 with a reset header, timeouts and lost answers: every message arrives exactly once', async () => {
    h.lark.injectFault({ api: 'message.create', kind: 'http500', times: 3 });
    h.lark.injectFault({ api: 'message.create', kind: 'rate_limit', times: 1, resetSeconds: 1 });
    h.lark.injectFault({ api: 'message.create', kind: 'timeout', times: 1, holdMs: 2_300 });
    // Lark acts but the answer comes after our 2 s timeout: the retry must not post twice.
    h.lark.injectFault({ api: 'message.create', kind: 'slow', times: 2, holdMs: 2_300 });
    await enqueueTexts('fault', 12);
    await deliverAll();
    const texts = deliveredTexts('fault');
    expect(texts.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `fault-${i}`).sort());
    const rows = await h.db.db.select().from(outbox).where(eq(outbox.status, 'sent'));
    expect(rows.filter((r) => (r.content as { text?: string }).text?.startsWith('fault-'))).toHaveLength(12);
    expect(h.log.lines.some((l) => l.event === 'outbox.throttled')).toBe(true);
    expect(h.log.lines.some((l) => l.event === 'outbox.retry' && l.failure === 'retryable')).toBe(true);
  });

  it('keeps each receiver within 5 messages a second', async () => {
    const start = Date.now();
    await enqueueTexts('burst', 12, () => 'ou_busy');
    await deliverAll();
    expect(deliveredTexts('burst')).toHaveLength(12);
    // 12 messages at 5/s need at least two full windows; the fake would have answered 99991400.
    expect(Date.now() - start).toBeGreaterThanOrEqual(2000);
    expect(h.lark.calls.filter((c) => c.code === 99991400 && (c.body as { receive_id?: string }).receive_id === 'ou_busy')).toHaveLength(0);
  });

  it('refreshes an invalidated token once and retries', async () => {
    const tokensBefore = h.lark.callsTo('token').length;
    h.lark.injectFault({ api: 'message.create', kind: 'token_invalid', times: 1 });
    await enqueueTexts('token', 1);
    await deliverAll();
    expect(deliveredTexts('token')).toEqual(['token-0']);
    expect(h.lark.callsTo('token').length).toBe(tokensBefore + 1);
  });

  it('dead-letters a permanent failure and tells the admins', async () => {
    h.lark.injectFault({ api: 'message.create', kind: 'bot_not_in_chat', times: 1 });
    await h.db.db.transaction((tx) => enqueueSend({ tx, deps: h.deps }, { chatId: 'oc_left' }, { text: 'to a chat we left' }));
    await deliverAll();
    const [dead] = await h.db.db.select().from(outbox).where(eq(outbox.status, 'dead'));
    expect(dead!.target).toBe('oc_left');
    expect(dead!.lastError).toContain('230002');
    const alert = h.lark.sent().find((m) => m.receiverOpenId === 'ou_admin' && (m.content as { text: string }).text?.includes('oc_left'));
    expect(alert).toBeDefined();
  });

  it('gives up after the maximum attempts on a server that keeps failing', async () => {
    h.lark.injectFault({ api: 'message.create', kind: 'http500', times: 100 });
    await h.db.db.transaction((tx) => enqueueSend({ tx, deps: h.deps }, { openId: 'ou_unlucky' }, { text: 'never' }));
    await deliverAll();
    h.lark.faults.length = 0;
    const rows = await h.db.db.select().from(outbox).where(eq(outbox.target, 'ou_unlucky'));
    expect(rows[0]).toMatchObject({ status: 'dead', attempts: 8 });
  });
});

describe('the Lark client', () => {
  it('concurrent calls share one token fetch', async () => {
    const client = new LarkClient({ appId: 'cli_fake0000000000', appSecret: 'fake-secret', baseUrl: h.deps.config.lark.baseUrl, log: memoryLogger() });
    const before = h.lark.callsTo('token').length;
    const tokens = await Promise.all(Array.from({ length: 8 }, () => client.tenantToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(h.lark.callsTo('token').length - before).toBe(1);
    expect(client.tokenFetches).toBe(1);
  });
});

describe('card copies', () => {
  const cardV = (n: number) => card({ title: i18n(`版本 ${n}`, `Version ${n}`), elements: [md(i18n('内容', 'body'))] });

  it('records each copy, patches recent ones and re-posts those past 13 days', async () => {
    const subject = { type: 'test', id: 'rec-1' };
    await h.db.db.transaction(async (tx) => {
      await enqueueSend({ tx, deps: h.deps }, { openId: 'ou_spec1' }, { card: cardV(1) }, { subject });
      await enqueueSend({ tx, deps: h.deps }, { chatId: 'oc_team' }, { card: cardV(1) }, { subject });
    });
    await deliverAll();
    const copies = await h.db.db.select().from(cardMessages).where(eq(cardMessages.subjectId, 'rec-1'));
    expect(copies).toHaveLength(2);

    await h.db.db.transaction((tx) => refreshCards({ tx, deps: h.deps }, subject, cardV(2), h.clock.now()));
    await deliverAll();
    for (const c of copies) {
      const m = h.lark.messages.get(c.messageId)!;
      expect((m.content as { header: { title: { content: string } } }).header.title.content).toBe('版本 2');
      expect(m.patches).toBe(1);
    }

    h.clock.advance(14 * 24 * 3600_000);
    const sentBefore = h.lark.sent().length;
    await h.db.db.transaction((tx) => refreshCards({ tx, deps: h.deps }, subject, cardV(3), h.clock.now()));
    await deliverAll();
    const reposted = h.lark.sent().slice(sentBefore);
    expect(reposted).toHaveLength(2);
    expect(reposted.map((m) => m.chatId).sort()).toEqual([h.lark.p2pChatId('ou_spec1'), 'oc_team'].sort());
    const active = await h.db.db.select().from(cardMessages).where(eq(cardMessages.subjectId, 'rec-1'));
    expect(active.filter((c) => c.active)).toHaveLength(2);
    expect(active.filter((c) => !c.active).map((c) => c.messageId).sort()).toEqual(copies.map((c) => c.messageId).sort());
  });

  it('a patch refused as too old (230031) becomes a re-post', async () => {
    const subject = { type: 'test', id: 'rec-2' };
    await h.db.db.transaction((tx) => enqueueSend({ tx, deps: h.deps }, { openId: 'ou_spec2' }, { card: cardV(1) }, { subject }));
    await deliverAll();
    const [copy] = await h.db.db.select().from(cardMessages).where(eq(cardMessages.subjectId, 'rec-2'));
    // Our 13-day rule thinks it is fresh, but Lark's clock says otherwise.
    h.lark.messages.get(copy!.messageId)!.createdAt -= 15 * 24 * 3600_000;
    await h.db.db.transaction((tx) => refreshCards({ tx, deps: h.deps }, subject, cardV(2), h.clock.now()));
    await deliverAll();
    const rows = await h.db.db.select().from(cardMessages).where(eq(cardMessages.subjectId, 'rec-2'));
    expect(rows.find((r) => r.messageId === copy!.messageId)!.active).toBe(false);
    expect(rows.filter((r) => r.active)).toHaveLength(1);
  });
});
