/**
 * The fake Lark's approval centre (三方审批, lark-more.md §8): external approval definitions,
 * external instances synced in UPDATE or REPLACE mode, and the check — with Lark's checks where a
 * mistake would otherwise pass unnoticed:
 * - a definition created under a code Lark does not know gets a new code of Lark's (sending the
 *   same unknown code twice makes two definitions); under a known code it is updated;
 * - every time is Unix milliseconds as a string (a 10-digit seconds value is refused), end_time
 *   "0" while running; text fields are `@i18n@` keys resolved in i18n_resources;
 * - ids unique across the instance, its tasks and CCs; UPDATE never changes the approval code,
 *   a task's or CC's user or create_time;
 * - UPDATE mode: the instance, each task and each CC is taken only when its update_time is later
 *   than the one held — an older one is dropped silently (answered 0, counted in `dropped`);
 * - the same instance synced again within RESYNC_WINDOW_MS: 1395001;
 * - the quota (99991403) is fake-lark.ts's, for these routes as for every other.
 * Pure state and answers; fake-lark.ts routes the requests here (registerApprovalRoutes).
 */
export type ApprovalAnswer = { status: number; payload: Record<string, unknown> };

export interface FakeCentreTask {
  taskId: string;
  openId: string;
  status: string;
  createTime: number;
  endTime: number;
  updateTime: number;
  link: string;
}

export interface FakeCentreInstance {
  instanceId: string;
  approvalCode: string;
  status: string;
  /** The title in zh-CN (resolved from its key). */
  title: string;
  openId: string;
  startTime: number;
  endTime: number;
  updateTime: number;
  link: string;
  tasks: Map<string, FakeCentreTask>;
  ccs: Map<string, { ccId: string; openId: string; createTime: number; updateTime: number }>;
  /** Accepted syncs, and parts an older update_time made Lark skip. */
  syncs: number;
  dropped: number;
  lastSyncAt: number;
}

export interface FakeDefinition {
  code: string;
  name: string;
  enName: string;
  quickOperate: boolean;
  updates: number;
}

/** How soon the same instance may be synced again (Lark names no figure; 1395001 says "not in a short time"). */
export const RESYNC_WINDOW_MS = 2_000;
const STATUSES = new Set(['PENDING', 'APPROVED', 'REJECTED', 'CANCELED', 'DELETED', 'HIDDEN', 'TERMINATED']);
const TASK_STATUSES = new Set(['PENDING', 'APPROVED', 'REJECTED', 'TRANSFERRED', 'DONE']);
const LOCALES = new Set(['zh-CN', 'en-US', 'ja-JP', 'zh-HK', 'zh-TW']);

const ok = (data: Record<string, unknown> = {}): ApprovalAnswer => ({ status: 200, payload: { code: 0, msg: 'success', data } });
const invalid = (why: string): ApprovalAnswer => ({ status: 400, payload: { code: 1390001, msg: `param is invalid: ${why}` } });
const tooSoon: ApprovalAnswer = { status: 400, payload: { code: 1395001, msg: 'There have been some errors. Please try again later' } };

type Json = Record<string, unknown>;
const isMs = (v: unknown) => typeof v === 'string' && /^\d{13}$/.test(v);
const isEnd = (v: unknown) => v === '0' || isMs(v);

/** zh-CN texts by key, or why the resources are wrong. */
function resources(raw: unknown): { zh: Map<string, string>; en: Map<string, string> } | string {
  if (!Array.isArray(raw) || !raw.length) return 'i18n_resources is required';
  const zh = new Map<string, string>();
  const en = new Map<string, string>();
  let defaults = 0;
  for (const r of raw as Json[]) {
    if (typeof r.locale !== 'string' || !LOCALES.has(r.locale)) return `i18n_resources.locale must be like zh-CN, got ${JSON.stringify(r.locale)}`;
    if (r.is_default) defaults++;
    for (const t of (r.texts ?? []) as Json[]) {
      if (typeof t.key !== 'string' || !t.key.startsWith('@i18n@')) return `i18n key must start with @i18n@, got ${JSON.stringify(t.key)}`;
      (r.locale === 'en-US' ? en : zh).set(t.key, String(t.value ?? ''));
    }
  }
  if (defaults !== 1) return 'exactly one i18n_resources entry must be is_default';
  return { zh, en };
}

