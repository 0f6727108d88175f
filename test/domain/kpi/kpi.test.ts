import { describe, expect, it } from 'vitest';
import { quarterlyAssessment } from '../../../src/domain/kpi/assessment.js';
import { emptyFacts, type KpiFacts } from '../../../src/domain/kpi/facts.js';
import { formatTrend, formatValue, KPI_KEYS, type KpiFigure, type KpiKey } from '../../../src/domain/kpi/figure.js';
import { month, quarter, year } from '../../../src/domain/kpi/period.js';
import { figureOf, kpiReport, scopeFigures, type KpiScope } from '../../../src/domain/kpi/report.js';
import { NOBODY, tallyByPerson } from '../../../src/domain/kpi/tally.js';

const SH = 'Asia/Shanghai';
const at = (iso: string) => new Date(`${iso}+08:00`);
// Wed 2 Dec 2026 10:00 Shanghai: Q4 runs, its follow-ups due after today are not yet missed.
const now = at('2026-12-02T10:00:00');
const opts = { timeZone: SH, now };
const Q4 = quarter(2026, 4);

/** Team A: manager M1, specialists S1, S2. Team B: manager M2, S3 (joined on 1 Nov). */
function department(): KpiFacts {
  const f = emptyFacts();
  f.teams = [{ id: 'A', name: '华东组', managerId: 'M1' }, { id: 'B', name: '华南组', managerId: 'M2' }];
  f.members = [
    { id: 'D', name: '王总监', role: 'director', teamId: null },
    { id: 'M1', name: '李经理', role: 'manager', teamId: null },
    { id: 'M2', name: '赵经理', role: 'manager', teamId: null },
    { id: 'S1', name: '张三', role: 'specialist', teamId: 'A' },
    { id: 'S2', name: '李四', role: 'specialist', teamId: 'A' },
    { id: 'S3', name: '王五', role: 'specialist', teamId: 'B' },
  ];
  f.customers = [
    { id: 'C1', categories: ['important', 'strategic'] }, // two categories, one customer
    { id: 'C2', categories: ['high_value'] },
    { id: 'C3', categories: ['group'] },
    { id: 'C4', categories: [] },
    { id: 'C5', categories: ['important'] },
  ];
  f.ownership = [
    // C1 handed over from S1 to S2 on 15 Nov.
    { customerId: 'C1', ownerId: 'S1', from: at('2025-01-01T00:00:00'), to: at('2026-11-15T09:00:00') },
    { customerId: 'C1', ownerId: 'S2', from: at('2026-11-15T09:00:00'), to: null },
    { customerId: 'C2', ownerId: 'S1', from: at('2025-01-01T00:00:00'), to: null },
    { customerId: 'C3', ownerId: 'S2', from: at('2025-01-01T00:00:00'), to: null },
    { customerId: 'C4', ownerId: 'S1', from: at('2026-10-05T00:00:00'), to: null },
    // S3 joined on 1 Nov and was given C5 then.
    { customerId: 'C5', ownerId: 'S3', from: at('2026-11-01T09:00:00'), to: null },
  ];
  f.stages = [
    { customerId: 'C1', stage: 'won', at: at('2025-03-01T10:00:00') },
    { customerId: 'C1', stage: 'serving', at: at('2025-04-01T10:00:00') },
    { customerId: 'C2', stage: 'won', at: at('2025-06-01T10:00:00') },
    { customerId: 'C3', stage: 'won', at: at('2025-06-01T10:00:00') },
    // C3 churns in Q4, under S2.
    { customerId: 'C3', stage: 'churned', at: at('2026-11-20T10:00:00') },
    // C4 is a new key account of S1 in Q4.
    { customerId: 'C4', stage: 'negotiating', at: at('2026-10-10T10:00:00') },
    { customerId: 'C4', stage: 'won', at: at('2026-10-28T10:00:00') },
    // C5 is S3's first win.
    { customerId: 'C5', stage: 'won', at: at('2026-11-10T10:00:00') },
  ];
  f.sales = [
    { customerId: 'C1', date: '2026-10-20', amountFen: 10_000_000 }, // S1 owned C1 then
    { customerId: 'C1', date: '2026-11-20', amountFen: 5_000_000 }, // S2 after the handover
    { customerId: 'C1', date: '2026-11-25', amountFen: 2_000_000, responsibleId: 'S1' }, // named on the deal
    { customerId: 'C2', date: '2026-12-01', amountFen: 8_000_000 },
    { customerId: 'C5', date: '2026-11-12', amountFen: 3_000_000 },
    { customerId: 'C9', date: '2026-11-12', amountFen: 1_000_000 }, // nobody owns C9: department only
    { customerId: 'C2', date: '2026-09-30', amountFen: 99_000_000 }, // Q3, not counted in Q4
    { customerId: 'C2', date: '2026-07-15', amountFen: 4_000_000 },
  ];
  f.targets = [
    { specialistId: 'S1', period: Q4, amountFen: 20_000_000 },
    { specialistId: 'S2', period: Q4, amountFen: 10_000_000 },
    { specialistId: 'S1', period: quarter(2026, 3), amountFen: 100_000_000 },
    // S3 has no Q4 target: joined mid-quarter.
  ];
  f.developmentPlans = [
    { specialistId: 'S1', period: Q4, plannedNewAccounts: 2 },
    { specialistId: 'S3', period: Q4, plannedNewAccounts: 2 },
  ];
  // S1: 12 follow-ups due in Q4 by now, 10 done; one due next week is not counted.
  f.followUps = [
    ...Array.from({ length: 12 }, (_, i) => ({ specialistId: 'S1', dueAt: at(`2026-10-${String(10 + i).padStart(2, '0')}T18:00:00`), doneAt: i < 10 ? at(`2026-10-${String(9 + i).padStart(2, '0')}T15:00:00`) : null })),
    { specialistId: 'S1', dueAt: at('2026-12-09T18:00:00'), doneAt: null },
  ];
  f.complaints = [
    { customerId: 'C1', at: at('2026-10-12T10:00:00'), valid: true }, // S1 owned C1
    { customerId: 'C1', at: at('2026-11-18T10:00:00'), valid: false }, // S2 owned C1
    { customerId: 'C2', at: at('2026-11-18T10:00:00'), valid: true, staffId: 'S2' }, // names S2
  ];
  f.feedback = [
    { customerId: 'C2', raisedAt: at('2026-10-01T10:00:00'), dueAt: at('2026-10-03T10:00:00'), answeredAt: at('2026-10-02T10:00:00') },
    { customerId: 'C2', raisedAt: at('2026-10-05T10:00:00'), dueAt: at('2026-10-07T10:00:00'), answeredAt: at('2026-10-09T10:00:00') },
    { customerId: 'C2', raisedAt: at('2026-11-05T10:00:00'), dueAt: at('2026-11-07T10:00:00'), answeredAt: null }, // missed
    { customerId: 'C2', raisedAt: at('2026-12-02T09:00:00'), dueAt: at('2026-12-04T09:00:00'), answeredAt: null }, // still open
  ];
  f.questions = [
    { customerId: 'C2', raisedAt: at('2026-03-01T10:00:00'), dueAt: at('2026-03-02T10:00:00'), answeredAt: at('2026-03-01T16:00:00') },
    { customerId: 'C2', raisedAt: at('2026-04-01T10:00:00'), dueAt: at('2026-04-02T10:00:00'), answeredAt: at('2026-04-03T16:00:00') },
  ];
  f.visits = [
    { specialistId: 'S1', at: at('2026-10-08T10:00:00'), planApproved: true, recordOnTime: true, followUpOnTime: true, rating: 5 },
    { specialistId: 'S1', at: at('2026-10-15T10:00:00'), planApproved: true, recordOnTime: false, followUpOnTime: true, rating: 4 },
    { specialistId: 'S1', at: at('2026-11-30T10:00:00'), planApproved: true, recordOnTime: true, followUpOnTime: null },
  ];
  f.costs = [
    { claimantId: 'S1', date: '2026-03-10', amountFen: 300_000 },
    { claimantId: 'S2', date: '2026-10-10', amountFen: 200_000 },
  ];
  f.budgets = [
    { year: 2026, scope: { kind: 'member', id: 'S1' }, amountFen: 1_000_000 },
    { year: 2026, scope: { kind: 'team', id: 'A' }, amountFen: 2_000_000 },
  ];
  f.archives = [
    { customerId: 'C1', ownerId: 'S2', filled: 20, required: 20 },
    { customerId: 'C2', ownerId: 'S1', filled: 10, required: 20 },
    { customerId: 'C4', ownerId: 'S1', filled: 15, required: 20 },
  ];
  return f;
}

