import { bigint, bigserial, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Who owned each customer from when until when (`to_at` null: still). Written at creation, at
 * every owner set or transfer and at a handover (交接); the KPIs read "owner at the time" from it,
 * so a handover does not move past sales. At most one open span per customer.
 */
export const customerOwnerHistory = pgTable(
  'customer_owner_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    customerId: text('customer_id').notNull(),
    ownerId: text('owner_id').notNull(),
    fromAt: timestamp('from_at', { withTimezone: true }).notNull(),
    toAt: timestamp('to_at', { withTimezone: true }),
    /** How the span began: 'create', 'assign', 'handover', or 'backfill' (the migration). */
    via: text('via').$type<'create' | 'assign' | 'handover' | 'backfill'>().notNull(),
    actorId: text('actor_id'),
    reason: text('reason'),
  },
  (t) => [
    index('customer_owner_history_customer_idx').on(t.customerId, t.fromAt),
    uniqueIndex('customer_owner_history_open_idx').on(t.customerId).where(sql`${t.toAt} is null`),
    index('customer_owner_history_owner_idx').on(t.ownerId, t.fromAt),
  ],
);

/**
 * Sales targets (销售指标, §2.2 art.3–6): one row per specialist, period and (optional) region
 * and product. `key_id` is targetKeyId() (unique). The amount lives in the versions.
 */
export const salesTargets = pgTable(
  'sales_targets',
  {
    id: text('id').primaryKey(),
    keyId: text('key_id').notNull().unique(),
    specialistId: text('specialist_id').notNull(),
    /** periodKey(): '2026Q4' or '2026'. */
    periodKey: text('period_key').notNull(),
    region: text('region'),
    product: text('product'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sales_targets_period_idx').on(t.periodKey, t.specialistId)],
);

/** Every version of a target, with who set it, when, why and which approved change let it in. */
export const salesTargetVersions = pgTable(
  'sales_target_versions',
  {
    targetId: text('target_id').notNull(),
    version: integer('version').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    setBy: text('set_by').notNull(),
    setAt: timestamp('set_at', { withTimezone: true }).notNull(),
    reason: text('reason'),
    via: text('via').$type<'set' | 'change'>().notNull(),
    changeId: text('change_id'),
    approvedBy: text('approved_by'),
  },
  (t) => [primaryKey({ columns: [t.targetId, t.version] })],
);

/** A change asked for during the period (art.6), decided through the approval engine (`approval_id`). */
export const salesTargetChanges = pgTable(
  'sales_target_changes',
  {
    id: text('id').primaryKey(),
    targetId: text('target_id').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    fromFen: bigint('from_fen', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    requestedBy: text('requested_by').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    status: text('status').$type<'pending' | 'returned' | 'approved' | 'rejected' | 'withdrawn'>().notNull(),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    approvalId: text('approval_id'),
    /** The form card it was submitted from: a second Submit on the same card files nothing. */
    formMessageId: text('form_message_id').unique(),
  },
  (t) => [index('sales_target_changes_target_idx').on(t.targetId), index('sales_target_changes_approval_idx').on(t.approvalId)],
);

/**
 * Service-cost budgets per year (服务费用预算额): for a member (`scope_id` their open_id), a team
 * (the manager's open_id) or the department (`scope_id` ''). A team's or the department's row
 * replaces the sum of its members' in the service-cost KPI. Each change is in audit_log.
 */
export const serviceBudgets = pgTable(
  'service_budgets',
  {
    year: integer('year').notNull(),
    scopeKind: text('scope_kind').$type<'member' | 'team' | 'department'>().notNull(),
    scopeId: text('scope_id').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    setBy: text('set_by').notNull(),
    setAt: timestamp('set_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.scopeKind, t.scopeId] })],
);

/**
 * Planned new key accounts per specialist and period (大客户开发计划数, the development-plan
 * completion KPI's denominator); not the per-prospect development_plans. Each change is in audit_log.
 */
export const developmentTargets = pgTable(
  'development_targets',
  {
    specialistId: text('specialist_id').notNull(),
    /** periodKey(): '2026Q4' or '2026'. */
    periodKey: text('period_key').notNull(),
    plannedNew: integer('planned_new').notNull(),
    setBy: text('set_by').notNull(),
    setAt: timestamp('set_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.specialistId, t.periodKey] }), index('development_targets_period_idx').on(t.periodKey)],
);
