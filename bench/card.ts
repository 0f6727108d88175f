/**
 * npm run bench:card — what a person waits for after a click: the synchronous answer to
 * `card.action.trigger` (Lark gives up after 3 s), posted encrypted and signed to the real bot
 * over HTTP, 20 clickers at once, on PGlite and (when reachable) the Postgres server.
 *
 * Processes: the bot (src/runtime/node.ts, KAM_BENCH_NO_RATE_LIMIT=1), the fake Lark
 * (bench/servers/fake-lark.ts, its limits off), the floor (bench/servers/bare.ts) and this script
 * as the clickers: the clickers' signing, encrypting and fetch are not counted against the bot.
 * The database (a fresh PGlite directory, or a fresh database on the server) is seeded before the
 * bot starts: the roster and one customer with two contacts per clicker.
 *
 * Kinds, each 20 concurrent clicks per round, BENCH_ROUNDS (3) rounds:
 *   form      a visit plan form submitted with its 10 fields (files the visit and a 3-step chain)
 *   approve 1 / 2 / 3   同意 on each step of the chain (manager → director → finance), 20 chains at once
 *   stale     同意 again on a card whose step is already decided (answered with a toast)
 *   floor     a bare Hono route in its own process answering the same 20 concurrent POSTs (the baseline)
 * Printed: p50 and p99 in ms, p99 / the floor's p99, and the bot process's CPU (from /proc) from the
 * first click of a kind to its last answer, per click. Goal: p99 ≤ 100 ms. Then, on PGlite and in
 * this process (the test harness: bot, fake and one clicker together), one click of each kind
 * alone (no drain kicked): its SQL statements and time, which says what a click costs without the
 * queueing behind 19 others, and how many of them read the roster (once per click).
 *
 * BENCH_PROFILE=dir: a V8 CPU profile of the bot during each kind's concurrent clicks (over IPC,
 * bench/lib/profile-ipc.ts). BENCH_TRACE=1: each statement of the lone clicks, with its rows and
 * time. BENCH_ONLY=PGlite|Postgres.
 */
import http from 'node:http';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import setup from '../test/global-setup.js';
import { ROSTER } from '../test/support/harness.js';
import { customers } from '../db/schema/index.js';
import { createPostgresDb, type DbHandle } from '../db/client.js';
import { createPgliteDb } from '../db/pglite.js';
import { migrateDb } from '../db/migrate.js';
import { loadRoster } from '../src/app/roster.js';
import type { OrgMember } from '../src/app/org-file.js';
import { PLAN_CONTACTS, planValuesFor } from '../test/support/visit-plan.js';
import { aloneClicks, type Alone } from './lib/lone-clicks.js';
import { buttonValue } from './lib/cards.js';
import { cpuSeconds } from './lib/cpu.js';
import { BENCH_ENCRYPT_KEY, BENCH_TOKEN, benchBotEnv, benchDatabase, freePort, signedEvent, startServer, waitReady } from './lib/harness.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CLICKERS = Number(process.env.BENCH_CLICKERS ?? 20);
const SPECIALISTS: OrgMember[] = Array.from({ length: CLICKERS }, (_, i) => ({ openId: `ou_b${i}`, name: `专员${i + 1}`, role: 'specialist', managerId: 'ou_manager', locale: 'zh_cn' }));

type Json = Record<string, unknown>;
/** BENCH_PROFILE=dir: a V8 CPU profile of the bot during each kind's concurrent clicks. */
const PROFILE = process.env.BENCH_PROFILE;
/** BENCH_TRACE=1: each statement of the lone clicks, with its rows and time. */
const TRACE = process.env.BENCH_TRACE;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ── the bot in its own process ──────────────────────────────────────────────────────────────

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
let seq = 0;

/** POSTs a signed event and reads the whole answer. */
function post(port: number, path: string, plain: unknown): Promise<{ status: number; body: Json }> {
  const e = signedEvent(BENCH_ENCRYPT_KEY, plain, `n${process.pid}-${++seq}`);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { ...e.headers, 'content-length': Buffer.byteLength(e.body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Json) : {} }));
    });
    req.on('error', reject);
    req.end(e.body);
  });
}

