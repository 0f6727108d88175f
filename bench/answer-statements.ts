/**
 * npx tsx bench/answer-statements.ts — how many SQL statements answering messages costs, from
 * the store before the ack to the sent mark: 60 messages (帮助, 客户 华能, a 拜访总结) posted
 * at once to the bot in the test harness on PGlite (one process, so events are handled one at a
 * time: the figure is per message, without the batching a busy server gets), counted at PGlite's
 * query(), transactions' statements included. Prints the total and the statements by kind.
 */
import { ROSTER, startHarness } from '../test/support/harness.js';

type Queryable = { query: (...a: unknown[]) => unknown; transaction: (fn: (tx: Queryable) => unknown) => unknown };

const h = await startHarness({ now: '2026-11-27T02:00:00Z', roster: ROSTER });
const client = (h.db as unknown as { client: Queryable }).client;
const byKind = new Map<string, number>();
let total = 0;
const wrap = (o: Queryable): Queryable => {
  const query = o.query.bind(o);
  o.query = (...a: unknown[]) => {
    total++;
    const k = String(a[0]).replace(/\s+/g, ' ').slice(0, 70);
    byKind.set(k, (byKind.get(k) ?? 0) + 1);
    return query(...a);
  };
  return o;
};
wrap(client);
const transaction = client.transaction.bind(client);
client.transaction = (fn) => transaction((tx) => fn(wrap(tx)));

await h.db.db.execute(
  `insert into customers (id, archive_no, archive_year, archive_seq, created_on, name, core_name, owner_id, stage, archive, created_by, created_at, updated_at)
   values ('c1', 'KA-2026-0001', 2026, 1, date '2026-01-05', '中国华能集团', '华能', 'ou_spec1', 'serving', '{"name":"中国华能集团","contacts":[],"sales":{}}', 'ou_spec1', now(), now())` as never,
);
const texts = ['帮助', '客户 华能', '拜访总结：今天上午拜访了中国华能集团，和王总谈了明年的采购计划，客户比较关注价格，下周一前提交方案。'];
const users = ['ou_spec1', 'ou_spec2', 'ou_manager', 'ou_director', 'ou_assistant'];
// Warm-up: the bot's open_id, the tenant token, a first contact sync.
await h.sender.message('ou_spec1', '帮助');
await h.settle();
total = 0;
byKind.clear();
const N = 60;
await Promise.all(Array.from({ length: N }, (_, i) => h.sender.message(users[i % users.length]!, texts[i % texts.length]!)));
await h.settle();
if (h.lark.sent().length !== N + 1) throw new Error(`expected ${N + 1} answers, the fake has ${h.lark.sent().length}`);
console.log(`${N} messages: ${total} statements, ${(total / N).toFixed(1)} per message`);
console.log([...byKind].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${String(v).padStart(5)}  ${k}`).join('\n'));
await h.close();
