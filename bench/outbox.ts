/**
 * npm run bench:outbox — how close the outbox drainer comes to Lark's limits when a morning's
 * digests all leave at once: the real drainer and its production limiter (50/s per API, 5/s per
 * receiver) sending through the real SDK over HTTP to the fake Lark, which enforces the same
 * limits itself and answers 429 to any send over them.
 *
 * Shapes, each the median of BENCH_RUNS (3) runs, on PGlite and (when reachable) the Postgres server:
 *   digests   500 digest cards to 500 people (the quota's ideal: 500 / 50 per s = 10 s)
 *   crowded   500 messages to 5 people, 100 each (ideal 100 / 5 per s = 20 s: the receiver limit binds)
 * Printed: wall time, the ideal, ideal / wall (goal ≥ 90%), the most sends any receiver got in any
 * 1-second window at the fake (must be ≤ 5), and how many 429s the fake answered (must be 0).
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import { createPgliteDb } from '../db/pglite.js';
import { createPostgresDb, type DbHandle } from '../db/client.js';
import { migrateDb } from '../db/migrate.js';
import { loadConfig } from '../src/config.js';
import { ManualClock } from '../src/clock.js';
import { createLogger } from '../src/log.js';
import { wire } from '../src/runtime/wire.js';
import { FakeLark } from '../src/sandbox/fake-lark.js';
import { enqueueSend } from '../src/app/outbox.js';
import { randomIds } from '../src/ids.js';
import { RateLimiter } from '../src/lark/rate-limit.js';
import { LarkClient } from '../src/lark/client.js';
import { SoleDrainer } from '../src/lark/drainer-lease.js';
import { digestCard, type DigestLine } from '../cards/digest.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PER_API = 50;
const PER_RECEIVER = 5;
const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function listen(fetchFn: (req: Request) => Response | Promise<Response>): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: fetchFn, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve({ server, url: `http://127.0.0.1:${info.port}` }));
  });
}

async function serverDb(): Promise<DbHandle | null> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 2 });
  try {
    await admin.unsafe('drop database if exists kam_bench_outbox with (force)');
    await admin.unsafe('create database kam_bench_outbox');
  } catch {
    return null;
  } finally {
    await admin.end();
  }
  const u = new URL(serverUrl);
  u.pathname = '/kam_bench_outbox';
  return createPostgresDb(u.toString(), { max: 10 });
}

/** A realistic morning digest: three duties of different urgency, each with its button. */
function digestFor(i: number, at: Date) {
  const line = (kind: DigestLine['kind'], urgency: DigestLine['urgency'], title: string, days: number): DigestLine => ({
    kind,
    urgency,
    dueAt: new Date(at.getTime() + days * 86_400_000),
    title,
    ownerName: `专员${i}`,
    action: { value: { action: 'noop', id: `o${i}-${kind}` } as never, label: { zh_cn: '去填写', en_us: 'Fill in' } },
  });
  return digestCard({
    timeZone: 'Asia/Shanghai',
    urgency: 'due',
    own: [
      { kind: 'visit_record', lines: [line('visit_record', 'overdue', '华能国际电力股份有限公司', -1)] },
      { kind: 'follow_up', lines: [line('follow_up', 'due', '上海申能集团有限公司', 0)] },
      { kind: 'monthly_report', lines: [line('monthly_report', 'upcoming', '2026-11', 2)] },
    ],
    oversight: [],
  });
}

/** The most arrivals any one receiver had within any 1,000 ms at the fake. */
function peakPerReceiver(arrivals: readonly { receiver: string | null; at: number }[]): number {
  const by = new Map<string, number[]>();
  for (const a of arrivals) if (a.receiver) by.set(a.receiver, [...(by.get(a.receiver) ?? []), a.at]);
  let peak = 0;
  for (const ts of by.values()) {
    ts.sort((a, b) => a - b);
    for (let i = 0, j = 0; i < ts.length; i++) {
      while (ts[i]! - ts[j]! >= 1000) j++;
      peak = Math.max(peak, i - j + 1);
    }
  }
  return peak;
}

async function bench(kind: 'pglite' | 'postgres', handle: DbHandle): Promise<void> {
  await migrateDb(handle);
  const clock = new ManualClock('2026-12-08T01:00:00Z');
  const log = createLogger('error', { service: 'bench' });
  for (const [shape, n, receivers] of [
    ['digests', 500, 500],
    ['crowded', 500, 5],
  ] as const) {
    const ideal = Math.max(n / PER_API, n / receivers / PER_RECEIVER) * 1000;
    const runs: { ms: number; peak: number; refused: number }[] = [];
    for (let run = 0; run < RUNS; run++) {
      // A fresh fake each run: its sliding windows start empty, as a new morning's would.
      const lark = new FakeLark({ rateLimits: true });
      const larkServer = await listen(lark.app.fetch);
      const config = loadConfig({ LARK_APP_ID: 'cli_fake0000000000', LARK_APP_SECRET: 'fake-secret', LARK_DOMAIN: larkServer.url, LOG_LEVEL: 'error' });
      const client = new LarkClient({ appId: 'cli_fake0000000000', appSecret: 'fake-secret', baseUrl: larkServer.url, log, timeoutMs: 60_000 });
      const wired = wire({
        config,
        db: handle.db,
        clock,
        log,
        lark: client,
        defer: () => {},
        limiter: new RateLimiter({ perApiPerSecond: PER_API, perReceiverPerSecond: PER_RECEIVER }),
        ...(kind === 'pglite' ? { drainerLease: new SoleDrainer() } : {}),
      });
      await handle.db.transaction(async (tx) => {
        for (let i = 0; i < n; i++) {
          const to = { openId: `ou_${shape}_${run}_${i % receivers}` };
          await enqueueSend({ tx, deps: { ids: randomIds } }, to, shape === 'digests' ? { card: digestFor(i, clock.now()) } : { text: `消息 ${i}：明天上午十点拜访华能，请准备方案` });
        }
      });
      const t0 = performance.now();
      let sent = 0;
      for (let pass = 0; sent < n; pass++) {
        if (pass > 200) throw new Error(`${shape}: sent ${sent} of ${n}`);
        sent += (await wired.drain({ maxBatches: 1_000_000 })).sent;
        // A send put back by a 429 waits for its backoff on the bot's clock: move it on.
        if (sent < n) clock.advance(5_000);
      }
      const ms = performance.now() - t0;
      const sends = lark.arrivals.filter((a) => a.api === 'message.create');
      runs.push({ ms, peak: peakPerReceiver(sends), refused: lark.calls.filter((c) => c.status === 429).length });
      larkServer.server.close();
    }
    const ms = median(runs.map((r) => r.ms));
    console.log(
      `| ${kind} | ${shape} | ${n} to ${receivers} | ${Math.round(ms).toLocaleString('en')} | ${Math.round(ideal).toLocaleString('en')} | ${((ideal / ms) * 100).toFixed(0)}% | ${Math.max(...runs.map((r) => r.peak))} | ${runs.reduce((s, r) => s + r.refused, 0)} |`,
    );
  }
  await handle.close();
}

console.log(`median of ${RUNS} runs\n`);
console.log('| database | shape | messages | wall ms | ideal ms | ideal / wall | peak per receiver per s | 429s |');
console.log('|---|---|---|---|---|---|---|---|');
await bench('pglite', await createPgliteDb());
const pg = await serverDb();
if (pg) await bench('postgres', pg);
process.exit(0);
