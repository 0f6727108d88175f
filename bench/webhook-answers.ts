/**
 * npm run bench:webhook:answers — messages that need an answer, from the POST to the answer
 * arriving at Lark. bench:webhook measures chatter the bot only stores; this measures the rest of
 * the path: verify, store durably, ack, handle (roster, command, outbox row in the event's
 * transaction), drain, and the send reaching the fake Lark.
 *
 * Processes: the bot (src/runtime/node.ts on the Postgres server), the project's fake Lark
 * (bench/servers/fake-lark.ts, Lark's rate limits off, and the bot's client-side limiter off with
 * KAM_BENCH_NO_RATE_LIMIT=1, so the bench measures the bot rather than the 50/s limiter), and
 * this script as the sender. The database is seeded with a 200-person roster and 1,000
 * customers. Messages: 帮助, 客户 华能 (a customer lookup) and a 拜访总结 text (a visit summary
 * draft), half of them in direct chats and half as group @-mentions, each a distinct encrypted,
 * signed im.message.receive_v1 event.
 *
 * Loads, each BENCH_SECONDS long: a constant offered rate of 200/s and 1,000/s (an open loop
 * with latency counted from each message's scheduled time, so a stall is not hidden by
 * coordinated omission), then flat out (50 connections, closed loop). Reported per load: ack
 * throughput and p50/p99, and end to end (scheduled POST → the answer's send arriving at the
 * fake, matched by the message replied to; direct-chat answers by receiver, in order) p50/p99.
 * After each load every message must be answered exactly once. Baseline in the same round: the
 * durable floor (bench/servers/durable-floor.ts) flat out with the same sender.
 *
 * Env: BENCH_ROUNDS (3), BENCH_SECONDS (5), BENCH_RATES (200,1000), BENCH_PROFILE=dir (V8 CPU
 * profile of the bot), BENCH_ONLY=bot (no floor), BENCH_FLAT=0 (no flat-out load), BENCH_KINDS=help,customer,visit
 * (only these messages).
 */
import http from 'node:http';
import { fork, type ChildProcess } from 'node:child_process';
import postgres from 'postgres';
import { createPostgresDb } from '../db/client.js';
import { loadRoster } from '../src/app/roster.js';
import type { OrgMember } from '../src/app/org-file.js';
import { larkDecrypt } from '../src/lark/crypto.js';
import { cpuSeconds, postgresCpuSeconds } from './lib/cpu.js';
import { BENCH_ENCRYPT_KEY, BENCH_TOKEN, benchBotEnv, benchDatabase, freePort, larkEncrypt, median, percentile, signedEvent, startServer, waitReady, type SignedEvent } from './lib/harness.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const RATES = (process.env.BENCH_RATES ?? '200,1000').split(',').map(Number);
const CONNECTIONS = 50;
const FLAT = process.env.BENCH_FLAT !== '0';
const BOT = 'ou_bench_bot';
const GROUPS = 10;
const wallNow = () => performance.timeOrigin + performance.now();

// 1 director, 10 managers, 189 specialists; the first half write in direct chats, the rest in groups.
const ROSTER: OrgMember[] = [
  { openId: 'ou_d', name: '赵总监', role: 'director', managerId: null, locale: 'zh_cn' },
  ...Array.from({ length: 10 }, (_, i): OrgMember => ({ openId: `ou_m${i}`, name: `经理${i}`, role: 'manager', managerId: 'ou_d', locale: 'zh_cn' })),
  ...Array.from({ length: 189 }, (_, i): OrgMember => ({ openId: `ou_s${i}`, name: `专员${i}`, role: 'specialist', managerId: `ou_m${i % 10}`, locale: i % 10 === 9 ? 'en_us' : 'zh_cn' })),
];
const P2P_USERS = ROSTER.slice(0, 100).map((m) => m.openId);
const GROUP_USERS = ROSTER.slice(100).map((m) => m.openId);

const TEXTS = [
  { kind: 'help', text: '帮助' },
  { kind: 'customer', text: '客户 华能' },
  { kind: 'visit', text: '拜访总结：今天上午拜访了中国华能集团，和王总谈了明年的采购计划，客户比较关注价格，下周一前提交方案。' },
] as const;
/** BENCH_KINDS=help,customer: only these kinds of message (all three by default), to see what each costs. */
const KINDS = TEXTS.filter((t) => !process.env.BENCH_KINDS || process.env.BENCH_KINDS.split(',').includes(t.kind));

