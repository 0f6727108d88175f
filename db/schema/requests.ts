import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { SmallRequestKind, SmallRequestData } from '../../src/domain/requests/kinds.js';

/**
 * The small requests of domain.md §3.6 and the travel request (§3.4): what the requester
 * typed, normalised (amounts in fen, dates as YYYY-MM-DD). Their state lives in the approval
 * request (`approval_id`). `form_message_id` is the card the form was submitted from, so a
 * double click on Submit cannot file the request twice.
 */
export const smallRequests = pgTable(
  'small_requests',
  {
    id: text('id').primaryKey(),
    kind: text('kind').$type<SmallRequestKind>().notNull(),
    requesterId: text('requester_id').notNull(),
    data: jsonb('data').$type<SmallRequestData>().notNull(),
    /** The approval chain; null for a phone bill within the monthly limit, recorded without one. */
    approvalId: text('approval_id'),
    formMessageId: text('form_message_id'),
    /** An equipment loan given back (设备归还): when, and who recorded it. */
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    returnedBy: text('returned_by'),
    /**
     * A phone bill (话费) against the monthly limit: the limit when filed, the amount over it
     * (0 within), and how it was recorded: 'recorded' (within, no approval) or
     * 'approved_over_limit' (the manager approved the excess); null while in approval.
     */
    limitFen: integer('limit_fen'),
    overLimitFen: integer('over_limit_fen'),
    outcome: text('outcome').$type<'recorded' | 'approved_over_limit'>(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('small_requests_form_message_idx').on(t.formMessageId), index('small_requests_requester_idx').on(t.requesterId)],
);

/** Approved business trips: what the deadlines feature counts travel days from (§3.4, art.13). */
export const trips = pgTable(
  'trips',
  {
    id: text('id').primaryKey(),
    /** The small request it came from (one trip per approved travel request). */
    requestId: text('request_id').notNull().unique(),
    travellerId: text('traveller_id').notNull(),
    fromDate: date('from_date').notNull(),
    toDate: date('to_date').notNull(),
    destinations: text('destinations').notNull(),
    purpose: text('purpose'),
    status: text('status').$type<'approved' | 'cancelled'>().notNull(),
    /** The customers the trip serves (出差关联客户), by id. */
    customerIds: text('customer_ids').array().$type<string[]>().notNull().default([]),
    /** The return day as approved, kept when the trip is cut short (to_date is then the new one). */
    plannedToDate: date('planned_to_date'),
    /** Why it was cancelled or cut short. */
    changeReason: text('change_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
  },
  (t) => [index('trips_traveller_idx').on(t.travellerId, t.fromDate)],
);
