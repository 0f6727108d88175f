/**
 * The visit record by message: the labelled template in Chinese and in English, the pick list
 * when two visits wait, a reply to the visit card, a failed development visit, the draft kept
 * in the database and shown again, and the rule that leaves other text alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { reportDrafts } from '../../db/schema/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { approvedVisit, button, click, json, lastCardTo, say, textsTo, visitRow } from './visit-helpers.js';
import { buttonValues } from './approval-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const draftsOf = (who: string) => h.db.db.select().from(reportDrafts).where(eq(reportDrafts.ownerId, who));

describe('the visit record by message', () => {
  let sinopec = '';
  let grid = '';
  let gridCard = '';

  it('offers the template and leaves commands and chatter alone while a visit waits', async () => {
    sinopec = (await approvedVisit(h, 'ou_spec1', '中国石化集团')).visit.id;
    const template = await say(h, 'ou_spec1', '模板');
    // One message, the instruction first: two could arrive the wrong way round.
    expect(template).toHaveLength(1);
    const [lead, ...rest] = textsTo(h, 'ou_spec1').at(-1)!.split('\n');
    expect(lead).toContain('复制');
    expect(rest).toContain('拜访总结');
    expect(rest.indexOf('拜访总结')).toBeLessThan(rest.indexOf('客户想法：'));
    const before = h.lark.sent().length;
    const help = await say(h, 'ou_spec1', '帮助');
    expect(json(help.at(-1)!.content)).toContain('使用说明');
    await say(h, 'ou_spec1', '明天再说吧');
    await say(h, 'ou_spec1', '帮我看看石化的档案怎么填？');
    expect(await draftsOf('ou_spec1')).toHaveLength(0);
    expect(h.lark.sent().length).toBeGreaterThan(before);
  });

  it('reads the labelled template in Chinese (full-width colons) and attaches it to the only waiting visit', async () => {
    const sent = await say(h, 'ou_spec1', ['拜访总结', '客户：石化', '时间：今天上午10点', '地点：石化大厦', '方式：面谈', '要点：演示了监测系统', '客户想法：价格偏高，但认可技术', '下一步：发报价单', '下次拜访：12月3日'].join('\n'));
    // 今天 (27 Nov) is not the planned day (30 Nov): the only waiting visit is offered, not assumed.
    const pick = sent.at(-1)!;
    expect(json(pick.content)).toContain('是这一次吗');
    const shown = await click(h, 'ou_spec1', pick.messageId, button(pick.content, 'draft.attach', { s: sinopec }));
    const card = json(shown.card);
    expect(card).toContain('请确认拜访总结');
    expect(card).toContain('石化大厦');
    expect(card).toContain('2026-12-03');
    const [d] = await draftsOf('ou_spec1');
    expect(d).toMatchObject({ subjectId: sinopec, status: 'open' });
    expect(d!.fields).toMatchObject({ method: 'in_person', nextVisitAt: '2026-12-02T16:00:00.000Z', customerView: '价格偏高，但认可技术' });
  });

  it('keeps the draft in the database and shows it again; re-sending updates it instead of piling up', async () => {
    await say(h, 'ou_spec1', '草稿');
    const shown = lastCardTo(h, 'ou_spec1');
    expect(json(shown.content)).toContain('石化大厦');
    await say(h, 'ou_spec1', '拜访总结：客户：石化 地点：石化研究院 要点：技术交流 客户想法：满意 下一步：安排试用');
    const drafts = await draftsOf('ou_spec1');
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.fields).toMatchObject({ place: '石化研究院' });
    // Edit: the pre-filled form; a bad date is refused and nothing changes; a good edit shows the card again
    const confirm = lastCardTo(h, 'ou_spec1');
    const form = await click(h, 'ou_spec1', confirm.messageId, button(confirm.content, 'draft.edit'));
    expect(json(form.card)).toContain('石化研究院');
    const bad = await click(h, 'ou_spec1', confirm.messageId, button(form.card!.data, 'draft.save'), { f_points: '技术交流', f_time: '2026-02-31 10:00' });
    expect(bad.toast?.type).toBe('error');
    expect((await draftsOf('ou_spec1'))[0]!.fields).toMatchObject({ place: '石化研究院' });
    const saved = await click(h, 'ou_spec1', confirm.messageId, button(form.card!.data, 'draft.save'), { f_points: '技术交流，演示了新版', f_place: '石化研究院', f_view: '满意', f_outcome: 'success' });
    expect(json(saved.card)).toContain('演示了新版');
    const ok = await click(h, 'ou_spec1', confirm.messageId, button(saved.card!.data, 'draft.confirm'));
    expect(ok.toast?.type).toBe('success');
    expect((await visitRow(h, sinopec)).record).toMatchObject({ points: '技术交流，演示了新版', outcome: 'success' });
    // a second click on the same confirm card changes nothing
    const again = await click(h, 'ou_spec1', confirm.messageId, button(saved.card!.data, 'draft.confirm'));
    expect(again.toast?.type).toBe('info');
  });

  it('asks with a pick list when two visits wait and the message names neither', async () => {
    grid = (await approvedVisit(h, 'ou_spec1', '国家电网公司')).visit.id;
    gridCard = (await approvedVisit(h, 'ou_spec1', '南方电网公司', { ...(await import('./visit-helpers.js')).PLAN_VALUES, vp_at: '2026-12-01 09:00 +0800' })).messageId;
    const sent = await say(h, 'ou_spec1', '总结：见了采购部，对方说今年预算已经用完，下一步明年一月再联系。');
    const pickCard = sent.at(-1)!;
    expect(json(pickCard.content)).toContain('是哪一次');
    expect(json(pickCard.content)).toContain('国家电网公司');
    expect(json(pickCard.content)).toContain('南方电网公司');
    const picked = await click(h, 'ou_spec1', pickCard.messageId, button(pickCard.content, 'draft.attach', { s: grid }));
    expect(json(picked.card)).toContain('请确认拜访总结');
    const [d] = await h.db.db.select().from(reportDrafts).where(and(eq(reportDrafts.ownerId, 'ou_spec1'), eq(reportDrafts.status, 'open')));
    expect(d!.subjectId).toBe(grid);
  });

  it('a reply to the visit card is about that visit; a failed development visit keeps its reason', async () => {
    const sent = await say(h, 'ou_spec1', '没有谈成，对方没有合作意向，已有固定供应商，价格也压得很低', { parentId: gridCard });
    const confirm = sent.at(-1)!;
    expect(json(confirm.content)).toContain('南方电网公司');
    expect(json(confirm.content)).toContain('未成功');
    const ok = await click(h, 'ou_spec1', confirm.messageId, button(confirm.content, 'draft.confirm'));
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    const rows = await h.db.db.select().from(reportDrafts).where(eq(reportDrafts.status, 'confirmed'));
    const south = rows.find((r) => r.subjectId !== sinopec && r.subjectId !== grid)!;
    expect((await visitRow(h, south.subjectId!)).record).toMatchObject({ outcome: 'failed', failureReason: expect.stringContaining('固定供应商') });
  });

  it('reads the English template, with the reply in English', async () => {
    await approvedVisit(h, 'ou_spec2', 'Tencent Holdings');
    await say(h, 'ou_spec2', 'template');
    expect(textsTo(h, 'ou_spec2').at(-1)!.split('\n')).toContain('Visit summary');
    const sent = await say(h, 'ou_spec2', ['Visit summary', 'Customer: Tencent', 'Time: today 10am', 'Place: Tencent HQ', 'Method: in person', 'Main points: demo of the monitoring system', "Customer's view: interested, wants a trial", 'Next steps: send the trial agreement', 'Next visit: 2026-12-03'].join('\n'));
    const pick = sent.at(-1)!;
    expect(JSON.stringify(pick.content)).toContain('Is it this one?');
    const shown = await click(h, 'ou_spec2', pick.messageId, buttonValues(pick.content).find((v) => v.k === 'draft.attach')!);
    expect(JSON.stringify(shown.card)).toContain('Confirm the visit summary');
    const [d] = await draftsOf('ou_spec2');
    expect(d!.fields).toMatchObject({ place: 'Tencent HQ', method: 'in_person', customerView: 'interested, wants a trial', nextVisitAt: '2026-12-02T16:00:00.000Z' });
  });

  it('the template copied whole, instruction included, and filled in reads as the template', async () => {
    const { visit } = await approvedVisit(h, 'ou_spec1', '招商局集团');
    await say(h, 'ou_spec1', '模板');
    const copied = textsTo(h, 'ou_spec1').at(-1)!
      .replace('地点：', '地点：招商局广场 20 楼')
      .replace('方式：', '方式：面谈')
      .replace('要点：', '要点：演示了监测平台，讨论了试点范围')
      .replace('客户想法：', '客户想法：希望先在一个码头试点')
      .replace('下一步：', '下一步：下周提交试点方案')
      .replace('客户：', '客户：招商局');
    const sent = await say(h, 'ou_spec1', copied);
    expect(json(sent.at(-1)!.content)).toContain('招商局广场 20 楼');
    const drafts = await draftsOf('ou_spec1');
    const d = drafts.find((x) => x.subjectId === visit.id)!;
    expect(d.fields).toMatchObject({ place: '招商局广场 20 楼', customerView: '希望先在一个码头试点', nextSteps: '下周提交试点方案' });
    expect(JSON.stringify(d.fields)).not.toContain('复制');
  });

  it('says plainly when nothing waits for a record', async () => {
    await say(h, 'ou_assistant', '拜访总结：今天见了客户');
    expect(textsTo(h, 'ou_assistant').at(-1)).toContain('没有等待提交总结的拜访');
    expect(await draftsOf('ou_assistant')).toHaveLength(0);
  });
});

describe('free text that starts like a command', () => {
  it('a summary starting with 客户 / 拜访 is read as the record, and 拜访 华能 still plans a visit', async () => {
    const { visit } = await approvedVisit(h, 'ou_spec2', '万科企业股份有限公司');
    const sent = await say(h, 'ou_spec2', '客户说价格偏高，但认可我们的方案，下周三再去总部谈细节，地点在万科中心');
    const card = json(sent.at(-1)!.content);
    expect(card).toContain('万科中心');
    expect(card).not.toContain('找不到');
    const [d] = await h.db.db.select().from(reportDrafts).where(and(eq(reportDrafts.ownerId, 'ou_spec2'), eq(reportDrafts.subjectId, visit.id)));
    expect(d).toBeDefined();
    const plan = await say(h, 'ou_spec2', '拜访 万科');
    expect(json(plan.at(-1)!.content)).toMatch(/拜访计划|Visit plan/);
  });

  it('tells someone whose role cannot use a command so, instead of calling it admin-only', async () => {
    const reply = await say(h, 'ou_finance', '拜访 万科');
    expect(JSON.stringify(reply.at(-1)!.content)).toContain('您的角色不能使用');
  });
});
