/**
 * Only one instance runs the tick at a time: a transaction-scoped Postgres advisory lock, so it
 * is let go with the commit or rollback and a crashed instance never holds it.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../../../db/client.js';

/** Arbitrary but fixed: every instance must use the same key ("kam" tick). */
const TICK_LOCK_KEY = 0x6b616d01;

/** True when this transaction now holds the tick's lock; false when another instance does. */
export async function tryTickLock(tx: Tx): Promise<boolean> {
  const [lock] = await rows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${TICK_LOCK_KEY}) as locked`);
  return Boolean(lock?.locked);
}
