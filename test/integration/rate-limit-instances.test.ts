/**
 * Lark's limits are the app's, not an instance's (lark.md §4.2): three real bot processes on one
 * Postgres database, a burst of outgoing messages, replies committed on every instance while it
 * drains, and Lark answering 429 with a reset partway. The fake Lark records when each request
 * arrived; together the instances must stay within 5 a second per receiver and 50 a second per
 * API, call nothing inside a reset window, and deliver every message once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import type { ServerType } from '@hono/node-server';
import { FakeLark } from '../../src/sandbox/fake-lark.js';
import { EventSender } from '../../src/sandbox/event-sender.js';
import { loadRoster } from '../../src/app/roster.js';
import { enqueueSend } from '../../src/app/outbox.js';
import { randomIds } from '../../src/ids.js';
import { createTestDb, onPostgresServer, type TestDb } from '../support/db.js';
import { ENCRYPT_KEY, ROSTER, VERIFICATION_TOKEN } from '../support/harness.js';
import { freePort, startBot, waitFor, serveFakeLark } from '../support/bot-process.js';
import { overLimit } from '../support/windows.js';

const BUSY = ['ou_busy_a', 'ou_busy_b', 'ou_busy_c'];
const PER_BUSY = 30;
const SPREAD = 150;
/**
 * Requests already on their way when the 429 was answered may still land just after it. The 429
 * comes when only the three busy receivers are left, so at most three are on their way then.
 */
const IN_FLIGHT_SLACK_MS = 500;
const RESET_SECONDS = 3;

describe.skipIf(!onPostgresServer)('three instances on one database share Lark’s limits', () => {
  let db: TestDb;
  let lark: FakeLark;
  let larkServer: ServerType;
  let larkUrl: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    db = await createTestDb();
    await loadRoster(db.db, ROSTER, new Date('2026-06-01T00:00:00+08:00'));
    lark = new FakeLark({ rateLimits: true });
    ({ server: larkServer, url: larkUrl } = await serveFakeLark(lark));
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    lark?.releaseHangs();
    (larkServer as unknown as { closeAllConnections?: () => void })?.closeAllConnections?.();
    if (larkServer) await new Promise<void>((r) => larkServer.close(() => r()));
    await db?.close();
  });

  it('≤ 5/s per receiver, ≤ 50/s per API, nothing inside a reset, every message once', async () => {
    const ports = await Promise.all([0, 1, 2].map(() => freePort()));
    children.push(...(await Promise.all(ports.map((port) => startBot({ port, databaseUrl: db.url!, larkUrl, readyMs: 150_000 })))));
    const startedAt = Date.now();

    // The burst: 150 receivers with one message each (the per-API limit), and three receivers
    // with 30 each (the per-receiver limit).
    await db.db.transaction(async (tx) => {
      for (let i = 0; i < SPREAD; i++) await enqueueSend({ tx, deps: { ids: randomIds } }, { openId: `ou_spread_${i}` }, { text: `load-spread-${i}` });
      for (let i = 0; i < PER_BUSY; i++) for (const to of BUSY) await enqueueSend({ tx, deps: { ids: randomIds } }, { openId: to }, { text: `load-${to}-${i}` });
    });
    // Every instance sweeps every 5 s; all three go for the burst at once.
    await waitFor('the spread to be delivered', () => lark.arrivals.filter((a) => a.at >= startedAt && a.receiver?.startsWith('ou_spread_')).length >= SPREAD, 60_000);
    lark.injectFault({ api: 'message.create', kind: 'rate_limit', times: 1, resetSeconds: RESET_SECONDS });

    // Meanwhile people write to each instance: each commits a reply there and kicks its drainer.
    const askers = ['ou_spec1', 'ou_spec2', 'ou_manager'];
    const answers = await Promise.all(
      ports.map((port, i) =>
        new EventSender(lark, { botUrl: `http://127.0.0.1:${port}`, encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN }).message(askers[i]!, '团队'),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);

    const total = BUSY.length * PER_BUSY + SPREAD;
    const loadTexts = () => lark.sent().map((m) => (m.content as { text?: string }).text ?? '').filter((t) => t.startsWith('load-'));
    await waitFor('the burst to be delivered', () => loadTexts().length >= total, 120_000);
    await waitFor('every instance’s reply to be delivered', () => askers.every((a) => lark.sent().some((m) => m.receiverOpenId === a)), 60_000);

    // Exactly once.
    const texts = loadTexts();
    expect(texts).toHaveLength(total);
    expect(new Set(texts).size).toBe(total);
    for (const a of askers) expect(lark.sent().filter((m) => m.receiverOpenId === a)).toHaveLength(1);

    const arrivals = lark.arrivals.filter((a) => a.at >= startedAt);
    // Per receiver and per API, counted as Lark counts: every request that arrived, refused or not.
    expect(overLimit(arrivals, (a) => a.receiver, (a) => a.at, 5)).toEqual({});
    expect(overLimit(arrivals, (a) => a.api, (a) => a.at, 50)).toEqual({});

    // After a 429, nobody calls that API until the reset has passed.
    const throttles = lark.calls.filter((c) => c.at >= startedAt && c.status === 429 && c.resetSeconds !== undefined);
    expect(throttles.length).toBeGreaterThanOrEqual(1);
    for (const t of throttles) {
      const inside = arrivals.filter((a) => a.api === t.api && a.at > t.at + IN_FLIGHT_SLACK_MS && a.at < t.at + t.resetSeconds! * 1000);
      expect(inside.map((a) => `+${a.at - t.at}ms ${a.receiver}`)).toEqual([]);
    }
    // The only 429 was the injected one: the instances never ran into the fake's own limits.
    expect(throttles.filter((t) => t.resetSeconds !== RESET_SECONDS)).toEqual([]);
  }, 400_000);
});
