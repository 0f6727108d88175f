import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * 'file': a file message to build, upload and send (`content` is a `FileSpec`, src/app/outbox.ts);
 * the drainer builds the file, uploads it, keeps the file_key in `content` and sends.
 *
 * 'calendar': bring a visit's or reception's calendar event in line (target 'visit:<id>'; calendar-events.ts).
 *
 * 'task': bring a duty's Feishu task in line (target 'task:<obligation id>'; lark-tasks.ts).
 *
 * 'approval': bring a request's approval-centre instance in line (target 'approval:<request id>'), or
 * check the recent ones against Lark (target 'approval:check'; approval-centre.ts).
 */
export type OutboxKind = 'send' | 'reply' | 'patch' | 'file' | 'calendar' | 'task' | 'approval';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dead' | 'skipped';

/**
 * Everything the bot says to Lark, written in the same transaction as the change it reports
 * and sent by the drainer. `uuid` is Lark's idempotency key for sends, so a retry after a
 * crash between send and commit does not post twice.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').$type<OutboxKind>().notNull(),
    /** open_id / chat_id for sends; the target message id for replies and patches. */
    target: text('target').notNull(),
    /**
     * The chat a reply lands in (Lark's 5-a-second limit is per chat, and a reply's target is a
     * message). Null: the target itself is the receiver (sends) or nobody's (patches).
     */
    chatId: text('chat_id'),
    targetType: text('target_type').$type<'open_id' | 'chat_id' | 'message_id' | 'card_token' | 'subject'>().notNull(),
    msgType: text('msg_type').$type<'text' | 'post' | 'interactive' | 'file' | 'calendar' | 'task' | 'approval'>().notNull(),
    content: jsonb('content').notNull(),
    uuid: text('uuid').notNull(),
    /** The record a card shows, so every copy can be found and updated later. */
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    status: text('status').$type<OutboxStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Null: due now. Set only when a retry is scheduled, in the injected clock's time. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    resultMessageId: text('result_message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    uniqueIndex('outbox_uuid_idx').on(t.uuid),
  ],
);

/**
 * Who drains the outbox right now: one instance at a time, so the rate limiter in its memory is
 * the whole deployment's budget (src/lark/drainer-lease.ts). One row, id 'outbox'. Times are the
 * database's (`now()`), so instances' clocks never need to agree.
 */
export const outboxDrainer = pgTable('outbox_drainer', {
  id: text('id').primaryKey(),
  holder: text('holder'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  /** Another instance committed messages while the holder drained: drain once more before letting go. */
  wanted: boolean('wanted').notNull().default(false),
  /** The limiter's permits and pauses (remaining ms) as of `savedAt`, for the next holder. */
  limiter: jsonb('limiter'),
  savedAt: timestamp('saved_at', { withTimezone: true }),
});
