/** Whether every committed migration has been applied: what /readyz reports. */
import { sql } from 'drizzle-orm';
import journal from './migrations/meta/_journal.json' with { type: 'json' };
import { rows, type Q } from './client.js';

export const EXPECTED_MIGRATIONS = journal.entries.length;

export async function appliedMigrations(q: Q): Promise<number> {
  try {
    const r = await rows<{ n: number | string }>(q, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    return Number(r[0]?.n ?? 0);
  } catch {
    return 0;
  }
}
