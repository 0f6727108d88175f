/**
 * The fake Lark's tasks (task/v2, feishu-native.md "Tasks v2"), with Lark's checks where a
 * mistake would pass unnoticed otherwise: due times in milliseconds (a 10-digit seconds value is
 * refused), members as assignee/follower users, a client_token of 10–100 characters that returns
 * the task made the first time for 5 minutes, `update_fields` naming what a patch changes,
 * completing a completed task refused with 1470400, members moved only by add_members /
 * remove_members (keyed by id and role: one person may be both), and 1470404 (HTTP 404) for a
 * task that is not there. `custom_complete` is kept: `tick()` is what a user's click in Feishu does.
 * Pure state and answers; fake-tasks-routes.ts routes the requests here.
 */
export interface FakeTask {
  guid: string;
  summary: string;
  description: string;
  /** Unix milliseconds. */
  due: number | null;
  members: { id: string; type: string; role: string }[];
  /** Unix milliseconds; null: open. */
  completedAt: number | null;
  customComplete: Record<string, { href?: string; tip?: unknown }> | null;
  origin: unknown;
  reminders: unknown[];
  deleted: boolean;
  createdAt: number;
  patches: number;
}

export type TaskAnswer = { status: number; payload: Record<string, unknown> };

const ok = (data: Record<string, unknown> = {}): TaskAnswer => ({ status: 200, payload: { code: 0, msg: 'success', data } });
const invalid = (why: string): TaskAnswer => ({ status: 400, payload: { code: 1470400, msg: `invalid param: ${why}` } });
const noTask: TaskAnswer = { status: 404, payload: { code: 1470404, msg: 'task not found' } };
const TOKEN_MS = 5 * 60_000;
const UPDATABLE = new Set(['summary', 'description', 'due', 'completed_at', 'start', 'extra', 'repeat_rule', 'mode', 'is_milestone', 'custom_fields']);

type Due = { timestamp?: unknown; is_all_day?: unknown } | undefined;

function readDue(d: Due): number | null | string {
  if (d === undefined || d === null) return null;
  if (typeof d !== 'object' || typeof d.timestamp !== 'string' || !/^\d{13}$/.test(d.timestamp)) return `due.timestamp must be a string of Unix milliseconds, got ${JSON.stringify(d?.timestamp)}`;
  return Number(d.timestamp);
}

/** A members list as add_members / remove_members take it, or why Lark would refuse it. */
function readMembers(raw: unknown, max: number, userIdType: string | undefined): { id: string; type: string; role: string }[] | string {
  if (!Array.isArray(raw) || !raw.length) return 'members is required';
  const out: { id: string; type: string; role: string }[] = [];
  for (const m of raw as { id?: unknown; type?: unknown; role?: unknown }[]) {
    if (typeof m?.id !== 'string' || !m.id || m.id.length > 100) return 'members[].id is required (at most 100 characters)';
    // Lark's own words (task-v2 overview, "接口错误返回规范").
    if (m.role !== 'assignee' && m.role !== 'follower') return "Invalid Param 'members', role is invalid. Only 'assignee', 'follower' are supported.";
    const type = m.type ?? 'user';
    if (type !== 'user' && type !== 'app') return `members[].type ${String(type)}`;
    if (type === 'user' && (userIdType ?? 'open_id') === 'open_id' && !m.id.startsWith('ou_')) return `members[].id ${m.id} is not an open_id`;
    if (!out.some((o) => o.id === m.id && o.role === m.role && o.type === type)) out.push({ id: m.id, type, role: m.role });
  }
  return out.length > max ? `members: at most ${max}` : out;
}

/** What the sandbox keeps across a restart (chat-log.ts): the database points at these guids. */
export interface TasksSnapshot {
  tasks: FakeTask[];
  seq: number;
}

export class FakeTasks {
  readonly tasks = new Map<string, FakeTask>();
  readonly #tokens = new Map<string, { guid: string; at: number }>();
  #seq = 0;
  /** Told after every change, so the sandbox can save the tasks. */
  onChange: (() => void) | null = null;

  constructor(private readonly nowMs: () => number) {}

  snapshot(): TasksSnapshot {
    return { tasks: [...this.tasks.values()], seq: this.#seq };
  }

  /** client_tokens are not kept: they last Lark's 5 minutes, less than a restart takes to matter. */
  restore(saved: TasksSnapshot | undefined): void {
    if (!saved) return;
    for (const t of saved.tasks ?? []) if (typeof t?.guid === 'string') this.tasks.set(t.guid, { ...t, members: [...(t.members ?? [])] });
    this.#seq = Math.max(this.#seq, saved.seq ?? 0);
  }

  #changed(a: TaskAnswer): TaskAnswer {
    if (a.status === 200) this.onChange?.();
    return a;
  }

  /** Tasks not deleted where the person is a member (any role). */
  of(openId: string): FakeTask[] {
    return [...this.tasks.values()].filter((t) => !t.deleted && t.members.some((m) => m.id === openId));
  }

  live(): FakeTask[] {
    return [...this.tasks.values()].filter((t) => !t.deleted);
  }

