/**
 * The web chat's server side, mounted at /sandbox next to the fake Open API: the page, its
 * script, the state, a stream of changes (Server-Sent Events), and three actions that go to the
 * bot the way Feishu would send them — a message (an encrypted, signed event, redelivered with
 * the same event_id until the bot answers 200 within 3 s), a card click (`card.action.trigger`,
 * whose answer's toast is shown and whose card replaces the clicked one), and a clock jump
 * (followed by the reminder tick).
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Deps } from '../app/deps.js';
import { listMembers } from '../app/roster.js';
import { isAdmin, ROLE_LABEL } from '../domain/roster.js';
import type { FakeLark, FakeMessage } from './fake-lark.js';
import type { EventSender } from './event-sender.js';
import type { OffsetClock } from './offset-clock.js';
import { sandboxPage } from './page.js';
import { calendarPage } from './calendar-page.js';
import { tasksPage } from './tasks-page.js';
import { approvalPage } from './approval-page.js';
import { loadReminderContext } from '../app/reminders/context.js';
import { nextWorkingMorning, sendWindowView } from './send-window.js';
import type { ActionRequest, ActionResult, ClockRequest, ClockResult, ClockView, MessageView, PersonView, SendRequest, SendResult, StateView, StreamEvent, Toast } from './web/types.js';

export interface WebChatOptions {
  lark: FakeLark;
  sender: EventSender;
  clock: OffsetClock;
  deps: () => Deps;
  group: { chatId: string; name: string; enName: string };
  clientScript: () => Promise<string>;
  /** The reminder tick, run after every clock jump. */
  tick?: (deps: Deps, now: Date) => Promise<unknown>;
  /** Called after every clock jump (the runtime saves the offset). */
  onClockMoved?: () => void;
  /** Lark redelivers after 15 s, 5 min, 1 h, 6 h; the sandbox compresses that. */
  delivery?: { retries: number; retryDelayMs: number; timeoutMs: number };
}

const DAY_MS = 24 * 3600 * 1000;

const CONTENT_TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};
/** Lark's limit on a text message's content (lark.md: text ≤ 150 KB). */
const MESSAGE_CONTENT_MAX_BYTES = 150 * 1024;

export const messageView = (m: FakeMessage): MessageView => ({
  id: m.messageId,
  chatId: m.chatId,
  sender: m.sender,
  msgType: m.msgType,
  content: m.content,
  parentId: m.parentId,
  mentions: m.mentions ?? [],
  createdAt: m.createdAt,
  updatedAt: m.updatedAt,
  patches: m.patches,
  ...(m.file ? { file: m.file } : {}),
});

/** Turns "@王建国" written in the text into Lark's `@_user_N` keys, in order. */
export function keyMentions(text: string, mentions: { openId: string; name: string }[]): { text: string; mentions: { key: string; openId: string; name: string }[] } {
  const out: { key: string; openId: string; name: string }[] = [];
  let result = text;
  for (const m of mentions) {
    const at = result.indexOf(`@${m.name}`);
    if (at < 0) continue;
    const key = `@_user_${out.length + 1}`;
    result = result.slice(0, at) + key + result.slice(at + m.name.length + 1);
    out.push({ key, openId: m.openId, name: m.name });
  }
  return { text: result, mentions: out };
}

