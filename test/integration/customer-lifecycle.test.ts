/** Categories with history and the high-value suggestion, the lifecycle, the development application and a handover. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import {
  approvalRequests, auditLog, customerCategoryHistory, customerComplaints, customerQuestions, customerResearch, customerStageHistory,
  customerTransactions, customers, developmentPlans, obligations, visits,
} from '../../db/schema/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { lastCardTo, requestRow } from './approval-helpers.js';
import { approveChain, approvedVisit } from './visit-helpers.js';
import { button, click, customerRow, json, lastArchive, newCustomer, say, textsTo } from './customer-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

/** `申请` → the kind's form → submitted. */
async function fileRequest(who: string, kind: string, values: Record<string, unknown>) {
  await say(h, who, '申请');
  const picker = lastCardTo(h, who);
  const form = await click(h, who, picker.messageId, button(picker.content, 'request.form', { kind }));
  const ok = await click(h, who, picker.messageId, button(form.card!.data, 'request.submit'), values);
  expect(ok.toast?.type, ok.toast?.content).toBe('success');
}

async function openArchive(who: string, name: string) {
  await say(h, who, `客户 ${name}`);
  return lastArchive(h, who);
}

/** Opens a form from the archive card and submits it; returns the answer. */
async function viaForm(who: string, name: string, k: string, extra: Record<string, unknown>, submitK: string, values: Record<string, unknown>) {
  const { messageId, card } = await openArchive(who, name);
  const form = await click(h, who, messageId, button(card, k, extra));
  expect(form.card, `form for ${k}`).toBeTruthy();
  return click(h, who, messageId, button(form.card!.data, submitK), values);
}

