/**
 * The one outbound Lark client, on @larksuiteoapi/node-sdk (Node and Workers). It owns the
 * tenant token so that concurrent calls share one fetch, and an invalidated token (99991663)
 * is refreshed and the call retried once — two things the SDK does not do (lark.md §4.4, §7).
 */
import type * as lark from '@larksuiteoapi/node-sdk';
import { larkSdk } from './sdk.js';
import { classifyBusinessCode, classifyThrown, LarkApiError } from './errors.js';
import type { Logger } from '../log.js';

export interface LarkClientOptions {
  appId: string;
  appSecret: string;
  baseUrl: string;
  log: Logger;
  /** Per request; Lark normally answers in well under a second. */
  timeoutMs?: number;
  nowMs?: () => number;
  /**
   * How a request goes out, in the SDK's terms (axios' config in, the body out, axios-shaped
   * errors). By default the SDK's own axios instance, which works everywhere; Node passes a
   * lighter one (src/runtime/node-http.ts).
   */
  http?: LarkHttpRequest;
}

/** One request as the SDK makes it: axios' request config in, the unwrapped body out. */
export type LarkHttpRequest = (opts: Record<string, unknown>) => Promise<unknown>;

export interface SendResult {
  messageId: string;
  chatId: string | null;
}

export interface LarkUser {
  openId: string;
  name: string;
  enName: string | null;
}

type ApiResponse<T> = { code?: number; msg?: string; data?: T };

/** A calendar event time: Unix seconds as a string, and an IANA zone. */
export type LarkTime = { timestamp: string; timezone: string };
export interface CalendarEventBody {
  summary?: string;
  description?: string;
  need_notification?: boolean;
  start_time?: LarkTime;
  end_time?: LarkTime;
  location?: { name?: string };
  attendee_ability?: 'none' | 'can_see_others' | 'can_invite_others' | 'can_modify_event';
  visibility?: 'default' | 'private' | 'public';
  free_busy_status?: 'free' | 'busy';
  reminders?: { minutes?: number }[];
  vchat?: { vc_type?: 'no_meeting' };
}

/** A task/v2 task as the bot makes it (feishu-native.md "Tasks v2"): times are Unix *milliseconds* as strings. */
export interface TaskBody {
  summary?: string;
  description?: string;
  due?: { timestamp: string; is_all_day: boolean };
  /** "0": not completed. */
  completed_at?: string;
}
/** A user member of a task by open_id (task/v2 add_members / remove_members). */
export interface TaskMemberRef {
  id: string;
  role: 'assignee' | 'follower';
}
type TaskPlatformComplete = { href: string; tip: { zh_cn?: string; en_us?: string } };
export interface TaskCreateBody extends TaskBody {
  summary: string;
  members: { id: string; type: 'user' | 'app'; role: 'assignee' | 'follower' }[];
  client_token: string;
  origin: { platform_i18n_name: { zh_cn?: string; en_us?: string }; href?: { url: string; title?: string } };
  custom_complete: { pc: TaskPlatformComplete; ios: TaskPlatformComplete; android: TaskPlatformComplete };
}

type ApprovalV4 = lark.Client['approval']['v4'];
export type ExternalApprovalBody = NonNullable<Parameters<ApprovalV4['externalApproval']['create']>[0]>['data'];
export type ExternalInstanceBody = NonNullable<Parameters<ApprovalV4['externalInstance']['create']>[0]>['data'];
export type ExternalCheckEntry = NonNullable<Parameters<ApprovalV4['externalInstance']['check']>[0]>['data']['instances'][number];

/** Calls Feishu does not count against the monthly quota: contacts and auth (failed calls neither). */
const UNMETERED = new Set(['contact.user.get']);

export class LarkClient {
  #sdk: lark.Client | null = null;
  #sdkLoad: Promise<lark.Client> | null = null;
  readonly #sdkOptions: ConstructorParameters<typeof lark.Client>[0];
  #token: { value: string; expiresAt: number } | null = null;
  #tokenFetch: Promise<string> | null = null;
  readonly #o: Required<Omit<LarkClientOptions, 'log' | 'http'>> & { log: Logger };
  tokenFetches = 0;
  /** Successful metered calls per API since the last `takeCalls()` (call-budget.ts stores them). */
  #calls = new Map<string, number>();

