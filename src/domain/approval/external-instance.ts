/**
 * A request as Feishu's approval centre (三方审批, lark-more.md §8) should show it: one external
 * approval definition per request kind, one external instance per request, one task per approver
 * who was ever asked, and a CC for whoever acted on someone's behalf. Pure: what the drainer sends
 * (src/lark/approval-centre.ts) is built from this, and what was sent is compared with it.
 *
 * Lark's rules this keeps (external_instance FAQ, UPDATE mode): every `update_time` (instance,
 * task, cc) must rise or that part is silently skipped, so a part that changed gets a time later
 * than any it had, and one that did not keeps its own; ids, users and create times never change,
 * so each is derived from what never moves (the request, the step's index, the person).
 * Times are Unix milliseconds.
 */
import type { I18nText } from '../i18n.js';
import { kindLabel, REQUEST_KINDS, type RequestKind } from './kinds.js';
import type { ApprovalState, ApprovalStep, RequestStatus, StepStatus } from './types.js';

export type CentreStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'CANCELED';
export type CentreTaskStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'TRANSFERRED' | 'DONE';

export interface CentreTask {
  taskId: string;
  openId: string;
  status: CentreTaskStatus;
  /** Lark's complete_reason in the task's `extra` (null while pending). */
  reason: string | null;
  createTime: number;
  /** 0 while pending. */
  endTime: number;
  updateTime: number;
}

export interface CentreCc {
  ccId: string;
  openId: string;
  createTime: number;
  updateTime: number;
}

export interface CentreInstance {
  kind: RequestKind;
  instanceId: string;
  requesterId: string;
  status: CentreStatus;
  title: I18nText;
  /** At most three rows are shown by the centre. */
  form: { name: I18nText; value: I18nText }[];
  /** Where a click in the centre goes (the bot's chat: the card is there). */
  link: string;
  startTime: number;
  /** 0 while pending. */
  endTime: number;
  updateTime: number;
  tasks: CentreTask[];
  ccs: CentreCc[];
}

/** Our own code per kind, sent the first time; Lark answers with the code it made, which is kept (approval-centre.ts). */
export const definitionKey = (kind: RequestKind) => `kam_${kind}`;

export interface CentreDefinition {
  kind: RequestKind;
  name: I18nText;
  group: I18nText;
}

export const CENTRE_GROUP: I18nText = { zh_cn: '大客户部', en_us: 'Key accounts' };

export const centreDefinition = (kind: RequestKind): CentreDefinition => ({ kind, name: kindLabel(kind), group: CENTRE_GROUP });
export const centreDefinitions = (): CentreDefinition[] => REQUEST_KINDS.map(centreDefinition);

const INSTANCE_STATUS: Record<RequestStatus, CentreStatus> = {
  pending: 'PENDING',
  approved: 'APPROVED',
  rejected: 'REJECTED',
  // The centre has no "returned": it ended for the approvers; a resubmit makes it PENDING again.
  returned: 'REJECTED',
  withdrawn: 'CANCELED',
};

/** A step the approver saw (it was pending once) as a task; a step never reached is none. */
const TASK_OF: Partial<Record<StepStatus, { status: CentreTaskStatus; reason: string }>> = {
  pending: { status: 'PENDING', reason: '' },
  approved: { status: 'APPROVED', reason: 'approved' },
  rejected: { status: 'REJECTED', reason: 'rejected' },
  returned: { status: 'REJECTED', reason: 'specific_rollback' },
  transferred: { status: 'TRANSFERRED', reason: 'forward' },
  // Withdrawn (or the round ended) while it waited on them: off their to-do, not decided by them.
  cancelled: { status: 'DONE', reason: 'recall' },
  skipped: { status: 'DONE', reason: 'auto_skip' },
};

export const instanceIdOf = (requestId: string) => `kam-${requestId}`;
const taskIdOf = (requestId: string, s: ApprovalStep) => `kam-${requestId}-t${s.index}`;
const ccIdOf = (requestId: string, openId: string) => `kam-${requestId}-cc-${openId}`;