describe('categories and the high-value suggestion', () => {
  it('sets and clears a category with a reason, keeping the history', async () => {
    const row = await newCustomer(h, 'ou_spec1', '南方航空');
    const a = await viaForm('ou_spec1', '南方航空', 'customer.category', {}, 'customer.category.save', { cat_category: 'strategic', cat_action: 'set', cat_reason: '行业标杆' });
    expect(a.toast?.type).toBe('success');
    const noReason = await viaForm('ou_spec1', '南方航空', 'customer.category', {}, 'customer.category.save', { cat_category: 'group', cat_action: 'set', cat_reason: '  ' });
    expect(noReason.toast?.type).toBe('error');
    await viaForm('ou_spec1', '南方航空', 'customer.category', {}, 'customer.category.save', { cat_category: 'strategic', cat_action: 'clear', cat_reason: '竞争格局变化' });
    const hist = await h.db.db.select().from(customerCategoryHistory).where(eq(customerCategoryHistory.customerId, row.id)).orderBy(asc(customerCategoryHistory.id));
    expect(hist.map((x) => [x.category, x.set, x.reason])).toEqual([['strategic', true, '行业标杆'], ['strategic', false, '竞争格局变化']]);
    expect((await customerRow(h, row.id)).categories).toEqual([]);
  });

  it('suggests high value once transactions in the last 12 months pass ¥5,000,000', async () => {
    const row = await newCustomer(h, 'ou_spec1', '东方航空');
    const t1 = await viaForm('ou_spec1', '东方航空', 'customer.record', { r: 'transaction' }, 'customer.record.save', { tx_amount: '300万', tx_date: '2026-03-01 +0800' });
    expect(json(t1.card)).not.toContain('建议设为高值客户');
    // a deal older than 12 months does not count
    await viaForm('ou_spec1', '东方航空', 'customer.record', { r: 'transaction' }, 'customer.record.save', { tx_amount: '900万', tx_date: '2025-11-01 +0800' });
    const t3 = await viaForm('ou_spec1', '东方航空', 'customer.record', { r: 'transaction' }, 'customer.record.save', { tx_amount: '2,000,000', tx_date: '2026-11-20 +0800' });
    expect(json(t3.card)).toContain('建议设为高值客户');
    expect(await h.db.db.$count(customerTransactions, eq(customerTransactions.customerId, row.id))).toBe(3);
    // accepting it opens the category form with high value pre-selected
    const { messageId } = lastArchive(h, 'ou_spec1');
    const form = await click(h, 'ou_spec1', messageId, button(t3.card!.data, 'customer.category', { cat: 'high_value' }));
    expect(json(form.card)).toContain('"initial_option":"high_value"');
    const set = await click(h, 'ou_spec1', messageId, button(form.card!.data, 'customer.category.save'), { cat_category: 'high_value', cat_action: 'set', cat_reason: '近12个月交易额达标' });
    expect(json(set.card)).not.toContain('建议设为高值客户');
    expect((await customerRow(h, row.id)).categories).toEqual(['high_value']);
  });

  it('bad amounts and dates in record forms store nothing', async () => {
    const row = (await h.db.db.select().from(customers).where(eq(customers.name, '东方航空')))[0]!;
    const bad = await viaForm('ou_spec1', '东方航空', 'customer.record', { r: 'transaction' }, 'customer.record.save', { tx_amount: '三百万', tx_date: '2026-03-01 +0800' });
    expect(bad.toast?.i18n.zh_cn).toBe('「金额」不是有效金额，例如 500万 或 1,000,000.00');
    const badDate = await viaForm('ou_spec1', '东方航空', 'customer.record', { r: 'question' }, 'customer.record.save', { q_text: '交货期？', q_asked: '2026-02-31' });
    expect(badDate.toast?.i18n.zh_cn).toContain('提问日期');
    expect(await h.db.db.$count(customerTransactions, eq(customerTransactions.customerId, row.id))).toBe(3);
    expect(await h.db.db.$count(customerQuestions, eq(customerQuestions.customerId, row.id))).toBe(0);
  });

  it('records a complaint, a question and the assistant’s research', async () => {
    const row = (await h.db.db.select().from(customers).where(eq(customers.name, '东方航空')))[0]!;
    expect((await viaForm('ou_spec1', '东方航空', 'customer.record', { r: 'complaint' }, 'customer.record.save', { cp_valid: 'valid', cp_cause: '交货延迟' })).toast?.type).toBe('success');
    expect((await viaForm('ou_spec1', '东方航空', 'customer.record', { r: 'question' }, 'customer.record.save', { q_text: '保修期多久？', q_asked: '2026-11-20 +0800', q_answered: '2026-11-21 +0800', q_answer: '两年' })).toast?.type).toBe('success');
    expect((await viaForm('ou_assistant', '东方航空', 'customer.record', { r: 'research' }, 'customer.record.save', { rs_text: '年报：2025年营收增长12%' })).toast?.type).toBe('success');
    const [c] = await h.db.db.select().from(customerComplaints).where(eq(customerComplaints.customerId, row.id));
    expect(c).toMatchObject({ valid: true, cause: '交货延迟', receivedOn: '2026-11-27' });
    const [q] = await h.db.db.select().from(customerQuestions).where(eq(customerQuestions.customerId, row.id));
    expect(q!.answeredAt!.getTime() - q!.askedAt.getTime()).toBe(24 * 3600 * 1000);
    const [r] = await h.db.db.select().from(customerResearch).where(eq(customerResearch.customerId, row.id));
    expect(r).toMatchObject({ kind: 'text', addedBy: 'ou_assistant' });
  });
});

const stage = (who: string, name: string, values: Record<string, unknown>) => viaForm(who, name, 'customer.stage', {}, 'customer.stage.save', values);

