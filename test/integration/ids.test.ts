/** Record ids come from the injected generator (issue 16): a test that names them sees them. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { SequentialIds } from '../support/ids.js';
import { newCustomer } from './customer-helpers.js';

let h: Harness;
const ids = new SequentialIds();
beforeAll(async () => {
  h = await startHarness({ ids });
});
afterAll(async () => h?.close());

it('gives new customers the ids the generator makes, in order', async () => {
  const first = await newCustomer(h, 'ou_spec1', '华东电网有限公司');
  const second = await newCustomer(h, 'ou_spec2', '南方电网有限公司');
  expect([first.id, second.id]).toEqual([ids.nth(1), ids.nth(2)]);
});
