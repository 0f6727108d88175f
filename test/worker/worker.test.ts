/**
 * The Worker as Cloudflare runs it: the bundle `wrangler deploy --dry-run` builds, loaded in
 * Miniflare (workerd), against the Postgres server (through Miniflare's local Hyperdrive) and
 * the fake Lark on a random local port. Events are posted encrypted and signed.
 *
 * The bundle build and the misconfiguration checks run everywhere; the end-to-end cases need
 * the Postgres server (TEST_DATABASE_URL) — there is no PGlite on Workers.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { inboundEvents, outbox } from '../../db/schema/index.js';
import { loadRoster } from '../../src/app/roster.js';
import { systemClock } from '../../src/clock.js';
import { FakeLark } from '../../src/sandbox/fake-lark.js';
import { EventSender } from '../../src/sandbox/event-sender.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { readXlsx } from '../domain/kpi/xlsx-reader.js';
import { describeMessage, ENCRYPT_KEY, ROSTER, VERIFICATION_TOKEN } from '../support/harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
const COMPATIBILITY_DATE = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)![1]!;
const DATABASE_URL = process.env.TEST_DATABASE_URL;
const ROSTER_JOINED = new Date('2026-06-01T00:00:00+08:00');
// .ci/run reruns this file under libfaketime, but workerd cannot run with it preloaded (its
// tcmalloc deadlocks in libfaketime's poll hook), so it keeps the real clock and .ci/run says
// how far that is from ours. Lark and a deployed Worker share one clock: events are signed with
// the Worker's, or its 5-minute freshness check would refuse them.
const WORKERD_CLOCK_OFFSET_MS = Number(process.env.KAM_WORKERD_CLOCK_OFFSET_MS ?? 0);

let outDir: string;
let scriptPath: string;

// A bundle already built by this run (.ci/run's reruns under faketime set it) is reused: the
// build does not depend on the date and is most of this file's time.
const PREBUILT = process.env.KAM_WORKER_BUNDLE_DIR;

beforeAll(async () => {
  if (PREBUILT) {
    outDir = PREBUILT;
  } else {
    outDir = mkdtempSync(join(tmpdir(), 'kam-worker-'));
    await buildWorkerBundle(outDir);
  }
  scriptPath = join(outDir, 'worker.js');
}, 120_000);
afterAll(() => {
  if (outDir && !PREBUILT) rmSync(outDir, { recursive: true, force: true });
});

async function buildWorkerBundle(dir: string): Promise<void> {
  await promisify(execFile)(join(ROOT, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', dir], {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', CI: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
}

const BASE_BINDINGS = {
  LARK_APP_ID: 'cli_fake0000000000',
  LARK_APP_SECRET: 'fake-secret',
  LARK_ENCRYPT_KEY: ENCRYPT_KEY,
  LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
  KAM_TIMEZONE: 'Asia/Shanghai',
  KAM_ADMINS: 'ou_admin',
  LOG_LEVEL: 'warn',
};

const miniflare = (bindings: Record<string, string>, extra: { hyperdrives?: Record<string, string> } = {}) =>
  new Miniflare({
    modules: true,
    scriptPath,
    modulesRoot: outDir, // module names are relative to it; the default (cwd) would need "../"
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags: ['nodejs_compat'],
    bindings,
    ...extra,
  });

describe('the Worker bundle', () => {
  it('builds offline with wrangler, without PGlite or the migrator', () => {
    const code = readFileSync(scriptPath, 'utf8');
    expect(code).toContain('// src/runtime/worker.ts');
    expect(code).toContain('// src/runtime/create-app.ts');
    for (const nodeOnly of ['db/pglite.ts', 'db/migrate.ts', '@electric-sql/pglite', 'src/runtime/node.ts', 'src/sandbox/']) {
      expect(code, `${nodeOnly} must not be in the Worker bundle`).not.toContain(`// ${nodeOnly}`);
    }
    const gz = gzipSync(code).length;
    console.log(`worker bundle: ${(statSync(scriptPath).size / 1024).toFixed(0)} KiB, gzip ${(gz / 1024).toFixed(0)} KiB`);
    expect(gz).toBeLessThan(3 * 1024 * 1024); // the Workers free plan limit
  });

  it('answers a missing database with a 503 naming HYPERDRIVE and DATABASE_URL', async () => {
    const mf = miniflare({ ...BASE_BINDINGS, LARK_DOMAIN: 'http://127.0.0.1:9' });
    try {
      for (const path of ['/lark/events', '/healthz']) {
        const res = await mf.dispatchFetch(`http://bot.test${path}`, { method: path === '/healthz' ? 'GET' : 'POST', body: path === '/healthz' ? undefined : '{}' });
        expect(res.status).toBe(503);
        const body = (await res.json()) as { error: string; variable: string };
        expect(body.variable).toBe('DATABASE_URL');
        expect(body.error).toContain('HYPERDRIVE');
        expect(body.error).toContain('wrangler secret put DATABASE_URL');
        expect(body.error).not.toContain('\n');
      }
    } finally {
      await mf.dispose();
    }
  });

  it('answers bad configuration with a 503 carrying the one-line message', async () => {
    const mf = miniflare({ ...BASE_BINDINGS, KAM_TIMEZONE: 'Mars/Olympus_Mons', DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none' });
    try {
      const res = await mf.dispatchFetch('http://bot.test/lark/events', { method: 'POST', body: '{}' });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        variable: 'KAM_TIMEZONE',
        error: 'Configuration error: KAM_TIMEZONE is not an IANA time zone; use e.g. Asia/Shanghai (got "Mars/Olympus_Mons")',
      });
      const noApp = miniflare({ DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none' });
      try {
        const r = await noApp.dispatchFetch('http://bot.test/healthz');
        expect(r.status).toBe(503);
        expect(await r.json()).toMatchObject({ variable: 'LARK_APP_ID' });
      } finally {
        await noApp.dispose();
      }
    } finally {
      await mf.dispose();
    }
  });
});

async function listen(fetchFn: (req: Request) => Response | Promise<Response>): Promise<{ server: ServerType; url: string }> {
  return new Promise((done) => {
    const server = serve({ fetch: fetchFn, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => done({ server, url: `http://127.0.0.1:${info.port}` }));
  });
}

/** Waits for work the Worker does after its response (ctx.waitUntil). */
async function until<T>(what: string, probe: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Without TEST_DATABASE_URL the suite shows as skipped under this title, which says why.
describe.skipIf(!DATABASE_URL)('the Worker in Miniflare, on Postgres (TEST_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test — the Worker has no PGlite) and the fake Lark', () => {
  let db: TestDb;
  let lark: FakeLark;
  let larkServer: { server: ServerType; url: string };
  let mf: Miniflare;
  let sender: EventSender;

  beforeAll(async () => {
    db = await createTestDb();
    // The team joined long before any month this suite owes a report for: members owe reports
    // only for months they were on the roster, so a roster dated by the real clock owes nothing
    // for November once December comes.
    await loadRoster(db.db, ROSTER, ROSTER_JOINED);
    lark = new FakeLark({ clock: systemClock, users: { ou_spec1: { name: '李明', enName: 'Li Ming' } } });
    larkServer = await listen(lark.app.fetch);
    // The preferred production setup: DATABASE_URL comes from the Hyperdrive binding.
    // (Miniflare insists on a password in a Hyperdrive URL; CI's trust auth ignores it.)
    const hyperdriveUrl = new URL(db.url!);
    if (!hyperdriveUrl.password) hyperdriveUrl.password = 'unused';
    mf = miniflare({ ...BASE_BINDINGS, LARK_DOMAIN: larkServer.url }, { hyperdrives: { HYPERDRIVE: hyperdriveUrl.toString() } });
    await mf.ready;
    sender = new EventSender(lark, {
      botUrl: 'http://bot.test',
      encryptKey: ENCRYPT_KEY,
      verificationToken: VERIFICATION_TOKEN,
      fetch: ((input: string, init?: RequestInit) => mf.dispatchFetch(input, init as never)) as unknown as typeof fetch,
      nowMs: () => Date.now() + WORKERD_CLOCK_OFFSET_MS,
    });
  }, 60_000);

  afterAll(async () => {
    await mf?.dispose();
    if (larkServer) await new Promise<void>((r) => larkServer.server.close(() => r()));
    await db?.close();
  });

  const sentSince = (n: number) => lark.sent().slice(n);

  it('is ready: /readyz reaches Postgres through Hyperdrive and sees the migrations', async () => {
    const res = await mf.dispatchFetch('http://bot.test/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, database: 'up' });
  });

  it('reaches Postgres through a DATABASE_URL secret too (no Hyperdrive binding)', async () => {
    const direct = miniflare({ ...BASE_BINDINGS, LARK_DOMAIN: larkServer.url, DATABASE_URL: db.url! });
    try {
      const res = await direct.dispatchFetch('http://bot.test/readyz');
      expect(await res.json()).toMatchObject({ ok: true, database: 'up' });
    } finally {
      await direct.dispose();
    }
  });

  it('answers url_verification (plain and encrypted)', async () => {
    const plain = await mf.dispatchFetch('http://bot.test/lark/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'url_verification', challenge: 'wk-1', token: VERIFICATION_TOKEN }),
    });
    expect(plain.status).toBe(200);
    expect(await plain.json()).toEqual({ challenge: 'wk-1' });
    const enc = await sender.post('/lark/cards', { type: 'url_verification', challenge: 'wk-2', token: VERIFICATION_TOKEN });
    expect(enc).toEqual({ status: 200, body: { challenge: 'wk-2' } });
  });

  it('answers a signed, encrypted /help through the fake Lark', async () => {
    const before = lark.sent().length;
    const d = await sender.message('ou_spec1', '/help');
    expect(d.status).toBe(200);
    const [reply] = await until('the help card', () => sentSince(before), (s) => s.length >= 1);
    expect(reply!.receiverOpenId).toBe('ou_spec1');
    expect(describeMessage(reply!)).toContain('使用说明');
    await until('the event to be marked done', async () => (await db.db.select().from(inboundEvents).where(eq(inboundEvents.eventId, d.eventId)))[0]?.status, (s) => s === 'done');
  });

  it('rejects a forged signature', async () => {
    const plain = sender.envelope('im.message.receive_v1', sender.messageEvent('ou_spec1', '帮助'));
    const { body, headers } = await sender.sign(plain, { signature: 'f'.repeat(64) });
    const res = await mf.dispatchFetch('http://bot.test/lark/events', { method: 'POST', headers, body });
    expect(res.status).toBe(401);
  });

  it('runs a help-card button: a toast now, the team card after', async () => {
    const before = lark.sent().length;
    await sender.message('ou_spec1', 'help');
    const [helpCard] = await until('the help card', () => sentSince(before), (s) => s.length >= 1);
    const r = await sender.cardAction('ou_spec1', helpCard!.messageId, { v: 1, k: 'chat.run', c: 'team' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ toast: { type: 'success', i18n: { en_us: 'Sent "Team"' } } });
    const sent = await until('the team card', () => sentSince(before + 1), (s) => s.length >= 1);
    expect(describeMessage(sent[0]!)).toContain('大客户部成员');
  });

  it('exports the KPI workbook from the Worker: built by its drainer, uploaded (multipart on workerd) and sent', async () => {
    const d = await sender.message('ou_manager', 'KPI 导出');
    expect(d.status).toBe(200);
    const [msg] = await until('the file message', () => lark.sent().filter((m) => m.receiverOpenId === 'ou_manager' && m.msgType === 'file'), (s) => s.length >= 1, 20_000);
    const file = lark.fileOf(msg!.messageId)!;
    expect(file.fileName).toMatch(/^钱经理_团队KPI_\d{4}Q[1-4]\.xlsx$/);
    const book = readXlsx(file.bytes);
    expect(book.sheet('销售与开发').cells.get('D1')!.value).toBe('大客户销售计划完成率');
  }, 30_000);

  it('ignores a duplicate event (same event_id twice → one reply)', async () => {
    const before = lark.sent().length;
    const event = sender.messageEvent('ou_spec1', '团队');
    const eventId = `evt-worker-dup-${Date.now()}`;
    const first = await sender.deliver('im.message.receive_v1', event, { eventId });
    expect(first.status).toBe(200);
    await until('the first reply', () => sentSince(before), (s) => s.length >= 1);
    const second = await sender.deliver('im.message.receive_v1', event, { eventId });
    expect(second.status).toBe(200);
    // anything the duplicate might have triggered runs through the outbox: drain it and look again
    await (await mf.getWorker()).scheduled({ cron: '* * * * *', scheduledTime: new Date() });
    await new Promise((r) => setTimeout(r, 300));
    expect(sentSince(before)).toHaveLength(1);
    const rows = await db.db.select().from(inboundEvents).where(eq(inboundEvents.eventId, eventId));
    expect(rows.map((r) => r.status)).toEqual(['done']);
  });

  it('keeps one tenant token per isolate across requests', async () => {
    const before = lark.callsTo('token').length;
    const sentBefore = lark.sent().length;
    for (let i = 0; i < 3; i++) expect((await sender.message('ou_spec1', '团队')).status).toBe(200);
    await until('three replies', () => sentSince(sentBefore), (s) => s.length >= 3);
    expect(lark.callsTo('token').length - before).toBeLessThanOrEqual(1);
  });

  it('scheduled() drains the outbox', async () => {
    const before = lark.sent().length;
    const uuid = crypto.randomUUID();
    await db.db.insert(outbox).values({ kind: 'send', target: 'ou_spec2', targetType: 'open_id', msgType: 'text', content: { text: 'queued while no one was draining' }, uuid });
    const worker = await mf.getWorker();
    const result = await worker.scheduled({ cron: '* * * * *', scheduledTime: new Date() });
    expect(result.outcome).toBe('ok');
    const sent = sentSince(before);
    expect(sent.map((m) => ({ to: m.receiverOpenId, text: describeMessage(m) }))).toEqual([{ to: 'ou_spec2', text: 'queued while no one was draining' }]);
    const [row] = await db.db.select().from(outbox).where(eq(outbox.uuid, uuid));
    expect(row!.status).toBe('sent');
    // The reminder cron at night (22:00 Shanghai) runs the tick, which sends nothing outside
    // working hours, and drains: still exactly that one message.
    const tick = await worker.scheduled({ cron: '*/5 * * * *', scheduledTime: new Date('2026-11-27T14:00:00Z') });
    expect(tick.outcome).toBe('ok');
    expect(sentSince(before)).toHaveLength(1);
  });

  it('scheduled() sends a due nudge once, even when the cron fires twice', async () => {
    const before = lark.sent().length;
    // Tuesday 1 December 2026, 10:00 in Shanghai: the November report is due (the 5th is a
    // Saturday, so Monday the 7th), and the 1st is a nudge day for every specialist.
    const at = new Date('2026-12-01T02:00:00Z');
    const worker = await mf.getWorker();
    expect((await worker.scheduled({ cron: '*/5 * * * *', scheduledTime: at })).outcome).toBe('ok');
    const first = sentSince(before);
    const toSpecialists = first.filter((m) => m.receiverOpenId === 'ou_spec1' || m.receiverOpenId === 'ou_spec2');
    expect(toSpecialists.map((m) => m.receiverOpenId).sort()).toEqual(['ou_spec1', 'ou_spec2']);
    expect(JSON.stringify(toSpecialists[0]!.content)).toMatch(/月报|report/);
    expect((await worker.scheduled({ cron: '*/5 * * * *', scheduledTime: at })).outcome).toBe('ok');
    expect((await worker.scheduled({ cron: '*/5 * * * *', scheduledTime: new Date(at.getTime() + 5 * 60_000) })).outcome).toBe('ok');
    expect(sentSince(before)).toHaveLength(first.length);
  });
});
