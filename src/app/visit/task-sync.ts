/**
 * Keeping a visit's record and follow-up duties true as Feishu tasks of the visitor's (issue 13,
 * setting `taskSync`), in the shape of calendar-sync.ts: each transition that opens, closes,
 * cancels or moves one of those duties calls this in its own transaction after the verb; the
 * wanted task is written to `lark_tasks` and one outbox row (kind 'task') asks the drainer to
 * sync it, so the sync exists if and only if the change committed. A row already waiting for the
 * duty carries the new state too: changes before a drain become one patch.
 *
 * Nudges stay in the bot's digest: the task carries no reminder of its own.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { larkTasks, visits } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { dutyTask, type TaskDutyKind, type TaskSpec } from '../../domain/visit/lark-task.js';
import { loadRosterMap } from '../customer/store.js';
import { obligationsOf, type ObligationRow } from '../obligations/index.js';
import { settingIsOn, TASK_SYNC_KEY } from '../settings.js';
import { enqueueSubjectSync } from '../outbox.js';
import type { Ids } from '../../ids.js';
import type { Deps } from '../deps.js';
import { VISIT_SUBJECT } from './store.js';

type VisitRow = typeof visits.$inferSelect;

const TASK_KIND = 'task' as const;
const TASK_SUBJECT = 'obligation';
const taskTarget = (obligationId: number) => `task:${obligationId}`;
const KINDS: readonly TaskDutyKind[] = ['visit_record', 'follow_up'];

const syncOn = (q: Q) => settingIsOn(q, TASK_SYNC_KEY);

/** Every record/follow-up duty of the visit, brought in line; a plan back in approval keeps its tasks until approved again. */
export async function syncVisitTasks(q: Q, deps: Deps, visit: VisitRow, now: Date): Promise<void> {
  if (visit.status === 'pending') return;
  // Turned off, nothing new is made, but the tasks already in Feishu are kept true (done,
  // moved, taken off): a task left open for a duty that is done or cancelled would nag.
  const onlyExisting = !(await syncOn(q));
  const duties: { kind: TaskDutyKind; row: ObligationRow }[] = [];
  for (const kind of KINDS) for (const row of await obligationsOf(q, kind, { type: VISIT_SUBJECT, id: visit.id })) duties.push({ kind, row });
  // Off and nothing ever made for this visit (the usual case): no roster to read, nothing to do.
  if (!duties.length) return;
  if (onlyExisting && !(await q.$count(larkTasks, inArray(larkTasks.obligationId, duties.map((d) => d.row.id))))) return;
  const appId = deps.config.lark.appId ?? '';
  const roster = await loadRosterMap(q);
  for (const { kind, row } of duties) {
    await queueSync(q, deps.ids, row.id, row.cancelledAt ? null : wantedOf(row, kind, roster.get(row.ownerId)?.locale ?? 'zh_cn', appId), now, onlyExisting);
  }
}

function wantedOf(row: ObligationRow, kind: TaskDutyKind, locale: 'zh_cn' | 'en_us', appId: string): TaskSpec {
  const title = typeof row.meta.title === 'string' ? row.meta.title : '';
  return dutyTask({ kind, title, ownerId: row.ownerId, managerId: row.managerId, locale, dueAt: row.dueAt, doneAt: row.doneAt, appId });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

async function queueSync(q: Q, ids: Ids, obligationId: number, wanted: TaskSpec | null, now: Date, onlyExisting = false): Promise<void> {
  const key = eq(larkTasks.obligationId, obligationId);
  const [had] = await q.select().from(larkTasks).where(key).for('update');
  // No task was ever wanted: nothing to take off.
  if (!had && (!wanted || onlyExisting)) return;
  if (had && same(had.wanted, wanted)) return;
  if (had) await q.update(larkTasks).set({ wanted, version: sql`${larkTasks.version} + 1`, updatedAt: now }).where(key);
  else await q.insert(larkTasks).values({ obligationId, wanted, version: 1, createdAt: now, updatedAt: now });
  await enqueueSubjectSync({ tx: q, deps: { ids } }, { kind: TASK_KIND, target: taskTarget(obligationId), subjectType: TASK_SUBJECT, subjectId: String(obligationId) });
}