describe('the lifecycle', () => {
  it('a rejected screening needs a reason and is kept in the history', async () => {
    const row = await newCustomer(h, 'ou_spec1', '小型贸易公司');
    await stage('ou_spec1', '小型贸易公司', { st_stage: 'researching' });
    const noReason = await stage('ou_spec1', '小型贸易公司', { st_stage: 'screened', st_screening: 'rejected' });
    expect(noReason.toast?.type).toBe('error');
    expect((await customerRow(h, row.id)).stage).toBe('researching');
    const r = await stage('ou_spec1', '小型贸易公司', { st_stage: 'screened', st_screening: 'rejected', st_reason: '采购规模太小' });
    expect(r.toast?.type).toBe('success');
    expect(json(r.card)).toContain('筛选评价（不合格）');
    const hist = await h.db.db.select().from(customerStageHistory).where(eq(customerStageHistory.customerId, row.id)).orderBy(asc(customerStageHistory.id));
    expect(hist.map((x) => `${x.fromStage}>${x.toStage}:${x.screening ?? ''}:${x.reason ?? ''}:${x.actorId}`)).toEqual([
      'prospect>researching:::ou_spec1',
      'researching>screened:rejected:采购规模太小:ou_spec1',
    ]);
    // developing can only be reached through an approved application
    const skip = await h.sender.cardAction('ou_spec1', 'om_x', { v: 1, k: 'customer.stage.save', c: row.id }, { formValue: { st_stage: 'developing' } });
    expect((skip.body as { toast: { type: string } }).toast.type).toBe('error');
  });

  it('a development application goes manager → director; on approval the customer develops and the team is told', async () => {
    const row = await newCustomer(h, 'ou_spec1', '华东石化');
    await stage('ou_spec1', '华东石化', { st_stage: 'researching' });
    await stage('ou_spec1', '华东石化', { st_stage: 'screened', st_screening: 'qualified' });
    const { messageId, card } = await openArchive('ou_spec1', '华东石化');
    const form = await click(h, 'ou_spec1', messageId, button(card, 'customer.develop'));
    expect(json(form.card)).toContain('没有经济买家');
    const submit = button(form.card!.data, 'customer.develop.submit');
    const values = {
      dv_direct: '更换老旧设备', dv_advantages: ['lower_total_cost', 'real_solution'], dv_methods: ['visits'],
      dv_sales: '800万', dv_profit: '120万', dv_staff: '10万', dv_travel: '5万', dv_risk: 'medium',
      dv_team_coordinator: 'ou_spec1', dv_team_liaison: 'ou_assistant', dv_team_training_lead: 'ou_spec2',
    };
    const badAmount = await click(h, 'ou_spec1', messageId, submit, { ...values, dv_profit: '很多' });
    expect(badAmount.toast?.i18n.zh_cn).toContain('预计利润');
    expect(await h.db.db.$count(approvalRequests)).toBe(0);
    expect((await customerRow(h, row.id)).stage).toBe('screened');

    const ok = await click(h, 'ou_spec1', messageId, submit, values);
    expect(ok.toast?.type).toBe('success');
    expect((await customerRow(h, row.id)).stage).toBe('applying');
    const twice = await click(h, 'ou_spec1', messageId, submit, values);
    expect(twice.toast?.type).not.toBe('success');
    expect(await h.db.db.$count(developmentPlans)).toBe(1);
    // 开发申请 again while it is being approved: the reason is that one is pending, not screening.
    const again = await click(h, 'ou_spec1', messageId, button(card, 'customer.develop'));
    expect(JSON.stringify(again), 'the toast').toContain('正在审批中');
    expect(JSON.stringify(again)).not.toContain('筛选');

    const m = lastCardTo(h, 'ou_manager');
    const mc = json(m.content);
    expect(mc).toContain('¥1,050,000.00'); // 120万 − 10万 − 5万, net of costs
    expect(mc).toContain('没有经济买家');
    await click(h, 'ou_manager', m.messageId, button(m.content, 'approval.decide', { d: 'approve' }));
    expect((await customerRow(h, row.id)).stage).toBe('applying');
    const d = lastCardTo(h, 'ou_director');
    await click(h, 'ou_director', d.messageId, button(d.content, 'approval.decide', { d: 'approve' }));
    expect((await customerRow(h, row.id)).stage).toBe('developing');
    const approved = await click(h, 'ou_spec1', messageId, button(card, 'customer.develop'));
    expect(JSON.stringify(approved), 'the toast').toContain('已获批准');
    expect(textsTo(h, 'ou_assistant').at(-1)).toContain('协调人');
    expect(textsTo(h, 'ou_spec2').at(-1)).toContain('Training lead');
    const hist = await h.db.db.select().from(customerStageHistory).where(eq(customerStageHistory.customerId, row.id)).orderBy(asc(customerStageHistory.id));
    expect(hist.at(-1)).toMatchObject({ fromStage: 'applying', toStage: 'developing', actorId: 'ou_director' });
  });
});

