/**
 * npm run bench:start — how long a person waits for the bot to start, and what it holds after.
 *
 * Each start is a real process on a free port, timed from spawn to `/readyz` answering 200 and to
 * `/sandbox` served, then its RSS. Starts (BENCH_ROUNDS rounds, interleaved so the machine's drift
 * hits all alike):
 *   floor        plain Node serving a bare Hono route: the least any Node HTTP start costs
 *   npm start    `npm start`: the build (esbuild, ~0.5 s) then the compiled JavaScript, PGlite
 *   start:ts     `npm run start:ts`: tsx loading the TypeScript on the fly (npm start before), PGlite
 *   compiled pg  `npm run start:prod` (compiled, no build) on the Postgres server (DATABASE_URL)
 * each cold (an empty data directory or database: initdb, every migration, the demo seeded) and
 * warm (the same directory again). The bot's own `server.started` log line says where its time
 * went (module loading, opening the database, migrations, sandbox, demo seed).
 *
 * Memory: the RSS of the whole process tree (npm and its shell included) and of the bot's own
 * process, when /sandbox is served and 3 s later (settled: the Lark SDK loads a second after
 * the start), then, on warm starts, after a short load (BENCH_LOAD messages, 200 by default,
 * 8 at a time through the web chat's send, each answered) and 3 s after it ended (flat?).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import postgres from 'postgres';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A port free right now (the kernel's pick), not a fixed range another run may be using. */
async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

const LOAD = Number(process.env.BENCH_LOAD ?? 200);

interface Memory {
  /** The whole process tree's (npm → sh → node …). */
  tree: number;
  /** The bot's own process (the one running src/runtime/node.*), or the floor's. */
  bot: number;
}

interface Start {
  readyMs: number;
  sandboxMs: number | null;
  rss: Memory;
  settled: Memory;
  /** After the load, and 3 s after it ended; warm starts with the sandbox only. */
  loaded: Memory | null;
  after: Memory | null;
  loadMs: number | null;
  phases: Record<string, number> | null;
}

