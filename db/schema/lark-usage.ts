import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Successful Lark API calls per calendar month (the company's zone) and API: the free edition
 * allows 10,000 a month per tenant, and this is how the bot knows where it stands.
 */
export const larkApiCalls = pgTable(
  'lark_api_calls',
  {
    month: text('month').notNull(),
    api: text('api').notNull(),
    calls: integer('calls').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.month, t.api] })],
);

/** Budget warnings given (70, 90, 100 = exhausted): a row per month and level, so each is given once. */
export const larkBudgetAlerts = pgTable(
  'lark_budget_alerts',
  {
    month: text('month').notNull(),
    level: integer('level').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.level] })],
);
