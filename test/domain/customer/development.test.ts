import { describe, expect, it } from 'vitest';
import { coverageWarnings, netProfitFen, parseDevelopmentPlan } from '../../../src/domain/customer/development.js';
import { DomainError } from '../../../src/domain/errors.js';

const plan = () => ({
  customerId: 'c1',
  categories: ['important', 'strategic'],
  analysis: { directNeeds: '发电设备更新', latentNeeds: '运维服务', decisionProcess: '招标', decisionDepartments: '采购部、技术部', finances: '良好', yearlyBudgetFen: 1_000_000_00, sensitivity: 'quality_service' },
  advantages: ['lower_total_cost', 'real_solution'],
  purchaseFactors: ['cost', 'policy_social'],
  forecast: { expectedSalesFen: 5_000_000_00, expectedProfitFen: 800_000_00, staffCostFen: 50_000_00, travelCostFen: 20_000_00, risk: 'medium' },
  methods: ['visits', 'launch_invitation'],
  team: [{ memberId: 'ou_a', role: 'coordinator' }, { memberId: 'ou_b', role: 'liaison' }, { memberId: 'ou_b', role: 'liaison' }, { memberId: 'ou_c', role: 'upgrade_lead' }, { memberId: 'ou_a', role: 'training_lead' }],
});

const failOf = (input: unknown): DomainError => {
  try {
    parseDevelopmentPlan(input);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a validation error');
};

describe('development application', () => {
  it('accepts a full plan and drops duplicate team rows', () => {
    const p = parseDevelopmentPlan(plan());
    expect(p.team).toHaveLength(4);
    expect(p.forecast.risk).toBe('medium');
  });

  it.each([
    ['no direct needs', { analysis: { directNeeds: ' ' } }, '「直接需求」不能为空', 'Direct needs: is required'],
    ['no advantage', { advantages: [] }, '「竞争优势」至少选择 1 项', 'Competitive advantages: choose at least 1'],
    ['bad advantage', { advantages: ['cheaper'] }, '「竞争优势」应为以下之一：降低采购总成本', 'Competitive advantages: must be one of: Lower total purchase cost'],
    ['bad purchase factor', { purchaseFactors: ['weather'] }, '「采购影响因素」应为以下之一：采购成本、技术含量、政策与社会因素', 'Purchase factors: must be one of'],
    ['no method', { methods: [] }, '「开发方式」至少选择 1 项', 'Development method: choose at least 1'],
    ['bad risk', { forecast: { ...plan().forecast, risk: 'extreme' } }, '「风险」应为以下之一：高、中、低', 'Risk: must be one of: High, Medium, Low'],
    ['fractional amount', { forecast: { ...plan().forecast, expectedSalesFen: 1.5 } }, '「预计销售额」应为整数', 'Expected sales: must be a whole number'],
    ['negative cost', { forecast: { ...plan().forecast, travelCostFen: -1 } }, '「差旅费用」不能小于 0', 'Travel cost: must be at least 0'],
    ['bad sensitivity', { analysis: { directNeeds: 'x', sensitivity: 'both' } }, '「敏感度（质量服务/价格）」应为以下之一：重质量与服务、重价格、兼顾', 'must be one of: Quality and service first'],
    ['bad team role', { team: [{ memberId: 'a', role: 'boss' }] }, '「项目小组1·角色」应为以下之一：统筹人、协调人、升级活动负责人、培训负责人', 'Project team 1 · Role: must be one of'],
    ['no coordinator', { team: [{ memberId: 'a', role: 'liaison' }] }, '「项目小组」需要一名统筹人', 'Project team: needs a coordinator'],
    ['too-long text', { analysis: { directNeeds: 'x'.repeat(1001) } }, '「直接需求」最多 1000 个字', 'Direct needs: at most 1000 characters'],
  ])('%s → bilingual message', (_l, patch, zh, en) => {
    const e = failOf({ ...plan(), ...patch });
    expect(e.code).toBe('VALIDATION');
    expect(e.userMessage.zh_cn).toContain(zh);
    expect(e.userMessage.en_us).toContain(en);
  });

  it.each([
    [{ expectedProfitFen: 800_000_00, staffCostFen: 50_000_00, travelCostFen: 20_000_00 }, 730_000_00],
    [{ expectedProfitFen: 0, staffCostFen: 0, travelCostFen: 0 }, 0],
    [{ expectedProfitFen: 100, staffCostFen: 80, travelCostFen: 30 }, -10],
    [{ expectedProfitFen: -500, staffCostFen: 1, travelCostFen: 1 }, -502],
  ])('net profit of %j is %i fen', (f, net) => expect(netProfitFen(f)).toBe(net));

  it.each([
    [[], ['经济买家', '教练买家']],
    [[{ buyerRoles: ['technical', 'user', 'paying'] }], ['经济买家', '教练买家']],
    [[{ buyerRoles: ['economic'] }], ['教练买家']],
    [[{ buyerRoles: ['coach'] }, { buyerRoles: [] }], ['经济买家']],
    [[{ buyerRoles: ['economic'] }, { buyerRoles: ['coach'] }], []],
    [[{ buyerRoles: ['economic', 'coach'] }], []],
  ] as const)('coverage warnings for %j', (contacts, expected) => {
    const w = coverageWarnings(contacts);
    expect(w).toHaveLength(expected.length);
    expected.forEach((word, i) => expect(w[i]!.zh_cn).toContain(word));
    w.forEach((x) => expect(x.en_us).toMatch(/^No (economic buyer|coach)/));
  });
});
