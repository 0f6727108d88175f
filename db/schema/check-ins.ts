import { date, bigserial, doublePrecision, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Travel check-ins (行踪报备, domain.md §3.4): every one is logged (registered), linked to the
 * approved trip covering that day when there is one. `day` is the company-zone day it was made,
 * what the month-end travel-days count reads alongside the trips.
 */
export const checkIns = pgTable(
  'check_ins',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    memberId: text('member_id').notNull(),
    /** The approved trip covering `day`, or null (logged anyway; the traveller is told). */
    tripId: text('trip_id'),
    day: date('day').notNull(),
    place: text('place').notNull(),
    source: text('source').$type<'location' | 'text'>().notNull(),
    longitude: doublePrecision('longitude'),
    latitude: doublePrecision('latitude'),
    /** The Lark message it came from: a redelivered event cannot log it twice. */
    messageId: text('message_id').unique(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('check_ins_member_day_idx').on(t.memberId, t.day)],
);
