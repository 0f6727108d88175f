/** Issue 15: the development approver sees the whole plan, not a subset; blanks are left out. */
import { describe, expect, it } from 'vitest';
import { planRows } from '../../src/app/customer/submit-development.js';
import type { CustomerRow } from '../../src/app/customer/store.js';
import { parseDevelopmentPlan } from '../../src/domain/customer/development.js';
import { rosterOf } from '../../src/domain/roster.js';

const customer = { id: 'c1', name: '中国华能集团', archiveNo: 'KA-2026-0001', archive: { contacts: [] } } as unknown as CustomerRow;
const roster = rosterOf([{ openId: 'ou_spec1', name: '李专员', role: 'specialist', managerId: 'ou_manager', locale: 'zh_cn', active: true } as never]);
const base = {
  customerId: 'c1',
  analysis: { directNeeds: '三台机组的在线监测系统改造' },
  advantages: ['lower_total_cost'],
  forecast: { expectedSalesFen: 500_000_00, expectedProfitFen: 120_000_00, staffCostFen: 10_000_00, travelCostFen: 5_000_00, risk: 'medium' },
  methods: ['visits'],
  team: [{ memberId: 'ou_spec1', role: 'coordinator' }],
};
const text = (rows: ReturnType<typeof planRows>) => rows.map((r) => `${r.label.zh_cn}: ${typeof r.value === 'string' ? r.value : r.value.zh_cn}`).join('\n');

describe('the development application the approvers read', () => {
  it('shows every field that was filled', () => {
    const plan = parseDevelopmentPlan({
      ...base,
      analysis: {
        directNeeds: '三台机组的在线监测系统改造',
        latentNeeds: '后续五年的运维外包',
        decisionProcess: '设备部提需求，采购部招标，总经理办公会决策',
        decisionDepartments: '设备部、采购部',
        finances: '现金流良好，年初预算已批',
        yearlyBudgetFen: 2_000_000_00,
        sensitivity: 'price',
      },
      purchaseFactors: ['cost', 'technical'],
      purchaseFactorNotes: '价格权重 60%',
    });
    const shown = text(planRows(customer, plan, roster));
    for (const s of ['后续五年的运维外包', '总经理办公会决策', '设备部、采购部', '现金流良好', '2,000,000', '价格', '价格权重 60%', '120,000', '10,000', '5,000', '李专员']) {
      expect(shown, s).toContain(s);
    }
  });

  it('leaves out what was left blank', () => {
    const shown = text(planRows(customer, parseDevelopmentPlan(base), roster));
    expect(shown).not.toContain('潜在需求');
    expect(shown).not.toContain('采购影响因素');
    expect(shown).toContain('三台机组');
  });
});
