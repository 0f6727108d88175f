/**
 * A local stand-in for the Lark Open API subset the bot uses (lark.md §4–5, lark-more.md §2):
 * tenant token, send / reply / patch message, delayed card update, contact user, bot info,
 * uploads and the bot's calendar (fake-calendar.ts). It records every call, enforces what Lark enforces where it matters (uuid
 * idempotency, 30 KB cards, 2.0 card rules, the 14-day patch window, 5/s per receiver) and can
 * inject faults. Tests point the real SDK at it; the sandbox grows out of it.
 */
import { budgetMonth } from '../domain/api-budget.js';
import { Hono, type Context } from 'hono';
import { checkCard, checkMessageContent, SlidingWindow } from './fake-lark-rules.js';
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import { FakeCalendar } from './fake-calendar.js';
import { calendarRoutes } from './fake-calendar-routes.js';
import { taskRoutes } from './fake-tasks-routes.js';
import type { FakeRouter } from './fake-router.js';
import { FakeTasks } from './fake-tasks.js';
import { FakeApproval, registerApprovalRoutes } from './fake-approval.js';

export type FakeApi =
  | 'token' | 'message.create' | 'message.reply' | 'message.patch' | 'card.update' | 'contact.user' | 'bot.info' | 'upload'
  | 'calendar.primary' | 'calendar.event' | 'calendar.attendee' | 'task.task' | 'approval';

export interface FakeCall {
  api: FakeApi;
  method: string;
  path: string;
  body: unknown;
  status: number;
  code: number;
  at: number;
  /** The `x-ogw-ratelimit-reset` this answer carried, if any. */
  resetSeconds?: number;
}

/** A request as it reached the fake, before anything was decided about it (Lark counts these). */
export interface FakeArrival {
  api: FakeApi;
  /** The receive_id of a send, the chat of a reply, the message of a patch. */
  receiver: string | null;
  at: number;
}

export interface FakeMessage {
  messageId: string;
  chatId: string;
  /** open_id for direct chats with a user; null in groups. */
  receiverOpenId: string | null;
  sender: 'bot' | string;
  msgType: string;
  content: unknown;
  parentId: string | null;
  /** A user's text message: who its `@_user_N` keys stand for (as Lark's message API returns). */
  mentions?: { key: string; openId: string; name: string }[];
  createdAt: number;
  updatedAt: number | null;
  patches: number;
  /** A file message: the upload's name and size, as a Feishu client shows them. */
  file?: { name: string; size: number };
}

/**
 * 'timeout' holds the request and then fails it (nothing happened); 'slow' does the work and
 * then holds the answer (it happened, but the caller may have given up: the case `uuid` is for);
 * 'hang' holds the request until `releaseHangs()` (or `holdMs`, 10 minutes by default), then
 * fails it as 'timeout' does.
 */
export type FaultKind = 'http500' | 'rate_limit' | 'timeout' | 'slow' | 'hang' | 'token_invalid' | 'bot_not_in_chat';
export interface Fault {
  api: FakeApi | '*';
  kind: FaultKind;
  times: number;
  /** Only requests to this receiver (a send's receive_id) meet the fault. */
  receiveId?: string;
  /** Only sends of this msg_type ('file', 'interactive'…) meet the fault. */
  msgType?: string;
  resetSeconds?: number;
  /** For 'timeout': how long to hold the request before answering 504. */
  holdMs?: number;
}

export interface FakeFile {
  fileKey: string;
  fileType: string;
  fileName: string;
  bytes: Uint8Array;
  at: number;
}

const FILE_TYPES = new Set(['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream']);

interface FormPart {
  filename: string | null;
  bytes: Uint8Array;
  readonly text: string;
}

/**
 * A multipart/form-data body, part by part, as bytes. Not `parseBody()`: a part without a
 * filename (what the SDK sends for a Buffer on Node) would come back as a UTF-8 string, and a
 * binary file would not survive that.
 */
