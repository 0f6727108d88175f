/**
 * npm run bench:tick — the reminder tick over 10k, 100k and 1M open obligations on the Postgres
 * server (TEST_DATABASE_URL or DATABASE_URL). Rows are seeded set-based (generate_series): a
 * department of 200 specialists under 10 managers, most obligations due weeks or months ahead
 * (planned visits), a small slice due now (yesterday's visits without a record).
 *
 * Two series, each timed as the median of 3 runs:
 *   fraction  1% of the rows due — due items grow with the table
 *   fixed     1,000 rows due whatever the table size — shows the cost follows due items only
 * For each: the first tick (claims nudges, writes digests) and a repeat tick 5 minutes later
 * (nothing new to claim: the steady state every 5 minutes). Ratios are against the 10k run.
 */
import postgres from 'postgres';
import { createPostgresDb } from '../db/client.js';
import { migrateDb } from '../db/migrate.js';
import { loadConfig } from '../src/config.js';
import { ManualClock } from '../src/clock.js';
import { createLogger } from '../src/log.js';
import { wire } from '../src/runtime/wire.js';
import { tick, type TickResult } from '../src/scheduler/tick.js';

const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SIZES = [10_000, 100_000, 1_000_000];
const NOW = new Date('2026-12-08T02:00:00Z'); // Tue 10:00 in Shanghai
const RUNS = 3;

async function benchDatabase(): Promise<string> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe('drop database if exists kam_bench_tick with (force)');
  await admin.unsafe('create database kam_bench_tick');
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = '/kam_bench_tick';
  return u.toString();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const url = await benchDatabase();
  const handle = createPostgresDb(url, { max: 4 });
  await migrateDb(handle);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql`insert into members (open_id, name, role, manager_id)
    select 'ou_m' || g, '经理' || g, 'manager', null from generate_series(0, 9) g
    union all select 'ou_s' || g, '专员' || g, 'specialist', 'ou_m' || (g % 10) from generate_series(0, 199) g`;

  const config = loadConfig({ DATABASE_URL: url, LARK_APP_ID: 'cli_bench00000000', LARK_APP_SECRET: 'bench', LOG_LEVEL: 'error' });
  const clock = new ManualClock(NOW);
  const log = createLogger('error', { service: 'bench' });
  const wired = wire({ config, db: handle.db, clock, log, defer: () => {} });
  // Nothing leaves the machine: the outbox is written but never drained here.
  const deps = { ...wired.deps, kickOutbox: () => {} };

  async function seed(total: number, due: number): Promise<void> {
    await sql`truncate obligations, nudges, outbox restart identity`;
    // Due now: visits yesterday afternoon, record not submitted → this morning's nudge.
    await sql`insert into obligations (kind, subject_type, subject_id, owner_id, manager_id, anchor_at, due_at)
      select 'visit_record', 'visit', 'due-' || g, 'ou_s' || (g % 200), 'ou_m' || (g % 10),
             timestamptz '2026-12-07 15:00+08', timestamptz '2026-12-07 23:59:59+08'
      from generate_series(1, ${due}) g`;
    // Not due: visits planned 30–365 days ahead.
    await sql`insert into obligations (kind, subject_type, subject_id, owner_id, manager_id, anchor_at, due_at)
      select 'visit_record', 'visit', 'later-' || g, 'ou_s' || (g % 200), 'ou_m' || (g % 10),
             timestamptz '2027-01-07 10:00+08' + (g % 335) * interval '1 day',
             timestamptz '2027-01-07 23:59:59+08' + (g % 335) * interval '1 day'
      from generate_series(1, ${total - due}) g`;
    await sql`analyze obligations`;
  }

  async function time(fn: () => Promise<TickResult>): Promise<{ ms: number; r: TickResult }> {
    const t = performance.now();
    const r = await fn();
    return { ms: performance.now() - t, r };
  }

  const results: { series: string; size: number; due: number; first: number; repeat: number; claimed: number; digests: number }[] = [];
  for (const [series, dueOf] of [['fraction', (n: number) => n / 100], ['fixed', () => 1000]] as const) {
    for (const size of SIZES) {
      await seed(size, dueOf(size));
      const firsts: number[] = [];
      const repeats: number[] = [];
      let last: TickResult | null = null;
      for (let i = 0; i < RUNS; i++) {
        await sql`truncate nudges, outbox restart identity`;
        await sql`delete from obligations where kind = 'monthly_report'`;
        const first = await time(() => tick(deps, NOW));
        firsts.push(first.ms);
        last = first.r;
        repeats.push((await time(() => tick(deps, new Date(NOW.getTime() + 5 * 60_000)))).ms);
      }
      results.push({ series, size, due: dueOf(size), first: median(firsts), repeat: median(repeats), claimed: last!.claimed, digests: last!.digests });
      console.error(`  ${series} ${size}: first ${median(firsts).toFixed(0)} ms, repeat ${median(repeats).toFixed(0)} ms`);
    }
  }

  console.log('\nTick on the Postgres server (median of 3; ratios against the 10k run of the same series)\n');
  console.log('series    open rows   due now   nudges  digests   first tick    ×10k   repeat tick   ×10k');
  for (const r of results) {
    const base = results.find((b) => b.series === r.series && b.size === SIZES[0])!;
    console.log(
      `${r.series.padEnd(9)} ${String(r.size).padStart(9)} ${String(r.due).padStart(9)} ${String(r.claimed).padStart(8)} ${String(r.digests).padStart(8)}` +
        ` ${r.first.toFixed(0).padStart(9)} ms ${(r.first / base.first).toFixed(2).padStart(6)} ${r.repeat.toFixed(0).padStart(10)} ms ${(r.repeat / base.repeat).toFixed(2).padStart(6)}`,
    );
  }
  await sql.end();
  await handle.close();
}

await main();
