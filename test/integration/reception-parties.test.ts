/**
 * A reception's people (§3.3.3 五.1): on approval the hosts, the accompanying leader and the
 * assistant each get one message with their part (one per person, whatever their number of
 * parts, and none for the lead who planned it); they are told when it moves or is cancelled;
 * and the confirmed report goes to the manager and the director to check, one card each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { receptions } from '../../db/schema/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { newCustomer } from './customer-helpers.js';
import { approveChain, button, cardsTo, click, json, lastCardTo, say, textsTo } from './visit-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness(); // 2026-11-27 10:00 in Shanghai
});
afterAll(async () => h?.close());

const LEAD = 'ou_spec1';
const card = (id: string) => h.lark.messages.get(id)!.content;
const receptionRow = async (id: string) => (await h.db.db.select().from(receptions).where(eq(receptions.id, id)))[0]!;
const about = (who: string, fragment: string) => textsTo(h, who).filter((t) => t.includes(fragment));

async function planReception(name: string, values: Record<string, unknown>) {
  await newCustomer(h, LEAD, name);
  await say(h, LEAD, `接待 ${name}`);
  const form = lastCardTo(h, LEAD);
  const ok = await click(h, LEAD, form.messageId, button(form.content, 'reception.submit'), values);
  expect(ok.toast?.type, ok.toast?.content).toBe('success');
  const [row] = await h.db.db.select().from(receptions).where(eq(receptions.formMessageId, form.messageId));
  return { id: row!.id, messageId: form.messageId, card: ok.card!.data };
}

/** The director's 同意, delivered twice (a Lark retry of the same callback). */
async function directorApprovesTwice(eventId: string) {
  const c = lastCardTo(h, 'ou_director');
  const approve = button(c.content, 'approval.decide', { d: 'approve' });
  const a = await h.sender.cardAction('ou_director', c.messageId, approve, { eventId });
  const b = await h.sender.cardAction('ou_director', c.messageId, approve, { eventId });
  expect([a.status, b.status]).toEqual([200, 200]);
  await h.settle();
}

async function reschedule(messageId: string, values: Record<string, unknown>) {
  const form = await click(h, LEAD, messageId, button(card(messageId), 'reception.reschedule'));
  const moved = await click(h, LEAD, messageId, button(form.card!.data, 'reception.reschedule.save'), values);
  expect(moved.toast?.type, moved.toast?.content).not.toBe('error');
  return moved;
}

