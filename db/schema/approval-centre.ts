import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { CentreInstance } from '../../src/domain/approval/external-instance.js';

/**
 * A request as Feishu's approval centre should show it (setting `approvalCentre`, issue 13), kept
 * as calendar_events keeps an event: `wanted` is written in the transition's transaction
 * (`version` counting those writes), `synced` is what Lark took at `syncedVersion`. The outbox row
 * (kind 'approval') only says "sync this request"; the drainer sends the latest wanted.
 */
export const approvalCentreInstances = pgTable('approval_centre_instances', {
  requestId: text('request_id').primaryKey(),
  wanted: jsonb('wanted').$type<CentreInstance>().notNull(),
  version: integer('version').notNull().default(1),
  synced: jsonb('synced').$type<CentreInstance | null>(),
  syncedVersion: integer('synced_version').notNull().default(0),
  /** When Lark last took it: the check looks at the recent ones, and Lark refuses a re-sync too soon after. */
  syncedAt: timestamp('synced_at', { withTimezone: true }),
  /** One sync per request at a time, whichever drainer claimed its outbox row. */
  syncingUntil: timestamp('syncing_until', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * The external approval definition of each request kind: the code Lark gave it (a create with an
 * unknown code makes a new definition under a new code, so the one returned the first time is
 * the one sent ever after) and a fingerprint of what it says, sent again only when that changes.
 */
export const approvalCentreDefinitions = pgTable('approval_centre_definitions', {
  kind: text('kind').primaryKey(),
  approvalCode: text('approval_code').notNull(),
  hash: text('hash').notNull(),
  definedAt: timestamp('defined_at', { withTimezone: true }).notNull(),
});