const resolved = (texts: Map<string, string>, key: unknown): string | null => (typeof key === 'string' && key.startsWith('@i18n@') && texts.has(key) ? texts.get(key)! : null);

/** The centre as the sandbox keeps it across restarts (the database points at these instances). */
export interface ApprovalSnapshot {
  definitions: FakeDefinition[];
  instances: (Omit<FakeCentreInstance, 'tasks' | 'ccs'> & { tasks: FakeCentreTask[]; ccs: { ccId: string; openId: string; createTime: number; updateTime: number }[] })[];
  seq: number;
}

export class FakeApproval {
  readonly definitions = new Map<string, FakeDefinition>();
  readonly instances = new Map<string, FakeCentreInstance>();
  #seq = 0;
  /** Called after every accepted change (the sandbox saves it with the chats). */
  onChange: (() => void) | null = null;

  constructor(private readonly nowMs: () => number) {}

  snapshot(): ApprovalSnapshot {
    return {
      definitions: [...this.definitions.values()],
      instances: [...this.instances.values()].map((i) => ({ ...i, tasks: [...i.tasks.values()], ccs: [...i.ccs.values()] })),
      seq: this.#seq,
    };
  }

  restore(saved: ApprovalSnapshot | undefined): void {
    if (!saved) return;
    for (const d of saved.definitions ?? []) this.definitions.set(d.code, { ...d });
    for (const i of saved.instances ?? []) this.instances.set(i.instanceId, { ...i, tasks: new Map(i.tasks.map((t) => [t.taskId, { ...t }])), ccs: new Map(i.ccs.map((c) => [c.ccId, { ...c }])) });
    this.#seq = Math.max(this.#seq, saved.seq ?? 0);
  }

  /** Each person's 待办: the pending tasks of pending instances, newest first. */
  todo(openId: string): { instanceId: string; title: string; taskId: string; since: number; link: string }[] {
    const out: { instanceId: string; title: string; taskId: string; since: number; link: string }[] = [];
    for (const i of this.instances.values()) {
      if (i.status !== 'PENDING') continue;
      for (const t of i.tasks.values()) if (t.openId === openId && t.status === 'PENDING') out.push({ instanceId: i.instanceId, title: i.title, taskId: t.taskId, since: t.createTime, link: t.link });
    }
    return out.sort((a, b) => b.since - a.since);
  }

  /** Every person with a 待办, for the sandbox's panel. */
  people(): string[] {
    return [...new Set([...this.instances.values()].flatMap((i) => [...i.tasks.values()].map((t) => t.openId)))].sort();
  }

  defineApproval(body: Json): ApprovalAnswer {
    const texts = resources(body.i18n_resources);
    if (typeof texts === 'string') return invalid(texts);
    const name = resolved(texts.zh, body.approval_name);
    if (name === null) return invalid('approval_name must be an @i18n@ key found in i18n_resources');
    if (typeof body.approval_code !== 'string' || !body.approval_code || body.approval_code.length > 128) return invalid('approval_code is required (at most 128 characters)');
    if (!body.external || typeof body.external !== 'object') return invalid('external is required');
    const ext = body.external as Json;
    const known = this.definitions.get(body.approval_code);
    const def: FakeDefinition = {
      code: known?.code ?? `${(++this.#seq).toString(16).padStart(8, '0').toUpperCase()}-7A5F-4717-A9CF-C233BF0202D4`,
      name,
      enName: resolved(texts.en, body.approval_name) ?? name,
      quickOperate: ext.enable_quick_operate === true,
      updates: known ? known.updates + 1 : 0,
    };
    this.definitions.set(def.code, def);
    this.onChange?.();
    return ok({ approval_code: def.code });
  }

