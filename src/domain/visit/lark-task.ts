/**
 * A visit's record or follow-up duty as a Feishu task (task/v2, feishu-native.md "Tasks v2"):
 * what the task should be, and the calls that bring what Lark has to that. Pure: the app layer
 * builds the wanted task in the transition's transaction, the drainer applies the steps.
 *
 * Task v2 takes Unix *milliseconds* as strings (calendar v4 takes seconds). The task is
 * `custom_complete`: ticking it in Feishu opens the bot rather than closing it with no record —
 * the duty is done when the record is in, and the bot then sets `completed_at`.
 */
import { i18n, pick, type Locale } from '../i18n.js';
import { THING } from '../glossary.js';

export type TaskDutyKind = 'visit_record' | 'follow_up';

/** What the visitor's task should be; members are open_ids. */
export interface TaskSpec {
  summary: string;
  description: string;
  /** Unix milliseconds. */
  due: number;
  assignee: string;
  /** The manager (who hears when it is late), sorted, without the assignee. */
  followers: string[];
  /** Unix milliseconds; null: still open. */
  completedAt: number | null;
  /** Where "complete" in Feishu leads: the bot's chat. */
  href: string;
  /** Lark's tip beside the redirect, in the assignee's language. */
  tip: string;
}

export type TaskFields = Pick<TaskSpec, 'summary' | 'description' | 'due'>;

export type TaskStep =
  | { op: 'create'; spec: TaskSpec }
  | { op: 'patch'; fields: Partial<TaskFields> & { completedAt?: number | null } }
  | { op: 'delete' };

export interface TaskDutyFacts {
  kind: TaskDutyKind;
  /** The customer's name (the duty's meta.title). */
  title: string;
  ownerId: string;
  managerId: string | null;
  locale: Locale;
  dueAt: Date;
  doneAt: Date | null;
  /** The bot's app id: the task's button opens its chat. */
  appId: string;
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

const LABEL: Record<TaskDutyKind, ReturnType<typeof i18n>> = {
  visit_record: THING.visitRecordTitle,
  follow_up: i18n('回访', 'Follow-up'),
};
const HOW: Record<TaskDutyKind, ReturnType<typeof i18n>> = {
  visit_record: i18n('在机器人里发送这次拜访的总结；提交后此任务自动完成。', 'Send the visit summary to the bot; the task completes when it is in.'),
  follow_up: i18n('在机器人里记录回访；记录后此任务自动完成。', 'Record the follow-up in the bot; the task completes when it is in.'),
};
const TIP = i18n('请在机器人里完成，完成后任务自动勾选。', 'Complete it in the bot; the task is ticked when you do.');

/** The bot's chat, as a Feishu applink (opens the client on any platform). */
const botChatLink = (appId: string) => `https://applink.feishu.cn/client/bot/open?appId=${encodeURIComponent(appId)}`;

export function dutyTask(f: TaskDutyFacts): TaskSpec {
  return {
    // Lark: summary ≤ 3000 characters, description ≤ 3000.
    summary: clip(`${pick(LABEL[f.kind], f.locale)}${f.locale === 'en_us' ? ': ' : '：'}${f.title}`, 3000),
    description: clip(pick(HOW[f.kind], f.locale), 3000),
    due: f.dueAt.getTime(),
    assignee: f.ownerId,
    followers: f.managerId && f.managerId !== f.ownerId ? [f.managerId] : [],
    completedAt: f.doneAt ? f.doneAt.getTime() : null,
    href: botChatLink(f.appId),
    tip: pick(TIP, f.locale),
  };
}

/**
 * The calls from what Lark has (`synced`, under `guid`) to what is wanted. A task to make that
 * is already done is made and then completed (create takes no completion of a custom_complete
 * task). Members are fixed at creation: a handover after that keeps the first visitor's task.
 */
export function taskSteps(wanted: TaskSpec | null, synced: TaskSpec | null, guid: string | null): TaskStep[] {
  if (!wanted) return guid ? [{ op: 'delete' }] : [];
  if (!guid || !synced) {
    const steps: TaskStep[] = [{ op: 'create', spec: wanted }];
    if (wanted.completedAt !== null) steps.push({ op: 'patch', fields: { completedAt: wanted.completedAt } });
    return steps;
  }
  const fields: Partial<TaskFields> & { completedAt?: number | null } = {};
  if (wanted.summary !== synced.summary) fields.summary = wanted.summary;
  if (wanted.description !== synced.description) fields.description = wanted.description;
  if (wanted.due !== synced.due) fields.due = wanted.due;
  if (wanted.completedAt !== synced.completedAt) fields.completedAt = wanted.completedAt;
  return Object.keys(fields).length ? [{ op: 'patch', fields }] : [];
}

/**
 * client_token (10–100 characters), one per duty: a create retried after a lost answer (within
 * Lark's 5 minutes) returns the task made the first time. A duty's task is made once: a cancelled
 * duty is never reopened, and a plan back in approval keeps its task until approved again.
 */
export const taskClientToken = (obligationId: number) => `kam-bot-task-${obligationId}`;
