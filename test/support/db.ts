/** A fresh, migrated database for one test file, on PGlite or on the Postgres server. */
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { createPgliteDb } from '../../db/pglite.js';
import { createPostgresDb, type DbHandle } from '../../db/client.js';
import { migrateDb } from '../../db/migrate.js';
import { templateDb, withDatabase } from '../global-setup.js';

export const onPostgresServer = Boolean(process.env.TEST_DATABASE_URL);

export interface TestDb extends DbHandle {
  /** For tests that start a second process on the same database. */
  url: string | null;
}

export async function createTestDb(): Promise<TestDb> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    // Named after the run (not this worker), so the run's teardown and stale-run cleanup find it.
    const name = `kam_t_${process.env.KAM_TEST_RUN ?? process.pid}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create database "${name}" template "${templateDb()}"`);
    } finally {
      await admin.end();
    }
    const dbUrl = withDatabase(url, name);
    const handle = createPostgresDb(dbUrl, { max: 20 });
    return {
      ...handle,
      url: dbUrl,
      close: async () => {
        await handle.close();
        const a = postgres(url, { max: 1, onnotice: () => {} });
        try {
          await a.unsafe(`drop database if exists "${name}" with (force)`);
        } finally {
          await a.end();
        }
      },
    };
  }
  const snapshot = process.env.KAM_TEST_SNAPSHOT;
  if (snapshot) return { ...(await createPgliteDb({ snapshot: new Blob([readFileSync(snapshot)]) })), url: null };
  const handle = await createPgliteDb();
  await migrateDb(handle);
  return { ...handle, url: null };
}
