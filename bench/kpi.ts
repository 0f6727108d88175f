/**
 * npm run bench:kpi — the KPI card's figures (src/app/kpi/report.ts kpiReportSql) on a
 * department-sized tenant on the Postgres server (TEST_DATABASE_URL or DATABASE_URL): 50
 * specialists in 5 teams, 5,000 customers (a tenth handed over once), 200k obligations, 50k
 * transactions, 20k visits over 3 years, stage moves, complaints and questions, seeded
 * set-based with generate_series. Times (median and p99 of BENCH_RUNS runs, default 20):
 *   department · year     the whole card: the year and the year before (full passes), its months (one grouped pass)
 *   person · quarter      one specialist's quarter card
 *   one tally pass        tallyByPersonSql for one quarter
 *   xlsx                  the director's export of the department's year, built as the drainer builds it
 * and, as the machine's yardstick in the same run, a single count(*) over the same tables.
 */
import postgres from 'postgres';
import { createPostgresDb } from '../db/client.js';
import { migrateDb } from '../db/migrate.js';
import { kpiDirectory, kpiReportSql } from '../src/app/kpi/report.js';
import { tallyByPersonSql } from '../src/app/kpi/tallies.js';
import { buildKpiExportFile } from '../src/app/kpi/export.js';
import { loadRosterMap } from '../src/app/customer/store.js';
import { quarter, year } from '../src/domain/kpi/period.js';

const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const NOW = new Date('2026-12-08T02:00:00Z');
const TZ = 'Asia/Shanghai';

async function benchDatabase(): Promise<string> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe('drop database if exists kam_bench_kpi with (force)');
  await admin.unsafe('create database kam_bench_kpi');
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = '/kam_bench_kpi';
  return u.toString();
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

