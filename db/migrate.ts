/** Applies the committed drizzle-kit migrations (Node only: the migrator reads the folder). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { rows, type DbHandle } from './client.js';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** The advisory lock migrations run under; any constant of our own (the tick's is another). */
export const MIGRATION_LOCK_KEY = 0x6b616d6d; // "kamm"

/**
 * True when the database already has the journal's last migration, so the migrator would apply
 * nothing: it applies those newer than the latest `created_at` it recorded (drizzle-orm's
 * PgDialect.migrate). One query, where the migrator's own check costs ~0.1–0.2 s of a warm
 * PGlite start (its DDL, a transaction) and, on a server, a connection of its own and a lock.
 */
async function upToDate(handle: DbHandle): Promise<boolean> {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as { entries: { when: number }[] };
  const last = Math.max(...journal.entries.map((e) => e.when));
  const [table] = await rows<{ t: string | null }>(handle.db, sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
  if (!table?.t) return false;
  const [applied] = await rows<{ at: string | number | null }>(handle.db, sql`select max(created_at) as at from drizzle.__drizzle_migrations`);
  return applied?.at != null && Number(applied.at) >= last;
}

export async function migrateDb(handle: DbHandle): Promise<void> {
  if (await upToDate(handle)) return;
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