  syncInstance(body: Json): ApprovalAnswer {
    const texts = resources(body.i18n_resources);
    if (typeof texts === 'string') return invalid(texts);
    const code = body.approval_code;
    if (typeof code !== 'string' || !this.definitions.has(code)) return invalid(`approval_code ${JSON.stringify(code)} is not a definition of this app`);
    const id = body.instance_id;
    if (typeof id !== 'string' || !id) return invalid('instance_id is required');
    if (typeof body.status !== 'string' || !STATUSES.has(body.status)) return invalid(`status ${JSON.stringify(body.status)}`);
    for (const f of ['start_time', 'update_time'] as const) if (!isMs(body[f])) return invalid(`${f} must be a string of Unix milliseconds, got ${JSON.stringify(body[f])}`);
    if (!isEnd(body.end_time)) return invalid(`end_time must be "0" or Unix milliseconds, got ${JSON.stringify(body.end_time)}`);
    const links = body.links as Json | undefined;
    if (!links || (typeof links.pc_link !== 'string' && typeof links.mobile_link !== 'string')) return invalid('links.pc_link or links.mobile_link is required');
    if (typeof body.open_id !== 'string' && typeof body.user_id !== 'string') return invalid('open_id or user_id of the initiator is required');
    const title = body.title === undefined ? this.definitions.get(code)!.name : resolved(texts.zh, body.title);
    if (title === null) return invalid('title must be an @i18n@ key found in i18n_resources');
    for (const f of (body.form ?? []) as Json[]) if (resolved(texts.zh, f.name) === null || resolved(texts.zh, f.value) === null) return invalid('form name and value must be @i18n@ keys found in i18n_resources');
    const tasks = (body.task_list ?? []) as Json[];
    const ccs = (body.cc_list ?? []) as Json[];
    const ids = [id, ...tasks.map((t) => t.task_id), ...ccs.map((c) => c.cc_id)];
    if (new Set(ids).size !== ids.length) return invalid('instance, task and cc ids must all differ');
    for (const t of tasks) {
      if (typeof t.task_id !== 'string' || (typeof t.open_id !== 'string' && typeof t.user_id !== 'string')) return invalid('task_list[]: task_id and open_id or user_id are required');
      if (typeof t.status !== 'string' || !TASK_STATUSES.has(t.status)) return invalid(`task status ${JSON.stringify(t.status)}`);
      if (!isMs(t.create_time) || !isEnd(t.end_time) || (t.update_time !== undefined && !isMs(t.update_time))) return invalid(`task ${t.task_id}: times must be strings of Unix milliseconds`);
      if (t.extra !== undefined) {
        try {
          JSON.parse(String(t.extra));
        } catch {
          return invalid(`task ${t.task_id}: extra must be a JSON string`);
        }
      }
    }
    for (const c of ccs) if (typeof c.cc_id !== 'string' || !isMs(c.create_time) || !isMs(c.update_time)) return invalid('cc_list[]: cc_id and millisecond times are required');

    const now = this.nowMs();
    const had = this.instances.get(id);
    if (had && now - had.lastSyncAt < RESYNC_WINDOW_MS) return tooSoon;
    const replace = body.update_mode !== 'UPDATE';
    const link = String(links.pc_link ?? links.mobile_link);
    if (had && !replace) {
      if (had.approvalCode !== code) return invalid('approval_code cannot change in UPDATE mode');
      for (const t of tasks) {
        const old = had.tasks.get(String(t.task_id));
        if (old && (old.openId !== t.open_id || String(old.createTime) !== t.create_time)) return invalid(`task ${t.task_id}: user and create_time cannot change in UPDATE mode`);
      }
      for (const c of ccs) {
        const old = had.ccs.get(String(c.cc_id));
        if (old && (old.openId !== c.open_id || String(old.createTime) !== c.create_time)) return invalid(`cc ${c.cc_id}: user and create_time cannot change in UPDATE mode`);
      }
    }
    const inst: FakeCentreInstance = had && !replace
      ? had
      : { instanceId: id, approvalCode: code, status: '', title: '', openId: '', startTime: 0, endTime: 0, updateTime: 0, link, tasks: new Map(), ccs: new Map(), syncs: had?.syncs ?? 0, dropped: had?.dropped ?? 0, lastSyncAt: 0 };
    const newer = (held: number, given: unknown) => replace || Number(given) > held;
    if (newer(inst.updateTime, body.update_time)) {
      Object.assign(inst, { status: body.status, title, openId: String(body.open_id ?? body.user_id), startTime: Number(body.start_time), endTime: Number(body.end_time), updateTime: Number(body.update_time), link });
    } else inst.dropped++;
    for (const t of tasks) {
      const old = inst.tasks.get(String(t.task_id));
      const given = t.update_time ?? t.create_time;
      if (old && !newer(old.updateTime, given)) {
        inst.dropped++;
        continue;
      }
      const tl = (t.links as Json | undefined) ?? links;
      inst.tasks.set(String(t.task_id), { taskId: String(t.task_id), openId: String(t.open_id ?? t.user_id), status: String(t.status), createTime: Number(t.create_time), endTime: Number(t.end_time), updateTime: Number(given), link: String(tl.pc_link ?? tl.mobile_link ?? link) });
    }
    for (const c of ccs) {
      const old = inst.ccs.get(String(c.cc_id));
      if (old && !newer(old.updateTime, c.update_time)) {
        inst.dropped++;
        continue;
      }
      inst.ccs.set(String(c.cc_id), { ccId: String(c.cc_id), openId: String(c.open_id ?? c.user_id), createTime: Number(c.create_time), updateTime: Number(c.update_time) });
    }
    inst.syncs++;
    inst.lastSyncAt = now;
    this.instances.set(id, inst);
    this.onChange?.();
    return ok({ data: { instance_id: id, approval_code: code, status: inst.status } });
  }

