/**
 * npm run bench:drain — what the outbox drainer itself costs per message: the real SDK over HTTP
 * to the fake Lark (no rate limits, no faults), a limiter whose limits are out of reach (so the
 * figures are the bookkeeping, not Lark's 50/s), on PGlite in-process and, when
 * TEST_DATABASE_URL or DATABASE_URL is set, on the Postgres server.
 *
 * Two shapes, each the median of 3 runs:
 *   burst   2,000 messages to 200 receivers committed at once, then one drain
 *   chatty  200 messages, one commit and one drain each (a reply per event)
 * Printed: wall ms, and CPU µs per message (this process: the bot's side and the fake's).
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

const BURST = 2_000;
const CHATTY = 200;
const RUNS = 3;
const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function listen(fetchFn: (req: Request) => Response | Promise<Response>): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: fetchFn, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve({ server, url: `http://127.0.0.1:${info.port}` }));
  });
}

async function serverDb(url: string): Promise<DbHandle> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe('drop database if exists kam_bench_drain with (force)');
  await admin.unsafe('create database kam_bench_drain');
  await admin.end();
  const u = new URL(url);
  u.pathname = '/kam_bench_drain';
  return createPostgresDb(u.toString(), { max: 10 });
}

/** The in-memory drainer where the runtime would use one (PGlite); absent before it existed. */
async function soleDrainer(): Promise<unknown> {
  try {
    const m = (await import('../src/lark/drainer-lease.js' as string)) as { SoleDrainer: new () => unknown };
    return new m.SoleDrainer();
  } catch {
    return undefined;
  }
}

async function bench(kind: 'pglite' | 'postgres'): Promise<void> {
  const handle = kind === 'pglite' ? await createPgliteDb() : await serverDb(serverUrl!);
  await migrateDb(handle);
  const lark = new FakeLark({ rateLimits: false });
  const larkServer = await listen(lark.app.fetch);
  const config = loadConfig({ LARK_APP_ID: 'cli_fake0000000000', LARK_APP_SECRET: 'fake-secret', LARK_DOMAIN: larkServer.url, LOG_LEVEL: 'error' });
  const clock = new ManualClock('2026-12-08T02:00:00Z');
  const limiter = new RateLimiter({ perApiPerSecond: 1e9, perReceiverPerSecond: 1e9 });
  const log = createLogger((process.env.LOG_LEVEL as 'error') ?? 'error', { service: 'bench' });
  // A shared CI machine can be slow enough to trip the 10 s production timeout; a retry would
  // measure the backoff, not the drainer.
  const client = new LarkClient({ appId: 'cli_fake0000000000', appSecret: 'fake-secret', baseUrl: larkServer.url, log, timeoutMs: 120_000 });
  const wired = wire({
    config,
    db: handle.db,
    clock,
    log,
    lark: client,
    defer: () => {},
    limiter,
    ...(kind === 'pglite' ? { drainerLease: (await soleDrainer()) as never } : {}),
  });
  let retries = 0;
  /** Drains until `n` are sent; a send the loaded machine drops (a reset connection) is retried. */
  const drainAll = async (n: number) => {
    let sent = 0;
    for (let i = 0; sent < n; i++) {
      if (i > 20) throw new Error(`sent ${sent} of ${n}`);
      const r = await wired.drain({ maxBatches: 1_000_000 });
      sent += r.sent;
      retries += r.retried;
      clock.advance(60_000);
    }
  };

  const burst = async (n: number) => {
    await handle.db.transaction(async (tx) => {
      for (let i = 0; i < n; i++) await enqueueSend({ tx, deps: { ids: randomIds } }, { openId: `ou_r${i % 200}` }, { text: `消息 ${i}：明天上午十点拜访华能，请准备方案` });
    });
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    await drainAll(n);
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - t0, cpuUsPerMsg: (used.user + used.system) / n };
  };
  const chatty = async (n: number) => {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      await handle.db.transaction((tx) => enqueueSend({ tx, deps: { ids: randomIds } }, { openId: `ou_c${i % 50}` }, { text: `回复 ${i}` }));
      await drainAll(1);
    }
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - t0, cpuUsPerMsg: (used.user + used.system) / n };
  };

  await burst(200); // warm-up: JIT, token, connections
  for (const [name, run, n] of [
    ['burst', burst, BURST],
    ['chatty', chatty, CHATTY],
  ] as const) {
    const results = [];
    for (let i = 0; i < RUNS; i++) results.push(await run(n));
    console.log(
      `${kind.padEnd(8)} ${name.padEnd(6)} ${String(n).padStart(5)} msgs  ${median(results.map((r) => r.ms)).toFixed(0).padStart(6)} ms  ${median(results.map((r) => r.cpuUsPerMsg)).toFixed(0).padStart(5)} µs CPU/msg  (${retries} retried so far)`,
    );
  }
  larkServer.server.close();
  await handle.close();
}

await bench('pglite');
if (serverUrl) await bench('postgres');
process.exit(0);
