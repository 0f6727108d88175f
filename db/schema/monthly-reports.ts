import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

import type { MonthlyReportStatus } from '../../src/domain/reminders/monthly.js';
export type { MonthlyReportStatus };

/**
 * Monthly market-analysis reports (市场分析报告). Every submission is a new version row; a draft
 * (awaiting the confirm click) has no version yet. The latest version is the report; older ones
 * stay as 'replaced' or 'returned' for the record.
 */
export const monthlyReports = pgTable(
  'monthly_reports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ownerId: text('owner_id').notNull(),
    /** 'YYYY-MM': the month the report covers. */
    month: text('month').notNull(),
    version: integer('version'),
    fields: jsonb('fields').$type<Record<string, string | null>>().notNull(),
    status: text('status').$type<MonthlyReportStatus>().notNull(),
    /** Where the text came from: a chat message or the card form. */
    source: text('source').$type<'message' | 'form'>().notNull(),
    managerComment: text('manager_comment'),
    returnReason: text('return_reason'),
    reviewedBy: text('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('monthly_reports_version').on(t.ownerId, t.month, t.version),
    index('monthly_reports_month_idx').on(t.month, t.ownerId),
  ],
);
