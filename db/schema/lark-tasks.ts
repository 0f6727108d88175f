import { bigint, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { TaskSpec } from '../../src/domain/visit/lark-task.js';

/**
 * A duty's Feishu task (a visit's record or follow-up, setting `taskSync`), kept as
 * calendar_events keeps an event: what it should be (`wanted`, written in the transition's
 * transaction, `version` counting those writes) and what Lark has (`synced` at `syncedVersion`,
 * under `taskGuid`). The outbox row (kind 'task') only says "sync this duty"; the drainer diffs.
 */
export const larkTasks = pgTable('lark_tasks', {
  obligationId: bigint('obligation_id', { mode: 'number' }).primaryKey(),
  /** Null: there should be no task (the duty was cancelled). */
  wanted: jsonb('wanted').$type<TaskSpec | null>(),
  version: integer('version').notNull().default(1),
  taskGuid: text('task_guid'),
  /** Null: nothing on Lark (not created yet, or deleted). */
  synced: jsonb('synced').$type<TaskSpec | null>(),
  syncedVersion: integer('synced_version').notNull().default(0),
  /** One sync per task at a time, whichever drainer claimed its outbox row. */
  syncingUntil: timestamp('syncing_until', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
