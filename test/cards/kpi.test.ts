import { describe, expect, it } from 'vitest';
import { kpiCard } from '../../cards/kpi.js';
import { assessmentCard } from '../../cards/kpi-assessment.js';
import type { Card } from '../../cards/kit.js';
import { CARD_MAX_BYTES, validateCard } from '../../cards/validate.js';
import { i18n } from '../../src/domain/i18n.js';
import { quarterlyAssessment } from '../../src/domain/kpi/assessment.js';
import { emptyFacts } from '../../src/domain/kpi/facts.js';
import { month, quarter, year } from '../../src/domain/kpi/period.js';
import { kpiReport } from '../../src/domain/kpi/report.js';
import { bytesOf, elementsOf, textOf } from '../domain/approval/card-fixtures.js';
import { at, departmentFacts } from '../domain/kpi/department-fixture.js';

const opts = { timeZone: 'Asia/Shanghai', now: at('2026-12-02T10:00:00') };
const dept = departmentFacts();

const charts = (c: Card) => elementsOf(c).filter((e) => e.tag === 'chart') as { chart_spec: { type: string; data: { values: unknown[] }[]; direction?: string } }[];
const tables = (c: Card) => elementsOf(c).filter((e) => e.tag === 'table') as { rows: Record<string, string>[] }[];

function expectSendable(c: Card): void {
  expect(validateCard(c)).toEqual([]);
  expect(bytesOf(c)).toBeLessThan(CARD_MAX_BYTES);
}

describe('the KPI card', () => {
  it('the department\'s year at 50 specialists: both charts, every figure with its basis, under 30 KB', () => {
    const c = kpiCard({ report: kpiReport(dept, { kind: 'department' }, year(2026), opts), scopeName: i18n('大客户部', 'Key accounts'), exportable: true });
    expectSendable(c);
    const [bar, line] = charts(c);
    expect(bar!.chart_spec).toMatchObject({ type: 'bar', direction: 'horizontal' });
    expect(bar!.chart_spec.data[0]!.values).toHaveLength(50);
    expect(line!.chart_spec.type).toBe('line');
    // December has begun: 12 months, two series
    expect(line!.chart_spec.data[0]!.values).toHaveLength(24);
    expect(tables(c)[0]!.rows).toHaveLength(50);
    const zh = textOf(c, 'zh_cn');
    const en = textOf(c, 'en_us');
    for (const s of ['大客户销售计划完成率', '大客户回访率', '应回访', '已报销', '对比2025年', '导出 Excel']) expect(zh).toContain(s);
    for (const s of ['Sales-plan completion', 'follow-ups due', 'spent', 'against 2025', 'Export to Excel']) expect(en).toContain(s);
    expect(zh).not.toMatch(/NaN|Infinity|undefined/);
    expect(en).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('a team\'s quarter: a bar per team member and a line over its three months', () => {
    const c = kpiCard({ report: kpiReport(dept, { kind: 'team', id: 'T2' }, quarter(2026, 4), opts), scopeName: i18n('第3组', 'Team 3') });
    expectSendable(c);
    const [bar, line] = charts(c);
    expect(bar!.chart_spec.data[0]!.values).toHaveLength(10);
    expect(line!.chart_spec.data[0]!.values).toHaveLength(6);
    expect(elementsOf(c).some((e) => e.tag === 'button')).toBe(false);
  });

  it('a specialist\'s month: no per-person chart, trend against the previous month', () => {
    const c = kpiCard({ report: kpiReport(dept, { kind: 'member', id: 'S7' }, month(2026, 11), opts), scopeName: i18n('张三', 'Zhang San') });
    expectSendable(c);
    expect(charts(c)).toHaveLength(0);
    expect(textOf(c, 'zh_cn')).toContain('对比2026年10月');
    expect(textOf(c, 'zh_cn')).toContain('（参考）');
  });

  it('an empty period reads as no data, not as 0% or NaN', () => {
    const c = kpiCard({ report: kpiReport(emptyFacts(), { kind: 'department' }, quarter(2026, 4), opts), scopeName: i18n('大客户部', 'Key accounts') });
    expectSendable(c);
    expect(textOf(c, 'zh_cn')).toContain('无数据');
    expect(textOf(c, 'en_us')).toContain('no sales target set');
    expect(textOf(c, 'zh_cn')).not.toMatch(/NaN|Infinity/);
  });

  it('the bar leaves out people without data and says so', () => {
    const f = departmentFacts({ teams: 1, perTeam: 4 });
    f.targets = f.targets.filter((t) => t.specialistId !== 'S0');
    const c = kpiCard({ report: kpiReport(f, { kind: 'team', id: 'T0' }, quarter(2026, 4), opts), scopeName: i18n('第1组', 'Team 1') });
    expect(charts(c)[0]!.chart_spec.data[0]!.values).toHaveLength(3);
    expect(textOf(c, 'zh_cn')).toContain('1 人无数据');
  });
});

describe('the quarterly assessment card', () => {
  it('the team\'s four figures, then each specialist; under 30 KB at 50 specialists in one team', () => {
    const big = departmentFacts({ teams: 1, perTeam: 50 });
    const c = assessmentCard(quarterlyAssessment(big, 'T0', quarter(2026, 4), opts), i18n('第1组', 'Team 1'));
    expectSendable(c);
    expect(tables(c)[0]!.rows).toHaveLength(50);
    expect(charts(c)[0]!.chart_spec.data[0]!.values).toHaveLength(50);
    const zh = textOf(c, 'zh_cn');
    for (const s of ['销售计划完成率', '大客户档案完整率', '大客户流失率', '大客户新开发率', '期初大客户']) expect(zh).toContain(s);
    expect(textOf(c, 'en_us')).toContain('Churn rate');
  });
});
