/** Double clicks PGlite cannot show (one session): confirm, plan submit and claim submit pressed at once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { approvalRequests, reimbursements, visits } from '../../db/schema/index.js';
import { onPostgresServer } from '../support/db.js';
import { startHarness, type Harness } from '../support/harness.js';
import { approvedVisit, button, customerWithContacts, lastCardTo, PLAN_VALUES, say, visitRow } from './visit-helpers.js';

describe.skipIf(!onPostgresServer)('visits on the Postgres server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  const toastsOf = (answers: { body: unknown }[]) => answers.map((a) => (a.body as { toast?: { type: string } }).toast?.type);

  it('a plan form submitted four times at once files one visit and one chain', async () => {
    await customerWithContacts(h, 'ou_spec1', '并发拜访公司');
    await say(h, 'ou_spec1', '拜访 并发拜访公司');
    const form = lastCardTo(h, 'ou_spec1');
    const chains = await h.db.db.$count(approvalRequests);
    const answers = await Promise.all([0, 1, 2, 3].map(() => h.sender.cardAction('ou_spec1', form.messageId, button(form.content, 'visit.submit'), { formValue: PLAN_VALUES })));
    await h.settle();
    expect(toastsOf(answers).filter((t) => t === 'success')).toHaveLength(1);
    expect(await h.db.db.$count(visits, eq(visits.formMessageId, form.messageId))).toBe(1);
    expect(await h.db.db.$count(approvalRequests)).toBe(chains + 1);
  });

  it('a record confirmed twice at once is stored once, with one follow-up duty', async () => {
    const { visit } = await approvedVisit(h, 'ou_spec2', 'Concurrent Visit Co');
    await say(h, 'ou_spec2', 'Visit summary: met the buyer at their office, they said the price is too high, next step send a new quote.');
    const confirm = lastCardTo(h, 'ou_spec2');
    const answers = await Promise.all([0, 1, 2].map(() => h.sender.cardAction('ou_spec2', confirm.messageId, button(confirm.content, 'draft.confirm'))));
    await h.settle();
    expect(toastsOf(answers).filter((t) => t === 'success')).toHaveLength(1);
    const v = await visitRow(h, visit.id);
    expect(v.status).toBe('recorded');
    expect(v.version).toBe(3); // planned 1 → approved 2 → recorded 3

    await say(h, 'ou_spec2', '/reimburse');
    const claim = lastCardTo(h, 'ou_spec2');
    const chains = await h.db.db.$count(approvalRequests);
    const submits = await Promise.all([0, 1, 2].map(() => h.sender.cardAction('ou_spec2', claim.messageId, button(claim.content, 'reimb.submit'), { formValue: { ri_item_1: 'Taxi', ri_amount_1: '120' } })));
    await h.settle();
    expect(toastsOf(submits).filter((t) => t === 'success')).toHaveLength(1);
    expect(await h.db.db.$count(reimbursements, eq(reimbursements.subjectId, visit.id))).toBe(1);
    expect(await h.db.db.$count(approvalRequests)).toBe(chains + 1);
  });
});