describe('the people of a reception', () => {
  let id = '';
  let messageId = '';

  it('on approval tells each host, the leader and the assistant their part, once each, and not the lead', async () => {
    ({ id, messageId } = await planReception('三一重工股份有限公司', {
      rp_guests: '采购部王总一行3人', rp_at: '2026-11-30 10:00 +0800', rp_hosts: ['ou_manager', 'ou_spec2', LEAD],
      rp_meals: '中午外出用餐', rp_leader: 'ou_manager', rp_lodging: '四星级酒店', rp_budget: '4000',
    }));
    expect(about('ou_assistant', '接待安排')).toHaveLength(0); // nothing while in approval
    await approveChain(h, ['ou_manager']);
    await directorApprovesTwice('evt-reception-approve');
    expect((await receptionRow(id)).status).toBe('approved');

    // 钱经理 hosts and accompanies the meal: one message with both parts.
    const manager = about('ou_manager', '接待安排（已批准）：三一重工');
    expect(manager).toHaveLength(1);
    expect(manager[0]).toContain('时间：2026-11-30 10:00');
    expect(manager[0]).toContain('地点：商务室');
    expect(manager[0]).toContain('来访人员：采购部王总一行3人');
    expect(manager[0]).toContain('负责人：李专员');
    expect(manager[0]).toContain('接待人员：在商务室迎接客户并洽谈');
    expect(manager[0]).toContain('陪同领导：陪同外出用餐（中午外出用餐）');
    // Wang Wei reads English.
    const host = about('ou_spec2', 'Reception (approved): 三一重工');
    expect(host).toHaveLength(1);
    expect(host[0]).toContain('Your part: host');
    expect(host[0]).not.toContain('accompanying leader');
    const assistant = about('ou_assistant', '接待安排（已批准）');
    expect(assistant).toHaveLength(1);
    expect(assistant[0]).toContain('内勤：准备商务室，陪同并服务');
    expect(assistant[0]).toContain('住宿标准：四星级酒店');
    expect(about(LEAD, '接待安排')).toHaveLength(0);
    expect(about('ou_director', '接待安排')).toHaveLength(0); // approved it, has no part
  });

  it('tells them of a move within the tolerance, and of one that goes back to approval, then briefs them again when approved', async () => {
    await reschedule(messageId, { rr_at: '2026-11-30 15:00 +0800', rr_budget: '4000', rr_reason: '客户航班改签' });
    for (const who of ['ou_manager', 'ou_assistant']) {
      const moved = about(who, '接待改期：三一重工');
      expect(moved, who).toHaveLength(1);
      expect(moved[0]).toContain('由 2026-11-30 10:00 改到 2026-11-30 15:00（客户航班改签）');
    }
    expect(about('ou_spec2', 'Reception moved')).toHaveLength(1);
    expect(about(LEAD, '接待改期')).toHaveLength(0);

    await reschedule(messageId, { rr_at: '2026-12-10 10:00 +0800', rr_budget: '4000', rr_reason: '客户推迟来访' });
    expect((await receptionRow(id)).status).toBe('pending');
    expect(about('ou_assistant', '接待改期待审批：三一重工')).toHaveLength(1);
    expect(about('ou_assistant', '接待改期待审批')[0]).toContain('2026-11-30 15:00 改到 2026-12-10 10:00');
    await approveChain(h, ['ou_manager', 'ou_director']);
    const again = about('ou_assistant', '接待安排（已批准）：三一重工');
    expect(again).toHaveLength(2);
    expect(again[1]).toContain('时间：2026-12-10 10:00');
  });

  it('sends the confirmed report to the manager and the director to check: one card each', async () => {
    h.clock.set('2026-12-10T08:00:00Z');
    const cardsBefore = { manager: cardsTo(h, 'ou_manager').length, director: cardsTo(h, 'ou_director').length };
    const sent = await say(h, LEAD, '接待报告：今天上午三一重工采购部王总一行3人来访，参观了生产线，介绍了新产品。客户反馈很满意，下一步安排技术交流。');
    const confirm = sent.at(-1)!;
    const ok = await click(h, LEAD, confirm.messageId, button(confirm.content, 'draft.confirm'));
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    expect((await receptionRow(id)).status).toBe('reported');
    for (const [who, before] of [['ou_manager', cardsBefore.manager], ['ou_director', cardsBefore.director]] as const) {
      const fresh = cardsTo(h, who).slice(before);
      const check = fresh.filter((m) => json(m.content).includes('提交了「三一重工股份有限公司」的接待报告，请查看'));
      expect(check, who).toHaveLength(1);
      expect(json(check[0]!.content)).toContain('参观了生产线');
      expect(textsTo(h, who).filter((t) => t.includes('接待报告'))).toHaveLength(0); // the card, not a second message
    }
    expect(cardsTo(h, LEAD).filter((m) => json(m.content).includes('请查看'))).toHaveLength(0);
  });

  it('tells the people of an approved reception that it is cancelled; a plan never approved was never announced', async () => {
    const approved = await planReception('潍柴动力股份有限公司', { rp_guests: '技术部一行2人', rp_at: '2026-12-14 14:00 +0800', rp_hosts: ['ou_spec2'] });
    await approveChain(h, ['ou_manager', 'ou_director']);
    expect(about('ou_assistant', '接待安排（已批准）：潍柴动力')).toHaveLength(1);
    const cancel = await click(h, LEAD, approved.messageId, button(card(approved.messageId), 'reception.cancel'));
    const done = await click(h, LEAD, approved.messageId, button(cancel.card!.data, 'reception.cancel.save'), { rc_reason: '客户改为线上会议' });
    expect(done.toast?.type, done.toast?.content).toBe('success');
    const off = about('ou_assistant', '接待取消：潍柴动力');
    expect(off).toHaveLength(1);
    expect(off[0]).toContain('原因：客户改为线上会议');
    expect(about('ou_spec2', 'Reception cancelled: 潍柴动力')).toHaveLength(1);
    expect(about('ou_manager', '接待取消')).toHaveLength(0); // had no part in this one

    const pending = await planReception('徐工集团工程机械股份有限公司', { rp_guests: '采购部一行4人', rp_at: '2026-12-15 10:00 +0800', rp_hosts: ['ou_spec2'] });
    const c2 = await click(h, LEAD, pending.messageId, button(pending.card, 'reception.cancel'));
    const off2 = await click(h, LEAD, pending.messageId, button(c2.card!.data, 'reception.cancel.save'), { rc_reason: '客户取消行程' });
    expect(off2.toast?.type, off2.toast?.content).toBe('success');
    expect(about('ou_assistant', '徐工集团')).toHaveLength(0);
    expect(about('ou_spec2', '徐工集团')).toHaveLength(0);
  });
});