  #view(t: FakeTask) {
    return {
      guid: t.guid, summary: t.summary, description: t.description,
      due: t.due === null ? undefined : { timestamp: String(t.due), is_all_day: false },
      members: t.members, completed_at: String(t.completedAt ?? 0),
    };
  }

  create(body: Record<string, unknown>, userIdType: string | undefined): TaskAnswer {
    const token = body.client_token;
    if (token !== undefined) {
      if (typeof token !== 'string' || token.length < 10 || token.length > 100) return invalid('client_token must be 10 to 100 characters');
      const earlier = this.#tokens.get(token);
      if (earlier && this.nowMs() - earlier.at < TOKEN_MS) return ok({ task: this.#view(this.tasks.get(earlier.guid)!) });
    }
    if (typeof body.summary !== 'string' || !body.summary) return invalid('summary is required');
    const due = readDue(body.due as Due);
    if (typeof due === 'string') return invalid(due);
    const members = (body.members ?? []) as { id?: unknown; type?: unknown; role?: unknown }[];
    if (!Array.isArray(members) || members.length > 50) return invalid('members: at most 50');
    for (const m of members) {
      if (typeof m.id !== 'string' || !m.id) return invalid('members[].id is required');
      if (m.role !== 'assignee' && m.role !== 'follower') return invalid(`members[].role ${String(m.role)}`);
      if ((m.type ?? 'user') === 'user' && userIdType === 'open_id' && !m.id.startsWith('ou_')) return invalid(`members[].id ${m.id} is not an open_id`);
    }
    const reminders = (body.reminders ?? []) as unknown[];
    if (reminders.length > 1) return { status: 400, payload: { code: 1470613, msg: 'a task has at most one reminder' } };
    this.#seq++;
    const guid = `task-${this.#seq.toString(16).padStart(8, '0')}-fake`;
    this.tasks.set(guid, {
      guid, summary: body.summary, description: typeof body.description === 'string' ? body.description : '', due,
      members: members.map((m) => ({ id: m.id as string, type: (m.type as string) ?? 'user', role: m.role as string })),
      completedAt: null, customComplete: (body.custom_complete as FakeTask['customComplete']) ?? null, origin: body.origin ?? null,
      reminders, deleted: false, createdAt: this.nowMs(), patches: 0,
    });
    if (typeof token === 'string') this.#tokens.set(token, { guid, at: this.nowMs() });
    return this.#changed(ok({ task: this.#view(this.tasks.get(guid)!) }));
  }

  patch(guid: string, body: Record<string, unknown>): TaskAnswer {
    const t = this.tasks.get(guid);
    if (!t || t.deleted) return noTask;
    const fields = body.update_fields;
    if (!Array.isArray(fields) || !fields.length) return invalid('update_fields is required');
    const bad = fields.find((f) => typeof f !== 'string' || !UPDATABLE.has(f));
    if (bad !== undefined) return invalid(`update_fields: ${String(bad)}`);
    const task = (body.task ?? {}) as Record<string, unknown>;
    const next = { ...t };
    for (const f of fields as string[]) {
      if (f === 'summary') {
        if (typeof task.summary !== 'string' || !task.summary) return invalid('summary is required');
        next.summary = task.summary;
      } else if (f === 'description') next.description = typeof task.description === 'string' ? task.description : '';
      else if (f === 'due') {
        const due = readDue(task.due as Due);
        if (typeof due === 'string') return invalid(due);
        next.due = due;
      } else if (f === 'completed_at') {
        const v = task.completed_at;
        if (typeof v !== 'string' || !/^(0|\d{13})$/.test(v)) return invalid(`completed_at must be "0" or Unix milliseconds, got ${JSON.stringify(v)}`);
        if (v !== '0' && t.completedAt !== null) return invalid('the task is completed already');
        next.completedAt = v === '0' ? null : Number(v);
      }
    }
    next.patches++;
    this.tasks.set(guid, next);
    return this.#changed(ok({ task: this.#view(next) }));
  }

  /**
   * task/v2 add_members: 1 to 50 members (after removing repeats), each a user or app as assignee
   * or follower; one already there (same id and role) is ignored. Members cannot be patched.
   */
  addMembers(guid: string, body: Record<string, unknown>, userIdType: string | undefined): TaskAnswer {
    const t = this.tasks.get(guid);
    if (!t || t.deleted) return noTask;
    const token = body.client_token;
    if (token !== undefined && (typeof token !== 'string' || token.length < 10 || token.length > 100)) return invalid('client_token must be 10 to 100 characters');
    const read = readMembers(body.members, 50, userIdType);
    if (typeof read === 'string') return invalid(read);
    const has = (m: { id: string; role: string }) => t.members.some((x) => x.id === m.id && x.role === m.role);
    t.members = [...t.members, ...read.filter((m, i) => !has(m) && read.findIndex((o) => o.id === m.id && o.role === m.role) === i)];
    return this.#changed(ok({ task: this.#view(t) }));
  }

  /** task/v2 remove_members: 1 to 500 members; one who is not a member is ignored. */
  removeMembers(guid: string, body: Record<string, unknown>, userIdType: string | undefined): TaskAnswer {
    const t = this.tasks.get(guid);
    if (!t || t.deleted) return noTask;
    const read = readMembers(body.members, 500, userIdType);
    if (typeof read === 'string') return invalid(read);
    t.members = t.members.filter((x) => !read.some((m) => m.id === x.id && m.role === x.role));
    return this.#changed(ok({ task: this.#view(t) }));
  }

  delete(guid: string): TaskAnswer {
    const t = this.tasks.get(guid);
    if (!t || t.deleted) return noTask;
    t.deleted = true;
    return this.#changed(ok());
  }

  /** A user ticks the task in Feishu: a custom_complete task opens its href and stays open; another one completes. */
  tick(guid: string): { opened: string | null } {
    const t = this.tasks.get(guid);
    if (!t || t.deleted) throw new Error(`no task ${guid}`);
    const href = t.customComplete?.pc?.href ?? null;
    if (href) return { opened: href };
    t.completedAt = this.nowMs();
    this.onChange?.();
    return { opened: null };
  }
}
