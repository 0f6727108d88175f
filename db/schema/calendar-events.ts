import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { EventSpec } from '../../src/domain/visit/calendar-event.js';

/**
 * A visit's or reception's event on the bot's Feishu calendar: what it should be (`wanted`,
 * written in the transition's transaction, `version` counting those writes) and what Lark has
 * (`synced` at `syncedVersion`, under `eventId`). The outbox row only says "sync this subject";
 * the drainer diffs the two, so changes made before a drain are one patch, a crash repeats no
 * call that mattered (the create carries an idempotency key), and a row synced twice is a no-op.
 */
export const calendarEvents = pgTable(
  'calendar_events',
  {
    subjectType: text('subject_type').$type<'visit' | 'reception'>().notNull(),
    subjectId: text('subject_id').notNull(),
    /** Null: there should be no event (cancelled). */
    wanted: jsonb('wanted').$type<EventSpec | null>(),
    version: integer('version').notNull().default(1),
    eventId: text('event_id'),
    /** Null: nothing on Lark (not created yet, or deleted). */
    synced: jsonb('synced').$type<EventSpec | null>(),
    syncedVersion: integer('synced_version').notNull().default(0),
    /** One sync per subject at a time, whichever drainer (or instance) claimed its outbox row. */
    syncingUntil: timestamp('syncing_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.subjectType, t.subjectId] })],
);
