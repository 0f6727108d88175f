/**
 * Visit materials (拜访物料, issue 15): when a plan with materials is approved, each material's
 * owner gets one message saying what to prepare for which visit and by when, with 已备好; if
 * not ready they are reminded once on the due morning, in their digest; 已备好 on the digest
 * answers with the digest up to date at once (nothing left for the tick to patch); a reschedule
 * moves the deadline; approved again after a change the duty and its reminder start afresh; a
 * cancelled visit closes the duty. All through the plan form, approval cards, ticks and clicks.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { obligations } from '../../db/schema/index.js';
import { closeObligation } from '../../src/app/obligations/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { atZonedYmd } from '../../src/domain/time.js';
import { buttonOf, buttons, digestsSince, textOf, tickAt, TZ } from './deadlines-helpers.js';
import { approveChain, button, cardsTo, click, customerWithContacts, json, planVisit, PLAN_VALUES, say } from './visit-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-11-27T02:00:00Z' }); // Fri 27 Nov 10:00 Shanghai
  await customerWithContacts(h, 'ou_spec1', '中国华能集团');
});
afterAll(async () => h?.close());

const VALUES = {
  ...PLAN_VALUES,
  vp_at: '2026-12-03 14:30 +0800', // Thu
  mat_brochure_qty: '20',
  mat_brochure_due: '12-02',
  mat_brochure_owner: 'ou_assistant',
  mat_small_gift_qty: '5',
  mat_small_gift_due: '12-05', // after the visit: due on the visit day instead
  mat_small_gift_owner: 'ou_assistant',
  mat_discount_qty: '1',
  mat_discount_owner: 'ou_spec2',
};

const duty = async (visitId: string, owner: string) =>
  (await h.db.db.select().from(obligations).where(and(eq(obligations.kind, 'visit_material'), eq(obligations.subjectId, visitId), eq(obligations.ownerId, owner))))[0]!;
const noticesTo = (who: string, from = 0) => cardsTo(h, who).slice(from).filter((m) => json(m.content).includes('拜访物料准备') && !json(m.content).includes('待办提醒'));
const materialDigests = (from: number, who: string) => digestsSince(h, from).filter((d) => d.to === who && textOf(d.card).includes('拜访物料准备'));

let visitId = '';
let visitCard = '';

describe('an approved plan with materials', () => {
  it('tells each owner once what to prepare, for which visit, by when, with 已备好', async () => {
    const planned = await planVisit(h, 'ou_spec1', '中国华能集团', VALUES);
    visitId = planned.visit.id;
    visitCard = planned.messageId;
    expect(noticesTo('ou_assistant')).toHaveLength(0); // not before approval
    await approveChain(h, ['ou_manager', 'ou_director', 'ou_finance']);

    const [toAssistant, ...more] = noticesTo('ou_assistant');
    expect(more).toHaveLength(0);
    const text = json(toAssistant!.content);
    expect(text).toContain('李专员 拜访「中国华能集团」的计划已批准');
    expect(text).toContain('宣传册×20、小礼品×5');
    expect(text).toContain('2026-12-02（拜访前）');
    expect(text).toContain('2026-12-03 14:30');
    expect(buttonOf(toAssistant!.content, 'visit.material_ready')).toMatchObject({ vi: visitId, n: 1 });
    const [toSpec2] = noticesTo('ou_spec2');
    expect(json(toSpec2!.content)).toContain('Discount confirmation ×1');
    expect(json(toSpec2!.content)).toContain('2026-12-03 (before the visit)');

    expect((await duty(visitId, 'ou_assistant')).dueAt.toISOString()).toBe('2026-12-02T15:59:59.000Z');
    expect((await duty(visitId, 'ou_spec2')).dueAt.toISOString()).toBe('2026-12-03T15:59:59.000Z');
    // a stranger's 已备好 is refused
    const stranger = await click(h, 'ou_spec1', toSpec2!.messageId, buttonOf(toSpec2!.content, 'visit.material_ready') as never);
    expect(stranger.toast?.type).toBe('error');
  });

  it('is reminded once, on the due morning, in the digest with 已备好', async () => {
    // The monthly reports the tick opens on the 1st are not this file's subject.
    await tickAt(h, '2026-12-01', '09:05');
    for (const id of ['ou_spec1', 'ou_spec2']) await closeObligation(h.db.db, 'monthly_report', { type: 'month', id: '2026-11' }, h.clock.now(), { ownerId: id });
    expect(materialDigests(0, 'ou_assistant')).toHaveLength(0);
    const from = h.lark.sent().length;
    await tickAt(h, '2026-12-02', '09:05');
    const [digest] = materialDigests(from, 'ou_assistant');
    expect(digest, 'the assistant’s digest').toBeTruthy();
    expect(textOf(digest!.card)).toContain('中国华能集团：宣传册×20、小礼品×5');
    expect(buttonOf(digest!.card, 'visit.material_ready')).toMatchObject({ vi: visitId });
    const again = h.lark.sent().length;
    await tickAt(h, '2026-12-02', '15:05');
    expect(materialDigests(again, 'ou_assistant')).toHaveLength(0);
  });

  it('已备好 on the digest closes the duty and answers with the digest up to date — the tick has nothing to patch', async () => {
    const digest = materialDigests(0, 'ou_assistant').at(-1)!;
    const ok = await click(h, 'ou_assistant', digest.messageId, buttonOf(digest.card, 'visit.material_ready') as never);
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    expect((await duty(visitId, 'ou_assistant')).doneAt).not.toBeNull();
    expect(buttons(ok.card!.data).filter((b) => b.k === 'visit.material_ready')).toEqual([]);
    expect(textOf(ok.card!.data)).toContain('已完成');
    const patches = () => h.lark.callsTo('message.patch').filter((c) => c.path.includes(digest.messageId)).length;
    await tickAt(h, '2026-12-02', '15:10');
    expect(patches()).toBe(0);
    const twice = await click(h, 'ou_assistant', digest.messageId, buttonOf(digest.card, 'visit.material_ready') as never);
    expect(twice.toast?.type).not.toBe('success');
  });

  it('a reschedule within the tolerance moves the deadline: the owner not yet ready is told, and reminded on the new day', async () => {
    const form = await click(h, 'ou_spec1', visitCard, button(h.lark.messages.get(visitCard)!.content, 'visit.reschedule'));
    const before = noticesTo('ou_spec2').length;
    const moved = await click(h, 'ou_spec1', visitCard, button(form.card!.data, 'visit.reschedule.save'), { vr_at: '2026-12-04 14:30 +0800', vr_budget: '3000', vr_reason: '客户改期' });
    expect(moved.toast?.type, moved.toast?.content).toBe('success');
    expect((await duty(visitId, 'ou_spec2')).dueAt.toISOString()).toBe('2026-12-04T15:59:59.000Z');
    const told = noticesTo('ou_spec2').slice(before);
    expect(told).toHaveLength(1);
    expect(json(told[0]!.content)).toContain('now due 2026-12-04');
    expect(noticesTo('ou_assistant')).toHaveLength(1); // ready already: nothing to say
    const from = h.lark.sent().length;
    await tickAt(h, '2026-12-03', '09:05');
    expect(materialDigests(from, 'ou_spec2')).toHaveLength(0);
    await tickAt(h, '2026-12-04', '09:05');
    expect(materialDigests(from, 'ou_spec2')).toHaveLength(1);
  });

  it('approved again after a bigger move: each duty reopened, the owners told again and reminded afresh', async () => {
    const form = await click(h, 'ou_spec1', visitCard, button(h.lark.messages.get(visitCard)!.content, 'visit.reschedule'));
    const r = await click(h, 'ou_spec1', visitCard, button(form.card!.data, 'visit.reschedule.save'), { vr_at: '2026-12-10 14:30 +0800', vr_budget: '3000' });
    expect(json(r.card)).toContain('已重新提交审批');
    expect((await duty(visitId, 'ou_spec2')).cancelledAt).not.toBeNull(); // waits for the approval
    const before = noticesTo('ou_assistant').length;
    await approveChain(h, ['ou_manager', 'ou_director', 'ou_finance']);
    const assistant = await duty(visitId, 'ou_assistant');
    expect(assistant).toMatchObject({ doneAt: null, cancelledAt: null });
    expect(assistant.meta.round).toBe(3); // approval, the first move, this approval
    // 12-02 moved with the visit (+1, then +6 days) to 12-09
    expect(assistant.dueAt.toISOString()).toBe('2026-12-09T15:59:59.000Z');
    const told = noticesTo('ou_assistant').slice(before);
    expect(told).toHaveLength(1);
    expect(json(told[0]!.content)).toContain('重新批准');
    const from = h.lark.sent().length;
    await tickAt(h, '2026-12-09', '09:05');
    const [digest] = materialDigests(from, 'ou_assistant');
    expect(digest).toBeTruthy();
    // 已备好 on the notice itself marks that card ready, and the digest listing it is patched at once
    const ok = await click(h, 'ou_assistant', told[0]!.messageId, buttonOf(told[0]!.content, 'visit.material_ready') as never);
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    expect(json(ok.card)).toContain('已备好，谢谢');
    expect(buttons(ok.card!.data)).toEqual([]);
    const patches = h.lark.callsTo('message.patch').filter((c) => c.path.includes(digest!.messageId));
    expect(patches).toHaveLength(1);
    expect(buttons(h.lark.messages.get(digest!.messageId)!.content).filter((b) => b.k === 'visit.material_ready')).toEqual([]);
    await tickAt(h, '2026-12-09', '09:10');
    expect(h.lark.callsTo('message.patch').filter((c) => c.path.includes(digest!.messageId))).toHaveLength(1);
  });

  it('cancelling the visit closes the duty: no reminder, and 已备好 says so', async () => {
    const form = await click(h, 'ou_spec1', visitCard, button(h.lark.messages.get(visitCard)!.content, 'visit.cancel'));
    const ok = await click(h, 'ou_spec1', visitCard, button(form.card!.data, 'visit.cancel.save'), { vc_reason: '客户项目暂停' });
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    expect((await duty(visitId, 'ou_spec2')).cancelledAt).not.toBeNull();
    const last = noticesTo('ou_spec2').at(-1)!;
    const late = await click(h, 'ou_spec2', last.messageId, buttonOf(last.content, 'visit.material_ready') as never);
    expect(late.toast?.type).toBe('error');
    expect(late.toast?.i18n.en_us).toContain('cancelled');
    const from = h.lark.sent().length;
    await tickAt(h, '2026-12-10', '09:05');
    expect(materialDigests(from, 'ou_spec2')).toHaveLength(0);
  });
});

describe('a visit that took place', () => {
  it('closes the materials nobody marked ready once its record is in', async () => {
    await customerWithContacts(h, 'ou_spec1', '中国大唐集团');
    const planned = await planVisit(h, 'ou_spec1', '中国大唐集团', { ...VALUES, vp_at: '2026-12-11 10:00 +0800', mat_brochure_due: '12-10', mat_small_gift_qty: '', mat_discount_qty: '' });
    await approveChain(h, ['ou_manager', 'ou_director', 'ou_finance']);
    expect((await duty(planned.visit.id, 'ou_assistant')).doneAt).toBeNull();
    h.clock.set(atZonedYmd('2026-12-11', TZ, 17));
    const sent = await say(h, 'ou_spec1', '见了王总，对方认可方案，下一步下周报价', { parentId: planned.messageId });
    const confirm = sent.at(-1)!;
    const ok = await click(h, 'ou_spec1', confirm.messageId, button(confirm.content, 'draft.confirm'));
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    expect((await duty(planned.visit.id, 'ou_assistant')).cancelledAt).not.toBeNull();
  });
});
