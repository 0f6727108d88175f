/**
 * Rescheduling a reception (接待改期), as visits are: within the tolerance the approval stands and
 * the report deadline moves; beyond it the plan goes back to manager → director with the report
 * duty suspended until approved again; and refusals (not the lead, still in approval, a stale
 * form, a bad date) change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { approvalRequests, receptions } from '../../db/schema/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { newCustomer } from './customer-helpers.js';
import { approveChain, button, cardsTo, click, dutiesOf, json, lastCardTo, say } from './visit-helpers.js';
import { buttonValues } from './approval-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness(); // the clock stands at 2026-11-27 10:00 in Shanghai
});
afterAll(async () => h?.close());

const LEAD = 'ou_spec1';
const card = (id: string) => h.lark.messages.get(id)!.content;
const receptionRow = async (id: string) => (await h.db.db.select().from(receptions).where(eq(receptions.id, id)))[0]!;
const reportDuty = async (id: string) => (await dutiesOf(h, id)).find((d) => d.kind === 'reception_report')!;

/** `接待 <name>` and the plan filed by form; the form message becomes the reception card. */
async function planReception(name: string, at = '2026-11-30 10:00 +0800') {
  await newCustomer(h, LEAD, name);
  await say(h, LEAD, `接待 ${name}`);
  const form = lastCardTo(h, LEAD);
  const ok = await click(h, LEAD, form.messageId, button(form.content, 'reception.submit'), { rp_guests: '采购部王总一行3人', rp_at: at, rp_hosts: ['ou_manager', LEAD], rp_budget: '4000' });
  expect(ok.toast?.type, ok.toast?.content).toBe('success');
  const [row] = await h.db.db.select().from(receptions).where(eq(receptions.formMessageId, form.messageId));
  return { id: row!.id, messageId: form.messageId, answer: ok };
}

async function approvedReception(name: string) {
  const planned = await planReception(name);
  await approveChain(h, ['ou_manager', 'ou_director']);
  expect((await receptionRow(planned.id)).status).toBe('approved');
  return planned;
}

/** Opens the reschedule form from the reception card in message `messageId`. */
async function openForm(messageId: string, who = LEAD) {
  const form = await click(h, who, messageId, button(card(messageId), 'reception.reschedule'));
  expect(form.toast, form.toast?.content).toBeUndefined();
  return button(form.card!.data, 'reception.reschedule.save');
}

