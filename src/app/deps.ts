import type { Config } from '../config.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import type { Ids } from '../ids.js';
import type { Logger } from '../log.js';
import type { ApprovalHooksOf } from './approval/hook-types.js';

/** A person as Lark's contact directory knows them (the only Lark read a use case makes). */
export interface ContactUser {
  openId: string;
  name: string;
  enName: string | null;
}

export interface ContactDirectory {
  getUser(openId: string): Promise<ContactUser | null>;
}

/**
 * Everything a use case may touch, injected by the runtime (Node, Worker, tests). What the
 * gateway needs besides (the Lark client, the webhook's storage and queue) is GatewayDeps in
 * src/lark/gateway-deps.ts; use cases never see it.
 */
export interface Deps {
  config: Config;
  db: Db;
  clock: Clock;
  /** Where new records' ids come from (crypto.randomUUID outside tests). */
  ids: Ids;
  log: Logger;
  contacts: ContactDirectory;
  /** Runs work after the HTTP response: a detached promise on Node, ctx.waitUntil on Workers. */
  defer(task: () => Promise<unknown>): void;
  /** Asks the outbox drainer to run soon (after a commit that wrote outbox rows). */
  kickOutbox(): void;
  /**
   * Whether a card button kind still has a handler: a duty stored by an older version may name
   * one that is gone, and its digest or to-do line then shows no button rather than a dead one.
   */
  handlesCardAction(kind: string): boolean;
  /** What each feature does when a request about its record moves on, by subject_type. */
  approvalHooks: Readonly<Record<string, ApprovalHooksOf<Deps>>>;
}
