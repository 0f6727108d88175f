/**
 * The development application form (大客户开发申请, domain.md §3.1): analysis, competitive
 * advantages, purchase factors, forecast, method and the project team, whose roles are picked
 * from the active roster. One form; the handler validates it as a whole.
 */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { yuanForInput } from '../src/domain/money.js';
import {
  ADVANTAGES, ADVANTAGE_LABEL, DEVELOPMENT_FIELD_LABEL as L, DEVELOPMENT_METHODS, DEVELOPMENT_METHOD_LABEL, PURCHASE_FACTORS,
  PURCHASE_FACTOR_LABEL, RISKS, RISK_LABEL, SENSITIVITIES, SENSITIVITY_LABEL, TEAM_ROLES, TEAM_ROLE_LABEL,
} from '../src/domain/customer/development-labels.js';
import { button, card, form, input, md, mdEscape, note, plain, selectStatic, type Card, type CardElement } from './kit.js';
import { CUSTOMER_MORE_ACTIONS, categoryText, clip, same } from './customer-parts.js';
import { fitPeople, personSelect, shortlistNote } from './person-picker.js';
import { firstThatFits } from './fit.js';
import type { Category } from '../src/domain/customer/categories.js';
import type { DevelopmentPlan } from '../src/domain/customer/development.js';

/** A rejected or returned application being edited: its plan, and the request its submit sends again. */
export interface DevelopmentEdit {
  planId: string;
  requestId: string;
  version: number;
  plan: DevelopmentPlan;
  /** The approver's comment that sent it back, shown above the form. */
  reason: string | null;
}

export interface DevelopmentFormView {
  customerId: string;
  name: string;
  categories: readonly Category[];
  /** Active members who may sit on the project team, the most likely first (colleaguesFor). */
  people: readonly { openId: string; name: string }[];
  /** Coverage warnings (no economic buyer / coach on record). */
  warnings: readonly I18nText[];
  edit?: DevelopmentEdit;
}

const multi = (name: string, label: I18nText, options: { value: string; text: I18nText }[], required = false, selected: readonly string[] = []): CardElement[] => {
  const el: CardElement = { tag: 'multi_select_static', name, placeholder: plain(label), width: 'fill', options: options.map((o) => ({ text: plain(o.text), value: o.value })) };
  if (required) el.required = true;
  const picked = selected.filter((x) => options.some((o) => o.value === x));
  if (picked.length) el.selected_values = picked;
  return [note(label), el];
};
const opts = <T extends string>(values: readonly T[], labels: Record<T, I18nText>) => values.map((value) => ({ value, text: labels[value] }));
const amount = (name: string, label: I18nText, required = false, fen?: number) =>
  input({
    name, label: required ? i18n(`${label.zh_cn}（元，必填）`, `${label.en_us} (yuan, required)`) : i18n(`${label.zh_cn}（元）`, `${label.en_us} (yuan)`), maxLength: 30, required,
    defaultValue: fen === undefined ? undefined : yuanForInput(fen),
  });

export const TEAM_FIELD: Record<(typeof TEAM_ROLES)[number], string> = {
  coordinator: 'dv_team_coordinator', liaison: 'dv_team_liaison', upgrade_lead: 'dv_team_upgrade_lead', training_lead: 'dv_team_training_lead',
};

/**
 * The free-text boxes and where the plan keeps each: an edit form pre-fills them, and one too
 * long to fit the card is left out (the server keeps its stored text when it comes back blank).
 */
export const DEVELOPMENT_TEXT_FIELDS: Record<string, (p: DevelopmentPlan) => string | undefined> = {
  dv_direct: (p) => p.analysis.directNeeds,
  dv_latent: (p) => p.analysis.latentNeeds,
  dv_process: (p) => p.analysis.decisionProcess,
  dv_depts: (p) => p.analysis.decisionDepartments,
  dv_finances: (p) => p.analysis.finances,
  dv_factor_notes: (p) => p.purchaseFactorNotes,
};

export function developmentFormCard(v: DevelopmentFormView): Card {
  const plan = v.edit?.plan;
  // Most generous first: every text pre-filled; then the longest left out, one by one.
  const longest = plan ? Object.keys(DEVELOPMENT_TEXT_FIELDS).filter((f) => DEVELOPMENT_TEXT_FIELDS[f]!(plan)).sort((a, b) => DEVELOPMENT_TEXT_FIELDS[b]!(plan)!.length - DEVELOPMENT_TEXT_FIELDS[a]!(plan)!.length) : [];
  const steps = Array.from({ length: longest.length + 1 }, (_, i) => new Set(longest.slice(0, i)));
  return firstThatFits(steps, (omit) => fitPeople(v.people.length, (cap) => buildDevelopmentForm(v, cap, omit)));
}

const KEPT = i18n('（内容较长，此处未显示；留空则保留原内容）', ' (long; not shown here, left blank it stays as it was)');

