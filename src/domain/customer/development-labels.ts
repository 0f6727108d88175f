/** Labels of the development application (大客户开发申请, domain.md §3.1), both languages. */
import { i18n, type I18nText } from '../i18n.js';

export const SENSITIVITIES = ['quality_service', 'price', 'balanced'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];
export const SENSITIVITY_LABEL: Record<Sensitivity, I18nText> = {
  quality_service: i18n('重质量与服务', 'Quality and service first'),
  price: i18n('重价格', 'Price first'),
  balanced: i18n('兼顾', 'Balanced'),
};

export const ADVANTAGES = ['lower_total_cost', 'more_revenue', 'less_waste', 'higher_efficiency', 'real_solution', 'intangible_value'] as const;
export type Advantage = (typeof ADVANTAGES)[number];
export const ADVANTAGE_LABEL: Record<Advantage, I18nText> = {
  lower_total_cost: i18n('降低采购总成本', 'Lower total purchase cost'),
  more_revenue: i18n('增加收入', 'More revenue'),
  less_waste: i18n('减少浪费', 'Less waste'),
  higher_efficiency: i18n('提高效率', 'Higher efficiency'),
  real_solution: i18n('真正解决问题', 'A real solution'),
  intangible_value: i18n('无形价值', 'Intangible value'),
};

export const PURCHASE_FACTORS = ['cost', 'technical', 'policy_social'] as const;
export type PurchaseFactor = (typeof PURCHASE_FACTORS)[number];
export const PURCHASE_FACTOR_LABEL: Record<PurchaseFactor, I18nText> = {
  cost: i18n('采购成本', 'Purchase cost'),
  technical: i18n('技术含量', 'Technical content'),
  policy_social: i18n('政策与社会因素', 'Policy and social factors'),
};

export const RISKS = ['high', 'medium', 'low'] as const;
export type Risk = (typeof RISKS)[number];
export const RISK_LABEL: Record<Risk, I18nText> = {
  high: i18n('高', 'High'),
  medium: i18n('中', 'Medium'),
  low: i18n('低', 'Low'),
};

export const DEVELOPMENT_METHODS = ['launch_invitation', 'mailed_materials', 'visits'] as const;
export type DevelopmentMethod = (typeof DEVELOPMENT_METHODS)[number];
export const DEVELOPMENT_METHOD_LABEL: Record<DevelopmentMethod, I18nText> = {
  launch_invitation: i18n('产品发布会邀请', 'Product launch invitation'),
  mailed_materials: i18n('邮寄资料', 'Mailed materials'),
  visits: i18n('登门拜访', 'Visits'),
};

export const TEAM_ROLES = ['coordinator', 'liaison', 'upgrade_lead', 'training_lead'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
export const TEAM_ROLE_LABEL: Record<TeamRole, I18nText> = {
  coordinator: i18n('统筹人', 'Coordinator'),
  liaison: i18n('协调人', 'Liaison'),
  upgrade_lead: i18n('升级活动负责人', 'Upgrade lead'),
  training_lead: i18n('培训负责人', 'Training lead'),
};

export const DEVELOPMENT_FIELD_LABEL: Record<string, I18nText> = {
  customerId: i18n('客户', 'Customer'),
  categories: i18n('客户分类', 'Categories'),
  analysis: i18n('客户分析', 'Analysis'),
  directNeeds: i18n('直接需求', 'Direct needs'),
  latentNeeds: i18n('潜在需求', 'Latent needs'),
  decisionProcess: i18n('决策流程', 'Decision process'),
  decisionDepartments: i18n('决策部门', 'Decision departments'),
  finances: i18n('财务状况', 'Finances'),
  yearlyBudgetFen: i18n('年度采购预算', 'Yearly purchase budget'),
  sensitivity: i18n('敏感度（质量服务/价格）', 'Sensitivity (quality/service vs price)'),
  advantages: i18n('竞争优势', 'Competitive advantages'),
  purchaseFactors: i18n('采购影响因素', 'Purchase factors'),
  purchaseFactorNotes: i18n('影响因素说明', 'Notes on purchase factors'),
  forecast: i18n('预测', 'Forecast'),
  expectedSalesFen: i18n('预计销售额', 'Expected sales'),
  expectedProfitFen: i18n('预计利润', 'Expected profit'),
  staffCostFen: i18n('人员费用', 'Staff cost'),
  travelCostFen: i18n('差旅费用', 'Travel cost'),
  risk: i18n('风险', 'Risk'),
  methods: i18n('开发方式', 'Development method'),
  team: i18n('项目小组', 'Project team'),
  memberId: i18n('成员', 'Member'),
  role: i18n('角色', 'Role'),
};

export const DEVELOPMENT_VALUE_LABELS: readonly Record<string, I18nText>[] = [
  SENSITIVITY_LABEL, ADVANTAGE_LABEL, PURCHASE_FACTOR_LABEL, RISK_LABEL, DEVELOPMENT_METHOD_LABEL, TEAM_ROLE_LABEL,
];

/** "项目小组 2·角色" for ['team', 1, 'role']: the deepest named key, with a list position when there is one. */
export function developmentLabelForPath(path: readonly PropertyKey[]): I18nText {
  const named = [...path].reverse().find((p): p is string => typeof p === 'string' && p in DEVELOPMENT_FIELD_LABEL);
  const label = named ? DEVELOPMENT_FIELD_LABEL[named]! : i18n('开发申请', 'Development application');
  const idx = path.findIndex((p) => typeof p === 'number');
  if (idx > 0 && typeof path[idx - 1] === 'string' && path[idx - 1] !== named) {
    const list = DEVELOPMENT_FIELD_LABEL[path[idx - 1] as string];
    const n = (path[idx] as number) + 1;
    if (list) return i18n(`${list.zh_cn}${n}·${label.zh_cn}`, `${list.en_us} ${n} · ${label.en_us}`);
  }
  return label;
}
