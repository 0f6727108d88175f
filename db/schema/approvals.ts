import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { ApprovalActionType, RequestKind, RequestStatus, StepStatus, Tier, SkipReason } from '../../src/domain/approval/index.js';
import type { FieldRow } from '../../src/domain/approval/view.js';
import type { I18nText } from '../../src/domain/i18n.js';

/**
 * One approval request (domain: ApprovalRequest). `subject_type`/`subject_id` name the record
 * being approved, owned by its feature (a visit plan, a small request…). `version` is bumped on
 * every transition and every write is `where version = ?`, so of two clicks exactly one wins.
 */
export const approvalRequests = pgTable(
  'approval_requests',
  {
    id: text('id').primaryKey(),
    kind: text('kind').$type<RequestKind>().notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    requesterId: text('requester_id').notNull(),
    status: text('status').$type<RequestStatus>().notNull(),
    round: integer('round').notNull(),
    version: integer('version').notNull(),
    currentStep: integer('current_step'),
    hasBudget: boolean('has_budget').notNull(),
    /** The key fields the cards show, already formatted and bilingual (FieldRow[]). */
    fields: jsonb('fields').$type<FieldRow[]>().notNull(),
    /** One line for list cards. */
    summary: jsonb('summary').$type<I18nText | string>().notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('approval_requests_requester_idx').on(t.requesterId, t.updatedAt), index('approval_requests_subject_idx').on(t.subjectType, t.subjectId)],
);

/** Every step of every round, in order; `idx` is the domain's step index. */
export const approvalSteps = pgTable(
  'approval_steps',
  {
    requestId: text('request_id').notNull(),
    idx: integer('idx').notNull(),
    round: integer('round').notNull(),
    tier: text('tier').$type<Tier>().notNull(),
    approverId: text('approver_id'),
    status: text('status').$type<StepStatus>().notNull(),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    comment: text('comment'),
    skipReason: text('skip_reason').$type<SkipReason>(),
    escalatedFrom: text('escalated_from').$type<Tier>(),
    escalatedTo: text('escalated_to').$type<Tier>(),
    transferredTo: text('transferred_to'),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.idx] }), index('approval_steps_approver_idx').on(t.approverId, t.status)],
);

/** Who did what to a request, when, with which comment. Append-only: never updated or deleted. */
export const approvalAudit = pgTable(
  'approval_audit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: text('request_id').notNull(),
    round: integer('round').notNull(),
    stepIdx: integer('step_idx'),
    action: text('action').$type<ApprovalActionType | 'skip'>().notNull(),
    actorId: text('actor_id').notNull(),
    onBehalfOf: text('on_behalf_of'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    comment: text('comment'),
    detail: text('detail'),
  },
  (t) => [index('approval_audit_request_idx').on(t.requestId, t.id)],
);