describe('handover', () => {
  it('moves every customer, open record and duty of the leaving member to the successor, with a record and messages', async () => {
    // Real open work: an approved visit whose record is due, a reimbursement draft, a rejected
    // request, and a borrowed camera.
    const { visit } = await approvedVisit(h, 'ou_spec1', '华电集团有限公司');
    const [recordDuty] = await h.db.db.select().from(obligations).where(and(eq(obligations.subjectId, visit.id), eq(obligations.kind, 'visit_record')));
    expect(recordDuty).toMatchObject({ ownerId: 'ou_spec1', doneAt: null });
    await fileRequest('ou_spec1', 'equipment', { item: 'camera', detail: '索尼 A7', purpose: '拍摄现场', returnDate: '2026-12-10 +0800' });
    await approveChain(h, ['ou_manager']);
    await fileRequest('ou_spec1', 'purchase', { items: '展架2个', amount: '800', urgent: 'no' });
    const m = lastCardTo(h, 'ou_manager');
    const opened = await click(h, 'ou_manager', m.messageId, button(m.content, 'approval.open', { f: 'reject' }));
    await click(h, 'ou_manager', m.messageId, button(opened.card!.data, 'approval.decide', { d: 'reject' }), { reason: '展会取消' });
    const [purchase] = await h.db.db.select().from(approvalRequests).where(and(eq(approvalRequests.kind, 'purchase'), eq(approvalRequests.status, 'rejected')));
    expect(purchase).toBeTruthy();
    const mine = await h.db.db.select().from(customers).where(eq(customers.ownerId, 'ou_spec1'));
    expect(mine.length).toBeGreaterThan(3);

    const refused = await say(h, 'ou_spec2', '交接 @李专员 @Wang Wei', { mentions: [{ key: '@_user_1', openId: 'ou_spec1', name: '李专员' }, { key: '@_user_2', openId: 'ou_spec2', name: 'Wang Wei' }] });
    expect(json(refused)).not.toContain('交接完成');
    expect((await h.db.db.select().from(customers).where(eq(customers.ownerId, 'ou_spec1'))).length).toBe(mine.length);

    const out = await say(h, 'ou_manager', '交接 @_user_1 @_user_2', { mentions: [{ key: '@_user_1', openId: 'ou_spec1', name: '李专员' }, { key: '@_user_2', openId: 'ou_spec2', name: 'Wang Wei' }] });
    expect(json(out)).toContain('交接完成');
    expect(json(out)).toContain('拜访 1 次');
    expect(json(out)).toContain('借用设备 1 件待归还：相机 索尼 A7（应于 2026-12-10 归还）');
    expect(await h.db.db.$count(customers, eq(customers.ownerId, 'ou_spec1'))).toBe(0);
    expect(await h.db.db.$count(customers, eq(customers.ownerId, 'ou_spec2'))).toBeGreaterThanOrEqual(mine.length);
    // the visit moved with its duty, which now escalates to the successor's manager
    expect((await h.db.db.select().from(visits).where(eq(visits.id, visit.id)))[0]!.ownerId).toBe('ou_spec2');
    const [duty] = await h.db.db.select().from(obligations).where(eq(obligations.id, recordDuty!.id));
    expect(duty).toMatchObject({ ownerId: 'ou_spec2', managerId: 'ou_manager', doneAt: null, cancelledAt: null });
    const told = textsTo(h, 'ou_spec2').at(-1)!;
    expect(told).toContain('handed');
    expect(told).toContain('Visits: 1');
    expect(told).toContain('Camera 索尼 A7 (due back 2026-12-10)');
    expect(textsTo(h, 'ou_spec1').at(-1)).toContain('Wang Wei');
    const [rec] = await h.db.db.select().from(auditLog).where(eq(auditLog.action, 'member.handover'));
    expect(rec).toMatchObject({ actorId: 'ou_manager', subjectId: 'ou_spec1' });
    expect(await h.db.db.$count(auditLog, and(eq(auditLog.action, 'visit.owner_handover'), eq(auditLog.subjectId, visit.id)))).toBe(1);
    // the rejected request nobody can resubmit now is withdrawn, with the reason, and listed as closed
    expect((await h.db.db.select().from(approvalRequests).where(eq(approvalRequests.id, purchase!.id)))[0]!.status).toBe('withdrawn');
    expect(told).toContain('withdrawn now');

    // the successor records the visit they inherited: the bot finds it
    h.clock.set('2026-11-30T09:00:00Z');
    const sent = await say(h, 'ou_spec2', '今天下午在华电总部和王总面谈，介绍了监测方案，对方有兴趣，下一步发报价。');
    const confirm = sent.at(-1)!;
    expect(json(confirm.content)).toContain('华电集团有限公司');
    const ok = await click(h, 'ou_spec2', confirm.messageId, button(confirm.content, 'draft.confirm'));
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    expect((await h.db.db.select().from(visits).where(eq(visits.id, visit.id)))[0]!.status).toBe('recorded');
    expect((await h.db.db.select().from(obligations).where(eq(obligations.id, recordDuty!.id)))[0]!.doneAt).not.toBeNull();
  });
});

