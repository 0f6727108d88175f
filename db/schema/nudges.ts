import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * One row per reminder step sent: the unique (obligation key, recipient, step) is what makes a
 * tick that runs twice, late, or on two instances send each step once — the tick sends only the
 * rows its INSERT … ON CONFLICT DO NOTHING returned.
 */
export const nudges = pgTable(
  'nudges',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The obligation id as text, or a synthetic key for summaries without a row (travel days). */
    obligationKey: text('obligation_key').notNull(),
    obligationId: bigint('obligation_id', { mode: 'number' }),
    kind: text('kind').notNull(),
    recipientId: text('recipient_id').notNull(),
    step: text('step').notNull(),
    urgency: text('urgency').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    /** The outbox row (its uuid) of the digest that carried this step. */
    outboxUuid: text('outbox_uuid'),
    detail: jsonb('detail'),
  },
  // By obligation: closing a duty finds the digests that listed it (digest_cards), to patch them.
  (t) => [uniqueIndex('nudges_once').on(t.obligationKey, t.recipientId, t.step), index('nudges_obligation_idx').on(t.obligationId)],
);
