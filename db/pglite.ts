/** The embedded database (Node only): PGlite in a directory, in memory, or from a snapshot. */
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import * as schema from './schema/index.js';
import type { Db, DbHandle } from './client.js';

export interface PgliteHandle extends DbHandle {
  client: PGlite;
}

/**
 * Postgres' shared_buffers is 128 MB in PGlite, and its shared memory is zeroed at start inside
 * the WebAssembly memory, so all of it is resident from the first moment: ~110 MB of a warm
 * start's ~290 MB RSS (issue 14). 16 MB holds a department's working set many times over, and
 * a page outside it is one read of the data directory's file (the OS caches it).
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

export async function createPgliteDb(opts: { dir?: string; snapshot?: Blob | File } = {}): Promise<PgliteHandle> {
  const client = opts.snapshot
    ? await PGlite.create({ loadDataDir: opts.snapshot, startParams: START_PARAMS })
    : await PGlite.create({ ...(opts.dir ? { dataDir: opts.dir } : {}), startParams: START_PARAMS });
  const db = drizzle({ client, schema }) as unknown as Db;
  return { db, client, driver: 'pglite', close: () => client.close() };
}
