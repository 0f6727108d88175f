/**
 * Sales targets (销售指标, §2.2 art.3–6) through chat and cards: the manager sets them in the
 * `指标` card, a change during the quarter goes through the approval engine (the specialist asks,
 * the manager approves; a manager's own request goes to the director; the director's own is in
 * force at once), the original counts until approved, every version is kept with who and why,
 * and the card shows target against actual sales by the owner at the time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { approvalRequests, salesTargetChanges, salesTargets, salesTargetVersions, smallRequests } from '../../db/schema/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { lastCardTo, requestRow } from './approval-helpers.js';
import { button, cardsTo, click, json, lastArchive, newCustomer, say, textsTo } from './customer-helpers.js';

let h: Harness;
beforeAll(async () => {
  // Fri 27 Nov 2026, 10:00 in Shanghai: Q4 is running, Q1 2027 has not begun
  h = await startHarness({ now: '2026-11-27T02:00:00Z' });
});
afterAll(async () => h?.close());

const approvalCard = (who: string) => cardsTo(h, who).filter((m) => json(m.content).includes('approval.decide')).at(-1)!;
const targetsCard = (who: string) => cardsTo(h, who).filter((m) => json(m.content).includes('销售指标 · ')).at(-1)!;
const versionsOf = async (specialistId: string, period: string) => {
  const [t] = await h.db.db.select().from(salesTargets).where(eq(salesTargets.keyId, `${specialistId}|${period}||`));
  if (!t) return [];
  return (await h.db.db.select().from(salesTargetVersions).where(eq(salesTargetVersions.targetId, t.id)).orderBy(asc(salesTargetVersions.version)))
    .map((v) => [v.version, v.amountFen, v.setBy, v.via, v.approvedBy, v.reason]);
};

/** `指标` → 设定指标 → the form saved with these values; returns the answer. */
async function setTarget(who: string, values: Record<string, unknown>) {
  await say(h, who, '指标');
  const list = targetsCard(who);
  const form = await click(h, who, list.messageId, button(list.content, 'target.form'));
  expect(form.card, json(form)).toBeTruthy();
  return click(h, who, list.messageId, button(form.card!.data, 'target.set'), values);
}

async function askChange(who: string, values: Record<string, unknown>) {
  const out = await say(h, who, '指标调整');
  const form = out.at(-1)!;
  expect(json(form.content)).toContain('申请调整销售指标');
  return { form, answer: await click(h, who, form.messageId, button(form.content, 'target.change'), values) };
}

describe('setting targets', () => {
  it('the manager sets a specialist’s quarter target in the card; the specialist is told', async () => {
    const out = await say(h, 'ou_manager', '指标');
    const list = json(out.at(-1)!.content);
    expect(list).toContain('销售指标 · 2026年第四季度');
    expect(list).toContain('李专员');
    expect(list).toContain('未设定');
    const ok = await setTarget('ou_manager', { tg_specialist: 'ou_spec1', tg_period: '2026Q4', tg_amount: '100万', tg_reason: '参考近期人均销售量' });
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    expect(json(ok.card)).toContain('**李专员**　指标 ¥1,000,000.00　实际 ¥0.00　完成率 0.0%');
    expect(await versionsOf('ou_spec1', '2026Q4')).toEqual([[1, 100_000_000, 'ou_manager', 'set', null, '参考近期人均销售量']]);
    expect(textsTo(h, 'ou_spec1').at(-1)).toContain('钱经理 为您设定了2026年第四季度销售指标：¥1,000,000.00');
  });

  it('refuses a bad amount, a month, someone not on the roster and a specialist’s own setting, storing nothing', async () => {
    const before = await h.db.db.$count(salesTargetVersions);
    const negative = await setTarget('ou_manager', { tg_specialist: 'ou_spec2', tg_period: '2026Q4', tg_amount: '-5' });
    expect(negative.toast?.type).toBe('error');
    expect(negative.toast?.i18n.zh_cn).toContain('销售指标必须是大于 0 的金额');
    const words = await setTarget('ou_manager', { tg_specialist: 'ou_spec2', tg_period: '2026Q4', tg_amount: '一百万' });
    expect(words.toast?.i18n.en_us).toContain('is not an amount');
    const monthly = await setTarget('ou_manager', { tg_specialist: 'ou_spec2', tg_period: '2026-11', tg_amount: '10万' });
    expect(monthly.toast?.i18n.zh_cn).toContain('按季度或年度');
    const ghost = await setTarget('ou_manager', { tg_specialist: 'ou_ghost', tg_period: '2026Q4', tg_amount: '10万' });
    expect(ghost.toast?.i18n.zh_cn).toContain('不在名册中');
    const huge = await setTarget('ou_manager', { tg_specialist: 'ou_spec2', tg_period: '2026Q4', tg_amount: '2,000,000,000' });
    expect(huge.toast?.i18n.zh_cn).toContain('超出合理范围');
    // a specialist has no set button, and a forged click is refused
    await say(h, 'ou_spec2', '指标');
    const own = targetsCard('ou_spec2');
    expect(json(own.content)).not.toContain('target.form');
    const forged = await click(h, 'ou_spec2', own.messageId, { v: 1, k: 'target.form' });
    expect(forged.toast?.i18n.zh_cn).toContain('只有经理或营销总监可以设定销售指标');
    expect(await h.db.db.$count(salesTargetVersions)).toBe(before);
  });

  it('a target of a period not begun is revised freely; one running is changed only by request', async () => {
    await setTarget('ou_manager', { tg_specialist: 'ou_spec2', tg_period: '2027Q1', tg_amount: '50万' });
    const again = await setTarget('ou_manager', { tg_specialist: 'ou_spec2', tg_period: '2027Q1', tg_amount: '60万', tg_reason: '新产品上市' });
    expect(again.toast?.type, again.toast?.content).toBe('success');
    expect((await versionsOf('ou_spec2', '2027Q1')).map((v) => v[1])).toEqual([50_000_000, 60_000_000]);
    const running = await setTarget('ou_manager', { tg_specialist: 'ou_spec1', tg_period: '2026Q4', tg_amount: '120万' });
    expect(running.toast?.type).toBe('error');
    expect(running.toast?.i18n.zh_cn).toContain('已开始，调整指标需提交审批，批准前按原指标 ¥1,000,000.00 核定');
    expect((await versionsOf('ou_spec1', '2026Q4')).length).toBe(1);
  });
});

