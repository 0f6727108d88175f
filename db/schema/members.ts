import { boolean, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Role } from '../../src/domain/roster.js';
import type { Locale } from '../../src/domain/i18n.js';

/** The roster: who may use the bot and in which role. Authority always comes from here. */
export const members = pgTable(
  'members',
  {
    openId: text('open_id').primaryKey(),
    name: text('name').notNull(),
    role: text('role').$type<Role>().notNull(),
    managerId: text('manager_id'),
    locale: text('locale').$type<Locale>().notNull().default('zh_cn'),
    active: boolean('active').notNull().default(true),
    /** Where the name came from: the roster file/chat, or Lark's contact API (preferred when known). */
    nameSource: text('name_source').$type<'roster' | 'contact'>().notNull().default('roster'),
    contactSyncedAt: timestamp('contact_synced_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('members_manager_idx').on(t.managerId)],
);