export interface CentreInput {
  state: ApprovalState;
  summary: I18nText | string;
  requesterName: string;
  link: string;
  nowMs: number;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
/** Lark: the form's rows together at most 2,048 characters; one summary row well within it. */
const text = (t: I18nText | string): I18nText => (typeof t === 'string' ? { zh_cn: clip(t, 300), en_us: clip(t, 300) } : { zh_cn: clip(t.zh_cn, 300), en_us: clip(t.en_us, 300) });

/** JSON with sorted keys: `prev` comes back from jsonb with its keys reordered. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : x));

/** A time later than `prev` (and no earlier than now): what makes Lark take an update. */
const after = (prev: number | undefined, nowMs: number) => Math.max(nowMs, (prev ?? 0) + 1);

/**
 * What the centre should show for the request now. `prev` is what was wanted before: a part
 * that is the same keeps its update_time (and its create_time, which Lark never changes).
 */
export function centreInstance(input: CentreInput, prev: CentreInstance | null): CentreInstance {
  const { state, nowMs } = input;
  const r = state.request;
  const prevTasks = new Map(prev?.tasks.map((t) => [t.taskId, t]));
  const tasks: CentreTask[] = [];
  for (const s of state.steps) {
    const map = TASK_OF[s.status];
    // Only steps someone was asked on: a waiting step, or one skipped before it was reached, is no task.
    if (!map || !s.approverId || !s.activatedAt) continue;
    const taskId = taskIdOf(r.id, s);
    const had = prevTasks.get(taskId);
    const endTime = map.status === 'PENDING' ? 0 : (s.decidedAt ?? s.activatedAt).getTime();
    const base = { taskId, openId: had?.openId ?? s.approverId, status: map.status, reason: map.reason || null, createTime: had?.createTime ?? s.activatedAt.getTime(), endTime };
    const same = had && had.status === base.status && had.endTime === base.endTime && had.reason === base.reason;
    tasks.push({ ...base, updateTime: same ? had.updateTime : after(had?.updateTime, nowMs) });
  }
  // Whoever decided in someone's place (an admin) has no task of their own: they see it under 抄送我.
  const prevCcs = new Map(prev?.ccs.map((c) => [c.ccId, c]));
  const ccIds = [...new Set(state.steps.filter((s) => s.decidedBy && s.approverId && s.decidedBy !== s.approverId && s.status !== 'cancelled').map((s) => s.decidedBy!))];
  const ccs = ccIds.map((openId) => {
    const ccId = ccIdOf(r.id, openId);
    const had = prevCcs.get(ccId);
    return had ?? { ccId, openId, createTime: nowMs, updateTime: nowMs };
  });
  const label = kindLabel(r.kind);
  const summary = text(input.summary);
  const status = INSTANCE_STATUS[r.status];
  const endTime = status === 'PENDING' ? 0 : r.updatedAt.getTime();
  const body = {
    kind: r.kind,
    instanceId: instanceIdOf(r.id),
    requesterId: prev?.requesterId ?? r.requesterId,
    status,
    title: { zh_cn: `${input.requesterName}的${label.zh_cn}`, en_us: `${label.en_us} · ${input.requesterName}` },
    form: [{ name: { zh_cn: '摘要', en_us: 'Summary' }, value: summary }],
    link: input.link,
    startTime: prev?.startTime ?? r.submittedAt.getTime(),
    endTime,
    tasks,
    ccs,
  };
  const changed = !prev || canonical({ ...prev, updateTime: 0 }) !== canonical({ ...body, updateTime: 0 });
  return { ...body, updateTime: changed ? after(prev?.updateTime, nowMs) : prev.updateTime };
}

/**
 * The same instance with every part's time moved on: what is sent again when the centre's check
 * says Lark's copy is missing or stale (a resend at the old times would be skipped).
 */
export function touched(spec: CentreInstance, nowMs: number): CentreInstance {
  return {
    ...spec,
    updateTime: after(spec.updateTime, nowMs),
    tasks: spec.tasks.map((t) => ({ ...t, updateTime: after(t.updateTime, nowMs) })),
    ccs: spec.ccs.map((c) => ({ ...c, updateTime: after(c.updateTime, nowMs) })),
  };
}

/** What `external_instances/check` is asked about one instance. */
export const checkEntry = (spec: CentreInstance) => ({
  instance_id: spec.instanceId,
  update_time: String(spec.updateTime),
  tasks: spec.tasks.map((t) => ({ task_id: t.taskId, update_time: String(t.updateTime) })),
});

/**
 * The body of `external_instances` (UPDATE mode) for `approvalCode`: text by `@i18n@` keys,
 * resolved in both languages. Given what Lark took last (`synced`), only the tasks and CCs that
 * changed since are sent: UPDATE mode keeps the others, and would skip them anyway.
 */
export function instanceBody(spec: CentreInstance, approvalCode: string, synced: CentreInstance | null = null, o: { quick?: boolean } = {}) {
  const sentTask = new Map(synced?.tasks.map((t) => [t.taskId, t.updateTime]));
  const sentCc = new Map(synced?.ccs.map((c) => [c.ccId, c.updateTime]));
  const texts: { key: string; zh: string; en: string }[] = [];
  const key = (t: I18nText) => {
    const k = `@i18n@${texts.length + 1}`;
    texts.push({ key: k, zh: t.zh_cn, en: t.en_us });
    return k;
  };
  const links = { pc_link: spec.link, mobile_link: spec.link };
  const body = {
    approval_code: approvalCode,
    instance_id: spec.instanceId,
    status: spec.status,
    links,
    title: key(spec.title),
    form: spec.form.slice(0, 3).map((f) => ({ name: key(f.name), value: key(f.value) })),
    open_id: spec.requesterId,
    start_time: String(spec.startTime),
    end_time: String(spec.endTime),
    update_time: String(spec.updateTime),
    update_mode: 'UPDATE' as const,
    task_list: spec.tasks.filter((t) => sentTask.get(t.taskId) !== t.updateTime).map((t) => ({
      task_id: t.taskId,
      open_id: t.openId,
      links,
      status: t.status,
      ...(t.reason ? { extra: JSON.stringify({ complete_reason: t.reason }) } : {}),
      // Quick approval: 同意 / 拒绝 in the centre, a rejection with its reason (the card asks for one too).
      ...(o.quick && t.status === 'PENDING'
        ? { action_context: t.taskId, action_configs: [{ action_type: 'APPROVE' }, { action_type: 'REJECT', is_need_reason: true, is_reason_required: true }] }
        : {}),
      create_time: String(t.createTime),
      end_time: String(t.endTime),
      update_time: String(t.updateTime),
    })),
    cc_list: spec.ccs.filter((c) => sentCc.get(c.ccId) !== c.updateTime).map((c) => ({ cc_id: c.ccId, open_id: c.openId, links, read_status: 'UNREAD' as const, create_time: String(c.createTime), update_time: String(c.updateTime) })),
    i18n_resources: [
      { locale: 'zh-CN' as const, is_default: true, texts: texts.map((t) => ({ key: t.key, value: t.zh })) },
      { locale: 'en-US' as const, is_default: false, texts: texts.map((t) => ({ key: t.key, value: t.en })) },
    ],
  };
  return body;
}

/**
 * The body of `external_approvals` for a kind; `code` is the stored code, or our key the first
 * time. With `callback`, approvers may approve or reject in the centre (quick approval), and
 * Feishu posts the decision there with the token; without, decisions are made on the card only.
 */
export function definitionBody(def: CentreDefinition, code: string, link: string, callback: { url: string; token: string } | null = null) {
  return {
    approval_name: '@i18n@1',
    approval_code: code,
    group_code: 'kam_bot',
    group_name: '@i18n@2',
    description: '@i18n@3',
    external: {
      biz_name: '@i18n@4',
      create_link_pc: link,
      create_link_mobile: link,
      support_pc: true,
      support_mobile: true,
      support_batch_read: false,
      // A quick decision goes through the same checks as a card click (src/lark/approval-callback.ts).
      enable_quick_operate: callback !== null,
      ...(callback ? { action_callback_url: callback.url, action_callback_token: callback.token } : {}),
      allow_batch_operate: false,
    },
    viewers: [{ viewer_type: 'TENANT' as const }],
    i18n_resources: [
      { locale: 'zh-CN' as const, is_default: true, texts: [
        { key: '@i18n@1', value: def.name.zh_cn }, { key: '@i18n@2', value: def.group.zh_cn },
        { key: '@i18n@3', value: `在大客户部助手中审批的${def.name.zh_cn}` }, { key: '@i18n@4', value: '大客户部助手' },
      ] },
      { locale: 'en-US' as const, is_default: false, texts: [
        { key: '@i18n@1', value: def.name.en_us }, { key: '@i18n@2', value: def.group.en_us },
        { key: '@i18n@3', value: `${def.name.en_us}, approved in the KAM bot` }, { key: '@i18n@4', value: 'KAM bot' },
      ] },
    ],
  };
}

/** A fingerprint of a definition: it is sent again only when what it says changed. */
export const definitionHash = (def: CentreDefinition, callback: { url: string; token: string } | null = null) => JSON.stringify([def.name, def.group, callback, 1]);

/** The request and step a centre task id names (`kam-<request>-t<index>`), or null. */
export function parseTaskId(taskId: unknown): { requestId: string; stepIndex: number } | null {
  const m = typeof taskId === 'string' ? /^kam-(.+)-t(\d+)$/.exec(taskId) : null;
  return m ? { requestId: m[1]!, stepIndex: Number(m[2]) } : null;
}