export function webChatRoutes(o: WebChatOptions): { app: Hono; publish(e: StreamEvent): void } {
  const app = new Hono();
  const listeners = new Set<(e: StreamEvent) => void>();
  const publish = (e: StreamEvent) => {
    for (const l of listeners) l(e);
  };
  const delivery = o.delivery ?? { retries: 3, retryDelayMs: 2000, timeoutMs: 3000 };

  const clockView = (): ClockView => ({ now: o.clock.now().toISOString(), offsetMs: o.clock.offsetMs, timeZone: o.deps().config.timeZone });

  const people = async (): Promise<PersonView[]> => {
    const deps = o.deps();
    const roster = await listMembers(deps.db);
    const onRoster = new Set(roster.map((m) => m.openId));
    const fromRoster: PersonView[] = roster.map((m) => ({
      openId: m.openId,
      chatId: o.lark.p2pChatId(m.openId),
      name: m.name,
      enName: o.lark.users.get(m.openId)?.enName ?? null,
      role: m.role,
      roleLabel: ROLE_LABEL[m.role],
      active: m.active,
      admin: isAdmin(m, deps.config.admins),
      locale: m.locale,
    }));
    const others: PersonView[] = [...o.lark.users.entries()]
      .filter(([id]) => !onRoster.has(id))
      .map(([openId, u]) => ({ openId, chatId: o.lark.p2pChatId(openId), name: u.name, enName: u.enName ?? null, role: null, roleLabel: null, active: false, admin: false, locale: 'zh_cn' }));
    return [...fromRoster, ...others];
  };

  app.get('/sandbox', (c) => c.html(sandboxPage()));
  app.get('/sandbox/', (c) => c.redirect('/sandbox'));
  app.get('/sandbox/app.js', async (c) => {
    c.header('content-type', 'text/javascript; charset=utf-8');
    c.header('cache-control', 'no-store');
    return c.body(await o.clientScript());
  });

  app.get('/sandbox/api/state', async (c) => {
    const state: StateView = {
      bot: o.lark.bot,
      people: await people(),
      group: o.group,
      clock: clockView(),
      messages: [...o.lark.messages.values()].sort((a, b) => a.createdAt - b.createdAt || a.messageId.localeCompare(b.messageId)).map(messageView),
      tick: Boolean(o.tick),
    };
    return c.json(state);
  });

  app.get('/sandbox/api/people', async (c) => c.json(await people()));
  app.get('/sandbox/approvals', async (c) => c.html(approvalPage(o.lark.approval, (await people()).map((p) => ({ openId: p.openId, name: p.name })), o.deps().config.timeZone)));
  app.get('/sandbox/calendar', async (c) => c.html(calendarPage(o.lark.calendar, (await people()).map((p) => ({ openId: p.openId, name: p.name })), o.deps().config.timeZone)));
  app.get('/sandbox/tasks', async (c) => c.html(tasksPage(o.lark.tasks, (await people()).map((p) => ({ openId: p.openId, name: p.name })), o.deps().config.timeZone)));

  // A file message's bytes under its upload's name, as the Feishu client's download gives them.
  app.get('/sandbox/api/files/:messageId', (c) => {
    const f = o.lark.fileOf(c.req.param('messageId'));
    if (!f) return c.text('这个文件不在沙箱里（上传的文件不跨重启保存）/ The sandbox no longer has this file (uploads are not kept across restarts)', 404);
    const ascii = f.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
    return c.body(f.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': CONTENT_TYPES[f.fileName.split('.').pop() ?? ''] ?? 'application/octet-stream',
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
    });
  });

  app.get('/sandbox/api/stream', (c) =>
    streamSSE(c, async (stream) => {
      const queue: StreamEvent[] = [];
      let wake: (() => void) | null = null;
      let open = true;
      const listener = (e: StreamEvent) => {
        queue.push(e);
        wake?.();
      };
      listeners.add(listener);
      stream.onAbort(() => {
        open = false;
        listeners.delete(listener);
        wake?.();
      });
      await stream.writeSSE({ event: 'ready', data: '{}' });
      while (open) {
        while (queue.length) await stream.writeSSE({ event: 'update', data: JSON.stringify(queue.shift()) });
        // Wait for the next change, or send a ping every 15 s so proxies keep the stream open.
        const woke = await new Promise<boolean>((resolve) => {
          const t = setTimeout(() => resolve(false), 15_000);
          wake = () => {
            clearTimeout(t);
            resolve(true);
          };
        });
        wake = null;
        if (!woke && open) await stream.writeSSE({ event: 'ping', data: '' });
      }
    }),
  );

  app.post('/sandbox/api/send', async (c) => {
    const body = (await c.req.json().catch(() => null)) as SendRequest | null;
    const text = typeof body?.text === 'string' ? body.text.trim() : '';
    if (!body || typeof body.from !== 'string' || !o.lark.users.has(body.from) || !text) {
      return c.json({ error: 'from (a person in the directory) and text are required' }, 400);
    }
    // Lark carries a text message of up to 150 KB of content; the sandbox accepts what Lark would.
    const bytes = new TextEncoder().encode(JSON.stringify({ text })).length;
    if (bytes > MESSAGE_CONTENT_MAX_BYTES) {
      return c.json({ error: `消息过长（${Math.ceil(bytes / 1024)} KB，飞书上限 150 KB），请分几条发送。/ Message too long (${Math.ceil(bytes / 1024)} KB; Lark's limit is 150 KB): send it in parts.` }, 400);
    }
    const group = body.chat === 'group';
    const parentId = typeof body.parentId === 'string' && o.lark.messages.has(body.parentId) ? body.parentId : undefined;
    const keyed = keyMentions(text, Array.isArray(body.mentions) ? body.mentions.filter((m) => typeof m?.openId === 'string' && typeof m?.name === 'string') : []);
    const event = o.sender.messageEvent(body.from, keyed.text, {
      chatType: group ? 'group' : 'p2p',
      chatId: group ? o.group.chatId : o.lark.p2pChatId(body.from),
      ...(parentId ? { parentId } : {}),
      mentions: keyed.mentions,
    });
    const d = await o.sender.deliver('im.message.receive_v1', event, delivery);
    const result: SendResult = { ok: d.status === 200, status: d.status, attempts: d.attempts, eventId: d.eventId };
    return c.json(result);
  });

  app.post('/sandbox/api/action', async (c) => {
    const body = (await c.req.json().catch(() => null)) as ActionRequest | null;
    if (!body || typeof body.operator !== 'string' || typeof body.messageId !== 'string' || !o.lark.messages.has(body.messageId)) {
      return c.json({ error: 'operator and an existing messageId are required' }, 400);
    }
    const err = (content: string): ActionResult => ({ toast: { type: 'error', content }, cardReplaced: false });
    let answer: { status: number; body: unknown };
    try {
      answer = await o.sender.cardAction(body.operator, body.messageId, body.value, {
        tag: typeof body.tag === 'string' ? body.tag : 'button',
        ...(typeof body.name === 'string' ? { name: body.name } : {}),
        ...(body.formValue && typeof body.formValue === 'object' ? { formValue: body.formValue } : {}),
        ...(typeof body.option === 'string' ? { option: body.option } : {}),
      });
    } catch {
      // What the Feishu client says when the bot does not answer within 3 s.
      return c.json(err('出错了，请稍后重试（200671：回调超时）/ Something went wrong (200671: callback timed out)'));
    }
    if (answer.status !== 200) return c.json(err(`出错了，请稍后重试（200340：HTTP ${answer.status}）/ Something went wrong (200340)`));
    const reply = (answer.body ?? {}) as { toast?: Toast; card?: { type?: string; data?: unknown } };
    let cardReplaced = false;
    if (reply.card?.type === 'raw') {
      const r = o.lark.replaceCard(body.messageId, reply.card.data);
      if (!r.ok) return c.json(err(`卡片更新失败（${r.code}）/ Card update failed (${r.code}): ${r.msg}`));
      cardReplaced = true;
    }
    const result: ActionResult = { toast: reply.toast ?? null, cardReplaced };
    return c.json(result);
  });

  app.get('/sandbox/api/clock', (c) => c.json(clockView()));

  app.post('/sandbox/api/clock', async (c) => {
    const body = ((await c.req.json().catch(() => null)) ?? {}) as ClockRequest;
    try {
      if (typeof body.days === 'number') {
        if (!Number.isInteger(body.days) || body.days < 1 || body.days > 366) throw new RangeError('days must be a whole number from 1 to 366');
        o.clock.advance(body.days * DAY_MS);
      } else if (body.next === 'working_morning') {
        const ctx = await loadReminderContext(o.deps().db, { timeZone: o.deps().config.timeZone });
        o.clock.jumpTo(nextWorkingMorning(o.clock.now(), ctx.settings, ctx.overrides));
      } else if (typeof body.to === 'string') {
        const to = new Date(body.to);
        if (Number.isNaN(to.getTime())) throw new RangeError('not a date');
        o.clock.jumpTo(to);
      } else {
        throw new RangeError('give days, to, or next');
      }
    } catch (e) {
      const failed: ClockResult = { clock: clockView(), tick: null, error: e instanceof RangeError ? e.message : String(e) };
      return c.json(failed, 400);
    }
    o.onClockMoved?.();
    publish({ type: 'clock', clock: clockView() });
    let tick: Record<string, unknown> | null = null;
    if (o.tick) {
      const deps = o.deps();
      try {
        tick = (await o.tick(deps, o.clock.now())) as Record<string, unknown>;
      } catch (e) {
        deps.log.error('sandbox.tick_failed', { error: e });
        const failed: ClockResult = { clock: clockView(), tick: null, error: `tick failed: ${String(e)}` };
        return c.json(failed, 500);
      }
    }
    const ctx = await loadReminderContext(o.deps().db, { timeZone: o.deps().config.timeZone });
    const result: ClockResult = { clock: clockView(), tick, sendWindow: sendWindowView(o.clock.now(), ctx.settings, ctx.overrides) };
    return c.json(result);
  });

  return { app, publish };
}