const envelope = (eventType: string, event: unknown) => ({
  schema: '2.0',
  header: { event_id: `ev_card_${process.pid}_${++seq}`, event_type: eventType, create_time: String(Date.now()), token: BENCH_TOKEN, app_id: 'cli_fake0000000000', tenant_key: 't' },
  event,
});

/** Times one click's synchronous answer (the clicker's signing and encrypting included, as Lark's would be); a refused click (non-200) fails the bench. */
async function click(port: number, who: string, card: { messageId: string; chatId: string }, value: Json, formValue?: Json): Promise<{ ms: number; toast?: string }> {
  const event = {
    operator: { open_id: who, union_id: '', user_id: '', tenant_key: 't' },
    token: `c-bench-${++seq}`,
    action: { tag: 'button', value, ...(formValue ? { form_value: formValue } : {}), timezone: 'Asia/Shanghai' },
    host: 'im_message',
    context: { open_message_id: card.messageId, open_chat_id: card.chatId },
  };
  const t0 = performance.now();
  const r = await post(port, '/lark/cards', envelope('card.action.trigger', event));
  const ms = performance.now() - t0;
  if (r.status !== 200) throw new Error(`${who}: HTTP ${r.status}`);
  return { ms, toast: (r.body.toast as { type: string } | undefined)?.type };
}

interface SentCard {
  messageId: string;
  chatId: string;
  content: unknown;
}
const cardsOf = async (larkUrl: string, openId: string): Promise<SentCard[]> => (await fetch(`${larkUrl}/bench/cards?to=${openId}`)).json() as Promise<SentCard[]>;

