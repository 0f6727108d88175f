/**
 * A claim that ends unpaid is not the end of the visit's expenses: a withdrawn or rejected claim
 * can be filed again (`报销` finds the visit again, receipts come along), and a rejected one can
 * be edited and resubmitted with the form filled in from it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { approvalRequests, reimbursements } from '../../db/schema/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { approvedVisit, button, cardsTo, click, json, lastCardTo, say, sendAttachment, textsTo } from './visit-helpers.js';
import { requestRow, stepsOf } from './approval-helpers.js';

let h: Harness;
let visitId = '';
const claims = () => h.db.db.select().from(reimbursements).where(eq(reimbursements.subjectId, visitId)).orderBy(asc(reimbursements.createdAt));

/** The requester's newest card that offers `k` for this request. */
function requesterCardWith(k: string, requestId: string) {
  const c = cardsTo(h, 'ou_spec1').filter((m) => json(h.lark.messages.get(m.messageId)!.content).includes(`"${k}"`) && json(h.lark.messages.get(m.messageId)!.content).includes(requestId)).at(-1);
  expect(c, `a card with ${k}`).toBeTruthy();
  return { messageId: c!.messageId, content: h.lark.messages.get(c!.messageId)!.content };
}

async function fileClaim(values: Record<string, unknown>) {
  await say(h, 'ou_spec1', '报销 华能');
  const form = lastCardTo(h, 'ou_spec1');
  expect(json(form.content)).toContain('费用报销');
  const ok = await click(h, 'ou_spec1', form.messageId, button(form.content, 'reimb.submit'), values);
  expect(ok.toast?.type, ok.toast?.content).toBe('success');
  return (await claims()).at(-1)!;
}

async function reject(reason: string) {
  const c = lastCardTo(h, 'ou_manager');
  const opened = await click(h, 'ou_manager', c.messageId, button(c.content, 'approval.open', { f: 'reject' }));
  const r = await click(h, 'ou_manager', c.messageId, button(opened.card!.data, 'approval.decide', { d: 'reject' }), { reason });
  expect(r.toast?.type, r.toast?.content).toBe('success');
}

beforeAll(async () => {
  h = await startHarness();
  visitId = (await approvedVisit(h, 'ou_spec1', '华能国际电力股份有限公司')).visit.id;
  h.clock.set('2026-11-30T09:00:00Z');
  const sent = await say(h, 'ou_spec1', '今天下午在华能总部和王总面谈，介绍了监测方案。王总说价格偏高。下一步：周五前把报价单发过去。');
  expect((await click(h, 'ou_spec1', sent.at(-1)!.messageId, button(sent.at(-1)!.content, 'draft.confirm'))).toast?.type).toBe('success');
});
afterAll(async () => h?.close());

describe('a withdrawn claim', () => {
  it('leaves the visit claimable: 报销 finds it again and the receipts come along', async () => {
    await say(h, 'ou_spec1', '报销 华能');
    await sendAttachment(h, 'ou_spec1', 'image', { image_key: 'img_v3_taxi' });
    const form = lastCardTo(h, 'ou_spec1');
    const filed = await click(h, 'ou_spec1', form.messageId, button(form.content, 'reimb.submit'), { ri_item_1: '交通', ri_amount_1: '320' });
    expect(filed.toast?.type, filed.toast?.content).toBe('success');
    const first = (await claims())[0]!;
    const status = requesterCardWith('approval.withdraw', first.requestId!);
    const w = await click(h, 'ou_spec1', status.messageId, button(status.content, 'approval.withdraw'));
    expect(w.toast?.type, w.toast?.content).toBe('success');
    expect((await claims())[0]).toMatchObject({ status: 'withdrawn' });

    const again = await fileClaim({ ri_item_1: '交通', ri_amount_1: '280', ri_item_2: '餐费', ri_amount_2: '460' });
    expect(again).toMatchObject({ status: 'submitted', totalFen: 74_000, receipts: [expect.objectContaining({ key: 'img_v3_taxi' })] });
    expect(again.id).not.toBe(first.id);
    expect((await requestRow(h, again.requestId!)).status).toBe('pending');
    // while it is in approval the visit is not offered again
    await say(h, 'ou_spec1', '报销 华能');
    expect(textsTo(h, 'ou_spec1').at(-1)).toContain('没有找到「华能」可报销的拜访或接待');
  });
});