async function seed(dbUrl: string): Promise<void> {
  const handle = createPostgresDb(dbUrl, { max: 1 });
  await loadRoster(handle.db, ROSTER, new Date());
  await handle.close();
  const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
  // 1,000 customers, one of them 中国华能集团, owned by specialists.
  await sql`insert into customers (id, archive_no, archive_year, archive_seq, created_on, name, core_name, owner_id, stage, archive, created_by, created_at, updated_at)
    select 'c' || g, 'KA-2026-' || lpad(g::text, 4, '0'), 2026, g, date '2026-01-05',
           case when g = 1 then '中国华能集团' else '客户' || g end, case when g = 1 then '华能' else '客户' || g end,
           'ou_s' || (g % 189), 'serving', jsonb_build_object('name', case when g = 1 then '中国华能集团' else '客户' || g end, 'contacts', '[]'::jsonb, 'sales', '{}'::jsonb),
           'ou_s' || (g % 189), timestamptz '2026-01-05 10:00+08', now()
    from generate_series(1, 1000) g`;
  await sql`analyze`;
  await sql.end();
}

interface Msg {
  i: number;
  messageId: string;
  chatType: 'p2p' | 'group';
  chatId: string;
  sender: string;
  kind: (typeof TEXTS)[number]['kind'];
  event: SignedEvent;
}

/** n messages for one load; `tag` keeps event and message ids distinct across loads. */
function messages(tag: string, n: number): Msg[] {
  const ts = String(Math.floor(Date.now() / 1000));
  const out: Msg[] = [];
  for (let i = 0; i < n; i++) {
    const t = KINDS[i % KINDS.length]!;
    const group = i % 2 === 1;
    const sender = group ? GROUP_USERS[(i >> 1) % GROUP_USERS.length]! : P2P_USERS[(i >> 1) % P2P_USERS.length]!;
    const chatId = group ? `oc_bench_g${i % GROUPS}` : `oc_p2p_${sender.slice(3)}`;
    const messageId = `om_${tag}_${i}`;
    const plain = {
      schema: '2.0',
      header: { event_id: `ev_${tag}_${i}`, event_type: 'im.message.receive_v1', create_time: `${Date.now()}`, token: BENCH_TOKEN, app_id: 'cli_fake0000000000', tenant_key: 't' },
      event: {
        sender: { sender_id: { open_id: sender, union_id: '', user_id: '' }, sender_type: 'user', tenant_key: 't' },
        message: {
          message_id: messageId,
          chat_id: chatId,
          chat_type: group ? 'group' : 'p2p',
          message_type: 'text',
          create_time: `${Date.now()}`,
          content: JSON.stringify({ text: group ? `@_user_1 ${t.text}` : t.text }),
          mentions: group ? [{ key: '@_user_1', id: { open_id: BOT, union_id: '', user_id: '' }, name: '大客户助手', tenant_key: 't' }] : [],
        },
      },
    };
    out.push({ i, messageId, chatType: group ? 'group' : 'p2p', chatId, sender, kind: t.kind, event: signedEvent(BENCH_ENCRYPT_KEY, plain, `n${tag}${i}`, ts) });
  }
  return out;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

/** POSTs one event; resolves with the status once the whole answer is read. */
function post(port: number, e: SignedEvent): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/lark/events', method: 'POST', agent, headers: { ...e.headers, 'content-length': Buffer.byteLength(e.body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(e.body);
  });
}

interface Sent {
  /** When the message was due to be sent (open loop) or was sent (closed loop), wall ms. */
  at: number;
  ackMs: number;
  status: number;
}

/** Open loop: message k is due at start + k/rate, sent then whatever the earlier ones are doing. */
async function offered(port: number, msgs: Msg[], rate: number): Promise<Sent[]> {
  const sent: Sent[] = new Array(msgs.length);
  const pending: Promise<void>[] = [];
  const t0 = wallNow() + 5;
  let k = 0;
  await new Promise<void>((done) => {
    const tick = () => {
      const now = wallNow();
      while (k < msgs.length && t0 + (k * 1000) / rate <= now) {
        const j = k++;
        const due = t0 + (j * 1000) / rate;
        pending.push(post(port, msgs[j]!.event).then((status) => void (sent[j] = { at: due, ackMs: wallNow() - due, status })));
      }
      if (k < msgs.length) setTimeout(tick, 1);
      else done();
    };
    tick();
  });
  await Promise.all(pending);
  return sent;
}