const figs = (scope: KpiScope, period = Q4, facts = department()) => {
  const list = scopeFigures(facts, scope, period, opts);
  return (k: KpiKey): KpiFigure => figureOf(list, k);
};
const S1 = figs({ kind: 'member', id: 'S1' });
const S2 = figs({ kind: 'member', id: 'S2' });
const S3 = figs({ kind: 'member', id: 'S3' });
const teamA = figs({ kind: 'team', id: 'A' });
const dept = figs({ kind: 'department' });

describe('sales-plan completion: sales by the owner at the time of the transaction', () => {
  it('a handover mid-quarter leaves past sales with the old owner; a named person wins over the owner', () => {
    // S1: 100k (owned C1 on 20 Oct) + 20k (named) + 80k (C2) = 200k of 200k
    expect(S1('sales_plan')).toMatchObject({ value: 100, numerator: 20_000_000, denominator: 20_000_000, noData: null });
    // S2: 50k after the handover, of a 100k target
    expect(S2('sales_plan')).toMatchObject({ value: 50, numerator: 5_000_000 });
    expect(S1('sales_plan').basis.zh_cn).toBe('实际销售 ¥200,000.00 / 指标 ¥200,000.00');
    expect(S2('sales_plan').basis.en_us).toBe('sales ¥50,000.00 of target ¥100,000.00');
  });

  it('no target gives no figure, not a division by zero', () => {
    expect(S3('sales_plan')).toMatchObject({ value: null, noData: 'no_target', numerator: 3_000_000 });
    expect(formatValue(S3('sales_plan')).zh_cn).toBe('未设定指标');
  });

  it('team and department sum their members; an unowned sale counts for the department only', () => {
    expect(teamA('sales_plan')).toMatchObject({ numerator: 25_000_000, denominator: 30_000_000 });
    expect(teamA('sales_plan').value).toBeCloseTo(83.333, 2);
    expect(dept('sales_plan').numerator).toBe(25_000_000 + 3_000_000 + 1_000_000);
    expect(dept('sales_plan').basis.zh_cn).toContain('1 人未设指标');
  });

  it('a year without a year target is measured against the sum of its quarter targets', () => {
    const y = figs({ kind: 'member', id: 'S1' }, year(2026));
    // 2026 sales of S1: Q3 990k + 40k, Q4 200k; targets Q3 1,000k + Q4 200k
    expect(y('sales_plan')).toMatchObject({ numerator: 123_000_000, denominator: 120_000_000 });
    expect(y('sales_plan').basis.zh_cn).toContain('含季度指标合计');
  });
});