describe('a rejected claim', () => {
  it('can be edited: the form comes back filled in with the reason, and the same request starts round 2', async () => {
    const claim = (await claims()).at(-1)!;
    await reject('餐费请附发票，交通费超标准');
    expect((await claims()).at(-1)).toMatchObject({ id: claim.id, status: 'rejected' });
    const told = requesterCardWith('approval.resubmit', claim.requestId!);
    const edit = await click(h, 'ou_spec1', told.messageId, button(told.content, 'approval.resubmit'));
    const form = json(edit.card);
    expect(form).toContain('费用报销 · 修改');
    expect(form).toContain('"default_value":"餐费"');
    expect(form).toContain('"default_value":"460"');
    expect(form).toContain('餐费请附发票');
    const submit = button(edit.card!.data, 'reimb.resubmit');

    // bad input: a colleague's click and a bad amount change nothing
    const stranger = await click(h, 'ou_spec2', told.messageId, submit, { ri_item_1: '交通', ri_amount_1: '200' });
    expect(stranger.toast?.type).toBe('error');
    const badAmount = await click(h, 'ou_spec1', told.messageId, submit, { ri_item_1: '交通', ri_amount_1: '两百' });
    expect(badAmount.toast?.i18n.zh_cn).toContain('不是有效金额');
    expect((await claims()).at(-1)).toMatchObject({ status: 'rejected', totalFen: 74_000 });

    const ok = await click(h, 'ou_spec1', told.messageId, submit, { ri_item_1: '交通', ri_amount_1: '200', ri_item_2: '餐费（已附发票）', ri_amount_2: '460' });
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    expect((await claims()).at(-1)).toMatchObject({ id: claim.id, status: 'submitted', totalFen: 66_000 });
    expect(await requestRow(h, claim.requestId!)).toMatchObject({ status: 'pending', round: 2 });
    expect(json(lastCardTo(h, 'ou_manager').content)).toContain('餐费（已附发票）');
    // the old edit form cannot send it a third time
    const twice = await click(h, 'ou_spec1', told.messageId, submit, { ri_item_1: '交通', ri_amount_1: '1' });
    expect(twice.toast?.type).not.toBe('success');
    expect((await claims()).at(-1)!.totalFen).toBe(66_000);
  });

  it('can instead be filed again as a new claim, which withdraws the rejected one so only one stays open', async () => {
    const rejected = (await claims()).at(-1)!;
    await reject('请按实际发生重新报销');
    const told = requesterCardWith('approval.resubmit', rejected.requestId!);
    const resubmit = button(told.content, 'approval.resubmit');
    const fresh = await fileClaim({ ri_item_1: '交通', ri_amount_1: '180' });
    expect(fresh.id).not.toBe(rejected.id);
    expect((await claims()).find((c) => c.id === rejected.id)).toMatchObject({ status: 'withdrawn' });
    expect((await requestRow(h, rejected.requestId!)).status).toBe('withdrawn');
    // the superseded claim's card lost its resubmit button; the button as first sent is refused
    expect(json(h.lark.messages.get(told.messageId)!.content)).not.toContain('approval.resubmit');
    const refused = await click(h, 'ou_spec1', told.messageId, resubmit);
    expect(refused.toast?.type).not.toBe('success');
    expect(await h.db.db.$count(approvalRequests, eq(approvalRequests.status, 'pending'))).toBe(1);
    await (await import('./visit-helpers.js')).approveChain(h, ['ou_manager', 'ou_finance']);
    expect((await claims()).map((c) => c.status)).toEqual(['withdrawn', 'withdrawn', 'approved']);
    expect((await stepsOf(h, fresh.requestId!)).every((s) => s.status !== 'pending')).toBe(true);
  });
});
