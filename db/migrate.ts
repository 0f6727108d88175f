/** Applies the committed drizzle-kit migrations (Node only: the migrator reads the folder). */
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { DbHandle } from './client.js';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** The advisory lock migrations run under; any constant of our own (the tick's is another). */
export const MIGRATION_LOCK_KEY = 0x6b616d6d; // "kamm"

export async function migrateDb(handle: DbHandle): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  // Each driver's migrator is loaded only for that driver: PGlite's pulls in PGlite itself.
  const migratePostgres = async (db: unknown) => (await import('drizzle-orm/postgres-js/migrator')).migrate(db as never, config);
  // Both migrators take the drizzle instance; the cast bridges the two driver-specific types.
  // PGlite is one session in one process (its directory is locked): nothing to race.
  if (handle.driver === 'pglite' || !handle.session) {
    if (handle.driver === 'pglite') await (await import('drizzle-orm/pglite/migrator')).migrate(handle.db as never, config);
    else await migratePostgres(handle.db);
    return;
  }
  // Instances starting together would race the migrator's own `create … if not exists` (and the
  // migrations) in the catalog, and all but one die on a duplicate key. One at a time: whoever
  // waits finds everything applied. The lock is the session's, so all of it runs on one connection;
  // it is released when that connection closes, even if this process dies.
  await handle.session(async (db) => {
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await migratePostgres(db);
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  });
}
