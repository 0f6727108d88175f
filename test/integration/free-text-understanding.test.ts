/**
 * Free text understood on the real path (issue 17): a message posted to the webhook, the draft
 * card at the fake Lark, the confirm click, the stored row. A realistic visit summary with no
 * place takes the plan's and marks it; a summary whose day is not the planned day is asked
 * about; a 月报 naming no month on the 12th asks which month; "月报 12月主要跟进…。下月计划：…"
 * files the summary as the summary and submits.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthlyReports, reportDrafts } from '../../db/schema/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { approvedVisit, button, click, json, PLAN_VALUES, say, visitRow } from './visit-helpers.js';

describe('a visit summary in prose, through the webhook', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: '2026-11-27T02:00:00Z' });
  });
  afterAll(async () => h?.close());

  it('reads the paragraph, fills the place from the plan, marks what it guessed, and stores it on confirm', async () => {
    const { visit } = await approvedVisit(h, 'ou_spec1', '中国华能集团');
    h.clock.set('2026-11-30T10:00:00Z'); // Monday 18:00, the evening of the visit
    const sent = await say(h, 'ou_spec1', '今天下午见了王总，主要聊了明年的设备更新计划。客户对价格比较敏感，希望我们给个优惠方案。目前和竞争对手A公司也在接触。下周把报价发过去。');
    const card = json(sent.at(-1)!.content);
    expect(card).toContain('请确认拜访总结');
    expect(card).not.toContain('接触"'); // the place is not 接触
    expect(card).toContain('地点（来自计划）');
    expect(card).toContain('华能总部 12 楼会议室');
    expect(card).toContain('客户想法（推测）');
    expect(card).toContain('请先核对');
    const [draft] = await h.db.db.select().from(reportDrafts).where(eq(reportDrafts.ownerId, 'ou_spec1'));
    expect(draft).toMatchObject({ subjectId: visit.id, status: 'open' });
    expect(draft!.fields).toMatchObject({
      place: '华能总部 12 楼会议室',
      people: '王总',
      customerView: '客户对价格比较敏感，希望我们给个优惠方案。',
      nextSteps: '下周把报价发过去。',
      marks: { fromPlan: ['place'] },
    });

    const ok = await click(h, 'ou_spec1', sent.at(-1)!.messageId, button(sent.at(-1)!.content, 'draft.confirm'));
    expect(ok.toast?.type).toBe('success');
    const row = await visitRow(h, visit.id);
    expect(row.status).toBe('recorded');
    expect(row.record).toMatchObject({ place: '华能总部 12 楼会议室', people: '王总', method: 'in_person', customerView: '客户对价格比较敏感，希望我们给个优惠方案。' });
    expect(row.record!.points).toContain('竞争对手A公司也在接触');
    expect(row.record!.points).not.toContain('价格比较敏感');
    expect(row.record).not.toHaveProperty('marks');
  });

  it('asks when the day written is not the day planned, then takes the visit picked', async () => {
    const { visit } = await approvedVisit(h, 'ou_spec1', '三一重工', { ...PLAN_VALUES, vp_at: '2026-12-02 10:00 +0800', vp_place: '三一长沙工厂', mat_brochure_due: '12-01' });
    const sent = await say(h, 'ou_spec1', '今天上午拜访了三一重工，跟采购聊了交货期，客户希望提前到下月中旬。');
    const pick = sent.at(-1)!;
    expect(json(pick.content)).toContain('是这一次吗');
    const [draft] = await h.db.db.select().from(reportDrafts).where(and(eq(reportDrafts.ownerId, 'ou_spec1'), eq(reportDrafts.status, 'open')));
    expect(draft!.subjectId).toBeNull(); // not silently attached
    expect((await visitRow(h, visit.id)).status).toBe('approved');

    const shown = await click(h, 'ou_spec1', pick.messageId, button(pick.content, 'draft.attach', { s: visit.id }));
    expect(json(shown.card)).toContain('请确认拜访总结');
    expect(json(shown.card)).toContain('这次计划在');
    const ok = await click(h, 'ou_spec1', pick.messageId, button(shown.card!.data, 'draft.confirm'));
    expect(ok.toast?.type).toBe('success');
    expect((await visitRow(h, visit.id)).record).toMatchObject({ time: '2026-11-29T16:00:00.000Z', place: '三一长沙工厂' });
  });
});

describe('a monthly report in prose, through the webhook', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: '2026-11-12T02:00:00Z' }); // Thursday 12 Nov, 10:00
  });
  afterAll(async () => h?.close());

  const rows = () => h.db.db.select().from(monthlyReports).where(eq(monthlyReports.ownerId, 'ou_spec1'));

  it('on 12 Nov, naming no month, asks which month before it can be submitted', async () => {
    const sent = await say(h, 'ou_spec1', '月报 主要跟进了华能和三一两个项目，华能已签约，三一在走招标。下月计划：完成三一投标。存在问题：报价审批周期太长。');
    const card = sent.at(-1)!;
    expect(json(card.content)).toContain('这是哪个月的月报');
    expect(json(card.content)).toContain('推测归入（你没写栏目名，请先核对）：本月工作总结');
    expect(() => button(card.content, 'report.confirm')).toThrow();
    const picked = await click(h, 'ou_spec1', card.messageId, button(card.content, 'report.month', { m: '2026-11' }));
    expect(json(picked.card)).toContain('2026年11月');
    const ok = await click(h, 'ou_spec1', card.messageId, button(picked.card!.data, 'report.confirm'));
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    const [row] = await rows();
    expect(row).toMatchObject({ month: '2026-11', status: 'submitted' });
    expect(row!.fields).toMatchObject({ summary: '主要跟进了华能和三一两个项目，华能已签约，三一在走招标。', forecast: '完成三一投标', problems: '报价审批周期太长', industryNews: null });
  });

  it('"月报 12月主要跟进…" in early January is December\'s, with the summary where it belongs', async () => {
    h.clock.set('2027-01-04T02:00:00Z');
    const sent = await say(h, 'ou_spec1', '月报 12月主要跟进了国网江苏的项目，已经提交了技术方案。下月计划：完成商务谈判。存在问题：客户预算收紧。');
    const card = sent.at(-1)!;
    expect(json(card.content)).toContain('2026年12月');
    const ok = await click(h, 'ou_spec1', card.messageId, button(card.content, 'report.confirm'));
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    const dec = (await rows()).find((r) => r.month === '2026-12');
    expect(dec).toMatchObject({ status: 'submitted' });
    expect(dec!.fields).toMatchObject({ summary: '12月主要跟进了国网江苏的项目，已经提交了技术方案。', forecast: '完成商务谈判', industryNews: null });
  });
});
