import { bigint, bigserial, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Archive } from '../../src/domain/customer/archive.js';
import type { Category } from '../../src/domain/customer/categories.js';
import type { DevelopmentPlan } from '../../src/domain/customer/development.js';
import type { Screening, Stage } from '../../src/domain/customer/lifecycle.js';

/**
 * One row per archive year holding the last sequence handed out. Allocation is
 * `insert … on conflict (year) do update set last_seq = last_seq + 1 returning last_seq`: the row
 * lock serialises concurrent creations, so two people creating at once get consecutive numbers
 * (and unique (year, seq) on customers is the backstop).
 */
export const customerArchiveCounters = pgTable('customer_archive_counters', {
  year: integer('year').primaryKey(),
  lastSeq: integer('last_seq').notNull(),
});

/**
 * The key-account customers (domain.md §2). The archive form lives in `archive` (validated by
 * the domain's zod schema on every save); `version` gates concurrent section saves. `categories`
 * is a cache of customer_category_history, `stage`/`screening` of customer_stage_history.
 */
export const customers = pgTable(
  'customers',
  {
    id: text('id').primaryKey(),
    archiveNo: text('archive_no').notNull().unique(),
    archiveYear: integer('archive_year').notNull(),
    archiveSeq: integer('archive_seq').notNull(),
    createdOn: date('created_on').notNull(),
    name: text('name').notNull(),
    /** coreName(name): what duplicate checks and search compare. */
    coreName: text('core_name').notNull(),
    ownerId: text('owner_id'),
    stage: text('stage').$type<Stage>().notNull().default('prospect'),
    screening: text('screening').$type<Screening>(),
    categories: text('categories').array().$type<Category[]>().notNull().default([]),
    archive: jsonb('archive').$type<Archive>().notNull(),
    version: integer('version').notNull().default(1),
    /**
     * When recorded transactions last took the 12-month total across the high-value threshold
     * (the owner and manager were told then); cleared when the total falls back under it, so
     * only a new crossing tells them again.
     */
    highValueCrossedAt: timestamp('high_value_crossed_at', { withTimezone: true }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('customers_archive_year_seq').on(t.archiveYear, t.archiveSeq),
    index('customers_core_name_idx').on(t.coreName),
    index('customers_owner_idx').on(t.ownerId),
  ],
);

export const customerStageHistory = pgTable(
  'customer_stage_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    customerId: text('customer_id').notNull(),
    fromStage: text('from_stage').$type<Stage>().notNull(),
    toStage: text('to_stage').$type<Stage>().notNull(),
    screening: text('screening').$type<Screening>(),
    reason: text('reason'),
    actorId: text('actor_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('customer_stage_history_customer_idx').on(t.customerId, t.at), index('customer_stage_history_stage_idx').on(t.toStage, t.at)],
);

export const customerCategoryHistory = pgTable(
  'customer_category_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    customerId: text('customer_id').notNull(),
    category: text('category').$type<Category>().notNull(),
    set: boolean('set').notNull(),
    reason: text('reason').notNull(),
    actorId: text('actor_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('customer_category_history_customer_idx').on(t.customerId, t.at)],
);

/** Transactions with us (交易情况): the high-value suggestion and the sales KPIs read them. */
export const customerTransactions = pgTable(
  'customer_transactions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    customerId: text('customer_id').notNull(),
    number: text('number'),
    date: date('date').notNull(),
    place: text('place'),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    responsibleId: text('responsible_id'),
    breach: boolean('breach').notNull().default(false),
    note: text('note'),
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('customer_transactions_customer_idx').on(t.customerId, t.date), index('customer_transactions_date_idx').on(t.date)],
);

/** Complaints (the valid-complaints KPI counts `valid`, i.e. caused by our staff or company). */
export const customerComplaints = pgTable(
  'customer_complaints',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    customerId: text('customer_id').notNull(),
    receivedOn: date('received_on').notNull(),
    valid: boolean('valid').notNull(),
    cause: text('cause').notNull(),
    description: text('description'),
    /** The member at fault, when the complaint names one (the KPI counts it for them, else for the owner on that day). */
    staffId: text('staff_id'),
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('customer_complaints_customer_idx').on(t.customerId, t.receivedOn)],
);

/**
 * Customer questions: the answer-timeliness KPI compares answered_at with due_at, which is
 * asked_at plus the standard answer time in force when the question was recorded (a later change
 * of the setting does not rewrite history).
 */
export const customerQuestions = pgTable(
  'customer_questions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    customerId: text('customer_id').notNull(),
    question: text('question').notNull(),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answer: text('answer'),
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('customer_questions_customer_idx').on(t.customerId, t.askedAt), index('customer_questions_asked_idx').on(t.askedAt)],
);

/**
 * Customer feedback that needs our answer (意见反馈, the feedback-timeliness KPI): raised at, due
 * at (raised plus the standard time in force then, kept in `standard_hours` too), given at and by
 * whom. Open while `given_at` is null.
 */
export const customerFeedback = pgTable(
  'customer_feedback',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    customerId: text('customer_id').notNull(),
    body: text('body').notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    standardHours: integer('standard_hours').notNull(),
    givenAt: timestamp('given_at', { withTimezone: true }),
    givenBy: text('given_by'),
    reply: text('reply'),
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('customer_feedback_customer_idx').on(t.customerId, t.raisedAt), index('customer_feedback_raised_idx').on(t.raisedAt)],
);

/** Research material on a prospect (the assistant's data support, §3.2.1): text, or a Lark file/image. */
export const customerResearch = pgTable(
  'customer_research',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    customerId: text('customer_id').notNull(),
    kind: text('kind').$type<'text' | 'file' | 'image'>().notNull(),
    body: text('body'),
    messageId: text('message_id'),
    fileKey: text('file_key'),
    fileName: text('file_name'),
    addedBy: text('added_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('customer_research_customer_idx').on(t.customerId, t.createdAt)],
);

/** When the owner was last asked for a missing field: one question at a time, not spam. */
export const customerFieldAsks = pgTable(
  'customer_field_asks',
  {
    customerId: text('customer_id').notNull(),
    field: text('field').notNull(),
    ownerId: text('owner_id').notNull(),
    askedBy: text('asked_by').notNull(),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.field] })],
);

/** Development applications (开发申请): the plan, its approval request, and the form it came from. */
export const developmentPlans = pgTable(
  'development_plans',
  {
    id: text('id').primaryKey(),
    requestId: text('request_id').notNull().unique(),
    customerId: text('customer_id').notNull(),
    requesterId: text('requester_id').notNull(),
    plan: jsonb('plan').$type<DevelopmentPlan>().notNull(),
    /** The form card it was submitted from: a second Submit on the same card files nothing. */
    formMessageId: text('form_message_id').unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('development_plans_customer_idx').on(t.customerId)],
);
