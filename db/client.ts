/**
 * One database type for both drivers: postgres.js against a server (Node and Workers) and
 * PGlite embedded (Node). Queries are written once against `Db`.
 */
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** A query runner: the database, or a transaction already open on it. */
export type Q = Db | Tx;

export interface DbHandle {
  db: Db;
  driver: 'postgres' | 'pglite';
  close(): Promise<void>;
  /**
   * Runs `fn` on a connection of its own (a pool's statements may each take another), so
   * session state such as an advisory lock holds across all of them. Postgres only.
   */
  session?<T>(fn: (db: Db) => Promise<T>): Promise<T>;
}

/** Raw SQL rows, whatever the driver returns (postgres.js: an array; PGlite: {rows}). */
export async function rows<T>(q: Q, query: SQL): Promise<T[]> {
  const result = (await q.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/**
 * A text[] parameter in Postgres' array literal syntax, which both drivers pass through as one
 * string parameter (postgres.js and PGlite serialise JS arrays differently; a literal is safe
 * with either). Used for `= any(…)` and `unnest(…)` so a statement's text does not depend on
 * how many values it carries.
 */
export function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

export function createPostgresDb(url: string, opts: { max?: number; onWorkers?: boolean } = {}): DbHandle {
  const client = postgres(url, {
    max: opts.max ?? 10,
    // Lark retries after 3 s; a query waiting longer than that is better failed and retried.
    connect_timeout: 10,
    idle_timeout: opts.onWorkers ? 0 : 30,
    onnotice: () => {},
    // Hyperdrive and poolers in transaction mode do not support prepared statements across calls.
    prepare: !opts.onWorkers,
  });
  const db = drizzlePostgres({ client: opts.onWorkers ? client : preparing(client), schema }) as unknown as Db;
  return {
    db,
    driver: 'postgres',
    session: async (fn) => {
      const one = postgres(url, { max: 1, connect_timeout: 10, onnotice: () => {}, prepare: !opts.onWorkers });
      try {
        return await fn(drizzlePostgres({ client: one, schema }) as unknown as Db);
      } finally {
        if (!opts.onWorkers) await one.end({ timeout: 5 });
      }
    },
    // On Workers `sql.end()` cancels a stream workerd still owns (porsager/postgres#1202).
    close: async () => {
      if (!opts.onWorkers) await client.end({ timeout: 5 });
    },
  };
}

/**
 * drizzle runs every query unprepared (it asks postgres.js for a prepared statement only when a
 * query is given a name), so each one costs an extra Describe round trip and a fresh parse and
 * plan in Postgres. Our statement texts do not vary with their values (lists travel as array
 * parameters), so preparing each text once per connection is safe; on the webhook's hot path it
 * cut the bot's CPU per event by about a quarter (bench/README.md). Queries without parameters,
 * such as migrations, which may hold several statements, stay unprepared.
 */
function preparing(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, prop) {
      if (prop === 'unsafe') {
        return (query: string, params?: postgres.ParameterOrJSON<never>[], o?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, params, params?.length ? { ...o, prepare: true } : o);
      }
      // Transactions and savepoints hand their callback a connection-bound client: wrap it too.
      if (prop === 'begin' || prop === 'savepoint') {
        return (...args: unknown[]) => {
          const callback = args.pop() as (sql: postgres.Sql) => unknown;
          const open = Reflect.get(target, prop) as (...a: unknown[]) => unknown;
          return open(...args, (sql: postgres.Sql) => callback(preparing(sql)));
        };
      }
      return Reflect.get(target, prop) as unknown;
    },
  });
}

export { schema };
