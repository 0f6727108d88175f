/**
 * Keeping a visit's record and follow-up duties true as Feishu tasks of the visitor's (issue 13,
 * setting `taskSync`), in the shape of calendar-sync.ts: each transition that opens, closes,
 * cancels or moves one of those duties calls this in its own transaction after the verb; the
 * wanted task is written to `lark_tasks` and one outbox row (kind 'task') asks the drainer to
 * sync it, so the sync exists if and only if the change committed. A row already waiting for the
 * duty carries the new state too: changes before a drain become one patch.
 *
 * Nudges stay in the bot's digest: the task carries no reminder of its own. (There is no way to
 * turn the digest off: §4 of the product's rules has every duty nudged and escalated by the bot,
 * which one task reminder could not replace; so no task is ever given one.)
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { larkTasks, obligations, visits } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import type { Roster } from '../../domain/roster.js';
import { dutyTask, type TaskDutyKind, type TaskSpec } from '../../domain/visit/lark-task.js';
import { loadRosterMap } from '../customer/store.js';
import { obligationsOfKinds, type ObligationRow } from '../obligations/index.js';
import { settingIsOn, TASK_SYNC_KEY } from '../settings.js';
import type { SettingsRows } from '../settings-rows.js';
import { enqueueSubjectSync } from '../outbox.js';
import type { Ids } from '../../ids.js';
import type { Deps } from '../deps.js';
import { VISIT_SUBJECT } from './store.js';

type VisitRow = typeof visits.$inferSelect;

const TASK_KIND = 'task' as const;
const TASK_SUBJECT = 'obligation';
const taskTarget = (obligationId: number) => `task:${obligationId}`;
const KINDS: readonly TaskDutyKind[] = ['visit_record', 'follow_up'];

const syncOn = (q: Q, known?: SettingsRows) => settingIsOn(q, TASK_SYNC_KEY, known);

/** Every record/follow-up duty of the visit, brought in line; a plan back in approval keeps its tasks until approved again. */
export async function syncVisitTasks(q: Q, deps: Deps, visit: VisitRow, now: Date, known?: Roster, settings?: SettingsRows): Promise<void> {
  if (visit.status === 'pending') return;
  // Turned off, nothing new is made, but the tasks already in Feishu are kept true (done,
  // moved, taken off): a task left open for a duty that is done or cancelled would nag.
  const onlyExisting = !(await syncOn(q, settings));
  const duties: { kind: TaskDutyKind; row: ObligationRow }[] = [];
  const rows = await obligationsOfKinds(q, KINDS, { type: VISIT_SUBJECT, id: visit.id });
  for (const kind of KINDS) for (const row of rows) if (row.kind === kind) duties.push({ kind, row });
  // Off and nothing ever made for this visit (the usual case): no roster to read, nothing to do.
  if (!duties.length) return;
  if (onlyExisting && !(await q.$count(larkTasks, inArray(larkTasks.obligationId, duties.map((d) => d.row.id))))) return;
  const appId = deps.config.lark.appId ?? '';
  const roster = await loadRosterMap(q, known);
  for (const { kind, row } of duties) {
    await queueSync(q, deps.ids, row.id, row.cancelledAt ? null : wantedOf(row, kind, roster.get(row.ownerId)?.locale ?? 'zh_cn', appId), now, onlyExisting);
  }
}

/** The member's open record/follow-up duties: read before a handover moves them (handover.ts). */
export async function openTaskDutyIds(q: Q, ownerId: string): Promise<number[]> {
  const rows = await q
    .select({ id: obligations.id })
    .from(obligations)
    .where(and(eq(obligations.ownerId, ownerId), inArray(obligations.kind, [...KINDS]), eq(obligations.subjectType, VISIT_SUBJECT), isNull(obligations.doneAt), isNull(obligations.cancelledAt)));
  return rows.map((r) => r.id);
}

/**
 * After a handover: the tasks of these duties follow them to their new owner, the successor's
 * manager following — the same task with its members moved (the task id never changes), or
 * deleted where the duty was dropped because the successor already held it. A sync still
 * waiting for the duty carries the new members: a task not made yet is made for the successor.
 */
export async function syncDutyTasks(q: Q, deps: Deps, dutyIds: readonly number[], now: Date, known?: Roster): Promise<void> {
  if (!dutyIds.length) return;
  const subjects = await q.selectDistinct({ id: obligations.subjectId }).from(obligations).where(inArray(obligations.id, [...dutyIds]));
  const rows = await q.select().from(visits).where(inArray(visits.id, subjects.map((s) => s.id)));
  const roster = await loadRosterMap(q, known);
  for (const visit of rows) await syncVisitTasks(q, deps, visit, now, roster);
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
