/**
 * Once per `vitest run`: a migrated database every test file copies. PGlite: a data-dir dump
 * restored in ~0.5 s. Postgres server (TEST_DATABASE_URL): a template database cloned per file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { createPgliteDb } from '../db/pglite.js';
import { createPostgresDb } from '../db/client.js';
import { migrateDb } from '../db/migrate.js';

export const TEMPLATE_DB = 'kam_test_template';

export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const stale = await admin<{ datname: string }[]>`select datname from pg_database where datname like 'kam_t_%' or datname = ${TEMPLATE_DB}`;
      for (const { datname } of stale) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
      await admin.unsafe(`create database "${TEMPLATE_DB}"`);
    } finally {
      await admin.end();
    }
    const handle = createPostgresDb(withDatabase(url, TEMPLATE_DB), { max: 1 });
    await migrateDb(handle);
    await handle.close();
    return;
  }
  const handle = await createPgliteDb();
  await migrateDb(handle);
  const dump = await handle.client.dumpDataDir('none');
  const file = join(mkdtempSync(join(tmpdir(), 'kam-test-')), 'snapshot.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  process.env.KAM_TEST_SNAPSHOT = file;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
