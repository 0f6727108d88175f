/**
 * Issue 12, planned new key accounts per specialist and period (开发计划数): the manager sets them
 * by chat (`开发计划 2026Q4 李专员 2`) or on the `开发计划` card, and the development-plan
 * completion KPI reads them (won ÷ planned, with its basis). A specialist setting their own, a
 * name not on the roster, a negative or absurd number are refused and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { customerStageHistory, developmentTargets } from '../../db/schema/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { button, cardsTo, click, json, newCustomer, say, textsTo } from './customer-helpers.js';

let h: Harness;
const plans = () => h.db.db.select().from(developmentTargets).orderBy(asc(developmentTargets.specialistId));
const lastText = (who: string) => textsTo(h, who).at(-1) ?? '';
const kpiCard = (who: string) => json(cardsTo(h, who).filter((m) => json(m.content).includes('绩效 KPI · ')).at(-1)?.content);
const planCard = (who: string) => cardsTo(h, who).filter((m) => json(m.content).includes('开发计划 · ')).at(-1)!;

beforeAll(async () => {
  h = await startHarness({ now: '2026-11-27T02:00:00Z' });
  const c = await newCustomer(h, 'ou_spec1', '华东机械制造有限公司');
  // the win itself goes through the development approval, which has its own tests
  await h.db.db.insert(customerStageHistory).values({ customerId: c.id, fromStage: 'negotiating', toStage: 'won', actorId: 'ou_spec1', at: new Date('2026-11-27T03:00:00Z') });
  h.clock.set('2026-11-27T04:00:00Z');
});
afterAll(async () => h?.close());

describe('setting planned new accounts', () => {
  it('refuses a specialist, an unknown name, a negative and an absurd number; nothing is written', async () => {
    await say(h, 'ou_spec1', '开发计划 2026Q4 李专员 3');
    expect(lastText('ou_spec1')).toContain('开发计划由专员的经理或营销总监设定');
    await say(h, 'ou_manager', '开发计划 2026Q4 张三丰 3');
    expect(lastText('ou_manager')).toContain('名册中没有名为「张三丰」的专员');
    await say(h, 'ou_manager', '开发计划 2026Q4 李专员 -1');
    expect(lastText('ou_manager')).toContain('须为 1 到 200 的整数');
    await say(h, 'ou_manager', '开发计划 2026Q4 李专员 5000');
    expect(lastText('ou_manager')).toContain('须为 1 到 200 的整数');
    await say(h, 'ou_manager', '开发计划 2020Q1 李专员 3');
    expect(lastText('ou_manager')).toContain('本季度、下季度、今年或明年');
    expect(await plans()).toEqual([]);
  });

  it('the manager sets one by chat and one on the card; the specialist is told', async () => {
    await say(h, 'ou_manager', '开发计划 2026Q4 李专员 2');
    expect(lastText('ou_manager')).toContain('已保存：李专员 2026年第四季度计划开发新客户 2 个');
    expect(lastText('ou_spec1')).toContain('钱经理 为您设定了2026年第四季度开发计划：新开发大客户 2 个');
    await say(h, 'ou_manager', '开发计划');
    const c = planCard('ou_manager');
    expect(json(c.content)).toContain('李专员**　计划 2 个　已成交 1 个　50.0%');
    const forged = await click(h, 'ou_spec1', c.messageId, button(c.content, 'devplan.set'), { dp_specialist: 'ou_spec1', dp_period: '2026Q4', dp_count: '9' });
    expect(forged.toast?.type).toBe('error');
    const ok = await click(h, 'ou_manager', c.messageId, button(c.content, 'devplan.set'), { dp_specialist: 'ou_spec2', dp_period: '2026Q4', dp_count: '4' });
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    expect(json(ok.card)).toContain('Wang Wei**　计划 4 个　已成交 0 个　0.0%');
    expect(await plans()).toMatchObject([
      { specialistId: 'ou_spec1', periodKey: '2026Q4', plannedNew: 2, setBy: 'ou_manager' },
      { specialistId: 'ou_spec2', periodKey: '2026Q4', plannedNew: 4 },
    ]);
  });
});

describe('the KPI card', () => {
  it('shows development-plan completion from the plans', async () => {
    await say(h, 'ou_spec1', '绩效 本季度');
    expect(kpiCard('ou_spec1')).toContain('计划开发 2 个，已成交 1 个');
    await say(h, 'ou_manager', 'KPI 本季度');
    expect(kpiCard('ou_manager')).toContain('计划开发 6 个，已成交 1 个');
    await say(h, 'ou_spec2', 'kpi this quarter');
    expect(kpiCard('ou_spec2')).toContain('0 won of 4 planned');
  });
});
