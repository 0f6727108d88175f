/**
 * The project's fake Lark (src/sandbox/fake-lark.ts) in its own process, for bench:webhook:answers.
 * Lark's rate limits are off (BENCH_LARK_LIMITS=on keeps them), so the bench measures the bot,
 * not the 50/s limiter. Around it, a few bench-only routes:
 *   POST /bench/messages   [{messageId, chatId, sender}]: users' messages, so replies can target them
 *   GET  /bench/answers    every successful send/reply since the last reset, with its arrival time
 *   POST /bench/reset      forgets the answers (between loads)
 *   GET  /bench/cards?to=  the interactive messages sent to one person, as they show now (bench:card)
 * Arrival times are wall-clock milliseconds with sub-millisecond resolution (performance.timeOrigin
 * + performance.now()), comparable with the sender's in another process on the same machine.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { FakeLark } from '../../src/sandbox/fake-lark.js';

const fake = new FakeLark({ rateLimits: process.env.BENCH_LARK_LIMITS === 'on', bot: { openId: 'ou_bench_bot', name: '大客户助手' } });
const wallNow = () => performance.timeOrigin + performance.now();

interface Answer {
  /** reply: the message answered; create: null. */
  parentId: string | null;
  /** create: the receive_id (an open_id for direct messages); reply: the chat. */
  receiver: string;
  kind: 'reply' | 'create';
  msgType: string;
  text: string;
  at: number;
}
let answers: Answer[] = [];

const app = new Hono();
app.post('/bench/messages', async (c) => {
  const list = (await c.req.json()) as { messageId: string; chatId: string; sender: string }[];
  const now = Date.now();
  for (const m of list) {
    fake.messages.set(m.messageId, { messageId: m.messageId, chatId: m.chatId, receiverOpenId: null, sender: m.sender, msgType: 'text', content: {}, parentId: null, createdAt: now, updatedAt: null, patches: 0 });
  }
  return c.json({ ok: list.length });
});
app.get('/bench/answers', (c) => c.json(answers));
// The cards sent to one person, oldest first, each as it shows now (patches applied): what bench:card clicks.
app.get('/bench/cards', (c) => {
  const to = c.req.query('to');
  return c.json([...fake.messages.values()].filter((m) => m.receiverOpenId === to && m.msgType === 'interactive').map((m) => ({ messageId: m.messageId, chatId: m.chatId, content: m.content })));
});
app.post('/bench/reset', (c) => {
  answers = [];
  // The bot's answers pile up in the fake's own records too; a long bench must not grow them without end.
  for (const [id, m] of fake.messages) if (m.sender === 'bot') fake.messages.delete(id);
  fake.calls.length = 0;
  fake.arrivals.length = 0;
  return c.json({});
});

// Sends and replies: time of arrival taken before the fake does anything, kept if Lark said yes.
const recordAnswer = (kind: 'reply' | 'create') => async (c: import('hono').Context) => {
  const at = wallNow();
  const raw = c.req.raw;
  const body = (await raw.clone().json().catch(() => ({}))) as { receive_id?: string; msg_type?: string; content?: string };
  const res = await fake.app.fetch(raw);
  const payload = (await res.clone().json().catch(() => ({}))) as { code?: number; data?: { chat_id?: string } };
  if (res.status === 200 && payload.code === 0) {
    const parentId = kind === 'reply' ? c.req.param('id')! : null;
    answers.push({ parentId, receiver: kind === 'reply' ? (payload.data?.chat_id ?? '') : (body.receive_id ?? ''), kind, msgType: body.msg_type ?? '', text: (body.content ?? '').slice(0, 120), at });
  }
  return res;
};
app.post('/open-apis/im/v1/messages', recordAnswer('create'));
app.post('/open-apis/im/v1/messages/:id/reply', recordAnswer('reply'));
app.all('/open-apis/*', (c) => fake.app.fetch(c.req.raw));

serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, () => process.send?.('ready'));