describe('accounts: churn, development plan and new development', () => {
  it('a customer in two categories is one key account', () => {
    // At 1 Oct: C1 (important+strategic, S1), C2 (S1), C3 (S2).
    const t = tallyByPerson(department(), { period: Q4, ...opts });
    expect(t.get('S1')!.keyAtStart).toBe(2);
    expect(t.get('S2')!.keyAtStart).toBe(1);
    expect(dept('new_development')).toMatchObject({ numerator: 2, denominator: 3 });
  });

  it('churn counts for the owner when it happened', () => {
    expect(S2('churn')).toMatchObject({ value: 1, denominator: 1 });
    expect(S1('churn')).toMatchObject({ value: 0 });
    expect(S2('churn').basis.zh_cn).toBe('流失 1 个，期初大客户 1 个');
  });

  it('new development rate and plan completion', () => {
    expect(S1('new_development')).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect(S1('development_plan')).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect(S2('development_plan')).toMatchObject({ value: null, noData: 'no_plan' });
  });

  it('a member who joined mid-period has no key accounts at the start: no rate, but the win and the plan count', () => {
    expect(S3('new_development')).toMatchObject({ value: null, noData: 'no_base', numerator: 1, denominator: 0 });
    expect(S3('new_development').basis.zh_cn).toBe('期初大客户 0 个，新开发 1 个');
    expect(S3('development_plan')).toMatchObject({ value: 50 });
  });

  it('a customer won, churned and won back within the period is one new account', () => {
    const f = department();
    f.stages = [
      ...f.stages,
      { customerId: 'C4', stage: 'churned', at: at('2026-11-01T10:00:00') },
      { customerId: 'C4', stage: 'won', at: at('2026-11-20T10:00:00') },
    ];
    const fig = figs({ kind: 'member', id: 'S1' }, Q4, f);
    expect(fig('new_development').numerator).toBe(1);
    expect(fig('churn').value).toBe(1);
  });
});

