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
import { processAlive } from '../src/runtime/pglite-lock.js';

/**
 * Databases are named after the run's pid (kam_tpl_<pid>, kam_t_<pid>_…), so runs in parallel on
 * one server (several developers, CI) never drop each other's; what a dead run left is removed.
 */
const RUN = String(process.pid);
export const templateDb = (run = process.env.KAM_TEST_RUN ?? RUN) => `kam_tpl_${run}`;


async function dropDatabases(url: string, which: (name: string, pid: number) => boolean): Promise<void> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const all = await admin<{ datname: string }[]>`select datname from pg_database where datname ~ '^kam_(tpl|t)_[0-9]+'`;
    for (const { datname } of all) {
      const pid = Number(/^kam_(?:tpl|t)_(\d+)/.exec(datname)![1]);
      if (which(datname, pid)) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    }
  } finally {
    await admin.end();
  }
}

export default async function setup(): Promise<(() => Promise<void>) | void> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    process.env.KAM_TEST_RUN = RUN;
    await dropDatabases(url, (_n, pid) => !processAlive(pid));
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create database "${templateDb()}"`);
    } finally {
      await admin.end();
    }
    const handle = createPostgresDb(withDatabase(url, templateDb()), { max: 1 });
    await migrateDb(handle);
    await handle.close();
    return () => dropDatabases(url, (_n, pid) => pid === Number(RUN));
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
