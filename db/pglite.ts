/** The embedded database (Node only): PGlite in a directory, in memory, or from a snapshot. */
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import * as schema from './schema/index.js';
import type { Db, DbHandle } from './client.js';

export interface PgliteHandle extends DbHandle {
  client: PGlite;
}

export async function createPgliteDb(opts: { dir?: string; snapshot?: Blob | File } = {}): Promise<PgliteHandle> {
  const client = opts.snapshot
    ? await PGlite.create({ loadDataDir: opts.snapshot })
    : await PGlite.create(opts.dir ? { dataDir: opts.dir } : {});
  const db = drizzle({ client, schema }) as unknown as Db;
  return { db, client, driver: 'pglite', close: () => client.close() };
}
