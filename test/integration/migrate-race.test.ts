/**
 * Several instances started together on an empty database each run the migrations at start.
 * Without a lock their `create … if not exists` race in the catalog and all but one may die
 * (`duplicate key … pg_type_typname_nsp_index`). Real processes, on the Postgres server.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import postgres from 'postgres';
import { EXPECTED_MIGRATIONS } from '../../db/migrations-status.js';
import { withDatabase } from '../global-setup.js';
import { onPostgresServer } from '../support/db.js';

const url = process.env.TEST_DATABASE_URL;

/** One `npm run db:migrate`, as each instance runs it at start; its exit code and stderr. */
const migrateProcess = (databaseUrl: string) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'db/migrate-cli.ts'], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });

describe.skipIf(!onPostgresServer)('concurrent first starts on the Postgres server', () => {
  const created: string[] = [];
  const admin = () => postgres(url!, { max: 1, onnotice: () => {} });
  afterAll(async () => {
    const a = admin();
    for (const name of created) await a.unsafe(`drop database if exists "${name}" with (force)`);
    await a.end();
  });

  it('three processes migrating one empty database all succeed, and apply each migration once', async () => {
    // Named like the harness's databases, so a dead run's leftovers are cleaned up.
    const name = `kam_t_${process.env.KAM_TEST_RUN ?? process.pid}_${process.pid}_migrace`;
    const a = admin();
    await a.unsafe(`drop database if exists "${name}" with (force)`);
    await a.unsafe(`create database "${name}"`);
    await a.end();
    created.push(name);

    const results = await Promise.all(Array.from({ length: 3 }, () => migrateProcess(withDatabase(url!, name))));
    for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });

    const db = postgres(withDatabase(url!, name), { max: 1, onnotice: () => {} });
    try {
      const applied = await db<{ hash: string }[]>`select hash from drizzle.__drizzle_migrations`;
      expect(applied).toHaveLength(EXPECTED_MIGRATIONS);
      expect(new Set(applied.map((m) => m.hash)).size).toBe(EXPECTED_MIGRATIONS);
    } finally {
      await db.end();
    }
  }, 60_000);
});
