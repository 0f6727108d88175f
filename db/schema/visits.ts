import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { FollowUpFields, ReceptionPlan, ReceptionReportFields, ReimbursementItem, Receipt, VisitPlan, VisitRecordFields } from '../../src/domain/visit/types.js';

/**
 * Visits (大客户拜访, domain.md §3.2). `status` moves planned → approved → recorded, or
 * cancelled; a rejected or withdrawn plan stays `pending` with its approval request saying why.
 * `version` gates concurrent changes (reschedule, cancel, record confirm).
 */
export const visits = pgTable(
  'visits',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    ownerId: text('owner_id').notNull(),
    status: text('status').$type<'pending' | 'approved' | 'recorded' | 'cancelled'>().notNull(),
    /** The current approval request (a reschedule beyond the tolerance starts a new one). */
    requestId: text('request_id'),
    visitAt: timestamp('visit_at', { withTimezone: true }).notNull(),
    budgetFen: bigint('budget_fen', { mode: 'number' }).notNull().default(0),
    plan: jsonb('plan').$type<VisitPlan>().notNull(),
    record: jsonb('record').$type<VisitRecordFields>(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
    followUp: jsonb('follow_up').$type<FollowUpFields>(),
    followedUpAt: timestamp('followed_up_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    /** The form card it was submitted from: a second Submit on the same card files nothing. */
    formMessageId: text('form_message_id').unique(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('visits_owner_idx').on(t.ownerId, t.status), index('visits_customer_idx').on(t.customerId)],
);

/** Receptions (客户接待, domain.md §3.3): a customer visiting us. Same lifecycle as a visit. */
export const receptions = pgTable(
  'receptions',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    ownerId: text('owner_id').notNull(),
    status: text('status').$type<'pending' | 'approved' | 'reported' | 'cancelled'>().notNull(),
    requestId: text('request_id'),
    receptionAt: timestamp('reception_at', { withTimezone: true }).notNull(),
    budgetFen: bigint('budget_fen', { mode: 'number' }).notNull().default(0),
    plan: jsonb('plan').$type<ReceptionPlan>().notNull(),
    report: jsonb('report').$type<ReceptionReportFields>(),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    /** Why a reception that will not take place was cancelled. */
    cancelReason: text('cancel_reason'),
    formMessageId: text('form_message_id').unique(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('receptions_owner_idx').on(t.ownerId, t.status)],
);

/**
 * A report typed as a message, awaiting the confirm click (conversation drafts): a visit record,
 * a follow-up or a reception report. Nothing is final until confirmed; the row survives restarts
 * and `/drafts` shows it again. `subjectId` is null while the bot waits for the pick.
 */
export const reportDrafts = pgTable(
  'report_drafts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ownerId: text('owner_id').notNull(),
    kind: text('kind').$type<'visit_record' | 'follow_up' | 'reception_report'>().notNull(),
    subjectId: text('subject_id'),
    status: text('status').$type<'open' | 'confirmed' | 'discarded'>().notNull(),
    text: text('text').notNull(),
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('report_drafts_owner_idx').on(t.ownerId, t.status)],
);

export type ReimbursementStatus = 'draft' | 'submitted' | 'approved' | 'rejected' | 'withdrawn';

/** Reimbursements (费用报销) of a visit or a reception: a draft collects items and receipts, then goes to approval. */
export const reimbursements = pgTable(
  'reimbursements',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id').notNull(),
    subjectType: text('subject_type').$type<'visit' | 'reception'>().notNull(),
    subjectId: text('subject_id').notNull(),
    /** rejected / withdrawn: the claim ended unpaid; the visit may be claimed again (and a rejected claim edited). */
    status: text('status').$type<ReimbursementStatus>().notNull(),
    items: jsonb('items').$type<ReimbursementItem[]>().notNull().default([]),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull().default(0),
    receipts: jsonb('receipts').$type<Receipt[]>().notNull().default([]),
    requestId: text('request_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('reimbursements_owner_idx').on(t.ownerId, t.status), index('reimbursements_subject_idx').on(t.subjectType, t.subjectId)],
);