function rssOf(pid: number): Memory {
  // The bot is a descendant (npm → sh → node, or → tsx → node): sum the tree, and find the bot.
  let tree = 0;
  let bot = 0;
  const walk = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      const mb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
      tree += mb;
      const cmdline = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
      if (cmdline[0]?.endsWith('node') && cmdline.some((a) => /runtime\/node\.(js|ts)$|\.floor-start\.mjs$/.test(a))) bot = mb;
      const children = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim();
      for (const c of children ? children.split(' ') : []) walk(Number(c));
    } catch {}
  };
  walk(pid);
  return { tree: Math.round(tree), bot: Math.round(bot) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** LOAD messages from the demo's people through the web chat, 8 in flight; waits for every answer. */
async function load(base: string): Promise<number> {
  const people = ((await (await fetch(`${base}/sandbox/api/people`)).json()) as { openId: string; active: boolean }[]).filter((p) => p.active);
  const answers = async () => ((await (await fetch(`${base}/sandbox/api/state`)).json()) as { messages: { sender: string }[] }).messages.filter((m) => m.sender === 'bot').length;
  const before = await answers();
  const texts = ['帮助', '今天', '我的待办', 'KPI', '下周三下午两点拜访华能集团'];
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = next++; i < LOAD; i = next++) {
        const res = await fetch(`${base}/sandbox/api/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: people[i % people.length]!.openId, text: texts[i % texts.length] }) });
        if (!res.ok) throw new Error(`send: ${res.status} ${await res.text()}`);
      }
    }),
  );
  // Each message gets at least one answer; wait (up to 30 s) until they are all out.
  for (let waited = 0; (await answers()) - before < LOAD && waited < 30_000; waited += 100) await sleep(100);
  return performance.now() - t0;
}

async function until(url: string, t0: number, child: ChildProcess): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before ${url} answered`);
    try {
      const res = await fetch(url);
      if (res.ok) return performance.now() - t0;
    } catch {}
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function start(cmd: string[], env: Record<string, string>, withSandbox: boolean, withLoad = false): Promise<Start> {
  const port = await freePort();
  let out = '';
  const t0 = performance.now();
  const child = spawn(cmd[0]!, cmd.slice(1), { env: { ...process.env, ...env, PORT: String(port), NODE_ENV: 'production' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  try {
    const readyMs = await until(`http://127.0.0.1:${port}/readyz`, t0, child);
    const sandboxMs = withSandbox ? await until(`http://127.0.0.1:${port}/sandbox`, t0, child) : null;
    const line = out.split('\n').find((l) => l.includes('"server.started"'));
    const phases = line ? ((JSON.parse(line) as { startMs?: Record<string, number> }).startMs ?? null) : null;
    const rss = rssOf(child.pid!);
    await sleep(3000);
    const settled = rssOf(child.pid!);
    let loaded: Memory | null = null;
    let after: Memory | null = null;
    let loadMs: number | null = null;
    if (withLoad && withSandbox && LOAD > 0) {
      loadMs = await load(`http://127.0.0.1:${port}`);
      loaded = rssOf(child.pid!);
      await sleep(3000);
      after = rssOf(child.pid!);
    }
    return { readyMs, sandboxMs, rss, settled, loaded, after, loadMs, phases };
  } catch (e) {
    throw new Error(`${cmd.join(' ')}: ${(e as Error).message}\n${out.slice(-2000)}`);
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  }
}

async function freshDatabase(name: string): Promise<string> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function postgresReachable(): Promise<boolean> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 2 });
  try {
    await admin`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await admin.end();
  }
}

const floorFile = join(mkdtempSync(join(tmpdir(), 'kam-bench-start-')), 'floor.mjs');
writeFileSync(
  floorFile,
  `import { serve } from '@hono/node-server';\nimport { Hono } from 'hono';\nconst app = new Hono();\napp.get('/readyz', (c) => c.text('ok'));\nserve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });\n`,
);
// The floor must resolve hono from the project: run it from a file inside the project's tree.
const floorInProject = join(process.cwd(), 'bench', '.floor-start.mjs');
writeFileSync(floorInProject, readFileSync(floorFile));

const b0 = performance.now();
execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
console.log(`npm run build: ${Math.round(performance.now() - b0)} ms`);

const withPostgres = await postgresReachable();
type Row = { name: string; cold: Start[]; warm: Start[] };
const rows: Row[] = [
  { name: 'floor (bare Hono on Node)', cold: [], warm: [] },
  { name: 'npm start (build + compiled), PGlite', cold: [], warm: [] },
  { name: 'npm run start:ts (tsx), PGlite', cold: [], warm: [] },
  ...(withPostgres ? [{ name: 'npm run start:prod, Postgres server', cold: [], warm: [] }] : []),
];

for (let round = 0; round < ROUNDS; round++) {
  const dirs = [mkdtempSync(join(tmpdir(), 'kam-start-a-')), mkdtempSync(join(tmpdir(), 'kam-start-b-'))];
  const floor = ['node', floorInProject];
  rows[0]!.cold.push(await start(floor, {}, false));
  rows[0]!.warm.push(await start(floor, {}, false));
  for (const [i, cmd] of [['npm', 'start', '--silent'], ['npm', 'run', 'start:ts', '--silent']].entries()) {
    const env = { PGLITE_DIR: join(dirs[i]!, 'pglite') };
    rows[i + 1]!.cold.push(await start(cmd, env, true));
    rows[i + 1]!.warm.push(await start(cmd, env, true, i === 0));
  }
  if (withPostgres) {
    const url = await freshDatabase('kam_bench_start');
    const cmd = ['npm', 'run', 'start:prod', '--silent'];
    // With a database URL and no credentials the sandbox still runs (on the server's database).
    rows[3]!.cold.push(await start(cmd, { DATABASE_URL: url }, true));
    rows[3]!.warm.push(await start(cmd, { DATABASE_URL: url }, true, true));
  }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  process.stdout.write(`round ${round + 1}/${ROUNDS} done\n`);
}
rmSync(floorInProject, { force: true });

const floorWarm = median(rows[0]!.warm.map((s) => s.readyMs));
const fmt = (n: number) => `${Math.round(n).toLocaleString('en')}`;
console.log(`\nmedian of ${ROUNDS} rounds (ms from spawn; ratio = against the floor's warm start in the same run)\n`);
console.log('| start | cold /readyz | cold /sandbox | warm /readyz | warm /sandbox | warm / floor |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) {
  const cr = median(r.cold.map((s) => s.readyMs));
  const wr = median(r.warm.map((s) => s.readyMs));
  const cs = r.cold[0]!.sandboxMs === null ? '–' : fmt(median(r.cold.map((s) => s.sandboxMs!)));
  const ws = r.warm[0]!.sandboxMs === null ? '–' : fmt(median(r.warm.map((s) => s.sandboxMs!)));
  console.log(`| ${r.name} | ${fmt(cr)} | ${cs} | ${fmt(wr)} | ${ws} | ${(wr / floorWarm).toFixed(1)}× |`);
}
const mem = (xs: (Memory | null)[]) => {
  const ms = xs.filter((m): m is Memory => m !== null);
  return ms.length ? `${median(ms.map((m) => m.bot))} (${median(ms.map((m) => m.tree))})` : '–';
};
console.log(`\nRSS of a warm start, MB: the bot's own process (the whole tree, npm included), median; load: ${LOAD} messages\n`);
console.log('| start | at /sandbox | settled (+3 s) | after the load | 3 s after it | load (ms) |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) {
  const loads = r.warm.map((s) => s.loadMs).filter((x): x is number => x !== null);
  console.log(`| ${r.name} | ${mem(r.warm.map((s) => s.rss))} | ${mem(r.warm.map((s) => s.settled))} | ${mem(r.warm.map((s) => s.loaded))} | ${mem(r.warm.map((s) => s.after))} | ${loads.length ? fmt(median(loads)) : '–'} |`);
}
console.log('\nwhere a warm start goes (the bot\'s server.started log, ms since its process began, median):\n');
const keys = ['modules', 'dbOpen', 'migrations', 'sandbox', 'seed', 'listening'];
console.log(`| start | ${keys.join(' | ')} |`);
console.log(`|---|${keys.map(() => '---').join('|')}|`);
for (const r of rows.slice(1)) {
  const ph = r.warm.map((s) => s.phases).filter((p): p is Record<string, number> => p !== null);
  if (!ph.length) continue;
  console.log(`| ${r.name} | ${keys.map((k) => fmt(median(ph.map((p) => p[k] ?? 0)))).join(' | ')} |`);
}