describe('after the application, and research files', () => {
  it('a rejected development application leaves the customer screened and free to apply again', async () => {
    const row = await newCustomer(h, 'ou_spec2', '西南铝业');
    await stage('ou_spec2', '西南铝业', { st_stage: 'researching' });
    await stage('ou_spec2', '西南铝业', { st_stage: 'screened', st_screening: 'qualified' });
    const { messageId, card } = await openArchive('ou_spec2', '西南铝业');
    const form = await click(h, 'ou_spec2', messageId, button(card, 'customer.develop'));
    const ok = await click(h, 'ou_spec2', messageId, button(form.card!.data, 'customer.develop.submit'), {
      dv_direct: '产线升级', dv_advantages: ['real_solution'], dv_methods: ['visits'], dv_sales: '300万', dv_profit: '40万', dv_risk: 'high', dv_team_coordinator: 'ou_spec2',
    });
    expect(ok.toast?.type).toBe('success');
    expect((await customerRow(h, row.id)).stage).toBe('applying');
    const m = lastCardTo(h, 'ou_manager');
    const opened = await click(h, 'ou_manager', m.messageId, button(m.content, 'approval.open', { f: 'reject' }));
    await click(h, 'ou_manager', m.messageId, button(opened.card!.data, 'approval.decide', { d: 'reject' }), { reason: '风险过高，先做技术交流' });
    expect(await customerRow(h, row.id)).toMatchObject({ stage: 'screened', screening: 'qualified' });
    const hist = await h.db.db.select().from(customerStageHistory).where(eq(customerStageHistory.customerId, row.id)).orderBy(asc(customerStageHistory.id));
    expect(hist.at(-1)).toMatchObject({ fromStage: 'applying', toStage: 'screened' });
  });

  it('the rejected application comes back as its form, filled in; the edited plan starts round 2 and the approvers see it', async () => {
    const [plan] = await h.db.db.select().from(developmentPlans).innerJoin(customers, eq(customers.id, developmentPlans.customerId)).where(eq(customers.name, '西南铝业'));
    const requestId = plan!.development_plans.requestId;
    const told = lastCardTo(h, 'ou_spec2');
    expect(json(told.content)).toContain('风险过高');
    const edit = await click(h, 'ou_spec2', told.messageId, button(told.content, 'approval.resubmit'));
    const card = json(edit.card);
    expect(card).toContain('修改开发申请');
    expect(card).toContain('风险过高，先做技术交流');
    expect(card).toContain('"default_value":"产线升级"');
    expect(card).toContain('"default_value":"3000000"');
    expect(card).toContain('"initial_option":"high"');
    expect(card).toContain('"selected_values":["real_solution"]');
    expect(card).toContain('"initial_option":"ou_spec2"');
    const submit = button(edit.card!.data, 'customer.develop.resubmit');
    const values = {
      dv_direct: '产线升级，先做技术交流', dv_advantages: ['real_solution', 'higher_efficiency'], dv_methods: ['visits', 'launch_invitation'],
      dv_sales: '300万', dv_profit: '40万', dv_risk: 'medium', dv_team_coordinator: 'ou_spec2', dv_team_liaison: 'ou_assistant',
    };
    const stranger = await click(h, 'ou_spec1', told.messageId, submit, values);
    expect(stranger.toast?.type).toBe('error');
    const badAmount = await click(h, 'ou_spec2', told.messageId, submit, { ...values, dv_sales: '不少' });
    expect(badAmount.toast?.i18n.zh_cn).toContain('预计销售');
    expect((await requestRow(h, requestId)).status).toBe('rejected');
    expect((await customerRow(h, plan!.customers.id)).stage).toBe('screened');

    const ok = await click(h, 'ou_spec2', told.messageId, submit, values);
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    expect(await requestRow(h, requestId)).toMatchObject({ status: 'pending', round: 2 });
    expect((await customerRow(h, plan!.customers.id)).stage).toBe('applying');
    const [after] = await h.db.db.select().from(developmentPlans).where(eq(developmentPlans.id, plan!.development_plans.id));
    expect(after!.plan).toMatchObject({ forecast: expect.objectContaining({ risk: 'medium' }), methods: ['visits', 'launch_invitation'] });
    expect(after!.plan.team).toContainEqual({ memberId: 'ou_assistant', role: 'liaison' });
    expect(await h.db.db.$count(developmentPlans, eq(developmentPlans.customerId, plan!.customers.id))).toBe(1);
    const m = json(lastCardTo(h, 'ou_manager').content);
    expect(m).toContain('产线升级，先做技术交流');
    // the same form cannot start a third round while the second is pending
    const twice = await click(h, 'ou_spec2', told.messageId, submit, values);
    expect(twice.toast?.type).not.toBe('success');
  });

  it('an application too long to pre-fill leaves its longest texts out of the edit form, and kept when they come back blank', async () => {
    const row = await newCustomer(h, 'ou_spec2', '东北特钢');
    await stage('ou_spec2', '东北特钢', { st_stage: 'researching' });
    await stage('ou_spec2', '东北特钢', { st_stage: 'screened', st_screening: 'qualified' });
    const { messageId, card } = await openArchive('ou_spec2', '东北特钢');
    const form = await click(h, 'ou_spec2', messageId, button(card, 'customer.develop'));
    const long = (seed: string) => seed.repeat(Math.ceil(1000 / seed.length)).slice(0, 1000);
    const texts = { dv_direct: long('更换老旧轧机，提高成材率。'), dv_latent: long('潜在需求：数字化车间。'), dv_process: long('厂长办公会决策，技术部评估。'), dv_depts: long('技术部、采购部、财务部、'), dv_finances: long('资金充足，年度预算两亿。'), dv_factor_notes: long('关注交付周期与售后响应。') };
    const ok = await click(h, 'ou_spec2', messageId, button(form.card!.data, 'customer.develop.submit'), { ...texts, dv_advantages: ['real_solution'], dv_methods: ['visits'], dv_sales: '900万', dv_profit: '100万', dv_risk: 'low', dv_team_coordinator: 'ou_spec2' });
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    const m = lastCardTo(h, 'ou_manager');
    const opened = await click(h, 'ou_manager', m.messageId, button(m.content, 'approval.open', { f: 'reject' }));
    await click(h, 'ou_manager', m.messageId, button(opened.card!.data, 'approval.decide', { d: 'reject' }), { reason: '预算写清楚' });
    const told = lastCardTo(h, 'ou_spec2');
    const edit = await click(h, 'ou_spec2', told.messageId, button(told.content, 'approval.resubmit'));
    expect(json(edit.card)).toContain('留空则保留原内容');
    const submit = button(edit.card!.data, 'customer.develop.resubmit') as { keep?: string };
    expect(submit.keep).toBeTruthy();
    const kept = submit.keep!.split(',');
    // the boxes left out come back blank; the ones shown come back as shown, one of them edited
    const shown = Object.fromEntries(Object.entries(texts).filter(([k]) => !kept.includes(k)));
    const again = await click(h, 'ou_spec2', told.messageId, submit as never, { ...shown, dv_finances: kept.includes('dv_finances') ? '' : '年度预算两亿元', dv_advantages: ['real_solution'], dv_methods: ['visits'], dv_sales: '900万', dv_profit: '100万', dv_risk: 'low', dv_team_coordinator: 'ou_spec2' });
    expect(again.toast?.type, again.toast?.content).toBe('success');
    const [plan] = await h.db.db.select().from(developmentPlans).where(eq(developmentPlans.customerId, row.id));
    expect(plan!.plan.analysis.directNeeds).toBe(texts.dv_direct);
    expect(plan!.plan.purchaseFactorNotes).toBe(texts.dv_factor_notes);
    expect(plan!.plan.analysis.finances).toBe(kept.includes('dv_finances') ? texts.dv_finances : '年度预算两亿元');
  });

  it('a file sent as a reply to the archive card is kept as research; to anything else it is not', async () => {
    const row = await newCustomer(h, 'ou_spec1', '川渝燃气');
    const { messageId } = await openArchive('ou_assistant', '川渝燃气');
    const file = (parentId?: string) => {
      const e = h.sender.messageEvent('ou_assistant', '', parentId ? { parentId } : {});
      const msg = e.message as Record<string, unknown>;
      return { ...e, message: { ...msg, message_type: 'file', content: JSON.stringify({ file_key: 'file_v3_abc', file_name: '川渝燃气年报.pdf' }) } };
    };
    await h.sender.deliver('im.message.receive_v1', file(messageId));
    await h.settle();
    expect(textsTo(h, 'ou_assistant').at(-1)).toContain('川渝燃气年报.pdf');
    const research = await h.db.db.select().from(customerResearch).where(eq(customerResearch.customerId, row.id));
    expect(research).toMatchObject([{ kind: 'file', fileKey: 'file_v3_abc', fileName: '川渝燃气年报.pdf', addedBy: 'ou_assistant' }]);
    // another specialist cannot add research to a customer outside their line
    const other = await openArchive('ou_spec2', '川渝燃气');
    const e = h.sender.messageEvent('ou_spec2', '', { parentId: other.messageId });
    await h.sender.deliver('im.message.receive_v1', { ...e, message: { ...(e.message as Record<string, unknown>), message_type: 'image', content: JSON.stringify({ image_key: 'img_x' }) } });
    await h.settle();
    expect(await h.db.db.select().from(customerResearch).where(eq(customerResearch.customerId, row.id))).toHaveLength(1);
  });
});
