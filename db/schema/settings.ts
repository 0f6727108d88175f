import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Department settings (thresholds, reminder hours, holiday overrides), one JSON value per key. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
});