describe('service KPIs say what they are based on', () => {
  it('revisit rate: 12 due, 10 done; a follow-up not yet due is not missed', () => {
    expect(S1('revisit').value).toBeCloseTo(83.333, 2);
    expect(S1('revisit').basis.en_us).toBe('12 follow-ups due, 10 done');
    expect(S1('revisit').basis.zh_cn).toBe('应回访 12 次，已回访 10 次');
  });

  it('valid complaints count the owner at the time, or the member named', () => {
    expect(S1('valid_complaints')).toMatchObject({ value: 1, denominator: 1 });
    expect(S2('valid_complaints')).toMatchObject({ value: 1, denominator: 2 });
    expect(teamA('valid_complaints').basis.zh_cn).toBe('投诉 3 次，其中有效 2 次');
  });

  it('feedback timeliness leaves out what is not yet due and counts a missed deadline', () => {
    expect(S1('feedback_timeliness')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(S1('feedback_timeliness').basis.zh_cn).toContain('另有 1 次未到期');
  });

  it('service standard: plan, record and follow-up on time; a visit whose follow-up is not due is not judged', () => {
    const y = figs({ kind: 'member', id: 'S1' }, year(2026));
    expect(y('service_standard')).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect(y('satisfaction')).toMatchObject({ value: 4.5, denominator: 2 });
    expect(formatValue(y('satisfaction')).zh_cn).toBe('4.5 / 5');
  });

  it('answer timeliness over the year', () => {
    expect(figs({ kind: 'member', id: 'S1' }, year(2026))('answer_timeliness')).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
  });

  it('service cost: per year; a team budget replaces the sum of its members\'', () => {
    const y = (s: KpiScope) => figs(s, year(2026))('service_cost');
    expect(y({ kind: 'member', id: 'S1' })).toMatchObject({ value: 30, numerator: 300_000, denominator: 1_000_000 });
    expect(y({ kind: 'member', id: 'S2' })).toMatchObject({ value: null, noData: 'no_budget' });
    expect(y({ kind: 'team', id: 'A' })).toMatchObject({ value: 25, numerator: 500_000, denominator: 2_000_000 });
    expect(S1('service_cost')).toMatchObject({ value: null, noData: 'not_applicable', official: false });
  });

  it('service cost for the department: each team by its own budget if set, else by its members\'', () => {
    const f = department();
    f.budgets = [...f.budgets, { year: 2026, scope: { kind: 'member', id: 'S3' }, amountFen: 500_000 }];
    // team A by its ¥20,000 (not S1's ¥10,000), team B by S3's ¥5,000
    expect(figs({ kind: 'department' }, year(2026), f)('service_cost')).toMatchObject({ numerator: 500_000, denominator: 2_500_000 });
    f.budgets = [...f.budgets, { year: 2026, scope: { kind: 'department' }, amountFen: 4_000_000 }];
    expect(figs({ kind: 'department' }, year(2026), f)('service_cost')).toMatchObject({ denominator: 4_000_000 });
  });

  it('archive completeness: filled required fields over required fields, by the current owner', () => {
    expect(S1('archive_completeness')).toMatchObject({ value: 62.5, numerator: 25, denominator: 40 });
    expect(teamA('archive_completeness').basis.zh_cn).toBe('3 份档案，必填项 60 项已填 45 项，完整 1 份');
  });
});

describe('empty periods and scopes', () => {
  it('an empty period gives counts of zero and no ratio, never NaN or Infinity', () => {
    const list = scopeFigures(department(), { kind: 'department' }, quarter(2024, 1), opts);
    expect(list.map((f) => f.kpi)).toEqual([...KPI_KEYS]);
    for (const f of list) {
      expect(f.value === null || Number.isFinite(f.value)).toBe(true);
      if (f.value === null) expect(f.noData).not.toBeNull();
      expect(f.basis.zh_cn.length).toBeGreaterThan(0);
    }
    expect(list.find((f) => f.kpi === 'revisit')!.value).toBeNull();
    expect(list.find((f) => f.kpi === 'churn')!.value).toBe(0);
  });

  it('no facts at all', () => {
    const list = scopeFigures(emptyFacts(), { kind: 'department' }, Q4, opts);
    expect(list.filter((f) => f.value !== null).map((f) => f.kpi).sort()).toEqual(['churn', 'valid_complaints']);
  });

  it('a person not in the facts gets an empty tally, not an error', () => {
    expect(figs({ kind: 'member', id: 'nobody' })('revisit').value).toBeNull();
  });

  it('unattributed facts are kept under NOBODY for the department', () => {
    expect(tallyByPerson(department(), { period: Q4, ...opts }).get(NOBODY)!.salesFen).toBe(1_000_000);
  });

  it('official marks the periods the source assesses each KPI on', () => {
    const m = scopeFigures(department(), { kind: 'member', id: 'S1' }, month(2026, 11), opts);
    expect(m.filter((f) => f.official).map((f) => f.kpi)).toEqual(['churn']);
  });
});

describe('the report: trend, months and members', () => {
  const r = kpiReport(department(), { kind: 'team', id: 'A' }, Q4, opts);

  it('compares against the previous quarter', () => {
    const sales = r.rows.find((x) => x.figure.kpi === 'sales_plan')!;
    // Q3: S1 1,030k of 1,000k = 103%; Q4 team 83.3%
    expect(sales.previous.value).toBeCloseTo(103, 5);
    expect(sales.trend.direction).toBe('down');
    expect(sales.trend.better).toBe(false);
    expect(formatTrend('sales_plan', sales.trend).zh_cn).toBe('↓ 19.7 个百分点');
    const churn = r.rows.find((x) => x.figure.kpi === 'churn')!;
    expect(churn.trend).toMatchObject({ direction: 'up', better: false });
  });

  it('lists the team\'s specialists and the months so far', () => {
    expect(r.members.map((m) => m.member.id)).toEqual(['S1', 'S2']);
    expect(r.months.map((m) => `${m.period.year}-${m.period.index}`)).toEqual(['2026-10', '2026-11', '2026-12']);
    const revisitOct = figureOf(r.months[0]!.figures, 'revisit');
    expect(revisitOct.denominator).toBe(12);
  });
});

describe('the manager\'s quarterly assessment', () => {
  it('gives the four figures for the team and each specialist, with the churn rate', () => {
    const a = quarterlyAssessment(department(), 'A', Q4, opts);
    expect(a.manager?.id).toBe('M1');
    expect(a.team.map((f) => f.key)).toEqual(['sales_plan', 'archive_completeness', 'churn_rate', 'new_development']);
    const churn = a.team.find((f) => f.key === 'churn_rate')!;
    expect(churn).toMatchObject({ numerator: 1, denominator: 3, higherIsBetter: false });
    expect(churn.value).toBeCloseTo(33.333, 2);
    expect(a.specialists.map((s) => s.member.id)).toEqual(['S1', 'S2']);
    expect(a.specialists[1]!.figures.find((f) => f.key === 'churn_rate')!.value).toBe(100);
  });

  it('team B\'s newcomer has no churn rate (no accounts at the start)', () => {
    const b = quarterlyAssessment(department(), 'B', Q4, opts);
    expect(b.specialists[0]!.figures.find((f) => f.key === 'churn_rate')!.value).toBeNull();
  });

  it('is per quarter only', () => {
    expect(() => quarterlyAssessment(department(), 'A', year(2026), opts)).toThrow(RangeError);
  });
});
