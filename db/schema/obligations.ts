import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { ObligationKind } from '../../src/domain/reminders/obligation.js';

/**
 * Every duty with a deadline (architecture.md principle 3), filled by every workflow through
 * src/app/obligations. The natural key makes opening the same duty twice yield one row; the
 * partial index keeps the tick's "open and due soon" scan proportional to the open, due rows.
 */
export const obligations = pgTable(
  'obligations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').$type<ObligationKind>().notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    ownerId: text('owner_id').notNull(),
    /** The owner's manager, or an approver's superior: who hears when it is late. */
    managerId: text('manager_id'),
    /** Who gets the day's list of missed check-ins (trip_checkin). */
    assistantId: text('assistant_id'),
    anchorAt: timestamp('anchor_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** Display facts from the workflow: { title, action } (see src/app/obligations/index.ts). */
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('obligations_natural_key').on(t.kind, t.subjectType, t.subjectId, t.ownerId),
    index('obligations_open_due_idx').on(t.dueAt).where(sql`${t.doneAt} is null and ${t.cancelledAt} is null`),
    index('obligations_owner_idx').on(t.ownerId, t.kind),
    index('obligations_kind_due_idx').on(t.kind, t.dueAt),
  ],
);
