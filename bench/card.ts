/**
 * npm run bench:card — what a person waits for after a click: the synchronous answer to
 * `card.action.trigger` (Lark gives up after 3 s), posted encrypted and signed to the real bot
 * over HTTP, 20 clickers at once, on PGlite and (when reachable) the Postgres server.
 *
 * Kinds, each 20 concurrent clicks per round, BENCH_ROUNDS (3) rounds:
 *   form      a visit plan form submitted with its 10 fields (files the visit and a 3-step chain)
 *   approve 1 / 2 / 3   同意 on each step of the chain (manager → director → finance), 20 chains at once
 *   stale     同意 again on a card whose step is already decided (answered with a toast)
 *   floor     a bare Hono route in this process answering the same 20 concurrent POSTs (the baseline)
 * Printed: p50 and p99 in ms, and p99 / the floor's p99. Goal: p99 ≤ 100 ms. Then, on PGlite, one
 * click of each kind alone (no drain kicked, nothing else running): its SQL statements and time,
 * which says what a click costs without the queueing behind 19 others, and how many of them read
 * the roster (once per click: the callback reads it and hands it on).
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import setup from '../test/global-setup.js';
import { ROSTER, startHarness, type Harness } from '../test/support/harness.js';
import { customers } from '../db/schema/index.js';
import type { OrgMember } from '../src/app/org-file.js';
import { buttonValue } from './lib/cards.js';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CLICKERS = Number(process.env.BENCH_CLICKERS ?? 20);
const SPECIALISTS: OrgMember[] = Array.from({ length: CLICKERS }, (_, i) => ({ openId: `ou_b${i}`, name: `专员${i + 1}`, role: 'specialist', managerId: 'ou_manager', locale: 'zh_cn' }));
const PLAN_VALUES = {
  vp_at: '2026-11-30 14:30 +0800',
  vp_place: '华能总部 12 楼会议室',
  vp_purpose: '介绍新一代机组监测方案，确认采购时间表',
  vp_attendees: ['ou_manager'],
  vp_contacts: ['0', '1'],
  vp_first: 'phone',
  mat_brochure_qty: '20',
  mat_brochure_due: '11-29',
  mat_brochure_owner: 'ou_assistant',
  vp_budget: '3000',
};

type Json = Record<string, unknown>;
/** BENCH_PROFILE=dir: a V8 CPU profile of each kind's concurrent clicks (this process: bot, fake Lark and clickers). */
const PROFILE = process.env.BENCH_PROFILE;
/** BENCH_TRACE=1: each statement of the lone clicks, with its rows and time. */
const TRACE = process.env.BENCH_TRACE;
async function startProfile(): Promise<Session> {
  const s = new Session();
  s.connect();
  await s.post('Profiler.enable');
  await s.post('Profiler.setSamplingInterval', { interval: 200 });
  await s.post('Profiler.start');
  return s;
}
async function stopProfile(s: Session, name: string): Promise<void> {
  const { profile } = await s.post('Profiler.stop');
  writeFileSync(`${PROFILE}/${name}.cpuprofile`, JSON.stringify(profile));
  s.disconnect();
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

const cardsTo = (h: Harness, openId: string) => h.lark.sent().filter((m) => m.receiverOpenId === openId && m.msgType === 'interactive');

/** Times one click's synchronous answer; a click the bot refused (non-200) fails the bench. */
async function timedClick(h: Harness, who: string, messageId: string, value: Json, formValue?: Json): Promise<{ ms: number; toast?: string }> {
  const t0 = performance.now();
  const r = await h.sender.cardAction(who, messageId, value, formValue ? { formValue } : {});
  const ms = performance.now() - t0;
  if (r.status !== 200) throw new Error(`${who}: HTTP ${r.status}`);
  return { ms, toast: (r.body as { toast?: { type: string } }).toast?.type };
}

/** Counts the statements PGlite runs (inside transactions too), and those reading the roster; null on the Postgres server. */
function statementCounter(h: Harness): { count: number; roster: number; trace: string[] } | null {
  const client = (h.db as { client?: { query: (...a: unknown[]) => unknown; transaction: (fn: (tx: unknown) => unknown) => unknown } }).client;
  if (!client) return null;
  const c = { count: 0, roster: 0, trace: [] as string[] };
  const wrap = <T extends { query: (...a: unknown[]) => unknown }>(o: T): T => {
    const query = o.query.bind(o);
    o.query = (...a: unknown[]) => {
      c.count++;
      if (/from "members"/i.test(String(a[0]))) c.roster++;
      if (!TRACE) return query(...a);
      const t0 = performance.now();
      return (query(...a) as Promise<{ rows?: unknown[] }>).then((r) => {
        c.trace.push(`${(performance.now() - t0).toFixed(1)} ms ${r.rows?.length ?? 0} rows  ${String(a[0]).slice(0, 160).replace(/\s+/g, ' ')}`);
        return r;
      });
    };
    return o;
  };
  wrap(client);
  const transaction = client.transaction.bind(client);
  client.transaction = (fn) => transaction((tx) => fn(wrap(tx as { query: (...a: unknown[]) => unknown })));
  return c;
}

async function bench(label: string): Promise<void> {
  const h = await startHarness({ now: '2026-11-27T02:00:00Z', roster: [...ROSTER, ...SPECIALISTS] });
  const statements = statementCounter(h);
  const floorApp = new Hono().post('/', async (c) => c.json({ toast: { type: 'success', content: 'ok' } }));
  const floor = await new Promise<string>((resolve) => {
    serve({ fetch: floorApp.fetch, hostname: '127.0.0.1', port: 0 }, (i: AddressInfo) => resolve(`http://127.0.0.1:${i.port}/`));
  });
  const times: Record<string, number[]> = { form: [], 'approve 1': [], 'approve 2': [], 'approve 3': [], stale: [], floor: [] };
  const expectAll = (kind: string, answers: { toast?: string }[], toast: string) => {
    const wrong = answers.filter((a) => a.toast !== toast);
    if (wrong.length) throw new Error(`${kind}: ${wrong.length} of ${answers.length} answered ${wrong[0]!.toast} instead of ${toast}`);
  };

  // CPU of this process (bot, fake Lark, clickers) from the first click of a kind to its last answer, per click.
  const cpuMs: Record<string, number[]> = {};
  // Statements run (the clicks' and whatever ran beside them: drains, handling) until the last answer, per click; PGlite.
  const phaseStatements: Record<string, number[]> = {};
  const alone: Record<string, { ms: number; statements: number; roster: number }> = {};
  for (let round = 0; round <= ROUNDS; round++) {
    // The last round is the probe: one clicker, no drain kicked while it clicks.
    const probe = round === ROUNDS;
    const clickers = probe ? SPECIALISTS.slice(0, 1) : SPECIALISTS;
    const n = clickers.length;
    const kick = h.deps.kickOutbox;
    if (probe) h.deps.kickOutbox = () => {};
    const record = async <T extends { ms: number }>(kind: string, run: () => Promise<T[]>): Promise<T[]> => {
      const before = statements?.count ?? 0;
      const rosterBefore = statements?.roster ?? 0;
      if (statements) statements.trace.length = 0;
      const profiling = PROFILE && !probe ? await startProfile() : null;
      const cpu0 = process.cpuUsage();
      const answers = await run();
      const cpu = process.cpuUsage(cpu0);
      if (!probe) (cpuMs[kind] ??= []).push((cpu.user + cpu.system) / 1000 / answers.length);
      if (!probe && statements) (phaseStatements[kind] ??= []).push(((statements.count - before) / answers.length));
      if (profiling) await stopProfile(profiling, `${label}-${kind.replace(' ', '')}-r${round}`);
      if (probe && TRACE && statements) log(`-- ${kind}\n${statements.trace.splice(0).join('\n')}`);
      if (probe) alone[kind] = { ms: answers[0]!.ms, statements: (statements?.count ?? 0) - before, roster: (statements?.roster ?? 0) - rosterBefore };
      else times[kind]!.push(...answers.map((a) => a.ms));
      return answers;
    };
    // Each specialist: a customer with two contacts and the plan form for a visit to it.
    const forms: { who: string; messageId: string; value: Json }[] = [];
    for (const s of clickers) {
      const name = `压测客户${round}-${s.openId}`;
      await h.sender.message(s.openId, `新客户 ${name}`);
      await h.settle();
      const [row] = await h.db.db.select().from(customers).where(eq(customers.name, name));
      if (!row) throw new Error(`customer ${name} not created`);
      await h.db.db.update(customers).set({ archive: { ...(row.archive as Json), contacts: [{ name: '王总', buyerRoles: ['economic'] }, { name: '陈科长', buyerRoles: ['coach'] }] } as never }).where(eq(customers.id, row.id));
      await h.sender.message(s.openId, `拜访 ${name}`);
      await h.settle();
      const form = cardsTo(h, s.openId).at(-1)!;
      const value = buttonValue(form.content, 'visit.submit');
      if (!value) throw new Error(`no plan form for ${s.openId}`);
      forms.push({ who: s.openId, messageId: form.messageId, value });
    }
    const submits = await record('form', () => Promise.all(forms.map((f) => timedClick(h, f.who, f.messageId, f.value, PLAN_VALUES))));
    expectAll('form', submits, 'success');
    await h.settle();

    let firstStepCards: { messageId: string; value: Json }[] = [];
    for (const [step, approver] of (['ou_manager', 'ou_director', 'ou_finance'] as const).entries()) {
      const cards = cardsTo(h, approver)
        .slice(-n * 2)
        .map((m) => ({ messageId: m.messageId, value: buttonValue(h.lark.messages.get(m.messageId)!.content, 'approval.decide', { d: 'approve' }) }))
        .filter((c): c is { messageId: string; value: Json } => Boolean(c.value))
        .slice(-n);
      if (cards.length < n) throw new Error(`step ${step + 1}: ${cards.length} live cards for ${approver}`);
      if (step === 0) firstStepCards = cards;
      const answers = await record(`approve ${step + 1}`, () => Promise.all(cards.map((c) => timedClick(h, approver, c.messageId, c.value))));
      expectAll(`approve ${step + 1}`, answers, 'success');
      await h.settle();
    }
    const stale = await record('stale', () => Promise.all(firstStepCards.map((c) => timedClick(h, 'ou_manager', c.messageId, c.value))));
    if (stale.some((a) => a.toast === 'success')) throw new Error('a stale click was accepted');
    h.deps.kickOutbox = kick;
    if (probe) break;

    const floorTimes = await Promise.all(
      Array.from({ length: n }, async () => {
        const body = await h.sender.sign({ type: 'bench' });
        const t0 = performance.now();
        await (await fetch(floor, { method: 'POST', body: body.body, headers: body.headers })).text();
        return performance.now() - t0;
      }),
    );
    times.floor!.push(...floorTimes);
    process.stdout.write(`${label}: round ${round + 1}/${ROUNDS} done\n`);
  }
  const floorP99 = pct(times.floor!, 99);
  for (const [kind, xs] of Object.entries(times)) {
    const a = alone[kind];
    const aloneCols = a ? `${a.ms.toFixed(0)} | ${statements ? a.statements : '–'} | ${statements ? a.roster : '–'}` : '– | – | –';
    const cpu = cpuMs[kind] ? (cpuMs[kind].reduce((a, b) => a + b, 0) / cpuMs[kind].length).toFixed(0) : '–';
    const st = phaseStatements[kind] ? (phaseStatements[kind].reduce((a, b) => a + b, 0) / phaseStatements[kind].length).toFixed(0) : '–';
    console.log(`| ${label} | ${kind} | ${xs.length} | ${pct(xs, 50).toFixed(0)} | ${pct(xs, 99).toFixed(0)} | ${(pct(xs, 99) / floorP99).toFixed(1)}× | ${cpu} | ${st} | ${aloneCols} |`);
  }
  await h.close();
}

const results: string[] = [];
const log = console.log;
console.log = (line: string) => (line.startsWith('|') ? results.push(line) : log(line));
// BENCH_ONLY=PGlite or Postgres: one database alone (quicker, while changing the bot).
if (process.env.BENCH_ONLY !== 'Postgres') {
  const teardownPglite = await setup();
  await bench('PGlite');
  await teardownPglite?.();
}
if (process.env.BENCH_ONLY !== 'PGlite') {
  process.env.TEST_DATABASE_URL ??= process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  try {
    const teardown = await setup();
    await bench('Postgres');
    await teardown?.();
  } catch (e) {
    log(`Postgres server not measured: ${(e as Error).message}`);
  }
}
console.log = log;
console.log(`\n${CLICKERS} concurrent clickers, ${ROUNDS} rounds\n`);
console.log('| database | click | n | p50 ms | p99 ms | p99 / floor p99 | CPU ms / click | SQL / click | alone: ms | alone: SQL statements | alone: roster reads |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) console.log(r);
process.exit(0);
