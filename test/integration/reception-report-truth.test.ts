/**
 * A reception report by message on the real path (issue 17), as a visit record: what the text
 * did not label is marked 推测, what it left out comes from the approved plan and says 来自计划,
 * the stored report carries no marks; and a report saying 今天 for a reception planned another
 * day is asked about, not silently attached.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receptions, reportDrafts } from '../../db/schema/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { newCustomer } from './customer-helpers.js';
import { approveChain, button, click, json, lastCardTo, say } from './visit-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-11-27T02:00:00Z' }); // Fri 27 Nov 10:00 Shanghai
});
afterAll(async () => h?.close());

const receptionRow = async (id: string) => (await h.db.db.select().from(receptions).where(eq(receptions.id, id)))[0]!;

/** A reception planned and approved (manager → director); its id. */
async function approvedReception(name: string, short: string, at: string): Promise<string> {
  await newCustomer(h, 'ou_spec1', name);
  await say(h, 'ou_spec1', `接待 ${short}`);
  const form = lastCardTo(h, 'ou_spec1');
  const ok = await click(h, 'ou_spec1', form.messageId, button(form.content, 'reception.submit'), {
    rp_guests: '采购部王总一行3人', rp_at: at, rp_hosts: ['ou_manager', 'ou_spec1'], rp_budget: '2000',
  });
  expect(ok.toast?.type, ok.toast?.content).toBe('success');
  await approveChain(h, ['ou_manager', 'ou_director']);
  const [row] = await h.db.db.select().from(receptions).where(eq(receptions.status, 'approved'));
  return row!.id;
}

describe('a reception report in prose, through the webhook', () => {
  it('marks what it read from prose, fills the venue and the hosts from the plan, and stores the report without marks', async () => {
    const id = await approvedReception('三一重工股份有限公司', '三一重工', '2026-11-30 10:00 +0800');
    h.clock.set('2026-11-30T08:00:00Z'); // Monday 16:00, the afternoon of the reception
    const sent = await say(h, 'ou_spec1', '接待报告 今天上午三一重工采购部王总一行3人来访，参观了生产线，介绍了新产品。客户对交期比较关心。下一步安排技术交流。');
    const confirm = sent.at(-1)!;
    const card = json(confirm.content);
    expect(card).toContain('请确认接待报告');
    expect(card).toContain('来访人员（推测）');
    expect(card).toContain('客户意见（推测）');
    expect(card).toContain('接待地点（来自计划）');
    expect(card).toContain('商务室');
    expect(card).toContain('陪同人员（来自计划）');
    expect(card).toContain('请先核对');
    expect(card).toContain('取自接待计划'); // not the visit plan
    const [draft] = await h.db.db.select().from(reportDrafts).where(eq(reportDrafts.ownerId, 'ou_spec1'));
    expect(draft).toMatchObject({ subjectId: id, status: 'open', fields: { place: '商务室', hosts: '钱经理、李专员', marks: { fromPlan: ['place', 'hosts'] } } });

    const ok = await click(h, 'ou_spec1', confirm.messageId, button(confirm.content, 'draft.confirm'));
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    const row = await receptionRow(id);
    expect(row.status).toBe('reported');
    expect(row.report).toMatchObject({ place: '商务室', hosts: '钱经理、李专员', customerView: expect.stringContaining('交期') });
    expect(row.report).not.toHaveProperty('marks');
    // the reception card shows the report as stored: no draft marks on it
    expect(json(ok.card)).not.toContain('推测');
  });

  it('asks when the day written is not the day planned, then takes the reception picked', async () => {
    const id = await approvedReception('中联重科股份有限公司', '中联重科', '2026-12-03 10:00 +0800');
    const sent = await say(h, 'ou_spec1', '接待报告：今天中联重科李总一行2人来访，参观了展厅，客户对新产品很感兴趣。');
    const pick = sent.at(-1)!;
    expect(json(pick.content)).toContain('是这一次吗');
    const [draft] = await h.db.db.select().from(reportDrafts).where(and(eq(reportDrafts.ownerId, 'ou_spec1'), eq(reportDrafts.status, 'open')));
    expect(draft!.subjectId).toBeNull(); // not silently attached
    expect((await receptionRow(id)).status).toBe('approved');

    const shown = await click(h, 'ou_spec1', pick.messageId, button(pick.content, 'draft.attach', { s: id }));
    expect(json(shown.card)).toContain('请确认接待报告');
    expect(json(shown.card)).toContain('这次计划在');
    const ok = await click(h, 'ou_spec1', pick.messageId, button(shown.card!.data, 'draft.confirm'));
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    expect((await receptionRow(id)).report).toMatchObject({ time: '2026-11-29T16:00:00.000Z', place: '商务室' });
  });
});