async function multipart(c: Context): Promise<Map<string, FormPart>> {
  const parts = new Map<string, FormPart>();
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(c.req.header('content-type') ?? '');
  if (!boundary) return parts;
  const body = new Uint8Array(await c.req.arrayBuffer().catch(() => new ArrayBuffer(0)));
  const enc = new TextEncoder();
  const delimiter = enc.encode(`--${boundary[1] ?? boundary[2]}`);
  const find = (needle: Uint8Array, from: number): number => {
    outer: for (let i = from; i <= body.length - needle.length; i++) {
      for (let j = 0; j < needle.length; j++) if (body[i + j] !== needle[j]) continue outer;
      return i;
    }
    return -1;
  };
  const headEnd = enc.encode('\r\n\r\n');
  for (let at = find(delimiter, 0); at >= 0; ) {
    const start = at + delimiter.length + 2; // past the delimiter and its CRLF
    const next = find(delimiter, start);
    if (next < 0) break;
    const split = find(headEnd, start);
    if (split < 0 || split > next) break;
    const head = new TextDecoder().decode(body.subarray(start, split));
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    const filename = /filename="([^"]*)"/i.exec(head)?.[1] ?? null;
    const bytes = body.slice(split + 4, next - 2); // the CRLF before the next delimiter is not data
    if (name !== undefined) parts.set(name, { filename, bytes, get text() { return new TextDecoder().decode(bytes); } });
    at = next;
  }
  return parts;
}

const PATCH_WINDOW_MS = 14 * 24 * 3600 * 1000;
const UUID_WINDOW_MS = 3600 * 1000;

export interface FakeLarkOptions {
  clock?: Clock;
  appId?: string;
  appSecret?: string;
  bot?: { openId: string; name: string };
  users?: Record<string, { name: string; enName?: string }>;
  /** Enforce Lark's per-receiver 5/s and per-API 50/s limits (real time). */
  rateLimits?: boolean;
  /**
   * The free edition's monthly quota (10,000 a tenant): successful calls past it, except contacts
   * and auth, answer HTTP 429 with 99991403 until the month turns (on the fake's clock, Shanghai).
   */
  monthlyQuota?: number;
}

export class FakeLark {
  readonly app = new Hono();
  readonly calls: FakeCall[] = [];
  readonly arrivals: FakeArrival[] = [];
  readonly messages = new Map<string, FakeMessage>();
  /** Files the bot uploaded (`im/v1/files`), by file_key, with their bytes. */
  readonly files = new Map<string, FakeFile>();
  readonly faults: Fault[] = [];
  readonly users: Map<string, { name: string; enName?: string }>;
  readonly bot: { openId: string; name: string };
  readonly clock: Clock;
  /** The bot's calendar and its events (fake-calendar.ts). */
  readonly calendar: FakeCalendar;
  /** Feishu tasks (task/v2, fake-tasks.ts). */
  readonly tasks: FakeTasks;
  /** The approval centre's definitions and instances (fake-approval.ts). */
  readonly approval: FakeApproval;
  readonly #o: Required<Pick<FakeLarkOptions, 'appId' | 'appSecret'>>;
  readonly #rates: SlidingWindow;
  readonly #tokens = new Set<string>();
  readonly #uuids = new Map<string, { messageId: string; at: number }>();
  readonly #cardTokens = new Map<string, { messageId: string; issuedAt: number; uses: number }>();
  #seq = 0;
  /** Called whenever the bot sends or changes a message (the sandbox pushes it to browsers). */
  onChange: ((m: FakeMessage) => void) | null = null;

  /** Successful metered calls this month, and the month they count for. */
  readonly quota: { month: string; used: number; limit: number | null };

  constructor(o: FakeLarkOptions = {}) {
    this.clock = o.clock ?? systemClock;
    this.quota = { month: budgetMonth(this.clock.now(), 'Asia/Shanghai'), used: 0, limit: o.monthlyQuota ?? null };
    this.#o = { appId: o.appId ?? 'cli_fake0000000000', appSecret: o.appSecret ?? 'fake-secret' };
    this.#rates = new SlidingWindow(o.rateLimits ?? true);
    this.bot = o.bot ?? { openId: 'ou_bot', name: '大客户助手' };
    this.users = new Map(Object.entries(o.users ?? {}));
    this.tasks = new FakeTasks(() => this.clock.now().getTime());
    this.approval = new FakeApproval(() => this.clock.now().getTime());
    this.calendar = new FakeCalendar(`feishu.cn_${this.bot.openId.replace(/^ou_/, '')}@group.calendar.feishu.cn`, () => this.clock.now().getTime());
    this.#routes();
  }

