import { bigserial, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Progress reports on a customer under development (定期汇报, domain.md §3.1): one row per report,
 * each closing the period's 'progress_report' obligation (whose id it keeps) and opening the next.
 */
export const progressReports = pgTable(
  'progress_reports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    customerId: text('customer_id').notNull(),
    /** The development plan the reports are owed under. */
    planId: text('plan_id').notNull(),
    ownerId: text('owner_id').notNull(),
    body: text('body').notNull(),
    source: text('source').$type<'message' | 'form'>().notNull(),
    /** The obligation it closed (as text, like nudges.obligation_key); null when none was open. */
    obligationId: text('obligation_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('progress_reports_customer_idx').on(t.customerId, t.createdAt)],
);