/** Closed loop: CONNECTIONS senders, each posting its next message as soon as the last is acknowledged. */
async function flatOut(port: number, msgs: Msg[], seconds: number): Promise<{ sent: Sent[]; used: number; wrapped: boolean }> {
  const sent: Sent[] = [];
  let next = 0;
  const until = wallNow() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (wallNow() < until && next < msgs.length) {
        const j = next++;
        const at = wallNow();
        const status = await post(port, msgs[j]!.event);
        sent[j] = { at, ackMs: wallNow() - at, status };
      }
    }),
  );
  return { sent, used: next, wrapped: next >= msgs.length };
}

interface Answer {
  parentId: string | null;
  receiver: string;
  kind: 'reply' | 'create';
  msgType: string;
  text: string;
  at: number;
}

const larkGet = async <T>(larkUrl: string, path: string, method = 'GET'): Promise<T> => (await fetch(`${larkUrl}${path}`, { method })).json() as Promise<T>;

/**
 * Waits until the fake has seen as many answers as messages were acknowledged (or nothing new
 * came for 15 s), then matches each message to its answer: a group @-mention by the reply to its
 * message id, a direct message by its sender (the k-th message from someone ↔ the k-th message
 * to them). Throws unless every message has exactly one answer.
 */
async function answersFor(larkUrl: string, msgs: MsgSent[]): Promise<{ e2e: number[]; lastAt: number }> {
  let seen = -1;
  let since = Date.now();
  let answers: Answer[] = [];
  for (;;) {
    answers = await larkGet<Answer[]>(larkUrl, '/bench/answers');
    if (answers.length >= msgs.length) {
      // A little longer: a duplicate would arrive after the last expected answer.
      await new Promise((r) => setTimeout(r, 500));
      answers = await larkGet<Answer[]>(larkUrl, '/bench/answers');
      break;
    }
    if (answers.length !== seen) (seen = answers.length), (since = Date.now());
    if (Date.now() - since > 15_000) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const replies = new Map<string, Answer[]>();
  const toUser = new Map<string, Answer[]>();
  for (const a of answers) {
    if (a.kind === 'reply') replies.set(a.parentId!, [...(replies.get(a.parentId!) ?? []), a]);
    else toUser.set(a.receiver, [...(toUser.get(a.receiver) ?? []), a]);
  }
  for (const list of toUser.values()) list.sort((a, b) => a.at - b.at);
  const e2e: number[] = [];
  const problems: string[] = [];
  const fromUser = new Map<string, number>();
  const ids = new Set(msgs.map((m) => m.messageId));
  for (const m of msgs) {
    let answer: Answer | undefined;
    if (m.chatType === 'group') {
      const list = replies.get(m.messageId) ?? [];
      if (list.length !== 1) problems.push(`${m.messageId} (${m.kind}, group) answered ${list.length} times`);
      answer = list[0];
    } else {
      const k = fromUser.get(m.sender) ?? 0;
      fromUser.set(m.sender, k + 1);
      answer = toUser.get(m.sender)?.[k];
      if (!answer) problems.push(`${m.messageId} (${m.kind}, p2p) not answered`);
    }
    if (answer) e2e.push(answer.at - m.sentAt!);
  }
  for (const [user, list] of toUser) if (list.length !== (fromUser.get(user) ?? 0)) problems.push(`${user} got ${list.length} direct messages for ${fromUser.get(user) ?? 0} sent`);
  for (const parent of replies.keys()) if (!ids.has(parent)) problems.push(`a reply to ${parent}, which this load did not send`);
  if (problems.length) throw new Error(`not every message was answered exactly once (${problems.length} problems):\n  ${problems.slice(0, 10).join('\n  ')}`);
  return { e2e, lastAt: Math.max(...answers.map((a) => a.at)) };
}

interface LoadResult {
  name: string;
  messages: number;
  ackRps: number;
  ackP50: number;
  ackP99: number;
  e2eP50: number;
  e2eP99: number;
  /** Answers per second, from the first message due to the last answer's arrival. */
  answeredRps: number;
  non2xx: number;
  /** CPU ms per message: the bot, Postgres, the fake Lark. */
  botCpu: number;
  pgCpu: number;
  larkCpu: number;
}

type MsgSent = Msg & { sentAt?: number };

async function runLoad(name: string, bot: { port: number; pid: number }, lark: { url: string; pid: number }, msgs: MsgSent[], how: { rate: number } | { seconds: number }): Promise<LoadResult> {
  await larkGet(lark.url, '/bench/reset', 'POST');
  // Group messages exist at the fake before the bot replies to them, as in Lark.
  const groupMsgs = msgs.filter((m) => m.chatType === 'group').map((m) => ({ messageId: m.messageId, chatId: m.chatId, sender: m.sender }));
  for (let i = 0; i < groupMsgs.length; i += 5000) await fetch(`${lark.url}/bench/messages`, { method: 'POST', body: JSON.stringify(groupMsgs.slice(i, i + 5000)) });
  const cpu0 = [cpuSeconds(bot.pid), postgresCpuSeconds(), cpuSeconds(lark.pid)];
  let sent: Sent[];
  let used = msgs.length;
  if ('rate' in how) sent = await offered(bot.port, msgs, how.rate);
  else {
    const r = await flatOut(bot.port, msgs, how.seconds);
    if (r.wrapped) console.warn(`  (${name}: all ${msgs.length} prepared messages were sent before the time was up)`);
    sent = r.sent;
    used = r.used;
  }
  const used_ = msgs.slice(0, used);
  sent = sent.slice(0, used);
  used_.forEach((m, j) => (m.sentAt = sent[j]!.at));
  const ok = used_.filter((_, j) => sent[j]!.status === 200);
  const { e2e, lastAt } = await answersFor(lark.url, ok);
  const per = (s: number) => (s * 1000) / used;
  const botCpu = per(cpuSeconds(bot.pid) - cpu0[0]!);
  const pgCpu = per(postgresCpuSeconds() - cpu0[1]!);
  const larkCpu = per(cpuSeconds(lark.pid) - cpu0[2]!);
  const acks = sent.map((s) => s.ackMs);
  const first = Math.min(...sent.map((s) => s.at));
  const lastAck = Math.max(...sent.map((s) => s.at + s.ackMs));
  return {
    name,
    messages: used,
    ackRps: (used * 1000) / (lastAck - first),
    ackP50: percentile(acks, 50),
    ackP99: percentile(acks, 99),
    e2eP50: percentile(e2e, 50),
    e2eP99: percentile(e2e, 99),
    answeredRps: (ok.length * 1000) / (lastAt - first),
    non2xx: used - ok.length,
    botCpu,
    pgCpu,
    larkCpu,
  };
}

/** The durable floor flat out with the same sender: the most any durable ack can do here. */
async function floorLoad(): Promise<LoadResult> {
  const dbUrl = await benchDatabase('kam_bench_floor');
  const port = await freePort();
  const child = await startServer('bench/servers/durable-floor.ts', { DATABASE_URL: dbUrl, PORT: String(port) });
  try {
    const msgs = messages(`f${Date.now()}`, 60_000);
    const cpu0 = [cpuSeconds(child.pid!), postgresCpuSeconds()];
    const { sent, used } = await flatOut(port, msgs, DURATION);
    const acks = sent.slice(0, used).map((s) => s.ackMs);
    const first = Math.min(...sent.map((s) => s.at));
    const lastAck = Math.max(...sent.map((s) => s.at + s.ackMs));
    return {
      name: 'durable floor, flat out',
      messages: used,
      ackRps: (used * 1000) / (lastAck - first),
      ackP50: percentile(acks, 50),
      ackP99: percentile(acks, 99),
      e2eP50: NaN,
      e2eP99: NaN,
      answeredRps: NaN,
      non2xx: sent.filter((s) => s.status !== 200).length,
      botCpu: ((cpuSeconds(child.pid!) - cpu0[0]!) * 1000) / used,
      pgCpu: ((postgresCpuSeconds() - cpu0[1]!) * 1000) / used,
      larkCpu: NaN,
    };
  } finally {
    child.kill();
  }
}

async function startBot(dbUrl: string, larkUrl: string): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = fork('src/runtime/node.ts', [], {
    env: { ...process.env, DATABASE_URL: dbUrl, ...benchBotEnv({ port, larkUrl }) },
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [])],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await waitReady(`http://127.0.0.1:${port}/readyz`);
  return { child, port };
}

