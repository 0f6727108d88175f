/**
 * The floor for any durable acknowledgement on this machine: a bare Hono route that stores each
 * request's raw body under a unique key with a group commit (one multi-row INSERT in flight, as
 * kam-bot does) and answers only once it has committed. No decryption, no signature, no
 * validation, no handling: what is left is the wait for the commit.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
await sql`create table if not exists floor_events (id text primary key, body text not null)`;

let queue: { id: string; body: string; done: (ok: boolean) => void }[] = [];
let inFlight = false;
async function flush(): Promise<void> {
  if (inFlight || queue.length === 0) return;
  inFlight = true;
  const batch = queue;
  queue = [];
  try {
    const rows = await sql<{ id: string }[]>`
      insert into floor_events (id, body) select e.id, e.body from json_to_recordset(${JSON.stringify(batch.map(({ id, body }) => ({ id, body })))}::text::json) as e(id text, body text)
      on conflict (id) do nothing returning id`;
    const stored = new Set(rows.map((r) => r.id));
    for (const w of batch) w.done(stored.has(w.id));
  } finally {
    inFlight = false;
    void flush();
  }
}

const app = new Hono();
app.post('/lark/events', async (c) => {
  const body = await c.req.text();
  const id = c.req.header('x-lark-signature') ?? crypto.randomUUID();
  await new Promise<boolean>((done) => {
    queue.push({ id, body, done });
    void flush();
  });
  return c.json({});
});
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, () => process.send?.('ready'));
