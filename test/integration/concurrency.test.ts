/**
 * What PGlite cannot show (it is a single session): races between requests and between
 * instances. These run on the Postgres server; CI sets TEST_DATABASE_URL so they never skip.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { inboundEvents, outbox } from '../../db/schema/index.js';
import { enqueueSend } from '../../src/lark/outbox.js';
import { drainOutbox } from '../../src/lark/drain.js';
import { LarkClient } from '../../src/lark/client.js';
import { RateLimiter } from '../../src/lark/rate-limit.js';
import { memoryLogger } from '../../src/log.js';
import { onPostgresServer } from '../support/db.js';
import { startHarness, type Harness } from '../support/harness.js';

describe.skipIf(!onPostgresServer)('on the Postgres server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('20 concurrent deliveries of one event have one effect', async () => {
    const before = h.lark.sent().length;
    const event = h.sender.messageEvent('ou_spec1', '团队');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => h.sender.deliver('im.message.receive_v1', event, { eventId: 'evt-concurrent-20' })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    await h.settle();
    expect(h.lark.sent().slice(before)).toHaveLength(1);
    const rows = await h.db.db.select().from(inboundEvents).where(eq(inboundEvents.eventId, 'evt-concurrent-20'));
    expect(rows).toMatchObject([{ status: 'done', attempts: 1 }]);
  });

  it('20 concurrent clicks with one event_id get one answer and one effect', async () => {
    await h.sender.message('ou_spec1', 'help');
    await h.settle();
    const helpCard = h.lark.sent().at(-1)!;
    const before = h.lark.sent().length;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => h.sender.cardAction('ou_spec1', helpCard.messageId, { v: 1, k: 'chat.run', c: 'team' }, { eventId: 'card-concurrent-20' })),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    await h.settle();
    expect(h.lark.sent().slice(before)).toHaveLength(1);
  });

  it('two drainers on the same outbox send every message once', async () => {
    await h.db.db.transaction(async (tx) => {
      for (let i = 0; i < 60; i++) await enqueueSend(tx, { openId: `ou_many${i % 20}` }, { text: `pair-${i}` });
    });
    const drainer = () => {
      const log = memoryLogger();
      const lark = new LarkClient({ appId: 'cli_fake0000000000', appSecret: 'fake-secret', baseUrl: h.deps.config.lark.baseUrl, log });
      return drainOutbox({ db: h.deps.db, lark, clock: h.clock, log, limiter: new RateLimiter(), admins: [] }, { batchSize: 7 });
    };
    const [a, b] = await Promise.all([drainer(), drainer()]);
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
    // Each instance keeps its own 5/s budget, so Lark may throttle some; those retry later.
    for (let i = 0; i < 10 && (await h.db.db.select().from(outbox).where(eq(outbox.status, 'pending'))).length; i++) {
      h.clock.advance(60_000);
      await Promise.all([drainer(), drainer()]);
    }
    const texts = h.lark.sent().map((m) => (m.content as { text?: string }).text).filter((t) => t?.startsWith('pair-'));
    expect(new Set(texts).size).toBe(60);
    expect(texts).toHaveLength(60);
    const pending = await h.db.db.select().from(outbox).where(eq(outbox.status, 'pending'));
    expect(pending).toHaveLength(0);
  });
});