/** After a load: nothing left to handle or send, and nothing dead. */
async function checkDatabase(dbUrl: string): Promise<void> {
  const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
  try {
    const [e] = await sql<{ open: string }[]>`select count(*) filter (where status <> 'done') as open from inbound_events`;
    const [o] = await sql<{ open: string; dead: string }[]>`select count(*) filter (where status not in ('sent')) as open, count(*) filter (where status = 'dead') as dead from outbox`;
    if (Number(e!.open) || Number(o!.open)) throw new Error(`after the load: ${e!.open} events not done, ${o!.open} outbox rows not sent (${o!.dead} dead)`);
  } finally {
    await sql.end();
  }
}

const fmt = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '–');

async function main(): Promise<void> {
  if ((await larkDecrypt(BENCH_ENCRYPT_KEY, larkEncrypt(BENCH_ENCRYPT_KEY, '{"ok":1}'))) !== '{"ok":1}') throw new Error('bench encryption disagrees with the bot');
  const rows: { round: number; results: LoadResult[] }[] = [];
  const children: ChildProcess[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const results: LoadResult[] = [];
      const dbUrl = await benchDatabase(process.env.BENCH_DB ?? 'kam_bench_answers');
      await seed(dbUrl);
      const larkPort = await freePort();
      const lark = await startServer('bench/servers/fake-lark.ts', { PORT: String(larkPort) });
      children.push(lark);
      const larkUrl = `http://127.0.0.1:${larkPort}`;
      const bot = await startBot(dbUrl, larkUrl);
      children.push(bot.child);
      const target = { port: bot.port, pid: bot.child.pid! };
      const fake = { url: larkUrl, pid: lark.pid! };
      // Warm-up: JIT, pools, the bot's open_id and tenant token.
      await runLoad('warm-up', target, fake, messages(`w${round}`, 300), { rate: 200 });
      for (const rate of RATES) {
        results.push(await runLoad(`${rate}/s offered`, target, fake, messages(`r${round}x${rate}`, rate * DURATION), { rate }));
        await checkDatabase(dbUrl);
      }
      if (FLAT) {
        results.push(await runLoad('flat out', target, fake, messages(`r${round}xmax`, 40_000), { seconds: DURATION }));
        await checkDatabase(dbUrl);
      }
      bot.child.kill('SIGTERM');
      await new Promise((r) => bot.child.once('exit', r));
      lark.kill();
      if (process.env.BENCH_ONLY !== 'bot') results.push(await floorLoad());
      rows.push({ round, results });
      console.log(`\n| round ${round} | messages | ack /s | ack p50 ms | ack p99 ms | end-to-end p50 ms | end-to-end p99 ms | answered /s | non-2xx | CPU ms / message: bot (server) · Postgres · fake Lark |\n|---|---|---|---|---|---|---|---|---|---|`);
      for (const r of results)
        console.log(`| ${r.name} | ${r.messages} | ${fmt(r.ackRps)} | ${fmt(r.ackP50, 1)} | ${fmt(r.ackP99, 1)} | ${fmt(r.e2eP50, 1)} | ${fmt(r.e2eP99, 1)} | ${fmt(r.answeredRps)} | ${r.non2xx} | ${fmt(r.botCpu, 2)} · ${fmt(r.pgCpu, 2)} · ${fmt(r.larkCpu, 2)} |`);
      console.log(`  round ${round}: every message answered exactly once after each load; no event or outbox row left`);
    }
  } finally {
    for (const c of children) c.kill();
  }
  const byName = (name: string) => rows.map((r) => r.results.find((x) => x.name === name)!);
  console.log(`\nmedians over ${ROUNDS} rounds:`);
  for (const name of [...RATES.map((r) => `${r}/s offered`), ...(FLAT ? ['flat out'] : [])]) {
    const xs = byName(name);
    console.log(`${name}: ack p99 ${fmt(median(xs.map((x) => x.ackP99)), 1)} ms (goal ≤ 25), end-to-end p50 ${fmt(median(xs.map((x) => x.e2eP50)), 1)} / p99 ${fmt(median(xs.map((x) => x.e2eP99)), 1)} ms${name === '200/s offered' ? ' (goal p99 ≤ 100)' : ''}`);
  }
  if (process.env.BENCH_ONLY !== 'bot' && FLAT) {
    const ratio = median(rows.map((r) => r.results.find((x) => x.name === 'flat out')!.ackRps / r.results.find((x) => x.name === 'durable floor, flat out')!.ackRps));
    console.log(`flat-out ack throughput with handling / the durable floor's: ${ratio.toFixed(2)}× (goal ≥ 0.9×) ${ratio >= 0.9 ? 'met' : 'NOT met'}`);
  }
}

await main();