  injectFault(f: Fault): void {
    this.faults.push({ ...f });
  }

  /** Messages the bot sent (or replied), oldest first. */
  sent(): FakeMessage[] {
    return [...this.messages.values()].filter((m) => m.sender === 'bot').sort((a, b) => a.createdAt - b.createdAt || a.messageId.localeCompare(b.messageId));
  }

  callsTo(api: FakeApi): FakeCall[] {
    return this.calls.filter((c) => c.api === api);
  }

  /** Records a message a user sent in a chat (the event sender does this), so replies can target it. */
  recordUserMessage(m: {
    chatId: string;
    sender: string;
    text: string;
    parentId?: string | null;
    receiverOpenId?: string | null;
    mentions?: { key: string; openId: string; name: string }[];
  }): FakeMessage {
    const msg: FakeMessage = {
      messageId: this.#id('om'),
      chatId: m.chatId,
      receiverOpenId: m.receiverOpenId ?? null,
      sender: m.sender,
      msgType: 'text',
      content: { text: m.text },
      parentId: m.parentId ?? null,
      ...(m.mentions?.length ? { mentions: m.mentions } : {}),
      createdAt: this.clock.now().getTime(),
      updatedAt: null,
      patches: 0,
    };
    this.messages.set(msg.messageId, msg);
    this.onChange?.(msg);
    return msg;
  }

  /** A delayed-update token, as Lark puts in a card callback (30 min, 2 uses). */
  issueCardToken(messageId: string): string {
    const token = `c-${this.#id('tok')}`;
    this.#cardTokens.set(token, { messageId, issuedAt: this.clock.now().getTime(), uses: 0 });
    return token;
  }

  p2pChatId = (openId: string): string => `oc_p2p_${openId.replace(/^ou_/, '')}`;

  /**
   * What Feishu does to the clicked card when the callback answer carries
   * `{card: {type: 'raw', data}}`: the card is replaced in place, if it is valid.
   */
  replaceCard(messageId: string, card: unknown): { ok: true } | { ok: false; code: number; msg: string } {
    const m = this.messages.get(messageId);
    if (!m || m.sender !== 'bot' || m.msgType !== 'interactive') return { ok: false, code: 230011, msg: 'The message was withdrawn or does not exist.' };
    const refused = checkCard(card);
    if (refused) return { ok: false, code: refused.code === 230025 ? refused.code : 200672, msg: refused.code === 230025 ? refused.msg : `card_update_illegal_format: ${refused.msg}` };
    m.content = card;
    m.updatedAt = this.clock.now().getTime();
    m.patches++;
    this.onChange?.(m);
    return { ok: true };
  }

  /** Restores a saved chat log (the sandbox keeps it across restarts); ids continue after it. */
  restore(saved: readonly FakeMessage[]): void {
    for (const m of saved) {
      this.messages.set(m.messageId, { ...m });
      const seq = parseInt(m.messageId.split('_').pop() ?? '', 36);
      if (Number.isFinite(seq) && seq > this.#seq) this.#seq = seq;
    }
  }

  #id(prefix: string): string {
    this.#seq++;
    return `${prefix}_${this.#seq.toString(36).padStart(6, '0')}`;
  }

