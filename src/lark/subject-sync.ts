/**
 * What the drainer's three subject syncs (calendar-sync.ts, task-sync.ts, approval-centre.ts)
 * share: each keeps a subject's row of what is wanted (`version` counting the writes) and what
 * Lark took (`syncedVersion`), and an outbox row only says "sync this subject".
 *
 * One sync per subject at a time, whichever drainer (or instance) claimed its outbox row: the
 * subject's row is leased for the duration (`syncingUntil`), and a lease left by a crash runs
 * out. A subject whose row is gone has nothing to sync; one already synced at its version is a
 * no-op (two outbox rows for one change, or another drainer got there first); one leased
 * elsewhere is a retryable failure, so the drainer tries its row again shortly.
 */
import { and, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import { LarkApiError } from './errors.js';
import type { RateLimiter } from './rate-limit.js';

const SYNC_LEASE_MS = 60_000;

/** A table of subjects kept in sync with Lark. */
type SubjectTable = PgTable & {
  version: PgColumn;
  syncedVersion: PgColumn;
  syncingUntil: PgColumn;
  $inferSelect: { version: number; syncedVersion: number };
};

export interface Subject<T extends SubjectTable> {
  table: T;
  /** The subject's row. */
  key: SQL | undefined;
  /** For the busy error: e.g. `calendar sync of visit:…`. */
  name: string;
}

/** A sync of this subject is running elsewhere: try the row again shortly. */
class SubjectBusy extends LarkApiError {
  constructor(name: string) {
    super('retryable', null, `${name} is running elsewhere`);
  }
}

/**
 * Leases the subject's row and, unless its version was synced already, runs `sync` on the row as
 * leased, with the time the lease was taken; the lease is given back however `sync` ends.
 */
export async function syncSubject<T extends SubjectTable>(
  deps: { db: Db; clock: Clock },
  subject: Subject<T>,
  sync: (claimed: T['$inferSelect'], now: Date) => Promise<{ calls: number }>,
): Promise<{ calls: number }> {
  const { table, key } = subject;
  // The casts: drizzle cannot type an update of a generic table; SubjectTable checks the columns.
  const now = deps.clock.now();
  const lease = { syncingUntil: new Date(now.getTime() + SYNC_LEASE_MS) } as PgUpdateSetSource<T>;
  const [claimed] = (await deps.db
    .update(table)
    .set(lease)
    .where(and(key, or(isNull(table.syncingUntil), lt(table.syncingUntil, now))))
    .returning()) as T['$inferSelect'][];
  if (!claimed) {
    const [exists] = await deps.db.select({ v: table.version }).from(table as PgTable).where(key);
    if (!exists) return { calls: 0 };
    throw new SubjectBusy(subject.name);
  }
  try {
    if (claimed.syncedVersion >= claimed.version) return { calls: 0 };
    return await sync(claimed, now);
  } finally {
    await deps.db.update(table).set({ syncingUntil: null } as PgUpdateSetSource<T>).where(key);
  }
}

/** Runs one Lark call under a permit of the sync's limiter key (the one the drainer pauses on a throttle). */
export async function limited<T>(limiter: RateLimiter, key: string, fn: () => Promise<T>): Promise<T> {
  const done = await limiter.acquire(key);
  try {
    return await fn();
  } finally {
    done();
  }
}
