/**
 * The bot as it runs in production, on real HTTP: its Hono app on a random port, the real
 * SDK client pointed at the fake Lark on another, a real (PGlite or Postgres) database with
 * the real migrations, and events posted encrypted and signed. Time is a ManualClock.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/runtime/create-app.js';
import type { GatewayDeps } from '../../src/lark/gateway-deps.js';
import { wire } from '../../src/runtime/wire.js';
import { nodeWebhookCrypto } from '../../src/runtime/node-crypto.js';
import { nodeLarkHttp } from '../../src/runtime/node-http.js';
import { ManualClock } from '../../src/clock.js';
import type { Ids } from '../../src/ids.js';
import { loadConfig, type Config } from '../../src/config.js';
import { LarkClient } from '../../src/lark/client.js';
import type { DrainOptions, drainOutbox } from '../../src/lark/drain.js';
import { memoryLogger } from '../../src/log.js';
import { FakeLark } from '../../src/sandbox/fake-lark.js';
import { EventSender } from '../../src/sandbox/event-sender.js';
import { loadRoster } from '../../src/app/roster.js';
import type { OrgMember } from '../../src/app/org-file.js';
import { createTestDb, type TestDb } from './db.js';
import { SoleDrainer } from '../../src/lark/drainer-lease.js';
import { RateLimiter } from '../../src/lark/rate-limit.js';

export const ENCRYPT_KEY = 'test-encrypt-key-0123456789';
export const VERIFICATION_TOKEN = 'test-verification-token';

async function listen(fetchFn: (req: Request) => Response | Promise<Response>): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: fetchFn, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
      resolve({ server, url: `http://127.0.0.1:${info.port}` }),
    );
  });
}

const close = (s: ServerType) => new Promise<void>((r) => s.close(() => r()));

export const ROSTER: OrgMember[] = [
  { openId: 'ou_director', name: '赵总监', role: 'director', managerId: null, locale: 'zh_cn' },
  { openId: 'ou_manager', name: '钱经理', role: 'manager', managerId: 'ou_director', locale: 'zh_cn' },
  { openId: 'ou_assistant', name: '孙内勤', role: 'assistant', managerId: 'ou_manager', locale: 'zh_cn' },
  { openId: 'ou_spec1', name: '李专员', role: 'specialist', managerId: 'ou_manager', locale: 'zh_cn' },
  { openId: 'ou_spec2', name: 'Wang Wei', role: 'specialist', managerId: 'ou_manager', locale: 'en_us' },
  { openId: 'ou_finance', name: '周财务', role: 'finance', managerId: null, locale: 'zh_cn' },
  { openId: 'ou_admin', name: '吴管理员', role: 'admin', managerId: null, locale: 'zh_cn' },
];

export interface Harness {
  deps: GatewayDeps;
  db: TestDb;
  clock: ManualClock;
  lark: FakeLark;
  sender: EventSender;
  botUrl: string;
  log: ReturnType<typeof memoryLogger>;
  /** Waits until deferred work is done and the outbox is drained. */
  settle(): Promise<void>;
  drain(o?: DrainOptions): ReturnType<typeof drainOutbox>;
  /** The periodic sweep as node-cron runs it (resumes events, starts a drain, does not wait for it). */
  sweep(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(
  o: { now?: string; roster?: OrgMember[] | false; env?: Record<string, string>; drain?: DrainOptions; lark?: FakeLark; larkTimeoutMs?: number; ids?: Ids; rateLimits?: boolean } = {},
): Promise<Harness> {
  const clock = new ManualClock(o.now ?? '2026-11-27T02:00:00Z');
  const lark = o.lark ?? new FakeLark({ clock, rateLimits: o.rateLimits ?? true });
  const larkServer = await listen(lark.app.fetch);
  const db = await createTestDb();
  const config: Config = loadConfig({
    LARK_APP_ID: 'cli_fake0000000000',
    LARK_APP_SECRET: 'fake-secret',
    LARK_ENCRYPT_KEY: ENCRYPT_KEY,
    LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    LARK_DOMAIN: larkServer.url,
    KAM_ADMINS: 'ou_admin',
    ...(o.rateLimits === false ? { KAM_BENCH_NO_RATE_LIMIT: '1' } : {}),
    ...o.env,
  });
  const log = memoryLogger('debug');
  // As on Node in production: node:http for the Lark client (the SDK's axios is covered by the Worker tests).
  const client = new LarkClient({ appId: config.lark.appId!, appSecret: config.lark.appSecret!, baseUrl: config.lark.baseUrl, log, timeoutMs: o.larkTimeoutMs ?? 2000, http: nodeLarkHttp });
  const pending = new Set<Promise<unknown>>();
  const defer = (task: () => Promise<unknown>) => {
    const p = task().catch((e: unknown) => log.error('deferred.failed', { error: e }));
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };
  // As on Node in production: node:crypto for the webhook (WebCrypto is covered by the Worker tests).
  const wired = wire({
    config,
    db: db.db,
    clock,
    ids: o.ids,
    log,
    defer,
    lark: client,
    webhookCrypto: nodeWebhookCrypto,
    // As in production: the lease in the database on the Postgres server, none on PGlite.
    drainerLease: db.driver === 'pglite' ? new SoleDrainer() : undefined,
    eventLanes: db.driver === 'pglite' ? 1 : config.eventLanes,
    drain: { baseBackoffMs: 50, ...o.drain },
  });
  const deps = wired.deps;
  const app = createApp(() => deps);
  const botServer = await listen(app.fetch);
  const sender = new EventSender(lark, { botUrl: botServer.url, encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, nowMs: () => clock.now().getTime() });
  if (o.roster !== false) await loadRoster(db.db, o.roster ?? ROSTER, clock.now());

  const settle = async () => {
    for (let i = 0; i < 50; i++) {
      while (pending.size) await Promise.all([...pending]);
      await wired.idle();
      const r = await wired.drain();
      if (!pending.size && r.sent + r.retried + r.dead === 0) return;
    }
  };
  return {
    deps,
    db,
    clock,
    lark,
    sender,
    botUrl: botServer.url,
    log,
    settle,
    drain: (d) => wired.drain(d),
    sweep: () => wired.sweep(),
    close: async () => {
      await settle().catch(() => {});
      await close(botServer.server);
      await close(larkServer.server);
      await db.close();
    },
  };
}

/** Text of a bot message in the fake (text messages) or its card title. */
export function describeMessage(m: { msgType: string; content: unknown }): string {
  const c = m.content as { text?: string; header?: { title?: { content?: string } } };
  return m.msgType === 'text' ? (c.text ?? '') : `[card] ${c.header?.title?.content ?? ''}`;
}

/** A second bot process on the same database and the same fake Lark: its own client, limiter and drainer lease. */
export function secondInstance(x: Harness) {
  const config = x.deps.config;
  const lark = new LarkClient({ appId: config.lark.appId!, appSecret: config.lark.appSecret!, baseUrl: config.lark.baseUrl, log: x.log, timeoutMs: 5_000, http: nodeLarkHttp });
  return wire({ config, db: x.db.db, clock: x.clock, log: x.log, defer: (t) => void t(), lark, limiter: new RateLimiter(), drainerLease: new SoleDrainer(), drain: { baseBackoffMs: 50 } });
}