describe('target against actual', () => {
  it('shows actual sales from the transactions and the completion rate', async () => {
    await newCustomer(h, 'ou_spec1', '华东机械制造有限公司');
    await say(h, 'ou_spec1', '客户 华东机械');
    const { messageId, card } = lastArchive(h, 'ou_spec1');
    const form = await click(h, 'ou_spec1', messageId, button(card, 'customer.record', { r: 'transaction' }));
    const ok = await click(h, 'ou_spec1', messageId, button(form.card!.data, 'customer.record.save'), { tx_amount: '60万', tx_date: '2026-11-26 +0800' });
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    const out = await say(h, 'ou_spec1', '指标');
    const own = json(out.at(-1)!.content);
    expect(own).toContain('指标 ¥1,000,000.00　实际 ¥600,000.00　完成率 60.0%');
    // a specialist sees only their own line
    expect(own).not.toContain('Wang Wei');
  });
});

describe('changing a target during the quarter', () => {
  let approvalId: string;

  it('the specialist asks; until the manager approves, the original counts', async () => {
    const { answer } = await askChange('ou_spec1', { tc_amount: '80万', tc_reason: '主要客户预算冻结' });
    expect(answer.toast?.type, answer.toast?.content).toBe('success');
    expect(json(answer.card)).toContain('已提交审批；批准前按 ¥1,000,000.00 核定');
    const [change] = await h.db.db.select().from(salesTargetChanges);
    expect(change).toMatchObject({ amountFen: 80_000_000, fromFen: 100_000_000, status: 'pending', requestedBy: 'ou_spec1' });
    approvalId = change!.approvalId!;
    expect(await requestRow(h, approvalId)).toMatchObject({ kind: 'target_change', status: 'pending', subjectId: change!.id });
    const toManager = json(approvalCard('ou_manager').content);
    expect(toManager).toContain('¥800,000.00');
    expect(toManager).toContain('主要客户预算冻结');
    const out = await say(h, 'ou_manager', '指标');
    const list = json(out.at(-1)!.content);
    expect(list).toContain('调整审批中');
    expect(list).toContain('完成率 60.0%'); // still against ¥1,000,000
    // one open change at a time
    const twice = await say(h, 'ou_spec1', '指标调整');
    expect(json(twice)).toContain('没有正在执行期间内、可以调整的销售指标');
  });

  it('returned, edited and sent again, then approved: a new version with who let it in', async () => {
    const card = approvalCard('ou_manager');
    const opened = await click(h, 'ou_manager', card.messageId, button(card.content, 'approval.open', { f: 'reject' }));
    await click(h, 'ou_manager', card.messageId, button(opened.card!.data, 'approval.decide', { d: 'return' }), { reason: '降幅过大，请重新测算' });
    expect((await requestRow(h, approvalId)).status).toBe('returned');
    expect((await h.db.db.select().from(salesTargetChanges))[0]!.status).toBe('returned');
    const status = lastCardTo(h, 'ou_spec1');
    const edit = await click(h, 'ou_spec1', status.messageId, button(status.content, 'approval.resubmit'));
    expect(json(edit.card)).toContain('主要客户预算冻结'); // pre-filled
    const again = await click(h, 'ou_spec1', status.messageId, button(edit.card!.data, 'target.change', { r: approvalId }), { tc_amount: '85万', tc_reason: '主要客户预算冻结，另有新客户补足部分' });
    expect(again.toast?.type, again.toast?.content).toBe('success');
    expect(await requestRow(h, approvalId)).toMatchObject({ status: 'pending', round: 2 });
    expect((await h.db.db.select().from(salesTargetChanges))[0]).toMatchObject({ status: 'pending', amountFen: 85_000_000 });

    const c2 = approvalCard('ou_manager');
    const ok = await click(h, 'ou_manager', c2.messageId, button(c2.content, 'approval.decide', { d: 'approve' }));
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    expect((await h.db.db.select().from(salesTargetChanges))[0]).toMatchObject({ status: 'approved', decidedBy: 'ou_manager' });
    expect(await versionsOf('ou_spec1', '2026Q4')).toEqual([
      [1, 100_000_000, 'ou_manager', 'set', null, '参考近期人均销售量'],
      [2, 85_000_000, 'ou_spec1', 'change', 'ou_manager', '主要客户预算冻结，另有新客户补足部分'],
    ]);
    const out = await say(h, 'ou_spec1', '指标');
    expect(json(out.at(-1)!.content)).toContain('指标 ¥850,000.00　实际 ¥600,000.00　完成率 70.6%');
  });

  it('a manager’s own request goes to the director; a rejection leaves the target as it was', async () => {
    const { answer } = await askChange('ou_manager', { tc_amount: '95万', tc_reason: '年底冲刺' });
    expect(answer.toast?.type, answer.toast?.content).toBe('success');
    const [req] = await h.db.db.select().from(approvalRequests).where(eq(approvalRequests.requesterId, 'ou_manager'));
    expect(req).toMatchObject({ kind: 'target_change', status: 'pending' });
    const card = approvalCard('ou_director');
    expect(json(card.content)).toContain('¥950,000.00');
    const opened = await click(h, 'ou_director', card.messageId, button(card.content, 'approval.open', { f: 'reject' }));
    await click(h, 'ou_director', card.messageId, button(opened.card!.data, 'approval.decide', { d: 'reject' }), { reason: '维持原指标' });
    expect((await requestRow(h, req!.id)).status).toBe('rejected');
    const changes = await h.db.db.select().from(salesTargetChanges).where(eq(salesTargetChanges.approvalId, req!.id));
    expect(changes[0]).toMatchObject({ status: 'rejected', decidedBy: 'ou_director', decisionNote: '维持原指标' });
    expect((await versionsOf('ou_spec1', '2026Q4')).length).toBe(2);
  });

  it('the director’s own change is in force at once, and the versions card shows who and why', async () => {
    await say(h, 'ou_director', '指标');
    const list = targetsCard('ou_director');
    expect(json(list.content)).toContain('钱经理 团队');
    const form = await click(h, 'ou_director', list.messageId, button(list.content, 'target.change.form'));
    const done = await click(h, 'ou_director', list.messageId, button(form.card!.data, 'target.change'), { tc_amount: '90万', tc_reason: '市场需求变动' });
    expect(done.toast?.type, done.toast?.content).toBe('success');
    expect(json(done.card)).toContain('已生效');
    expect((await versionsOf('ou_spec1', '2026Q4')).at(-1)).toEqual([3, 90_000_000, 'ou_director', 'change', 'ou_director', '市场需求变动']);
    expect(textsTo(h, 'ou_spec1').at(-1)).toContain('赵总监 已将 李专员 的2026年第四季度销售指标由 ¥850,000.00 调整为 ¥900,000.00');
    await say(h, 'ou_director', '指标');
    const fresh = targetsCard('ou_director');
    const pick = await click(h, 'ou_director', fresh.messageId, button(fresh.content, 'target.history.pick'));
    const [t] = await h.db.db.select().from(salesTargets).where(eq(salesTargets.keyId, 'ou_spec1|2026Q4||'));
    const history = await click(h, 'ou_director', fresh.messageId, button(pick.card!.data, 'target.history'), { th_target: t!.id });
    const text = json(history.card);
    for (const s of ['第 1 版', '第 2 版', '第 3 版', '批准：钱经理', '原因：市场需求变动', '已驳回', '维持原指标']) expect(text).toContain(s);
  });
});

