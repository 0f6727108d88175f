/** Ids come from the injected generator (issue 16): records' ids and outbox uuids alike. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { outbox } from '../../db/schema/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { SequentialIds } from '../support/ids.js';
import { newCustomer } from './customer-helpers.js';

let h: Harness;
const ids = new SequentialIds();
beforeAll(async () => {
  h = await startHarness({ ids });
});
afterAll(async () => h?.close());

const made = (n: number) => Array.from({ length: n }, (_, i) => ids.nth(i + 1));

it('gives new customers and the messages about them the ids the generator makes, in order', async () => {
  const first = await newCustomer(h, 'ou_spec1', '华东电网有限公司');
  const second = await newCustomer(h, 'ou_spec2', '南方电网有限公司');
  expect(first.id).toBe(ids.nth(1));
  const rows = await h.db.db.select({ uuid: outbox.uuid }).from(outbox).orderBy(asc(outbox.id));
  expect(rows.length).toBeGreaterThan(0);
  // Every id the app asked for: the two customers' and each outbox row's uuid (Lark's
  // de-duplication key), all from the generator, none twice.
  const asked = [first.id, second.id, ...rows.map((r) => r.uuid)];
  expect(new Set(asked).size).toBe(asked.length);
  expect(made(200)).toEqual(expect.arrayContaining(asked));
  expect(Number.parseInt(second.id.slice(-12), 16)).toBeGreaterThan(1);
});