  /** Instances missing here, or whose instance or task update_time here is older than the one asked about. */
  check(body: Json): ApprovalAnswer {
    const asked = body.instances;
    if (!Array.isArray(asked)) return invalid('instances is required');
    const diff: Json[] = [];
    for (const a of asked as Json[]) {
      if (typeof a.instance_id !== 'string' || !isMs(a.update_time)) return invalid('instances[]: instance_id and a millisecond update_time are required');
      const held = this.instances.get(a.instance_id);
      const tasks = (a.tasks ?? []) as Json[];
      const staleTasks = tasks.filter((t) => {
        const h = held?.tasks.get(String(t.task_id));
        return !h || h.updateTime < Number(t.update_time);
      });
      if (!held || held.updateTime < Number(a.update_time) || staleTasks.length) {
        diff.push({ instance_id: a.instance_id, update_time: String(held?.updateTime ?? 0), tasks: staleTasks.map((t) => ({ task_id: t.task_id, update_time: String(held?.tasks.get(String(t.task_id))?.updateTime ?? 0) })) });
      }
    }
    return ok({ diff_instances: diff });
  }
}

type Route = (method: 'POST', path: string, fn: (body: Json) => ApprovalAnswer) => void;

/** The approval centre's routes, each through fake-lark.ts's guard (auth, rate limits, the quota, faults). */
export function registerApprovalRoutes(route: Route, fake: FakeApproval): void {
  route('POST', '/open-apis/approval/v4/external_approvals', (b) => fake.defineApproval(b));
  route('POST', '/open-apis/approval/v4/external_instances', (b) => fake.syncInstance(b));
  route('POST', '/open-apis/approval/v4/external_instances/check', (b) => fake.check(b));
}
