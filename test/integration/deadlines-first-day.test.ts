/** A department that starts using the bot late in a month is not told last month's report is overdue. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { obligations } from '../../db/schema/index.js';
import { tick } from '../../src/scheduler/tick.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  // Friday 27 November 2026, 10:00 in Shanghai: the roster is loaded today.
  h = await startHarness({ now: '2026-11-27T02:00:00Z' });
});
afterAll(async () => h?.close());

const reportNudgesTo = (openId: string) =>
  h.lark.sent().filter((m) => m.receiverOpenId === openId && /月报|monthly report/i.test(JSON.stringify(m.content)));

describe('the first day', () => {
  it('owes no report for a month that ended before the member joined', async () => {
    await tick(h.deps, h.clock.now());
    await h.settle();
    expect(reportNudgesTo('ou_spec1')).toHaveLength(0);
    const rows = await h.db.db.select().from(obligations).where(eq(obligations.kind, 'monthly_report'));
    expect(rows.map((r) => r.subjectId)).not.toContain(expect.stringContaining('2026-10'));
  });

  it('owes the report for the month they worked in', async () => {
    h.clock.set('2026-12-01T02:00:00Z'); // Tuesday 1 December, 10:00
    await tick(h.deps, h.clock.now());
    await h.settle();
    expect(reportNudgesTo('ou_spec1')).toHaveLength(1);
    expect(reportNudgesTo('ou_spec2')).toHaveLength(1);
  });
});
