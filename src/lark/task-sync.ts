/**
 * The drainer's half of task sync (outbox kind `task`, written by src/app/visit/task-sync.ts):
 * brings a duty's Feishu task from what Lark has to what is wanted, with as few calls as the
 * diff needs (src/domain/visit/lark-task.ts). The shape of calendar-sync.ts:
 *
 * Safe to repeat: the create carries a per-duty client_token (a crash after Lark made the task
 * gets the same task back within Lark's 5 minutes), the guid is stored as soon as it is known,
 * deleting a task already gone is what was wanted, and a row whose version was synced already is
 * a no-op. One sync per duty at a time: the `lark_tasks` row is leased for the duration.
 */
import { eq } from 'drizzle-orm';
import { larkTasks } from '../../db/schema/index.js';
import { taskClientToken, taskSteps, type TaskSpec } from '../domain/visit/lark-task.js';
import type { CalendarSyncDeps } from './calendar-sync.js';
import type { TaskBody, TaskCreateBody } from './client.js';
import { classifyThrown } from './errors.js';
import { limited, syncSubject } from './subject-sync.js';

export type TaskSyncDeps = CalendarSyncDeps;

/** Lark task/v2: the task is not there (deleted, by us before a crash or by hand in Feishu). */
const TASK_GONE = new Set([1470404]);
/** Lark task/v2: completing a completed task (feishu-native.md). */
const ALREADY_COMPLETED = 1470400;
const completionOnly = (b: TaskBody) => Object.keys(b).length === 1 && b.completed_at !== undefined && b.completed_at !== '0';
/** The limiter key every task call takes, the one the drainer pauses on a throttle (drain.ts API.task). */
const LIMITER_KEY = 'task.task';

const rated = <T>(deps: TaskSyncDeps, fn: () => Promise<T>) => limited(deps.limiter, LIMITER_KEY, fn);

const ms = (n: number) => String(n);
const due = (n: number) => ({ timestamp: ms(n), is_all_day: false });

function createBody(spec: TaskSpec, obligationId: number): TaskCreateBody {
  const complete = { href: spec.href, tip: { zh_cn: spec.tip, en_us: spec.tip } };
  return {
    summary: spec.summary,
    description: spec.description,
    due: due(spec.due),
    members: [
      { id: spec.assignee, type: 'user', role: 'assignee' },
      ...spec.followers.map((id) => ({ id, type: 'user' as const, role: 'follower' as const })),
    ],
    client_token: taskClientToken(obligationId),
    origin: { platform_i18n_name: { zh_cn: '大客户部助手', en_us: 'KAM bot' }, href: { url: spec.href, title: spec.summary } },
    // Ticking it in Feishu opens the bot: the duty is done when its record is in, not before.
    custom_complete: { pc: complete, ios: complete, android: complete },
  };
}

const gone = (e: unknown) => {
  const err = classifyThrown(e);
  return err.code !== null && TASK_GONE.has(err.code);
};

/** Syncs the duty an outbox row names; throws (a LarkApiError) for the drainer to retry or give up. */
export async function syncLarkTask(deps: TaskSyncDeps, obligationId: number): Promise<{ calls: number }> {
  const key = eq(larkTasks.obligationId, obligationId);
  return syncSubject(deps, { table: larkTasks, key, name: `task sync of task:${obligationId}` }, async (claimed) => {
    let guid = claimed.taskGuid;
    let calls = 0;
    const wanted = claimed.wanted;
    const steps = taskSteps(wanted, claimed.synced, guid);
    for (const step of steps) {
      calls++;
      if (step.op === 'create') {
        const id = await rated(deps, () => deps.lark.createTask(createBody(step.spec, obligationId)));
        guid = id;
        // Kept at once: whatever fails next, a retry patches this task rather than making another.
        await deps.db.update(larkTasks).set({ taskGuid: id }).where(key);
      } else if (step.op === 'remove_members') {
        await rated(deps, () => deps.lark.removeTaskMembers(guid!, step.members));
      } else if (step.op === 'add_members') {
        await rated(deps, () => deps.lark.addTaskMembers(guid!, step.members));
      } else if (step.op === 'patch') {
        const b: TaskBody = {};
        if (step.fields.summary !== undefined) b.summary = step.fields.summary;
        if (step.fields.description !== undefined) b.description = step.fields.description;
        if (step.fields.due !== undefined) b.due = due(step.fields.due);
        if (step.fields.completedAt !== undefined) b.completed_at = step.fields.completedAt === null ? '0' : ms(step.fields.completedAt);
        try {
          await rated(deps, () => deps.lark.patchTask(guid!, b));
        } catch (e) {
          // Completed already (by us before a crash lost the answer): what was wanted.
          if (!(completionOnly(b) && classifyThrown(e).code === ALREADY_COMPLETED)) throw e;
        }
      } else {
        try {
          await rated(deps, () => deps.lark.deleteTask(guid!));
        } catch (e) {
          if (!gone(e)) throw e;
        }
        guid = null;
      }
    }
    const synced = guid ? wanted : null;
    await deps.db.update(larkTasks).set({ taskGuid: guid, synced, syncedVersion: claimed.version, updatedAt: deps.clock.now() }).where(key);
    deps.log.info('task.synced', { obligationId, version: claimed.version, guid, steps: steps.map((s) => s.op) });
    return { calls };
  });
}
