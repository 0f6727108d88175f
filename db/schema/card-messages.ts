import { boolean, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Which Lark message shows which record. When the record changes every copy is patched (or,
 * past Lark's 14-day edit window, re-posted and the old copy marked superseded).
 */
export const cardMessages = pgTable(
  'card_messages',
  {
    messageId: text('message_id').primaryKey(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    /** Who the copy was sent to (open_id or chat_id), so a re-post reaches the same place. */
    target: text('target').notNull(),
    targetType: text('target_type').$type<'open_id' | 'chat_id'>().notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
    active: boolean('active').notNull().default(true),
  },
  (t) => [index('card_messages_subject_idx').on(t.subjectType, t.subjectId)],
);
