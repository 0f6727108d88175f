/** pgArray literals survive both drivers unchanged, whatever the strings contain. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { pgArray, rows } from '../../db/client.js';
import { createTestDb, type TestDb } from '../support/db.js';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

describe('pgArray', () => {
  it('round-trips awkward strings through unnest', async () => {
    const values = ['plain', 'with "quotes"', 'back\\slash', 'a,b', '{braces}', 'NULL', '', '拜访总结：客户很满意', JSON.stringify({ text: 'a "b" \\ c' })];
    const out = await rows<{ v: string }>(db.db, sql`select v from unnest(${pgArray(values)}::text[]) with ordinality as t(v, i) order by i`);
    expect(out.map((r) => r.v)).toEqual(values);
  });
});
