/**
 * What PGlite cannot show (it is a single session): races between requests and between
 * instances. These run on the Postgres server; CI sets TEST_DATABASE_URL so they never skip.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { inboundEvents } from '../../db/schema/index.js';
import { enqueueSend } from '../../src/app/outbox.js';
import { drainOutbox } from '../../src/lark/drain.js';
import { LarkClient } from '../../src/lark/client.js';
import { RateLimiter } from '../../src/lark/rate-limit.js';
import { PostgresDrainerLease } from '../../src/lark/drainer-lease.js';
import { overLimit } from '../support/windows.js';
import { waitFor } from '../support/bot-process.js';
import { memoryLogger } from '../../src/log.js';
import { onPostgresServer } from '../support/db.js';
import { ROSTER, startHarness, type Harness } from '../support/harness.js';
import type { OrgMember } from '../../src/app/org-file.js';

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

  const instance = () => {
    const log = memoryLogger();
    const lark = new LarkClient({ appId: 'cli_fake0000000000', appSecret: 'fake-secret', baseUrl: h.deps.config.lark.baseUrl, log });
    // What each process has of its own: a client, a limiter and its end of the lease.
    const deps = { db: h.deps.db, lark, clock: h.clock, ids: h.deps.ids, log, limiter: new RateLimiter(), admins: [], lease: new PostgresDrainerLease(h.deps.db) };
    return { deps, drain: () => drainOutbox(deps, { batchSize: 7 }) };
  };

  it('two instances draining one outbox take turns: every message once, within 5/s per receiver', async () => {
    const from = Date.now();
    await h.db.db.transaction(async (tx) => {
      for (let i = 0; i < 60; i++) await enqueueSend({ tx, deps: h.deps }, { openId: `ou_many${i % 20}` }, { text: `pair-${i}` });
    });
    const [a, b] = [instance(), instance()];
    const [ra, rb] = await Promise.all([a.drain(), b.drain()]);
    // One drained; the other asked it to go on rather than spending a budget of its own.
    expect([ra.deferred, rb.deferred].filter(Boolean)).toHaveLength(1);
    expect(ra.sent + rb.sent).toBe(60);
    const texts = h.lark.sent().map((m) => (m.content as { text?: string }).text).filter((t) => t?.startsWith('pair-'));
    expect(new Set(texts).size).toBe(60);
    expect(texts).toHaveLength(60);
    expect(overLimit(h.lark.arrivals.filter((x) => x.at >= from), (x) => x.receiver, (x) => x.at, 5)).toEqual({});
    expect(h.lark.calls.filter((c) => c.at >= from && c.code === 99991400)).toHaveLength(0);
  });

  it('the next instance to drain continues the last one’s budget and honours its reset', async () => {
    const from = Date.now();
    const [a, b] = [instance(), instance()];
    await h.db.db.transaction(async (tx) => {
      for (let i = 0; i < 5; i++) await enqueueSend({ tx, deps: h.deps }, { openId: 'ou_handover' }, { text: `first-${i}` });
    });
    expect((await a.drain()).sent).toBe(5);
    // A's five are still within the last second: B must wait for them to age out.
    await h.db.db.transaction(async (tx) => {
      for (let i = 0; i < 5; i++) await enqueueSend({ tx, deps: h.deps }, { openId: 'ou_handover' }, { text: `second-${i}` });
    });
    expect((await b.drain()).sent).toBe(5);
    expect(overLimit(h.lark.arrivals.filter((x) => x.at >= from), (x) => x.receiver, (x) => x.at, 5)).toEqual({});

    // A 429 with a reset seen by B keeps A away from that API until the reset has passed.
    h.lark.injectFault({ api: 'message.create', kind: 'rate_limit', times: 1, resetSeconds: 2 });
    await h.db.db.transaction((tx) => enqueueSend({ tx, deps: h.deps }, { openId: 'ou_reset_b' }, { text: 'reset-b' }));
    const throttledFrom = Date.now();
    const rb = await b.drain();
    expect(rb.sent).toBe(1);
    const throttle = h.lark.calls.find((c) => c.at >= throttledFrom && c.status === 429)!;
    expect(throttle.resetSeconds).toBe(2);
    // B waited the reset out itself; now A drains straight away, after B let go.
    await h.db.db.transaction((tx) => enqueueSend({ tx, deps: h.deps }, { openId: 'ou_reset_a' }, { text: 'reset-a' }));
    await a.drain();
    const after = h.lark.arrivals.filter((x) => x.at > throttle.at && x.api === 'message.create');
    expect(after.length).toBeGreaterThanOrEqual(2);
    expect(after.every((x) => x.at >= throttle.at + 2000)).toBe(true);
  });

  it('a crash mid-reset still keeps the next instance out of the API until the reset', async () => {
    const [a, b] = [instance(), instance()];
    h.lark.injectFault({ api: 'message.create', kind: 'rate_limit', times: 1, resetSeconds: 4 });
    await h.db.db.transaction((tx) => enqueueSend({ tx, deps: h.deps }, { openId: 'ou_crash' }, { text: 'crash-1' }));
    const from = Date.now();
    // A is "killed" right after the 429 (its drain is abandoned, its lease left to expire).
    void a.drain();
    await waitFor('the 429', () => h.lark.calls.some((c) => c.at >= from && c.status === 429));
    const throttle = h.lark.calls.find((c) => c.at >= from && c.status === 429)!;
    await h.db.db.execute(sql`update outbox_drainer set expires_at = now() - interval '1 second'`);
    await h.db.db.transaction((tx) => enqueueSend({ tx, deps: h.deps }, { openId: 'ou_crash_b' }, { text: 'crash-2' }));
    await b.drain();
    const byB = h.lark.arrivals.filter((x) => x.at > throttle.at && x.receiver === 'ou_crash_b');
    expect(byB.length).toBeGreaterThanOrEqual(1);
    expect(byB.every((x) => x.at >= throttle.at + 4000 - 50)).toBe(true);
    await h.settle();
  });

  it('different people are handled at once, each person’s messages answered once and in the order sent', async () => {
    const people: OrgMember[] = Array.from({ length: 24 }, (_, i) => ({ openId: `ou_lane${i}`, name: `专员${i + 1}`, role: 'specialist', managerId: 'ou_manager', locale: 'zh_cn' }));
    const lanes = await startHarness({ roster: [...ROSTER, ...people], env: { KAM_EVENT_LANES: '4' } });
    try {
      const asks = (i: number) => [`客户 星河${i}号`, `客户 远山${i}号`, `客户 青石${i}号`];
      // Everyone at once; each person's three messages one after another, as a chat delivers them.
      await Promise.all(people.map(async (p, i) => {
        for (const text of asks(i)) expect((await lanes.sender.message(p.openId, text)).status).toBe(200);
      }));
      await lanes.settle();
      const processed = lanes.log.lines.filter((l) => l.event === 'event.processed');
      expect(processed).toHaveLength(people.length * 3);
      people.forEach((p, i) => {
        const answers = lanes.lark.sent().filter((m) => m.receiverOpenId === p.openId).map((m) => String((m.content as { text?: string }).text));
        expect(answers).toEqual(asks(i).map((t) => `找不到客户「${t.slice(3)}」。可以发送「新客户 ${t.slice(3)}」建档。`));
      });
    } finally {
      await lanes.close();
    }
  });
});