describe('rescheduling a reception', () => {
  it('moves it within the tolerance: the approval stands, the report deadline and every card copy move with it', async () => {
    const { id, messageId } = await approvedReception('三一重工股份有限公司');
    const before = await receptionRow(id);
    expect((await reportDuty(id)).dueAt.toISOString()).toBe('2026-11-30T15:59:59.000Z');
    const requests = await h.db.db.$count(approvalRequests);
    // the card sent on submit is a second copy of the same reception
    const other = cardsTo(h, LEAD).find((m) => m.messageId !== messageId && json(m.content).includes(`"s":"${id}"`))!;

    const save = await openForm(messageId);
    const moved = await click(h, LEAD, messageId, save, { rr_at: '2026-12-01 14:00 +0800', rr_budget: '4200', rr_reason: '客户航班改签' });
    expect(moved.toast?.type, moved.toast?.content).toBe('success');
    expect(moved.toast?.i18n.zh_cn).toBe('已改期 2026-11-30 10:00 → 2026-12-01 14:00（客户航班改签），在允许范围内，无需重新审批。');
    expect(moved.toast?.i18n.en_us).toBe('Moved 2026-11-30 10:00 → 2026-12-01 14:00; within the tolerance, the approval stands.');
    expect(json(moved.card)).toContain('无需重新审批');

    const after = await receptionRow(id);
    expect(after).toMatchObject({ status: 'approved', requestId: before.requestId, budgetFen: 420_000, version: before.version + 1 });
    expect(after.plan.budgetFen).toBe(420_000);
    expect(after.receptionAt.toISOString()).toBe('2026-12-01T06:00:00.000Z');
    expect(await h.db.db.$count(approvalRequests)).toBe(requests);
    const duty = await reportDuty(id);
    expect(duty.cancelledAt).toBeNull();
    expect(duty.anchorAt.toISOString()).toBe('2026-12-01T06:00:00.000Z');
    expect(duty.dueAt.toISOString()).toBe('2026-12-01T15:59:59.000Z');
    expect(json(card(other.messageId))).toContain('2026-12-01 14:00');
  });

  it('goes back to manager → director beyond the tolerance, the report duty suspended until approved again', async () => {
    const { id, messageId } = await approvedReception('潍柴动力股份有限公司');
    const before = await receptionRow(id);
    const save = await openForm(messageId);
    const moved = await click(h, LEAD, messageId, save, { rr_at: '2026-12-08 10:00 +0800', rr_budget: '4000' });
    expect(moved.toast?.type, moved.toast?.content).toBe('info');
    expect(moved.toast?.i18n.zh_cn).toBe('已改期 2026-11-30 10:00 → 2026-12-08 10:00，变动超出范围，已重新提交审批。');
    expect(moved.toast?.i18n.en_us).toBe('Moved 2026-11-30 10:00 → 2026-12-08 10:00; beyond the tolerance, so it went back to approval.');

    const pending = await receptionRow(id);
    expect(pending.status).toBe('pending');
    expect(pending.requestId).not.toBe(before.requestId);
    const [req] = await h.db.db.select().from(approvalRequests).where(eq(approvalRequests.id, pending.requestId!));
    expect(req).toMatchObject({ kind: 'reception_plan', status: 'pending', requesterId: LEAD });
    const managerCard = json(lastCardTo(h, 'ou_manager').content);
    expect(managerCard).toContain('2026-11-30 10:00 → 2026-12-08 10:00');
    expect(managerCard).toContain('改期');
    const suspended = await reportDuty(id);
    expect(suspended.cancelledAt).not.toBeNull();
    expect(suspended.dueAt.toISOString()).toBe('2026-12-08T15:59:59.000Z');

    await approveChain(h, ['ou_manager', 'ou_director']);
    expect((await receptionRow(id)).status).toBe('approved');
    const resumed = await reportDuty(id);
    expect(resumed.cancelledAt).toBeNull();
    expect(resumed.doneAt).toBeNull();
    expect(resumed.dueAt.toISOString()).toBe('2026-12-08T15:59:59.000Z');
  });

  it('a rejected reschedule stays in approval, as a visit does: sent again and approved, the duty resumes at the new time', async () => {
    const { id, messageId } = await approvedReception('徐工集团工程机械股份有限公司');
    await click(h, LEAD, messageId, await openForm(messageId), { rr_at: '2026-12-09 15:00 +0800', rr_budget: '6000' });
    const m = lastCardTo(h, 'ou_manager');
    const opened = await click(h, 'ou_manager', m.messageId, button(m.content, 'approval.open', { f: 'reject' }));
    const rejected = await click(h, 'ou_manager', m.messageId, button(opened.card!.data, 'approval.decide', { d: 'reject' }), { reason: '预算需要说明' });
    expect(rejected.toast?.type, rejected.toast?.content).toBe('success');
    expect((await receptionRow(id)).status).toBe('pending');
    expect((await reportDuty(id)).cancelledAt).not.toBeNull();

    const status = h.lark.sent().filter((x) => x.receiverOpenId === LEAD && json(x.content).includes('approval.resubmit')).at(-1)!;
    // Sending it again opens the plan, filled in with the rescheduled time, to edit first.
    const edit = await click(h, LEAD, status.messageId, button(status.content, 'approval.resubmit'));
    expect(edit.toast?.type, edit.toast?.content).toBe('info');
    expect(json(edit.card)).toContain('"initial_datetime":"2026-12-09 15:00"');
    const again = await click(h, LEAD, status.messageId, button(edit.card!.data, 'reception.resubmit'), { rp_guests: '采购部王总一行3人', rp_at: '2026-12-09 15:00 +0800', rp_hosts: ['ou_manager', LEAD], rp_budget: '6000' });
    expect(again.toast?.type, again.toast?.content).toBe('success');
    await approveChain(h, ['ou_manager', 'ou_director']);
    expect((await receptionRow(id)).status).toBe('approved');
    const duty = await reportDuty(id);
    expect(duty.cancelledAt).toBeNull();
    expect(duty.dueAt.toISOString()).toBe('2026-12-09T15:59:59.000Z');
  });
});