describe('who sees what, and the old free-form request', () => {
  it('finance is not offered targets; a forged list click is refused', async () => {
    const out = await say(h, 'ou_finance', '指标');
    expect(json(out)).not.toContain('销售指标 · ');
    const list = targetsCard('ou_director');
    const forged = await click(h, 'ou_finance', list.messageId, button(list.content, 'target.list'));
    expect(forged.toast?.type).toBe('error');
  });

  it('申请 → 目标调整 opens the change form against the recorded target; the retired free-form form files nothing', async () => {
    await say(h, 'ou_spec2', '申请');
    const picker = lastCardTo(h, 'ou_spec2');
    const opened = await click(h, 'ou_spec2', picker.messageId, button(picker.content, 'request.form', { kind: 'target_change' }));
    // Wang Wei has no target in a running period: told so, in English
    expect(opened.toast?.i18n.en_us).toContain('You have no target in a running period to change');
    const old = await click(h, 'ou_spec2', picker.messageId, { v: 1, k: 'request.submit', kind: 'target_change' }, { period: '2026Q4', oldTarget: '100万', newTarget: '80万', reason: 'x' });
    expect(old.toast?.type).toBe('error');
    expect(old.toast?.i18n.zh_cn).toContain('指标调整');
    expect(await h.db.db.$count(smallRequests)).toBe(0);
  });
});
