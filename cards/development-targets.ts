/**
 * Planned new key accounts (大客户开发计划, `开发计划` / `dev plan` [period]): each specialist's plan
 * for a quarter or year against the accounts won so far, and for the manager or director a form
 * to set one (specialist, period, number).
 */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { button, buttonRow, card, form, hr, input, md, mdEscape, note, selectStatic, type Card, type CardElement } from './kit.js';
import { firstThatFits } from './fit.js';
import { personSelect } from './person-picker.js';

export const DEV_PLAN_LIST = 'devplan.list';
export const DEV_PLAN_SET = 'devplan.set';

export interface DevPlanCardView {
  periodKey: string;
  periodLabel: I18nText;
  rows: { name: string; planned: number | null; won: number }[];
  /** Specialists the reader may set a plan for (empty: no form). */
  settable: string[];
  periods: { key: string; label: I18nText }[];
  notice?: I18nText | null;
}

const clip = (s: string, n: number) => mdEscape([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s);

export function devPlanCard(v: DevPlanCardView): Card {
  return firstThatFits([200, 100, 50, 20], (max) => build(v, max));
}

function build(v: DevPlanCardView, max: number): Card {
  const elements: CardElement[] = [];
  if (v.notice) elements.push(note(v.notice));
  const lines = v.rows.slice(0, max).map((r) => {
    const pct = r.planned ? `${((r.won / r.planned) * 100).toFixed(1)}%` : '—';
    return i18n(
      `**${clip(r.name, 20)}**　计划 ${r.planned === null ? '未设定' : `${r.planned} 个`}　已成交 ${r.won} 个　${pct}`,
      `**${clip(r.name, 20)}** — planned ${r.planned === null ? 'not set' : r.planned}, won ${r.won}, ${pct}`,
    );
  });
  elements.push(md(lines.length ? i18n(lines.map((l) => l.zh_cn).join('\n'), lines.map((l) => l.en_us).join('\n')) : i18n('该期间没有可显示的专员。', 'Nobody to show for this period.')));
  if (v.rows.length > max) elements.push(note(i18n(`另有 ${v.rows.length - max} 位专员未列出`, `${v.rows.length - max} more not listed`)));
  elements.push(note(i18n('已成交：本期间内由非大客户阶段转为「成交」的客户，按转入时的负责人计入，每个客户一次。', 'Won: customers moved to Won from a non-key stage in the period, for the owner then, each once.')));
  if (v.settable.length) {
    elements.push(hr(), form('devplan_form', [
      md(i18n('**设定开发计划**', '**Set a development plan**')),
      personSelect({ name: 'dp_specialist', placeholder: i18n('专员', 'Specialist'), required: true, candidates: v.settable }),
      selectStatic({ name: 'dp_period', placeholder: i18n('期间', 'Period'), required: true, options: v.periods.map((p) => ({ value: p.key, text: p.label })), initial: v.periodKey }),
      input({ name: 'dp_count', label: i18n('计划开发新客户数', 'Planned new key accounts'), placeholder: i18n('例如 3', 'e.g. 3'), required: true, maxLength: 6 }),
      button({ text: i18n('保存', 'Save'), value: { k: DEV_PLAN_SET }, type: 'primary_filled', name: 'devplan_set', formSubmit: true }),
    ]));
  }
  const others = v.periods.filter((p) => p.key !== v.periodKey);
  if (others.length) elements.push(buttonRow(others.map((p) => button({ text: p.label, value: { k: DEV_PLAN_LIST, p: p.key }, type: 'text' }))));
  return card({ title: i18n(`开发计划 · ${v.periodLabel.zh_cn}`, `Development plan · ${v.periodLabel.en_us}`), template: 'blue', elements });
}