async function timed(fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

async function main(): Promise<void> {
  const url = await benchDatabase();
  const handle = createPostgresDb(url, { max: 4 });
  await migrateDb(handle);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const t0 = performance.now();
  await sql`insert into members (open_id, name, role, manager_id)
    select 'ou_d', '总监', 'director', null
    union all select 'ou_m' || g, '经理' || g, 'manager', 'ou_d' from generate_series(0, 4) g
    union all select 'ou_s' || g, '专员' || g, 'specialist', 'ou_m' || (g % 5) from generate_series(0, 49) g`;
  // 5,000 customers created over 3 years; owner = a specialist; a tenth handed over once.
  await sql`insert into customers (id, archive_no, archive_year, archive_seq, created_on, name, core_name, owner_id, stage, archive, created_by, created_at, updated_at)
    select 'c' || g, 'KA-' || g, 2024, g, date '2024-01-01', '客户' || g, '客户' || g,
           'ou_s' || case when g % 10 = 0 then (g + 1) % 50 else g % 50 end, 'serving',
           jsonb_build_object('name', '客户' || g, 'contacts', '[]'::jsonb, 'sales', '{}'::jsonb, 'address', case when g % 3 = 0 then '上海' end),
           'ou_s' || (g % 50), timestamptz '2024-01-01 10:00+08' + (g % 365) * interval '1 day', now()
    from generate_series(1, 5000) g`;
  await sql`insert into customer_owner_history (customer_id, owner_id, from_at, to_at, via)
    select 'c' || g, 'ou_s' || (g % 50), timestamptz '2024-01-01 10:00+08' + (g % 365) * interval '1 day',
           case when g % 10 = 0 then timestamptz '2026-05-15 10:00+08' end, 'create' from generate_series(1, 5000) g
    union all select 'c' || g, 'ou_s' || ((g + 1) % 50), timestamptz '2026-05-15 10:00+08', null, 'handover' from generate_series(10, 5000, 10) g`;
  await sql`insert into customer_transactions (customer_id, date, amount_fen, recorded_by, created_at)
    select 'c' || (1 + g % 5000), date '2024-01-01' + (g % 1070), 100000 + (g % 97) * 1000, 'ou_s0', now() from generate_series(1, 50000) g`;
  await sql`insert into customer_stage_history (customer_id, from_stage, to_stage, actor_id, at)
    select 'c' || g, 'negotiating', 'won', 'ou_s0', timestamptz '2024-02-01 10:00+08' + (g % 1000) * interval '1 day' from generate_series(1, 5000) g
    union all select 'c' || g, 'serving', 'churned', 'ou_s0', timestamptz '2024-06-01 10:00+08' + (g % 900) * interval '1 day' from generate_series(1, 5000, 7) g`;
  await sql`insert into customer_complaints (customer_id, received_on, valid, cause, recorded_by, created_at)
    select 'c' || (1 + g % 5000), date '2024-01-01' + (g % 1070), g % 3 = 0, '交货', 'ou_s0', now() from generate_series(1, 2000) g`;
  await sql`insert into customer_questions (customer_id, question, asked_at, due_at, answered_at, recorded_by, created_at)
    select 'c' || (1 + g % 5000), '?', timestamptz '2024-01-01 10:00+08' + (g % 1070) * interval '1 day', timestamptz '2024-01-02 10:00+08' + (g % 1070) * interval '1 day',
           case when g % 4 <> 0 then timestamptz '2024-01-01 10:00+08' + (g % 1070) * interval '1 day' + (g % 40) * interval '1 hour' end, 'ou_s0', now()
    from generate_series(1, 5000) g`;
  await sql`insert into approval_requests (id, kind, subject_type, subject_id, requester_id, status, round, version, current_step, has_budget, fields, summary, submitted_at, updated_at)
    select 'a' || g, 'visit_plan', 'visit', 'v' || g, 'ou_s' || (g % 50), 'approved', 1, 3, null, true, '[]', '"x"',
           timestamptz '2024-01-01 10:00+08' + (g % 1070) * interval '1 day' - interval '2 days', timestamptz '2024-01-01 10:00+08' + (g % 1070) * interval '1 day' - interval '1 day'
    from generate_series(1, 20000) g`;
  await sql`insert into visits (id, customer_id, owner_id, status, request_id, visit_at, plan, recorded_at, follow_up, followed_up_at, created_at, updated_at)
    select 'v' || g, 'c' || (1 + g % 5000), 'ou_s' || (g % 50), 'recorded', 'a' || g, timestamptz '2024-01-01 10:00+08' + (g % 1070) * interval '1 day', '{}',
           timestamptz '2024-01-01 18:00+08' + (g % 1070) * interval '1 day', jsonb_build_object('satisfaction', 1 + g % 5),
           case when g % 5 <> 0 then timestamptz '2024-01-05 10:00+08' + (g % 1070) * interval '1 day' end, now(), now()
    from generate_series(1, 20000) g`;
  // 200k obligations: a record and a follow-up per visit (40k), the rest monthly reports and approval steps.
  await sql`insert into obligations (kind, subject_type, subject_id, owner_id, anchor_at, due_at, done_at)
    select 'visit_record', 'visit', 'v' || g, 'ou_s' || (g % 50), now(), timestamptz '2024-01-02 23:59+08' + (g % 1070) * interval '1 day', now() from generate_series(1, 20000) g
    union all select 'follow_up', 'visit', 'v' || g, 'ou_s' || (g % 50), now(), timestamptz '2024-01-08 10:00+08' + (g % 1070) * interval '1 day',
           case when g % 5 <> 0 then timestamptz '2024-01-05 10:00+08' + (g % 1070) * interval '1 day' end from generate_series(1, 20000) g
    union all select 'monthly_report', 'report', 'r' || g, 'ou_s' || (g % 50), now(), timestamptz '2024-01-05 23:59+08' + (g % 1070) * interval '1 day', now() from generate_series(1, 160000) g`;
  await sql`analyze`;
  const seeded = performance.now() - t0;

  const q = handle.db;
  const dir = kpiDirectory(await loadRosterMap(q));
  const ctx = { now: NOW, timeZone: TZ };
  const dept = await timed(() => kpiReportSql(q, dir, { kind: 'department' }, year(2026), ctx));
  const person = await timed(() => kpiReportSql(q, dir, { kind: 'member', id: 'ou_s7' }, quarter(2026, 4), ctx));
  const pass = await timed(() => tallyByPersonSql(q, quarter(2026, 4), ctx));
  // The file the director's 绩效 导出 2026 builds in the drainer (the upload is Lark's time, not ours).
  let bytes = 0;
  const xlsx = await timed(async () => {
    const f = await buildKpiExportFile(q, { actor: 'ou_d', p: '2026', s: 'department', format: 'xlsx' }, ctx);
    if (!('bytes' in f) || !f.bytes) throw new Error(`the export was refused: ${JSON.stringify(f)}`);
    bytes = f.bytes.length;
  });
  const count = await timed(() => sql`select (select count(*) from customer_transactions) + (select count(*) from obligations) + (select count(*) from visits) + (select count(*) from customers) as n`);
  const base = pct(count, 50);
  const laps = new Map<string, number[]>();
  for (let i = 0; i < 5; i++) await tallyByPersonSql(q, year(2026), { ...ctx, onTiming: (k, ms) => laps.set(k, [...(laps.get(k) ?? []), ms]) });
  console.log(`one pass over the year, per query (median ms): ${[...laps].map(([k, xs]) => `${k} ${pct(xs, 50).toFixed(1)}`).join(', ')}`);
  const row = (name: string, xs: number[]) => `| ${name} | ${pct(xs, 50).toFixed(1)} | ${pct(xs, 99).toFixed(1)} | ${(pct(xs, 50) / base).toFixed(1)}× |`;
  console.log(`seeded in ${(seeded / 1000).toFixed(1)} s; ${RUNS} runs each\n`);
  console.log('| what | median ms | p99 ms | ÷ count(*) |\n|---|---|---|---|');
  console.log([row('department · year card', dept), row('person · quarter card', person), row('one tally pass (a quarter)', pass), row(`xlsx · department · year (${(bytes / 1024).toFixed(0)} KB)`, xlsx), row('count(*) over the same tables', count)].join('\n'));
  await sql.end();
  await handle.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
