/**
 * The development application form (大客户开发申请, domain.md §3.1): analysis, competitive
 * advantages, purchase factors, forecast, method and the project team, whose roles are picked
 * from the active roster. One form; the handler validates it as a whole.
 */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import {
  ADVANTAGES, ADVANTAGE_LABEL, DEVELOPMENT_FIELD_LABEL as L, DEVELOPMENT_METHODS, DEVELOPMENT_METHOD_LABEL, PURCHASE_FACTORS,
  PURCHASE_FACTOR_LABEL, RISKS, RISK_LABEL, SENSITIVITIES, SENSITIVITY_LABEL, TEAM_ROLES, TEAM_ROLE_LABEL,
} from '../src/domain/customer/development-labels.js';
import { button, card, form, input, md, note, plain, selectStatic, type Card, type CardElement } from './kit.js';
import { CUSTOMER_MORE_ACTIONS, categoryText, clip, same } from './customer-parts.js';
import { fitPeople, personSelect, shortlistNote } from './person-picker.js';
import type { Category } from '../src/domain/customer/categories.js';

export interface DevelopmentFormView {
  customerId: string;
  name: string;
  categories: readonly Category[];
  /** Active members who may sit on the project team, the most likely first (colleaguesFor). */
  people: readonly { openId: string; name: string }[];
  /** Coverage warnings (no economic buyer / coach on record). */
  warnings: readonly I18nText[];
}

const multi = (name: string, label: I18nText, options: { value: string; text: I18nText }[], required = false): CardElement[] => {
  const el: CardElement = { tag: 'multi_select_static', name, placeholder: plain(label), width: 'fill', options: options.map((o) => ({ text: plain(o.text), value: o.value })) };
  if (required) el.required = true;
  return [note(label), el];
};
const opts = <T extends string>(values: readonly T[], labels: Record<T, I18nText>) => values.map((value) => ({ value, text: labels[value] }));
const amount = (name: string, label: I18nText, required = false) =>
  input({ name, label: required ? i18n(`${label.zh_cn}（元，必填）`, `${label.en_us} (yuan, required)`) : i18n(`${label.zh_cn}（元）`, `${label.en_us} (yuan)`), maxLength: 30, required });

export const TEAM_FIELD: Record<(typeof TEAM_ROLES)[number], string> = {
  coordinator: 'dv_team_coordinator', liaison: 'dv_team_liaison', upgrade_lead: 'dv_team_upgrade_lead', training_lead: 'dv_team_training_lead',
};

export function developmentFormCard(v: DevelopmentFormView): Card {
  return fitPeople(v.people.length, (cap) => buildDevelopmentForm(v, cap));
}

function buildDevelopmentForm(v: DevelopmentFormView, cap: number): Card {
  const people = v.people.map((p) => p.openId);
  const elements: CardElement[] = [md(i18n(`客户分类：${categoryText(v.categories).zh_cn}`, `Categories: ${categoryText(v.categories).en_us}`))];
  for (const w of v.warnings) elements.push(note(i18n(`⚠️ ${w.zh_cn}`, `⚠️ ${w.en_us}`)));
  elements.push(form('development_form', [
    md(i18n('**客户分析**', '**Analysis**')),
    input({ name: 'dv_direct', label: i18n(`${L.directNeeds!.zh_cn}（必填）`, `${L.directNeeds!.en_us} (required)`), required: true, maxLength: 1000, multiline: true }),
    input({ name: 'dv_latent', label: L.latentNeeds!, maxLength: 1000, multiline: true }),
    input({ name: 'dv_process', label: L.decisionProcess!, maxLength: 1000, multiline: true }),
    input({ name: 'dv_depts', label: L.decisionDepartments!, maxLength: 1000 }),
    input({ name: 'dv_finances', label: L.finances!, maxLength: 1000, multiline: true }),
    amount('dv_budget', L.yearlyBudgetFen!),
    selectStatic({ name: 'dv_sensitivity', placeholder: L.sensitivity!, options: opts(SENSITIVITIES, SENSITIVITY_LABEL) }),
    ...multi('dv_advantages', i18n(`${L.advantages!.zh_cn}（至少一项）`, `${L.advantages!.en_us} (at least one)`), opts(ADVANTAGES, ADVANTAGE_LABEL), true),
    ...multi('dv_factors', L.purchaseFactors!, opts(PURCHASE_FACTORS, PURCHASE_FACTOR_LABEL)),
    input({ name: 'dv_factor_notes', label: L.purchaseFactorNotes!, maxLength: 1000, multiline: true }),
    md(i18n('**预测**（预计利润将扣除人员与差旅费用后显示）', '**Forecast** (expected profit is shown net of staff and travel costs)')),
    amount('dv_sales', L.expectedSalesFen!, true),
    amount('dv_profit', L.expectedProfitFen!, true),
    amount('dv_staff', L.staffCostFen!),
    amount('dv_travel', L.travelCostFen!),
    selectStatic({ name: 'dv_risk', placeholder: L.risk!, required: true, options: opts(RISKS, RISK_LABEL) }),
    ...multi('dv_methods', i18n(`${L.methods!.zh_cn}（至少一项）`, `${L.methods!.en_us} (at least one)`), opts(DEVELOPMENT_METHODS, DEVELOPMENT_METHOD_LABEL), true),
    md(i18n('**项目小组**', '**Project team**')),
    ...(cap < people.length ? [shortlistNote(cap, people.length)] : []),
    ...TEAM_ROLES.map((r) => personSelect({
      name: TEAM_FIELD[r],
      placeholder: r === 'coordinator' ? i18n(`${TEAM_ROLE_LABEL[r].zh_cn}（必填）`, `${TEAM_ROLE_LABEL[r].en_us} (required)`) : TEAM_ROLE_LABEL[r],
      required: r === 'coordinator',
      candidates: people,
      cap,
    })),
    button({ text: i18n('提交审批', 'Submit for approval'), type: 'primary', name: 'development_submit', formSubmit: true, value: { k: CUSTOMER_MORE_ACTIONS.developSubmit, c: v.customerId } }),
  ]));
  return card({ title: i18n('大客户开发申请', 'Development application'), subtitle: same(clip(v.name, 40)), template: 'blue', elements });
}
