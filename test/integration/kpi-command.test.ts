/**
 * `KPI` / `绩效`: the KPI card from the set-based tallies, scoped by role — a specialist their
 * own figures (and their team's), a manager their team, the director the department — with
 * the figures built from what was recorded through chat and cards (sales against the target,
 * complaints, questions), and clear answers for a future period, an unknown name and a scope
 * beyond the role.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerStageHistory } from '../../db/schema/index.js';
import { kpiDirectory } from '../../src/app/kpi/report.js';
import { tallyByPersonSql } from '../../src/app/kpi/tallies.js';
import { loadRosterMap } from '../../src/app/customer/store.js';
import { quarter } from '../../src/domain/kpi/period.js';
import { startHarness, type Harness } from '../support/harness.js';
import { button, cardsTo, click, json, newCustomer, recordOnArchive, say } from './customer-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-10-05T02:00:00Z' });
});
afterAll(async () => h?.close());

const SH = 'Asia/Shanghai';

const record = (who: string, name: string, r: string, values: Record<string, unknown>) => recordOnArchive(h, who, name, r, values);

const kpiCardTo = (who: string) => json(cardsTo(h, who).filter((m) => json(m.content).includes('绩效 KPI · ')).at(-1)?.content);

describe('the KPI card', () => {
  let customerId: string;

  it('counts what was recorded: sales against the target, complaints, questions answered on time', async () => {
    customerId = (await newCustomer(h, 'ou_spec1', '华东机械制造有限公司')).id;
    h.clock.set('2026-11-27T02:00:00Z');
    await record('ou_spec1', '华东机械', 'transaction', { tx_amount: '60万', tx_date: '2026-11-20 +0800' });
    await record('ou_spec1', '华东机械', 'complaint', { cp_valid: 'valid', cp_cause: '交货延迟' });
    await record('ou_spec1', '华东机械', 'question', { q_text: '保修期多久？', q_asked: '2026-11-20 +0800', q_answered: '2026-11-20 +0800', q_answer: '两年' });
    await say(h, 'ou_manager', '指标');
    const list = cardsTo(h, 'ou_manager').at(-1)!;
    const form = await click(h, 'ou_manager', list.messageId, button(list.content, 'target.form'));
    const set = await click(h, 'ou_manager', list.messageId, button(form.card!.data, 'target.set'), { tg_specialist: 'ou_spec1', tg_period: '2026Q4', tg_amount: '100万' });
    expect(set.toast?.type, set.toast?.content).toBe('success');
    // lifecycle moves are seeded (the development approval has its own tests): won in October, a churn in November
    await h.db.db.insert(customerStageHistory).values([
      { customerId, fromStage: 'negotiating', toStage: 'won', actorId: 'ou_spec1', at: new Date('2026-10-10T02:00:00Z') },
      { customerId: 'elsewhere', fromStage: 'serving', toStage: 'churned', actorId: 'ou_manager', at: new Date('2026-11-02T02:00:00Z') },
    ]);

    const tallies = await tallyByPersonSql(h.db.db, quarter(2026, 4), { timeZone: SH, now: h.clock.now() });
    expect(tallies.get('ou_spec1')).toMatchObject({
      salesFen: 60_000_000, targetFen: 100_000_000, withTarget: 1, won: 1, complaints: 1, validComplaints: 1, questions: 1, questionsOnTime: 1, archives: 1,
    });
    // the churned customer has no owner history: it counts for the department only
    expect(tallies.get('')).toMatchObject({ churned: 1 });

    const out = await say(h, 'ou_spec1', '绩效');
    const card = json(out.at(-1)!.content);
    expect(card).toContain('绩效 KPI · 李专员');
    expect(card).toContain('60.0%'); // ¥600,000 of ¥1,000,000
    expect(card).toContain('"tag":"chart"');
  });

  it('scopes by role: the manager’s team, the director’s department, a specialist refused the department', async () => {
    await say(h, 'ou_manager', 'KPI 本季度');
    expect(kpiCardTo('ou_manager')).toContain('绩效 KPI · 钱经理 团队');
    await say(h, 'ou_manager', '绩效 李专员');
    expect(kpiCardTo('ou_manager')).toContain('绩效 KPI · 李专员');
    await say(h, 'ou_director', 'KPI 2026年');
    expect(kpiCardTo('ou_director')).toContain('绩效 KPI · 大客户部');
    await say(h, 'ou_spec1', '绩效 团队');
    expect(kpiCardTo('ou_spec1')).toContain('绩效 KPI · 钱经理 团队');
    const refused = await say(h, 'ou_spec1', '绩效 部门');
    expect(json(refused)).toContain('您无权查看这一范围的绩效数据');
    const other = await say(h, 'ou_spec2', 'kpi 李专员');
    expect(json(other)).toContain('You cannot see KPIs for that scope');
  });

  it('answers a future period and an unknown name clearly', async () => {
    const future = await say(h, 'ou_spec1', 'KPI 2027Q1');
    expect(json(future)).toContain('还没有开始');
    const ghost = await say(h, 'ou_manager', '绩效 张三丰');
    expect(json(ghost)).toContain('名册中没有「张三丰」');
  });

  it('finance sees cost control for the department, a team or a person, and nothing else; the full export is refused', async () => {
    const mine = json((await say(h, 'ou_finance', '绩效')).at(-1)!.content);
    expect(mine).toContain('绩效 KPI · 大客户部');
    expect(mine).toContain('服务费用控制');
    expect(mine).toContain('按专员');
    expect(mine).not.toContain('销售计划完成率');
    expect(mine).not.toContain('有效投诉');
    expect(mine).not.toContain('kpi.export');
    expect(json((await say(h, 'ou_finance', '绩效 李专员')).at(-1)!.content)).toContain('绩效 KPI · 李专员');
    const uploads = h.lark.callsTo('upload').length;
    const refused = await say(h, 'ou_finance', '绩效 导出');
    expect(json(refused)).toContain('财务可在「绩效」中查看服务费用控制');
    await h.settle();
    expect(h.lark.callsTo('upload')).toHaveLength(uploads);
  });

  it('the roster makes the teams: a manager and the people they review', async () => {
    const dir = kpiDirectory(await loadRosterMap(h.db.db));
    expect(dir.teams.map((t) => t.id)).toEqual(['ou_manager']);
    expect(dir.members.filter((m) => m.teamId === 'ou_manager').map((m) => m.id).sort()).toEqual(['ou_assistant', 'ou_spec1', 'ou_spec2']);
  });
});