/** Polls until `probe` returns something (the bot works in its own time: the event queue, the drain). */
async function until<T>(what: string, probe: () => Promise<T | null>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The roster and one customer (two contacts) per clicker, written before the bot opens the database. */
async function seed(handle: DbHandle): Promise<Map<string, string>> {
  await migrateDb(handle);
  const now = new Date();
  await loadRoster(handle.db, [...ROSTER, ...SPECIALISTS], now);
  const year = now.getUTCFullYear();
  const names = new Map<string, string>();
  await handle.db.insert(customers).values(
    SPECIALISTS.map((s, i) => {
      const name = `压测客户${i + 1}号`;
      names.set(s.openId, name);
      return {
        id: `c_bench_${i}`, archiveNo: `KA-${year}-${String(i + 1).padStart(4, '0')}`, archiveYear: year, archiveSeq: i + 1, createdOn: now.toISOString().slice(0, 10),
        name, coreName: name, ownerId: s.openId, stage: 'serving' as const, archive: { name, contacts: PLAN_CONTACTS, sales: {} } as never, createdBy: s.openId, createdAt: now, updatedAt: now,
      };
    }),
  );
  return names;
}

/** Tells the bot's profiler (bench/lib/profile-ipc.ts) to start or stop, and waits until it has. */
function profiler(child: ChildProcess, profile: 'start' | 'stop', file?: string): Promise<void> {
  return new Promise((resolve) => {
    const on = (m: { profile?: string }) => {
      if (m.profile !== (profile === 'start' ? 'started' : 'stopped')) return;
      child.off('message', on);
      resolve();
    };
    child.on('message', on);
    child.send({ profile, ...(file ? { file } : {}) });
  });
}

interface Concurrent {
  times: Record<string, number[]>;
  cpuMs: Record<string, number[]>;
}

async function concurrent(label: 'PGlite' | 'Postgres'): Promise<Concurrent> {
  const times: Record<string, number[]> = { form: [], 'approve 1': [], 'approve 2': [], 'approve 3': [], stale: [], floor: [] };
  const cpuMs: Record<string, number[]> = {};
  let dir: string | null = null;
  const dbEnv: Record<string, string> = {};
  let names: Map<string, string>;
  if (label === 'PGlite') {
    dir = mkdtempSync(join(tmpdir(), 'kam-bench-card-'));
    const handle = await createPgliteDb({ dir });
    names = await seed(handle);
    await handle.close();
    dbEnv.PGLITE_DIR = dir;
  } else {
    const url = await benchDatabase('kam_bench_card');
    const handle = createPostgresDb(url, { max: 1 });
    names = await seed(handle);
    await handle.close();
    dbEnv.DATABASE_URL = url;
  }
  const larkPort = await freePort();
  const lark = await startServer('bench/servers/fake-lark.ts', { PORT: String(larkPort) });
  const larkUrl = `http://127.0.0.1:${larkPort}`;
  const floorPort = await freePort();
  const floor = await startServer('bench/servers/bare.ts', { PORT: String(floorPort) });
  const port = await freePort();
  const { DATABASE_URL: _omit, ...env } = process.env;
  const bot = fork('src/runtime/node.ts', [], {
    env: { ...env, ...dbEnv, ...benchBotEnv({ port, larkUrl }) },
    execArgv: ['--import', 'tsx', '--import', './bench/lib/profile-ipc.ts'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    await waitReady(`http://127.0.0.1:${port}/readyz`);
    const record = async (round: number, kind: string, run: () => Promise<{ ms: number; toast?: string }[]>, toast: (t: string | undefined) => boolean) => {
      if (PROFILE) await profiler(bot, 'start');
      const cpu0 = cpuSeconds(bot.pid!);
      const answers = await run();
      (cpuMs[kind] ??= []).push(((cpuSeconds(bot.pid!) - cpu0) * 1000) / answers.length);
      if (PROFILE) await profiler(bot, 'stop', `${PROFILE}/${label}-${kind.replace(' ', '')}-r${round}.cpuprofile`);
      const wrong = answers.filter((a) => !toast(a.toast));
      if (wrong.length) throw new Error(`${kind}: ${wrong.length} of ${answers.length} answered ${wrong[0]!.toast}`);
      times[kind]!.push(...answers.map((a) => a.ms));
    };
    const clicked = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      // Each specialist asks for the plan form (拜访 <customer>) and gets it from the bot, as in chat.
      const before = new Map(await Promise.all(SPECIALISTS.map(async (s) => [s.openId, (await cardsOf(larkUrl, s.openId)).length] as const)));
      const asked = SPECIALISTS.map((s) => ({ s, messageId: `om_ask_${round}_${s.openId}`, chatId: `oc_p2p_${s.openId.slice(3)}` }));
      await fetch(`${larkUrl}/bench/messages`, { method: 'POST', body: JSON.stringify(asked.map((a) => ({ messageId: a.messageId, chatId: a.chatId, sender: a.s.openId }))) });
      for (const a of asked) {
        const message = { message_id: a.messageId, chat_id: a.chatId, chat_type: 'p2p', message_type: 'text', create_time: String(Date.now()), content: JSON.stringify({ text: `拜访 ${names.get(a.s.openId)}` }), mentions: [] };
        const r = await post(port, '/lark/events', envelope('im.message.receive_v1', { sender: { sender_id: { open_id: a.s.openId, union_id: '', user_id: '' }, sender_type: 'user', tenant_key: 't' }, message }));
        if (r.status !== 200) throw new Error(`拜访 for ${a.s.openId}: HTTP ${r.status}`);
      }
      const forms = await Promise.all(
        SPECIALISTS.map(async (s) => {
          const form = await until(`the plan form for ${s.openId}`, async () => {
            const cards = await cardsOf(larkUrl, s.openId);
            return cards.length > before.get(s.openId)! ? (cards.at(-1) ?? null) : null;
          });
          const value = buttonValue(form.content, 'visit.submit');
          if (!value) throw new Error(`no plan form for ${s.openId}`);
          return { who: s.openId, card: form, value };
        }),
      );
      const plan = planValuesFor(new Date(), 4);
      await record(round, 'form', () => Promise.all(forms.map((f) => click(port, f.who, f.card, f.value, plan))), (t) => t === 'success');

      let firstStep: { card: SentCard; value: Json }[] = [];
      for (const [step, approver] of (['ou_manager', 'ou_director', 'ou_finance'] as const).entries()) {
        // The cards the drain has delivered for this step: live (同意 on them) and not clicked before.
        const cards = await until(`${CLICKERS} cards for ${approver}`, async () => {
          const live = (await cardsOf(larkUrl, approver))
            .filter((c) => !clicked.has(c.messageId))
            .map((c) => ({ card: c, value: buttonValue(c.content, 'approval.decide', { d: 'approve' }) }))
            .filter((c): c is { card: SentCard; value: Json } => Boolean(c.value));
          return live.length >= CLICKERS ? live.slice(-CLICKERS) : null;
        });
        for (const c of cards) clicked.add(c.card.messageId);
        if (step === 0) firstStep = cards;
        await record(round, `approve ${step + 1}`, () => Promise.all(cards.map((c) => click(port, approver, c.card, c.value))), (t) => t === 'success');
      }
      await record(round, 'stale', () => Promise.all(firstStep.map((c) => click(port, 'ou_manager', c.card, c.value))), (t) => t !== 'success');

      const floorTimes = await Promise.all(
        Array.from({ length: CLICKERS }, async () => {
          const t0 = performance.now();
          const r = await post(floorPort, '/lark/events', envelope('card.action.trigger', { operator: { open_id: 'ou_manager' }, action: { tag: 'button', value: firstStep[0]!.value } }));
          if (r.status !== 200) throw new Error(`floor: HTTP ${r.status}`);
          return performance.now() - t0;
        }),
      );
      times.floor!.push(...floorTimes);
      process.stdout.write(`${label}: round ${round + 1}/${ROUNDS} done\n`);
    }
  } finally {
    bot.kill();
    lark.kill();
    floor.kill();
    await new Promise((r) => (bot.exitCode !== null ? r(null) : bot.once('exit', r)));
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  return { times, cpuMs };
}

// ── the run ──────────────────────────────────────────────────────────────────────────────────

const rows: string[] = [];
const table = (label: string, c: Concurrent, a: Alone | null) => {
  const floorP99 = pct(c.times.floor!, 99);
  for (const [kind, xs] of Object.entries(c.times)) {
    const one = a?.[kind];
    const aloneCols = one ? `${one.ms.toFixed(0)} | ${one.statements} | ${one.roster}` : '– | – | –';
    const cpu = c.cpuMs[kind] ? mean(c.cpuMs[kind]).toFixed(1) : '–';
    rows.push(`| ${label} | ${kind} | ${xs.length} | ${pct(xs, 50).toFixed(0)} | ${pct(xs, 99).toFixed(0)} | ${(pct(xs, 99) / floorP99).toFixed(1)}× | ${cpu} | ${aloneCols} |`);
  }
};
const load0 = (await import('node:os')).loadavg()[0]!;
// BENCH_ONLY=PGlite or Postgres: one database alone (quicker, while changing the bot).
if (process.env.BENCH_ONLY !== 'Postgres') {
  const c = await concurrent('PGlite');
  const teardownPglite = await setup();
  const a = await aloneClicks(SPECIALISTS[0]!, { trace: Boolean(TRACE) });
  await teardownPglite?.();
  table('PGlite', c, a);
}
if (process.env.BENCH_ONLY !== 'PGlite') {
  try {
    table('Postgres', await concurrent('Postgres'), null);
  } catch (e) {
    console.log(`Postgres server not measured: ${(e as Error).message}`);
  }
}
const load1 = (await import('node:os')).loadavg()[0]!;
console.log(`\n${CLICKERS} concurrent clickers, ${ROUNDS} rounds, the bot in its own process; load ${load0.toFixed(1)} → ${load1.toFixed(1)}\n`);
console.log('| database | click | n | p50 ms | p99 ms | p99 / floor p99 | bot CPU ms / click | alone: ms | alone: SQL statements | alone: roster reads |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
process.exit(0);
