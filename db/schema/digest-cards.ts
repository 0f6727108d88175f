import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * What each reminder digest showed, so it can be patched once its items are done: a digest that
 * still says 今天截止 with a live button for work already handed in is a card that lies. Keyed
 * by the outbox uuid that carried it (the nudges rows name it too). `staleAt` is set when one of
 * its items closes; the next tick patches each stale digest once, however many items closed.
 */
export const digestCards = pgTable(
  'digest_cards',
  {
    uuid: text('uuid').primaryKey(),
    recipientId: text('recipient_id').notNull(),
    /** The DigestView as rendered, each line with its obligation id. */
    view: jsonb('view').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    staleAt: timestamp('stale_at', { withTimezone: true }),
  },
  (t) => [index('digest_cards_stale_idx').on(t.staleAt)],
);