  #record(c: Context, api: FakeApi, body: unknown, status: number, code: number): void {
    this.calls.push({ api, method: c.req.method, path: c.req.path, body, status, code, at: Date.now() });
  }

  #answer(c: Context, api: FakeApi, body: unknown, status: number, payload: Record<string, unknown>, headers: Record<string, string> = {}) {
    this.#record(c, api, body, status, Number(payload.code ?? 0));
    const reset = headers['x-ogw-ratelimit-reset'];
    if (reset !== undefined) this.calls.at(-1)!.resetSeconds = Number(reset);
    for (const [k, v] of Object.entries(headers)) c.header(k, v);
    return c.json(payload, status as 200);
  }

  /** Requests being held by a 'timeout' or 'slow' fault right now. */
  held = 0;

  readonly #hung = new Set<() => void>();

  /** Lets every 'hang' go (they answer 504 now). */
  releaseHangs(): void {
    for (const release of this.#hung) release();
    this.#hung.clear();
  }

  #take(api: FakeApi, kinds: FaultKind[], body?: unknown): Fault | null {
    const { receive_id: receiver, msg_type: msgType } = (body ?? {}) as { receive_id?: unknown; msg_type?: unknown };
    const i = this.faults.findIndex(
      (f) =>
        (f.api === api || f.api === '*') && f.times > 0 && kinds.includes(f.kind) && (f.receiveId === undefined || f.receiveId === receiver) && (f.msgType === undefined || f.msgType === msgType),
    );
    if (i < 0) return null;
    const f = this.faults[i]!;
    f.times--;
    if (f.times <= 0) this.faults.splice(i, 1);
    return f;
  }

  /** Applies an injected fault, if one matches; returns the response to send instead. */
  async #fault(c: Context, api: FakeApi, body: unknown): Promise<Response | null> {
    const f = this.#take(api, ['http500', 'rate_limit', 'timeout', 'hang', 'token_invalid', 'bot_not_in_chat'], body);
    if (!f) return null;
    switch (f.kind) {
      case 'http500':
        return this.#answer(c, api, body, 500, { code: 1000000, msg: 'internal error (injected)' });
      case 'rate_limit':
        return this.#answer(c, api, body, 429, { code: 99991400, msg: 'request trigger frequency limit' }, { 'x-ogw-ratelimit-reset': String(f.resetSeconds ?? 1) });
      case 'timeout':
        this.held++;
        await new Promise((r) => setTimeout(r, f.holdMs ?? 15_000));
        this.held--;
        return this.#answer(c, api, body, 504, { code: 1000001, msg: 'gateway timeout (injected)' });
      case 'hang': {
        this.held++;
        let release: () => void = () => {};
        const timer = setTimeout(() => release(), f.holdMs ?? 10 * 60_000);
        await new Promise<void>((r) => this.#hung.add((release = r)));
        clearTimeout(timer);
        this.#hung.delete(release);
        this.held--;
        return this.#answer(c, api, body, 504, { code: 1000001, msg: 'gateway timeout (injected hang)' });
      }
      case 'token_invalid':
        this.#tokens.clear();
        return this.#answer(c, api, body, 200, { code: 99991663, msg: 'Invalid access token for authorization.' });
      case 'bot_not_in_chat':
        return this.#answer(c, api, body, 400, { code: 230002, msg: 'Bot/User can NOT be out of the chat.' });
      default:
        return null;
    }
  }

  #receiverOf(c: Context, api: FakeApi, body: Record<string, unknown>): string | null {
    if (api === 'message.create') return typeof body.receive_id === 'string' ? body.receive_id : null;
    if (api === 'message.patch') return c.req.param('id') ?? null;
    if (api === 'message.reply') return this.messages.get(c.req.param('id') ?? '')?.chatId ?? null;
    return null;
  }

  #authorized(c: Context): boolean {
    const auth = c.req.header('authorization') ?? '';
    return this.#tokens.has(auth.replace(/^Bearer\s+/i, ''));
  }

  #store(m: Omit<FakeMessage, 'messageId' | 'createdAt' | 'updatedAt' | 'patches'>): FakeMessage {
    const upload = m.msgType === 'file' ? this.files.get((m.content as { file_key?: string }).file_key ?? '') : undefined;
    const msg: FakeMessage = {
      ...m,
      messageId: this.#id('om'),
      createdAt: this.clock.now().getTime(),
      updatedAt: null,
      patches: 0,
      ...(upload ? { file: { name: upload.fileName, size: upload.bytes.length } } : {}),
    };
    this.messages.set(msg.messageId, msg);
    this.onChange?.(msg);
    return msg;
  }

  /** A file message must name a file this bot uploaded (the fake's own check; Lark's code for it is not known). */
  #unknownFile(msgType: string, content: unknown): { code: number; msg: string } | null {
    if (msgType !== 'file') return null;
    const key = (JSON.parse(String(content)) as { file_key?: string }).file_key ?? '';
    return this.files.has(key) ? null : { code: 230001, msg: `invalid file_key ${key}` };
  }

  /** The bytes of a file message the bot sent, with its upload's name and type (tests and the web chat). */
  fileOf(messageId: string): FakeFile | null {
    const m = this.messages.get(messageId);
    if (!m || m.msgType !== 'file') return null;
    return this.files.get((m.content as { file_key?: string }).file_key ?? '') ?? null;
  }

  #routes(): void {
    const app = this.app;
    const json = async (c: Context): Promise<Record<string, unknown>> => {
      try {
        return (await c.req.json()) as Record<string, unknown>;
      } catch {
        return {};
      }
    };

    app.post('/open-apis/auth/v3/tenant_access_token/internal', async (c) => {
      const body = await json(c);
      const fault = await this.#fault(c, 'token', body);
      if (fault) return fault;
      if (body.app_id !== this.#o.appId || body.app_secret !== this.#o.appSecret) {
        return this.#answer(c, 'token', body, 200, { code: 10014, msg: 'app secret invalid' });
      }
      const token = `t-${this.#id('tenant')}`;
      this.#tokens.add(token);
      return this.#answer(c, 'token', body, 200, { code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 });
    });

    const guarded = (api: FakeApi, handler: (c: Context, body: Record<string, unknown>) => Promise<Response> | Response) => async (c: Context) => {
      // A multipart body is the upload handler's to read (Hono serves a body once per kind).
      const body = c.req.method === 'GET' || (c.req.header('content-type') ?? '').startsWith('multipart/') ? {} : await json(c);
      this.arrivals.push({ api, receiver: this.#receiverOf(c, api, body), at: Date.now() });
      const fault = await this.#fault(c, api, body);
      if (fault) return fault;
      if (!this.#authorized(c)) return this.#answer(c, api, body, 400, { code: 99991663, msg: 'Invalid access token for authorization.' });
      if (this.#rates.over(`api:${api}`, 50)) {
        return this.#answer(c, api, body, 429, { code: 99991400, msg: 'request trigger frequency limit' }, { 'x-ogw-ratelimit-reset': '1' });
      }
      const metered = api !== 'contact.user';
      const month = budgetMonth(this.clock.now(), 'Asia/Shanghai');
      if (month !== this.quota.month) Object.assign(this.quota, { month, used: 0 });
      if (metered && this.quota.limit !== null && this.quota.used >= this.quota.limit) {
        return this.#answer(c, api, body, 429, { code: 99991403, msg: 'The monthly API call quota of the tenant has been used up' });
      }
      const slow = this.#take(api, ['slow'], body);
      const res = await handler(c, body);
      // Failed calls do not count against the quota.
      if (metered && this.calls.at(-1)?.code === 0 && this.calls.at(-1)?.status === 200) this.quota.used++;
      if (slow) {
        this.held++;
        await new Promise((r) => setTimeout(r, slow.holdMs ?? 15_000));
        this.held--;
      }
      return res;
    };

    app.post(
      '/open-apis/im/v1/messages',
      guarded('message.create', (c, body) => {
        const idType = c.req.query('receive_id_type');
        const receiveId = String(body.receive_id ?? '');
        const msgType = String(body.msg_type ?? '');
        if (!['open_id', 'chat_id', 'user_id', 'union_id', 'email'].includes(idType ?? '')) {
          return this.#answer(c, 'message.create', body, 400, { code: 99992402, msg: 'field validation failed: receive_id_type' });
        }
        if (!receiveId) return this.#answer(c, 'message.create', body, 400, { code: 99992402, msg: 'receive_id is required' });
        const uuid = typeof body.uuid === 'string' ? body.uuid : null;
        const now = this.clock.now().getTime();
        const earlier = uuid ? this.#uuids.get(uuid) : undefined;
        if (earlier && now - earlier.at < UUID_WINDOW_MS) {
          const m = this.messages.get(earlier.messageId)!;
          return this.#answer(c, 'message.create', body, 200, { code: 0, msg: 'success', data: { message_id: m.messageId, chat_id: m.chatId } });
        }
        if (this.#rates.over(`rcv:${receiveId}`, 5)) {
          return this.#answer(c, 'message.create', body, 429, { code: 99991400, msg: 'request trigger frequency limit' }, { 'x-ogw-ratelimit-reset': '1' });
        }
        const bad = checkMessageContent(msgType, body.content) ?? this.#unknownFile(msgType, body.content);
        if (bad) return this.#answer(c, 'message.create', body, 400, bad);
        const chatId = idType === 'chat_id' ? receiveId : this.p2pChatId(receiveId);
        const msg = this.#store({
          chatId,
          receiverOpenId: idType === 'open_id' ? receiveId : null,
          sender: 'bot',
          msgType,
          content: JSON.parse(String(body.content)),
          parentId: null,
        });
        if (uuid) this.#uuids.set(uuid, { messageId: msg.messageId, at: now });
        return this.#answer(c, 'message.create', body, 200, { code: 0, msg: 'success', data: { message_id: msg.messageId, chat_id: chatId, msg_type: msgType } });
      }),
    );

    app.post(
      '/open-apis/im/v1/messages/:id/reply',
      guarded('message.reply', (c, body) => {
        const parent = this.messages.get(c.req.param('id') ?? '');
        if (!parent) return this.#answer(c, 'message.reply', body, 400, { code: 230011, msg: 'The message was withdrawn or does not exist.' });
        const uuid = typeof body.uuid === 'string' ? body.uuid : null;
        const now = this.clock.now().getTime();
        const earlier = uuid ? this.#uuids.get(uuid) : undefined;
        if (earlier && now - earlier.at < UUID_WINDOW_MS) {
          return this.#answer(c, 'message.reply', body, 200, { code: 0, msg: 'success', data: { message_id: earlier.messageId, chat_id: parent.chatId } });
        }
        if (this.#rates.over(`rcv:${parent.chatId}`, 5)) {
          return this.#answer(c, 'message.reply', body, 429, { code: 99991400, msg: 'request trigger frequency limit' }, { 'x-ogw-ratelimit-reset': '1' });
        }
        const msgType = String(body.msg_type ?? '');
        const bad = checkMessageContent(msgType, body.content) ?? this.#unknownFile(msgType, body.content);
        if (bad) return this.#answer(c, 'message.reply', body, 400, bad);
        const msg = this.#store({ chatId: parent.chatId, receiverOpenId: parent.receiverOpenId ?? (parent.sender !== 'bot' ? parent.sender : null), sender: 'bot', msgType, content: JSON.parse(String(body.content)), parentId: parent.messageId });
        if (uuid) this.#uuids.set(uuid, { messageId: msg.messageId, at: now });
        return this.#answer(c, 'message.reply', body, 200, { code: 0, msg: 'success', data: { message_id: msg.messageId, chat_id: parent.chatId, parent_id: parent.messageId } });
      }),
    );

    app.patch(
      '/open-apis/im/v1/messages/:id',
      guarded('message.patch', (c, body) => {
        const m = this.messages.get(c.req.param('id') ?? '');
        if (!m || m.sender !== 'bot') return this.#answer(c, 'message.patch', body, 400, { code: 230011, msg: 'The message was withdrawn or does not exist.' });
        if (m.msgType !== 'interactive') return this.#answer(c, 'message.patch', body, 400, { code: 230001, msg: 'only cards can be patched' });
        if (this.clock.now().getTime() - m.createdAt > PATCH_WINDOW_MS) {
          return this.#answer(c, 'message.patch', body, 400, { code: 230031, msg: 'The message has exceeded the time limit for editing.' });
        }
        if (this.#rates.over(`msg:${m.messageId}`, 5)) {
          return this.#answer(c, 'message.patch', body, 429, { code: 99991400, msg: 'request trigger frequency limit' }, { 'x-ogw-ratelimit-reset': '1' });
        }
        const bad = checkMessageContent('interactive', body.content);
        if (bad) return this.#answer(c, 'message.patch', body, 400, bad);
        m.content = JSON.parse(String(body.content));
        m.updatedAt = this.clock.now().getTime();
        m.patches++;
        this.onChange?.(m);
        return this.#answer(c, 'message.patch', body, 200, { code: 0, msg: 'success', data: {} });
      }),
    );

    app.post(
      '/open-apis/interactive/v1/card/update',
      guarded('card.update', (c, body) => {
        const token = String(body.token ?? '');
        const t = this.#cardTokens.get(token);
        const now = this.clock.now().getTime();
        if (!t || now - t.issuedAt > 30 * 60_000 || t.uses >= 2) {
          return this.#answer(c, 'card.update', body, 400, { code: 300030, msg: 'token invalid or expired' });
        }
        const refused = checkCard(body.card);
        if (refused) return this.#answer(c, 'card.update', body, 400, refused);
        t.uses++;
        const m = this.messages.get(t.messageId);
        if (m) {
          m.content = body.card;
          m.updatedAt = now;
          m.patches++;
          this.onChange?.(m);
        }
        return this.#answer(c, 'card.update', body, 200, { code: 0, msg: 'success', data: {} });
      }),
    );

    app.get(
      '/open-apis/contact/v3/users/:id',
      guarded('contact.user', (c, body) => {
        const id = c.req.param('id') ?? '';
        const u = this.users.get(id);
        if (!u) return this.#answer(c, 'contact.user', body, 400, { code: 41050, msg: 'no user authority error' });
        return this.#answer(c, 'contact.user', body, 200, { code: 0, msg: 'success', data: { user: { open_id: id, name: u.name, en_name: u.enName ?? '' } } });
      }),
    );

    app.get(
      '/open-apis/bot/v3/info',
      guarded('bot.info', (c, body) => this.#answer(c, 'bot.info', body, 200, { code: 0, msg: 'ok', bot: { open_id: this.bot.openId, app_name: this.bot.name, activate_status: 2 } })),
    );

    const upload = (kind: 'image' | 'file') =>
      guarded('upload', async (c) => {
        const form = await multipart(c);
        const file = form.get(kind);
        const size = file?.bytes.length ?? 0;
        const limit = kind === 'image' ? 10 * 1024 * 1024 : 30 * 1024 * 1024;
        // Lark answers a bad parameter with 234001 "Invalid request param." at HTTP 400 (lark-more.md §2.3).
        const invalid = (why: string) => this.#answer(c, 'upload', { size }, 400, { code: 234001, msg: `Invalid request param: ${why}` });
        if (kind === 'file') {
          const fileType = form.get('file_type')?.text ?? '';
          if (!FILE_TYPES.has(fileType)) return invalid(`file_type ${fileType || 'missing'}`);
          if (!form.get('file_name')?.text) return invalid('file_name is required');
        }
        if (!size) return invalid('empty file');
        if (size > limit) return this.#answer(c, 'upload', { size }, 400, { code: 234006, msg: 'The file size exceed the max value.' });
        if (kind === 'image') return this.#answer(c, 'upload', { size }, 200, { code: 0, msg: 'success', data: { image_key: `img_${this.#id('k')}` } });
        const key = `file_${this.#id('k')}`;
        const name = form.get('file_name')!.text;
        this.files.set(key, { fileKey: key, fileType: form.get('file_type')!.text, fileName: name, bytes: file!.bytes, at: this.clock.now().getTime() });
        return this.#answer(c, 'upload', { size, file_type: form.get('file_type')!.text, file_name: name }, 200, { code: 0, msg: 'success', data: { file_key: key } });
      });
    app.post('/open-apis/im/v1/images', upload('image'));
    app.post('/open-apis/im/v1/files', upload('file'));

    const router: FakeRouter<FakeApi> = {
      app,
      serve: (api, answer) =>
        guarded(api, (c, body) => {
          const a = answer(c, body);
          return this.#answer(c, api, body, a.status, a.payload);
        }),
    };
    calendarRoutes(router, this.calendar, () => this.bot.openId);
    taskRoutes(router, this.tasks);
      registerApprovalRoutes((method, p, fn) => app.on(method, p, router.serve('approval', (_c, body) => fn(body))), this.approval);

    app.all('/open-apis/*', (c) => this.#answer(c, 'bot.info', {}, 404, { code: 404, msg: `the fake does not serve ${c.req.method} ${c.req.path}` }));
  }
}
