/**
 * Service-cost budgets of a year (服务费用预算, `预算` / `budget`): each scope the reader may see
 * with its budget and what was spent (approved reimbursements), as the service-cost KPI reads
 * them — a team's or the department's own budget in place of its members' sum — and, for those
 * who may set one, a form: the scope (their team's members for a manager; a team or the
 * department for the director and finance) and the amount.
 */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { formatYuan } from '../src/domain/money.js';
import { button, buttonRow, card, form, hr, input, md, mdEscape, note, selectStatic, type Card, type CardElement } from './kit.js';
import { firstThatFits } from './fit.js';

export const BUDGET_LIST = 'budget.list';
export const BUDGET_SET = 'budget.set';

export interface BudgetLineView {
  level: 'department' | 'team' | 'member';
  name: string;
  /** The budget the KPI uses for this scope; null when none is set. */
  budgetFen: number | null;
  /** True when a team's or the department's figure is the sum of the budgets below it (none of its own). */
  summed: boolean;
  spentFen: number;
}

export interface BudgetCardView {
  year: number;
  lines: BudgetLineView[];
  /** The scopes the reader may set (empty: no form). */
  options: { value: string; text: I18nText }[];
  years: number[];
  notice?: I18nText | null;
}

const clip = (s: string, n: number) => mdEscape([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s);

function line(l: BudgetLineView): I18nText {
  const pct = l.budgetFen ? `${((l.spentFen / l.budgetFen) * 100).toFixed(1)}%` : '—';
  const indent = l.level === 'member' ? '　· ' : '';
  const name = l.level === 'team' ? { zh: `**${clip(l.name, 20)} 团队**`, en: `**${clip(l.name, 20)}'s team**` } : l.level === 'department' ? { zh: '**大客户部**', en: '**Department**' } : { zh: clip(l.name, 20), en: clip(l.name, 20) };
  const budget = l.budgetFen === null ? { zh: '未设定', en: 'not set' } : { zh: `${formatYuan(l.budgetFen)}${l.summed ? '（下级之和）' : ''}`, en: `${formatYuan(l.budgetFen)}${l.summed ? ' (sum below)' : ''}` };
  return i18n(
    `${indent}${name.zh}　预算 ${budget.zh}　已报销 ${formatYuan(l.spentFen)}　${pct}`,
    `${indent}${name.en} — budget ${budget.en}, spent ${formatYuan(l.spentFen)}, ${pct}`,
  );
}

export function budgetCard(v: BudgetCardView): Card {
  return firstThatFits([200, 100, 50, 20], (max) => build(v, max));
}

function build(v: BudgetCardView, max: number): Card {
  const elements: CardElement[] = [];
  if (v.notice) elements.push(note(v.notice));
  const shown = v.lines.slice(0, max).map(line);
  elements.push(md(shown.length
    ? i18n(shown.map((l) => l.zh_cn).join('\n'), shown.map((l) => l.en_us).join('\n'))
    : i18n('没有可显示的预算。', 'No budget to show.')));
  if (v.lines.length > max) elements.push(note(i18n(`另有 ${v.lines.length - max} 行未列出`, `${v.lines.length - max} more lines not listed`)));
  elements.push(note(i18n(
    '团队或全部门设定了自己的预算时，以它代替成员预算之和考核「服务费用控制」（年度）。已报销按审批通过日计入。',
    'Where a team or the department has its own budget, it replaces the sum of its members’ for service-cost control (yearly). Spending counts on the day a claim is approved.',
  )));
  if (v.options.length) {
    elements.push(hr(), form('budget_form', [
      md(i18n(`**设定 ${v.year} 年预算**`, `**Set a ${v.year} budget**`)),
      selectStatic({ name: 'bg_scope', placeholder: i18n('为谁设定', 'For whom'), required: true, options: v.options.slice(0, 100), ...(v.options.length === 1 ? { initial: v.options[0]!.value } : {}) }),
      input({ name: 'bg_amount', label: i18n('年度预算（元）', 'Yearly budget (yuan)'), placeholder: i18n('例如 5万 或 50,000', 'e.g. 50,000 or 5万'), required: true, maxLength: 20 }),
      button({ text: i18n('保存', 'Save'), value: { k: BUDGET_SET, y: v.year }, type: 'primary_filled', name: 'budget_set', formSubmit: true }),
    ]));
  }
  const others = v.years.filter((y) => y !== v.year);
  if (others.length) elements.push(buttonRow(others.map((y) => button({ text: i18n(`${y} 年`, `${y}`), value: { k: BUDGET_LIST, y }, type: 'text' }))));
  return card({ title: i18n(`服务费用预算 · ${v.year} 年`, `Service-cost budgets · ${v.year}`), template: 'blue', elements });
}