describe('a reschedule that is refused changes nothing', () => {
  const unchanged = async (id: string, before: Awaited<ReturnType<typeof receptionRow>>, requests: number) => {
    expect(await receptionRow(id)).toEqual(before);
    expect(await h.db.db.$count(approvalRequests)).toBe(requests);
  };

  it('refuses anyone but the reception lead', async () => {
    const { id, messageId } = await approvedReception('山东重工集团有限公司');
    const before = await receptionRow(id);
    const duty = await reportDuty(id);
    const requests = await h.db.db.$count(approvalRequests);
    const open = await click(h, 'ou_spec2', messageId, button(card(messageId), 'reception.reschedule'));
    expect(open.toast?.type).toBe('error');
    expect(open.toast?.i18n).toEqual({ zh_cn: '只有接待负责人可以改期。', en_us: 'Only the reception lead can reschedule it.' });
    expect(open.card).toBeUndefined();
    // nor can the manager save a form the lead opened
    const save = await openForm(messageId);
    const forged = await click(h, 'ou_manager', messageId, save, { rr_at: '2026-12-01 10:00 +0800' });
    expect(forged.toast?.type).toBe('error');
    await unchanged(id, before, requests);
    expect(await reportDuty(id)).toEqual(duty);
  });

  it('refuses a plan still in approval: it is withdrawn on the approval card instead', async () => {
    const { id, messageId, answer } = await planReception('浪潮集团有限公司');
    const before = await receptionRow(id);
    const requests = await h.db.db.$count(approvalRequests);
    // the form became the reception card in the callback answer: it offers no 改期 in approval
    expect(buttonValues(answer.card).map((b) => b.k)).toEqual(['reception.cancel']);
    // and a click from an older card (or a forged one) is refused with the way on
    const open = await click(h, LEAD, messageId, { v: 1, k: 'reception.reschedule', s: id });
    expect(open.toast?.type).toBe('error');
    expect(open.toast?.i18n.zh_cn).toBe('计划还在审批中：可在审批卡片上撤回，改好后重新提交。');
    expect(open.toast?.i18n.en_us).toBe('The plan is still being approved: withdraw it on the approval card, then file it again.');
    // a save sent anyway (an older form) meets the same rule
    const save = await click(h, LEAD, messageId, { v: 1, k: 'reception.reschedule.save', s: id, ver: before.version }, { rr_at: '2026-12-01 10:00 +0800' });
    expect(save.toast?.i18n.zh_cn).toContain('可在审批卡片上撤回');
    await unchanged(id, before, requests);
    await approveChain(h, ['ou_manager', 'ou_director']); // leave no chain open for the next test's approvers
  });

  it('refuses a stale form: the reception changed since it was opened', async () => {
    const { id, messageId } = await approvedReception('海尔集团公司');
    const stale = await openForm(messageId);
    const first = await click(h, LEAD, messageId, await openForm(messageId), { rr_at: '2026-11-30 15:00 +0800', rr_budget: '4000' });
    expect(first.toast?.type, first.toast?.content).toBe('success');
    const before = await receptionRow(id);
    const duty = await reportDuty(id);
    const requests = await h.db.db.$count(approvalRequests);
    const again = await click(h, LEAD, messageId, stale, { rr_at: '2026-12-01 09:00 +0800', rr_budget: '4000' });
    expect(again.toast?.type).toBe('info');
    expect(again.toast?.i18n).toEqual({ zh_cn: '这次接待刚被修改过，请看最新的卡片。', en_us: 'The reception was just changed; see the latest card.' });
    await unchanged(id, before, requests);
    expect(await reportDuty(id)).toEqual(duty);
  });

  it('refuses a bad date with a clear message in both languages', async () => {
    const { id, messageId } = await approvedReception('青岛海信集团有限公司');
    const before = await receptionRow(id);
    const duty = await reportDuty(id);
    const requests = await h.db.db.$count(approvalRequests);
    const save = await openForm(messageId);
    const cases: [Record<string, unknown>, { zh_cn: string; en_us: string }][] = [
      [{ rr_at: '2026-02-30 10:00 +0800' }, { zh_cn: '「新的接待时间」日期无效', en_us: 'New date and time: is not a valid date' }],
      [{ rr_at: '2026-11-20 10:00 +0800' }, { zh_cn: '新的接待时间不能早于昨天。', en_us: 'The new time cannot be before yesterday.' }],
      [{ rr_at: '' }, { zh_cn: '「新的接待时间」不能为空', en_us: 'New date and time: is required' }],
      [{ rr_at: '2026-12-01 10:00 +0800', rr_budget: '三千块' }, { zh_cn: '「预算」不是有效金额，例如 3000 或 1.2万', en_us: 'Budget: is not an amount, e.g. 3000' }],
    ];
    for (const [form, message] of cases) {
      const r = await click(h, LEAD, messageId, save, form);
      expect(r.toast?.type, JSON.stringify(form)).toBe('error');
      expect(r.toast?.i18n).toEqual(message);
    }
    await unchanged(id, before, requests);
    expect(await reportDuty(id)).toEqual(duty);
  });
});