  constructor(o: LarkClientOptions) {
    this.#o = { timeoutMs: 10_000, nowMs: () => Date.now(), ...o };
    const timeout = this.#o.timeoutMs;
    const send: LarkHttpRequest = o.http ?? (async (opts) => (await larkSdk()).defaultHttpInstance.request(opts));
    // The SDK's axios has no default timeout; a hung connection would stall the drainer.
    // Its interceptor already unwraps the axios response, so the SDK sees the body.
    const req = (opts: Record<string, unknown>) => send({ timeout, ...opts }) as Promise<never>;
    const http: lark.HttpInstance = {
      request: (opts) => req({ ...opts }),
      get: (url, opts) => req({ ...opts, url, method: 'get' }),
      delete: (url, opts) => req({ ...opts, url, method: 'delete' }),
      head: (url, opts) => req({ ...opts, url, method: 'head' }),
      options: (url, opts) => req({ ...opts, url, method: 'options' }),
      post: (url, data, opts) => req({ ...opts, url, data, method: 'post' }),
      put: (url, data, opts) => req({ ...opts, url, data, method: 'put' }),
      patch: (url, data, opts) => req({ ...opts, url, data, method: 'patch' }),
    };
    const log = o.log;
    this.#sdkOptions = {
      appId: o.appId,
      appSecret: o.appSecret,
      domain: o.baseUrl,
      // We fetch and pass the token ourselves (withTenantToken) to get single-flight and refresh.
      disableTokenCache: true,
      httpInstance: http,
      logger: {
        error: (...m: unknown[]) => log.debug('lark.sdk', { m: m.map(String).join(' ').slice(0, 300) }),
        warn: () => {},
        info: () => {},
        debug: () => {},
        trace: () => {},
      },
    };
  }

  /** The SDK's client, once `#loaded()` has resolved (every call goes through it first). */
  get sdk(): lark.Client {
    if (!this.#sdk) throw new Error('LarkClient: the SDK is used before it was loaded');
    return this.#sdk;
  }

  /**
   * The SDK is a 6 MB module that costs ~0.3–0.4 s to load, most of a start's module loading
   * (issue 14), and a start makes no Lark call: it is loaded at the first call instead.
   */
  async #loaded(): Promise<lark.Client> {
    if (this.#sdk) return this.#sdk;
    this.#sdkLoad ??= larkSdk().then((sdk) => (this.#sdk = new sdk.Client({ ...this.#sdkOptions, loggerLevel: sdk.LoggerLevel.error })));
    return this.#sdkLoad;
  }

  /** One fetch serves every concurrent caller; refreshed 3 minutes before expiry. */
  async tenantToken(): Promise<string> {
    const now = this.#o.nowMs();
    if (this.#token && this.#token.expiresAt > now) return this.#token.value;
    if (!this.#tokenFetch) {
      this.#tokenFetch = (async () => {
        this.tokenFetches++;
        try {
          const sdk = this.#sdk ?? (await this.#loaded());
          const res = (await sdk.request({
            method: 'POST',
            url: '/open-apis/auth/v3/tenant_access_token/internal',
            data: { app_id: this.#o.appId, app_secret: this.#o.appSecret },
          })) as { code?: number; msg?: string; tenant_access_token?: string; expire?: number };
          if (res.code !== 0 || !res.tenant_access_token) throw classifyBusinessCode(res.code ?? -1, `token: ${res.msg ?? 'no token'}`);
          const ttl = Math.max(60, (res.expire ?? 7200) - 180) * 1000;
          this.#token = { value: res.tenant_access_token, expiresAt: this.#o.nowMs() + ttl };
          return res.tenant_access_token;
        } catch (e) {
          throw classifyThrown(e);
        } finally {
          this.#tokenFetch = null;
        }
      })();
    }
    return this.#tokenFetch;
  }

  countCall(api: string): void {
    if (!UNMETERED.has(api)) this.#calls.set(api, (this.#calls.get(api) ?? 0) + 1);
  }

  /** The calls counted since the last take, and a fresh count from here on. */
  takeCalls(): Map<string, number> {
    const taken = this.#calls;
    this.#calls = new Map();
    return taken;
  }

  invalidateToken(): void {
    this.#token = null;
  }

  /** Runs an API call with the token; on an invalid token, refreshes once and retries. */
  async call<T>(name: string, fn: (opts: ReturnType<typeof lark.withTenantToken>) => Promise<ApiResponse<T>>): Promise<T> {
    if (!this.#sdk) await this.#loaded();
    for (let attempt = 0; ; attempt++) {
      const token = await this.tenantToken();
      let res: ApiResponse<T>;
      try {
        // What the SDK's withTenantToken(token) makes.
        res = await fn({ headers: { Authorization: `Bearer ${token}` } });
      } catch (e) {
        const err = classifyThrown(e);
        if (err.failure === 'token_invalid' && attempt === 0) {
          this.invalidateToken();
          continue;
        }
        throw err;
      }
      if (res.code === 0 || res.code === undefined) {
        this.countCall(name);
        return (res.data ?? ({} as T)) as T;
      }
      const err = classifyBusinessCode(res.code, `${name}: ${res.msg ?? ''}`);
      if (err.failure === 'token_invalid' && attempt === 0) {
        this.invalidateToken();
        continue;
      }
      throw err;
    }
  }

  async sendMessage(m: { receiveIdType: 'open_id' | 'chat_id'; receiveId: string; msgType: string; content: string; uuid: string }): Promise<SendResult> {
    const data = await this.call<{ message_id?: string; chat_id?: string }>('im.message.create', (opts) =>
      this.sdk.im.message.create(
        { params: { receive_id_type: m.receiveIdType }, data: { receive_id: m.receiveId, msg_type: m.msgType, content: m.content, uuid: m.uuid } },
        opts,
      ),
    );
    if (!data.message_id) throw new LarkApiError('retryable', null, 'send returned no message_id');
    return { messageId: data.message_id, chatId: data.chat_id ?? null };
  }

  async replyMessage(m: { messageId: string; msgType: string; content: string; uuid: string }): Promise<SendResult> {
    const data = await this.call<{ message_id?: string; chat_id?: string }>('im.message.reply', (opts) =>
      this.sdk.im.message.reply({ path: { message_id: m.messageId }, data: { msg_type: m.msgType, content: m.content, uuid: m.uuid } }, opts),
    );
    if (!data.message_id) throw new LarkApiError('retryable', null, 'reply returned no message_id');
    return { messageId: data.message_id, chatId: data.chat_id ?? null };
  }

  /**
   * Uploads a file for a `file` message (`POST /open-apis/im/v1/files`, ≤ 30 MB, not empty;
   * lark-more.md §2). The SDK answers this one with the unwrapped `data` (`{file_key}` or null),
   * so a business error at HTTP 200 shows as a missing key and is retried like any answer
   * without a result. The bytes go as a typed array: axios makes a Buffer part of it on Node
   * and a Blob part on workerd, and Lark takes the name from `file_name`, not the part.
   */
  async uploadFile(f: { fileType: 'opus' | 'mp4' | 'pdf' | 'doc' | 'xls' | 'ppt' | 'stream'; fileName: string; bytes: Uint8Array }): Promise<string> {
    const data = await this.call<{ file_key?: string }>('im.file.create', async (opts) => {
      const r = await this.sdk.im.file.create({ data: { file_type: f.fileType, file_name: f.fileName, file: f.bytes as Buffer } }, opts);
      // Not counted: Lark does not count a call that failed.
      if (!r?.file_key) throw new LarkApiError('retryable', null, 'im.file.create: no file_key (a business error the SDK does not show)');
      return { code: 0, data: r };
    });
    return data.file_key!;
  }

  async patchCard(messageId: string, card: unknown): Promise<void> {
    await this.call('im.message.patch', (opts) =>
      this.sdk.im.message.patch({ path: { message_id: messageId }, data: { content: JSON.stringify(card) } }, opts),
    );
  }

  /** The bot's own primary calendar (app identity), where its events live (lark-more.md §7). */
  async primaryCalendar(): Promise<string> {
    const data = await this.call<{ calendars?: { calendar?: { calendar_id?: string } }[] }>('calendar.primary', (opts) =>
      this.sdk.calendar.calendar.primary({ params: { user_id_type: 'open_id' } }, opts),
    );
    const id = data.calendars?.[0]?.calendar?.calendar_id;
    if (!id) throw new LarkApiError('retryable', null, 'calendar.primary returned no calendar_id');
    return id;
  }

  /** `idempotencyKey` (32–128 characters): the same key on the same calendar gets the event made the first time. */
  async createEvent(calendarId: string, idempotencyKey: string, event: CalendarEventBody & { start_time: LarkTime; end_time: LarkTime }): Promise<string> {
    const data = await this.call<{ event?: { event_id?: string } }>('calendar.event.create', (opts) =>
      this.sdk.calendar.calendarEvent.create({ path: { calendar_id: calendarId }, params: { idempotency_key: idempotencyKey, user_id_type: 'open_id' }, data: event }, opts),
    );
    const id = data.event?.event_id;
    if (!id) throw new LarkApiError('retryable', null, 'calendar.event.create returned no event_id');
    return id;
  }

  async patchEvent(calendarId: string, eventId: string, event: CalendarEventBody): Promise<void> {
    await this.call('calendar.event.patch', (opts) =>
      this.sdk.calendar.calendarEvent.patch({ path: { calendar_id: calendarId, event_id: eventId }, params: { user_id_type: 'open_id' }, data: event }, opts),
    );
  }

  /** Attendees hear of it (need_notification): the event is withdrawn from their calendars. */
  async deleteEvent(calendarId: string, eventId: string): Promise<void> {
    await this.call('calendar.event.delete', (opts) =>
      this.sdk.calendar.calendarEvent.delete({ path: { calendar_id: calendarId, event_id: eventId }, params: { need_notification: 'true' } }, opts),
    );
  }

  async inviteToEvent(calendarId: string, eventId: string, openIds: readonly string[]): Promise<void> {
    await this.call('calendar.attendee.create', (opts) =>
      this.sdk.calendar.calendarEventAttendee.create(
        {
          path: { calendar_id: calendarId, event_id: eventId },
          params: { user_id_type: 'open_id' },
          data: { attendees: openIds.map((id) => ({ type: 'user' as const, user_id: id, is_optional: false })), need_notification: true },
        },
        opts,
      ),
    );
  }

  /** By open_id (`delete_ids`), so the attendee ids Lark gave need not be kept. */
  async uninviteFromEvent(calendarId: string, eventId: string, openIds: readonly string[]): Promise<void> {
    await this.call('calendar.attendee.batch_delete', (opts) =>
      this.sdk.calendar.calendarEventAttendee.batchDelete(
        {
          path: { calendar_id: calendarId, event_id: eventId },
          params: { user_id_type: 'open_id' },
          data: { delete_ids: openIds.map((id) => ({ type: 'user' as const, user_id: id })), need_notification: true },
        },
        opts,
      ),
    );
  }

  /** `client_token` makes a repeat within Lark's 5 minutes return the task made the first time. */
  async createTask(task: TaskCreateBody): Promise<string> {
    const data = await this.call<{ task?: { guid?: string } }>('task.task.create', (opts) =>
      this.sdk.task.v2.task.create({ params: { user_id_type: 'open_id' }, data: task }, opts),
    );
    const guid = data.task?.guid;
    if (!guid) throw new LarkApiError('retryable', null, 'task.task.create returned no guid');
    return guid;
  }

  /** Only the fields named in `update_fields` change; the rest of `task` is ignored by Lark. */
  async patchTask(guid: string, task: TaskBody): Promise<void> {
    const updateFields = Object.keys(task);
    await this.call('task.task.patch', (opts) =>
      this.sdk.task.v2.task.patch({ path: { task_guid: guid }, params: { user_id_type: 'open_id' }, data: { task, update_fields: updateFields } }, opts),
    );
  }

  /** Lark ignores a member already there (by id and role), so a repeat after a lost answer is harmless. */
  async addTaskMembers(guid: string, members: readonly TaskMemberRef[]): Promise<void> {
    await this.call('task.task.add_members', (opts) =>
      this.sdk.task.v2.task.addMembers({ path: { task_guid: guid }, params: { user_id_type: 'open_id' }, data: { members: members.map((m) => ({ id: m.id, type: 'user', role: m.role })) } }, opts),
    );
  }

  /** Lark ignores removing someone who is not a member. */
  async removeTaskMembers(guid: string, members: readonly TaskMemberRef[]): Promise<void> {
    await this.call('task.task.remove_members', (opts) =>
      this.sdk.task.v2.task.removeMembers({ path: { task_guid: guid }, params: { user_id_type: 'open_id' }, data: { members: members.map((m) => ({ id: m.id, type: 'user', role: m.role })) } }, opts),
    );
  }

  async deleteTask(guid: string): Promise<void> {
    await this.call('task.task.delete', (opts) => this.sdk.task.v2.task.delete({ path: { task_guid: guid } }, opts));
  }

  /** Creates or, under a code Lark gave before, updates an external approval definition; the code Lark answers with. */
  async defineExternalApproval(body: ExternalApprovalBody): Promise<string> {
    const data = await this.call<{ approval_code?: string }>('approval.external_approval', (opts) =>
      this.sdk.approval.v4.externalApproval.create({ data: body, params: { user_id_type: 'open_id' } }, opts),
    );
    if (!data.approval_code) throw new LarkApiError('retryable', null, 'approval.external_approval returned no approval_code');
    return data.approval_code;
  }

  /** Syncs one instance to the approval centre (UPDATE mode: parts whose update_time did not rise are skipped by Lark). */
  async syncExternalInstance(body: ExternalInstanceBody): Promise<void> {
    await this.call('approval.external_instance', (opts) => this.sdk.approval.v4.externalInstance.create({ data: body }, opts));
  }

  /** The instances Lark lacks or holds an older version of (by update_time), of those asked about. */
  async checkExternalInstances(instances: ExternalCheckEntry[]): Promise<{ instanceId: string }[]> {
    const data = await this.call<{ diff_instances?: { instance_id: string }[] }>('approval.external_instance.check', (opts) =>
      this.sdk.approval.v4.externalInstance.check({ data: { instances } }, opts),
    );
    return (data.diff_instances ?? []).map((d) => ({ instanceId: d.instance_id }));
  }

  async getUser(openId: string): Promise<LarkUser | null> {
    const data = await this.call<{ user?: { open_id?: string; name?: string; en_name?: string } }>('contact.user.get', (opts) =>
      this.sdk.contact.user.get({ path: { user_id: openId }, params: { user_id_type: 'open_id' } }, opts),
    );
    if (!data.user?.name) return null;
    return { openId, name: data.user.name, enName: data.user.en_name || null };
  }

  async botInfo(): Promise<{ openId: string; name: string } | null> {
    const res = await this.call<unknown>('bot.info', async (opts) => {
      const r = (await this.sdk.request({ method: 'GET', url: '/open-apis/bot/v3/info' }, opts)) as ApiResponse<unknown> & { bot?: { open_id?: string; app_name?: string } };
      // bot/v3/info answers {code, bot:{…}} rather than {code, data}.
      return { code: r.code, msg: r.msg, data: r.bot };
    });
    const bot = res as { open_id?: string; app_name?: string } | undefined;
    return bot?.open_id ? { openId: bot.open_id, name: bot.app_name ?? '' } : null;
  }
}