function buildDevelopmentForm(v: DevelopmentFormView, cap: number, omit: ReadonlySet<string>): Card {
  const people = v.people.map((p) => p.openId);
  const p = v.edit?.plan;
  const a = p?.analysis;
  const text = (name: string, label: I18nText, o: { required?: boolean; multiline?: boolean } = {}) =>
    omit.has(name)
      ? input({ name, label: i18n(`${label.zh_cn}${KEPT.zh_cn}`, `${label.en_us}${KEPT.en_us}`), maxLength: 1000, multiline: o.multiline })
      : input({ name, label: o.required ? i18n(`${label.zh_cn}（必填）`, `${label.en_us} (required)`) : label, required: o.required, maxLength: 1000, multiline: o.multiline, defaultValue: p ? DEVELOPMENT_TEXT_FIELDS[name]!(p) : undefined });
  const f = p?.forecast;
  const holder = (role: (typeof TEAM_ROLES)[number]) => p?.team.find((t) => t.role === role)?.memberId ?? null;
  const elements: CardElement[] = [md(i18n(`客户分类：${categoryText(v.categories).zh_cn}`, `Categories: ${categoryText(v.categories).en_us}`))];
  if (v.edit?.reason) elements.push(md(i18n(`**退回意见**：${mdEscape(clip(v.edit.reason, 200))}`, `**Sent back with**: ${mdEscape(clip(v.edit.reason, 200))}`)));
  for (const w of v.warnings) elements.push(note(i18n(`⚠️ ${w.zh_cn}`, `⚠️ ${w.en_us}`)));
  const submit = v.edit
    ? button({
      text: i18n('修改后重新提交', 'Submit the edited application'), type: 'primary', name: 'development_submit', formSubmit: true,
      value: { k: CUSTOMER_MORE_ACTIONS.developResubmit, p: v.edit.planId, r: v.edit.requestId, ver: v.edit.version, ...(omit.size ? { keep: [...omit].join(',') } : {}) },
    })
    : button({ text: i18n('提交审批', 'Submit for approval'), type: 'primary', name: 'development_submit', formSubmit: true, value: { k: CUSTOMER_MORE_ACTIONS.developSubmit, c: v.customerId } });
  elements.push(form('development_form', [
    md(i18n('**客户分析**', '**Analysis**')),
    text('dv_direct', L.directNeeds!, { required: true, multiline: true }),
    text('dv_latent', L.latentNeeds!, { multiline: true }),
    text('dv_process', L.decisionProcess!, { multiline: true }),
    text('dv_depts', L.decisionDepartments!),
    text('dv_finances', L.finances!, { multiline: true }),
    amount('dv_budget', L.yearlyBudgetFen!, false, a?.yearlyBudgetFen),
    selectStatic({ name: 'dv_sensitivity', placeholder: L.sensitivity!, options: opts(SENSITIVITIES, SENSITIVITY_LABEL), initial: a?.sensitivity }),
    ...multi('dv_advantages', i18n(`${L.advantages!.zh_cn}（至少一项）`, `${L.advantages!.en_us} (at least one)`), opts(ADVANTAGES, ADVANTAGE_LABEL), true, p?.advantages),
    ...multi('dv_factors', L.purchaseFactors!, opts(PURCHASE_FACTORS, PURCHASE_FACTOR_LABEL), false, p?.purchaseFactors),
    text('dv_factor_notes', L.purchaseFactorNotes!, { multiline: true }),
    md(i18n('**预测**（预计利润将扣除人员与差旅费用后显示）', '**Forecast** (expected profit is shown net of staff and travel costs)')),
    amount('dv_sales', L.expectedSalesFen!, true, f?.expectedSalesFen),
    amount('dv_profit', L.expectedProfitFen!, true, f?.expectedProfitFen),
    amount('dv_staff', L.staffCostFen!, false, f?.staffCostFen || undefined),
    amount('dv_travel', L.travelCostFen!, false, f?.travelCostFen || undefined),
    selectStatic({ name: 'dv_risk', placeholder: L.risk!, required: true, options: opts(RISKS, RISK_LABEL), initial: f?.risk }),
    ...multi('dv_methods', i18n(`${L.methods!.zh_cn}（至少一项）`, `${L.methods!.en_us} (at least one)`), opts(DEVELOPMENT_METHODS, DEVELOPMENT_METHOD_LABEL), true, p?.methods),
    md(i18n('**项目小组**', '**Project team**')),
    ...(cap < people.length ? [shortlistNote(cap, people.length)] : []),
    ...TEAM_ROLES.map((r) => personSelect({
      name: TEAM_FIELD[r],
      placeholder: r === 'coordinator' ? i18n(`${TEAM_ROLE_LABEL[r].zh_cn}（必填）`, `${TEAM_ROLE_LABEL[r].en_us} (required)`) : TEAM_ROLE_LABEL[r],
      required: r === 'coordinator',
      candidates: people,
      cap,
      initial: holder(r),
    })),
    submit,
  ]));
  const title = v.edit ? i18n('修改开发申请', 'Edit the development application') : i18n('大客户开发申请', 'Development application');
  return card({ title, subtitle: same(clip(v.name, 40)), template: 'blue', elements });
}
