/**
 * Sales targets (销售指标, `指标` / `targets`): per team, each specialist's targets in force for a
 * period against actual sales (by the owner at the time of each transaction), with the change
 * waiting for approval, if any; the set form (manager, director), the change form (the
 * specialist, their manager, the director) and one target's versions (who, when, why).
 */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { formatYuan, yuanForInput } from '../src/domain/money.js';
import { button, buttonRow, card, form, hr, input, md, mdEscape, note, selectStatic, type Card, type CardElement } from './kit.js';
import { firstThatFits } from './fit.js';
import { personSelect } from './person-picker.js';

export const TARGET_LIST = 'target.list';
export const TARGET_FORM = 'target.form';
export const TARGET_SET = 'target.set';
export const TARGET_CHANGE_FORM = 'target.change.form';
export const TARGET_CHANGE = 'target.change';
export const TARGET_HISTORY = 'target.history';
export const TARGET_HISTORY_PICK = 'target.history.pick';

export interface TargetItemView {
  id: string;
  label: I18nText;
  amountFen: number;
  version: number;
  pending: { amountFen: number; reason: string; requesterName: string } | null;
}

export interface SpecialistTargetsView {
  id: string;
  name: string;
  actualFen: number;
  targetFen: number | null;
  pct: number | null;
  /** True when a year's target is the sum of its quarters (no year target set). */
  fromQuarters?: boolean;
  items: TargetItemView[];
}

export interface TargetsCardView {
  periodKey: string;
  periodLabel: I18nText;
  teams: { name: string; specialists: SpecialistTargetsView[] }[];
  /** Name each team (the director's and the assistant's view of the department). */
  showTeams?: boolean;
  canSet: boolean;
  /** Whether the viewer may ask to change a target of a running period (a button to the change form). */
  canChange?: boolean;
  /** Other periods to look at (this and next quarter, this and next year). */
  periods: { key: string; label: I18nText }[];
  notice?: I18nText | null;
}

const clip = (s: string, n: number) => mdEscape([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s);
/** Plain text (an option, not markdown) cut to n characters. */
const cut = (s: string, n: number) => ([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s);
const pctText = (p: number | null) => (p === null ? '—' : `${p.toFixed(1)}%`);

export function targetsCard(v: TargetsCardView): Card {
  return firstThatFits([200, 100, 60, 30, 12], (max) => build(v, max));
}

/** One specialist's lines: the total against actual, then each target that needs its own line (split, or a change waiting). */
function specialistLines(s: SpecialistTargetsView): I18nText[] {
  const target = s.targetFen === null ? { zh: '未设定', en: 'not set' } : { zh: formatYuan(s.targetFen), en: formatYuan(s.targetFen) };
  const sum = s.fromQuarters ? { zh: '（各季度之和）', en: ' (sum of the quarters)' } : { zh: '', en: '' };
  const lines = [i18n(
    `**${clip(s.name, 20)}**　指标 ${target.zh}${sum.zh}　实际 ${formatYuan(s.actualFen)}　完成率 ${pctText(s.pct)}`,
    `**${clip(s.name, 20)}** — target ${target.en}${sum.en}, actual ${formatYuan(s.actualFen)}, completion ${pctText(s.pct)}`,
  )];
  const split = s.items.length > 1;
  for (const t of s.items) {
    if (!split && !t.pending) continue;
    const pending = t.pending
      ? {
          zh: `　<font color='orange'>调整审批中</font> → ${formatYuan(t.pending.amountFen)}（${clip(t.pending.requesterName, 12)}：${clip(t.pending.reason, 24)}）`,
          en: ` <font color='orange'>change pending</font> → ${formatYuan(t.pending.amountFen)} (${clip(t.pending.requesterName, 12)}: ${clip(t.pending.reason, 24)})`,
        }
      : { zh: '', en: '' };
    lines.push(i18n(`　· ${clip(t.label.zh_cn, 30)} ${formatYuan(t.amountFen)}（第 ${t.version} 版）${pending.zh}`, `　· ${clip(t.label.en_us, 30)} ${formatYuan(t.amountFen)} (v${t.version})${pending.en}`));
  }
  return lines;
}

function build(v: TargetsCardView, max: number): Card {
  const elements: CardElement[] = [];
  if (v.notice) elements.push(note(v.notice));
  let shown = 0;
  let total = 0;
  let pending = false;
  for (const team of v.teams) {
    const lines: I18nText[] = [];
    for (const s of team.specialists) {
      total++;
      pending ||= s.items.some((t) => t.pending);
      if (shown >= max) continue;
      shown++;
      lines.push(...specialistLines(s));
    }
    if (!lines.length) continue;
    const head = v.showTeams || v.teams.length > 1 ? [i18n(`**${clip(team.name, 30)} 团队**`, `**${clip(team.name, 30)}'s team**`)] : [];
    const all = [...head, ...lines];
    elements.push(md(i18n(all.map((l) => l.zh_cn).join('\n'), all.map((l) => l.en_us).join('\n'))));
  }
  if (!total) elements.push(md(i18n('该期间没有可显示的专员。', 'Nobody to show for this period.')));
  if (total > shown) elements.push(note(i18n(`另有 ${total - shown} 位专员未列出`, `${total - shown} more not listed`)));
  if (pending) elements.push(note(i18n('调整申请批准前，按原指标核定（第6条）。', 'Until a change is approved, the original target counts (art. 6).')));
  elements.push(note(i18n('实际销售按每笔交易发生时的客户负责人计入；交接不改变已发生的业绩。', 'Actual sales count for whoever owned the customer on the day of each transaction; a handover does not move past sales.')));
  elements.push(hr());
  const row: CardElement[] = [];
  if (v.canSet) row.push(button({ text: i18n('设定指标', 'Set a target'), value: { k: TARGET_FORM, p: v.periodKey }, type: 'primary' }));
  if (v.canChange) row.push(button({ text: i18n('申请调整', 'Ask to change'), value: { k: TARGET_CHANGE_FORM }, type: 'default' }));
  if (v.teams.some((t) => t.specialists.some((s) => s.items.length))) row.push(button({ text: i18n('历史版本', 'Versions'), value: { k: TARGET_HISTORY_PICK, p: v.periodKey }, type: 'default' }));
  for (const p of v.periods) if (p.key !== v.periodKey) row.push(button({ text: p.label, value: { k: TARGET_LIST, p: p.key }, type: 'text' }));
  elements.push(buttonRow(row));
  return card({ title: i18n(`销售指标 · ${v.periodLabel.zh_cn}`, `Sales targets · ${v.periodLabel.en_us}`), template: 'blue', elements });
}

/** Options of a target select: at most this many (a department's quarter and year targets fit). */
const TARGET_OPTIONS_MAX = 100;

/** Which target's versions to open (the list card's 历史版本). */
export function targetHistoryPickCard(v: { targets: { id: string; label: I18nText }[] }): Card {
  return firstThatFits([TARGET_OPTIONS_MAX, 60, 40, 20], (cap) => historyPick(v, cap));
}

function historyPick(v: { targets: { id: string; label: I18nText }[] }, cap: number): Card {
  const listed = v.targets.slice(0, cap);
  const body: CardElement[] = [
    selectStatic({ name: 'th_target', placeholder: i18n('选择指标', 'Choose a target'), required: true, options: listed.map((t) => ({ value: t.id, text: i18n(cut(t.label.zh_cn, 40), cut(t.label.en_us, 40)) })) }),
    button({ text: i18n('查看', 'Open'), value: { k: TARGET_HISTORY }, type: 'primary_filled', name: 'target_history', formSubmit: true }),
  ];
  const elements: CardElement[] = [];
  if (v.targets.length > listed.length) elements.push(note(i18n(`仅列出前 ${listed.length} 个指标`, `Only the first ${listed.length} targets are listed`)));
  elements.push(form('target_history_form', body));
  return card({ title: i18n('指标历史版本', 'Target versions'), template: 'grey', elements });
}

const AMOUNT_HINT = i18n('例如 120万 或 1,200,000', 'e.g. 120万 or 1,200,000');

/** The manager's form: whose target, which period, how much, optionally per region and product. */
export function targetSetFormCard(v: { specialists: string[]; periods: { key: string; label: I18nText }[]; periodKey?: string; notice?: I18nText | null }): Card {
  const body: CardElement[] = [
    md(i18n('**专员**', '**Specialist**')),
    personSelect({ name: 'tg_specialist', placeholder: i18n('请选择', 'Choose'), required: true, candidates: v.specialists }),
    md(i18n('**期间**', '**Period**')),
    selectStatic({ name: 'tg_period', placeholder: i18n('请选择', 'Choose'), required: true, options: v.periods.map((p) => ({ value: p.key, text: p.label })), ...(v.periodKey ? { initial: v.periodKey } : {}) }),
    input({ name: 'tg_amount', label: i18n('销售指标（元）', 'Target (yuan)'), placeholder: AMOUNT_HINT, required: true, maxLength: 20 }),
    input({ name: 'tg_region', label: i18n('地区（选填）', 'Region (optional)'), maxLength: 50 }),
    input({ name: 'tg_product', label: i18n('产品（选填）', 'Product (optional)'), maxLength: 50 }),
    input({ name: 'tg_reason', label: i18n('说明（选填）', 'Note (optional)'), maxLength: 500, multiline: true }),
    button({ text: i18n('保存', 'Save'), value: { k: TARGET_SET }, type: 'primary_filled', name: 'target_set', formSubmit: true }),
  ];
  const elements: CardElement[] = [];
  if (v.notice) elements.push(note(v.notice));
  elements.push(
    note(i18n('参考近期人均销售量、同类企业人均销售量、市场需求变动和公司销售政策（第4条）。期间开始后调整须经审批，批准前按原指标核定（第6条）。', 'Consider recent sales per head, peers’ sales per head, changes in demand and the company’s sales policy (art. 4). Once the period has begun, a change needs approval; until then the original target counts (art. 6).')),
    form('target_set_form', body),
  );
  return card({ title: i18n('设定销售指标', 'Set a sales target'), template: 'blue', elements });
}

/** The change form: which target (the record's amount is shown, never typed), the new amount, why. */
type ChangeFormView = {
  targets: { id: string; label: I18nText; amountFen: number }[];
  edit?: { approvalId: string; version: number; amountFen: number; reason: string } | null;
};

export function targetChangeFormCard(v: ChangeFormView): Card {
  return firstThatFits([TARGET_OPTIONS_MAX, 60, 40, 20], (cap) => changeForm(v, cap));
}

function changeForm(v: ChangeFormView, cap: number): Card {
  const body: CardElement[] = [];
  const only = v.targets.length === 1 ? v.targets[0]! : null;
  if (only) {
    body.push(md(i18n(`**${only.label.zh_cn}**　现行指标 ${formatYuan(only.amountFen)}`, `**${only.label.en_us}** — current target ${formatYuan(only.amountFen)}`)));
  } else {
    body.push(
      md(i18n('**要调整的指标**', '**Target to change**')),
      selectStatic({
        name: 'tc_target', placeholder: i18n('请选择', 'Choose'), required: true,
        options: v.targets.slice(0, cap).map((t) => ({ value: t.id, text: i18n(`${cut(t.label.zh_cn, 40)} · ${formatYuan(t.amountFen)}`, `${cut(t.label.en_us, 40)} · ${formatYuan(t.amountFen)}`) })),
      }),
    );
    if (v.targets.length > cap) body.push(note(i18n(`仅列出前 ${cap} 个指标`, `Only the first ${cap} targets are listed`)));
  }
  body.push(
    input({ name: 'tc_amount', label: i18n('新指标（元）', 'New target (yuan)'), placeholder: AMOUNT_HINT, required: true, maxLength: 20, ...(v.edit ? { defaultValue: yuanForInput(v.edit.amountFen) } : {}) }),
    input({ name: 'tc_reason', label: i18n('调整原因', 'Reason'), required: true, maxLength: 500, multiline: true, ...(v.edit ? { defaultValue: v.edit.reason } : {}) }),
    button({
      text: v.edit ? i18n('重新提交', 'Submit again') : i18n('提交审批', 'Submit for approval'),
      value: v.edit ? { k: TARGET_CHANGE, t: only?.id ?? '', r: v.edit.approvalId, ver: v.edit.version } : only ? { k: TARGET_CHANGE, t: only.id } : { k: TARGET_CHANGE },
      type: 'primary_filled', name: 'target_change', formSubmit: true,
    }),
  );
  return card({
    title: v.edit ? i18n('修改销售指标调整申请', 'Edit the target change') : i18n('申请调整销售指标', 'Ask to change a sales target'),
    template: v.edit ? 'orange' : 'blue',
    elements: [note(i18n('期间内调整销售指标需经理批准（经理本人的申请由营销总监批准），批准前仍按原指标核定。', 'Changing a target within its period needs the manager’s approval (the director’s for a manager’s own request); until approved the original target counts.')), form('target_change_form', body)],
  });
}

export function targetChangeFiledCard(v: { label: I18nText; fromFen: number; toFen: number; applied: boolean }): Card {
  const line = v.applied
    ? i18n(`${v.label.zh_cn}：${formatYuan(v.fromFen)} → ${formatYuan(v.toFen)}，已生效。`, `${v.label.en_us}: ${formatYuan(v.fromFen)} → ${formatYuan(v.toFen)}, in force now.`)
    : i18n(`${v.label.zh_cn}：${formatYuan(v.fromFen)} → ${formatYuan(v.toFen)}，已提交审批；批准前按 ${formatYuan(v.fromFen)} 核定。`, `${v.label.en_us}: ${formatYuan(v.fromFen)} → ${formatYuan(v.toFen)}, sent for approval; ${formatYuan(v.fromFen)} counts until it is approved.`);
  return card({ title: v.applied ? i18n('销售指标已调整', 'Sales target changed') : i18n('已提交：销售指标调整', 'Submitted: target change'), template: 'green', elements: [md(line)] });
}

export interface TargetVersionLine {
  version: number;
  amountFen: number;
  setByName: string;
  setAt: string;
  reason: string | null;
  approvedByName: string | null;
}

type HistoryView = { label: I18nText; specialistName: string; versions: TargetVersionLine[]; changes: { amountFen: number; status: I18nText; requesterName: string; reason: string; note: string | null }[] };

export function targetHistoryCard(v: HistoryView): Card {
  return firstThatFits([[30, 200], [15, 100], [8, 60], [4, 30]] as const, ([n, len]) => history(v, n, len));
}

function history(v: HistoryView, n: number, len: number): Card {
  const shownVersions = v.versions.slice(-n);
  const elements: CardElement[] = [];
  if (v.versions.length > shownVersions.length) elements.push(note(i18n(`共 ${v.versions.length} 版，仅列出最近 ${shownVersions.length} 版`, `${v.versions.length} versions; the latest ${shownVersions.length} are listed`)));
  elements.push(...shownVersions.map((x) => md(i18n(
    `**第 ${x.version} 版** ${formatYuan(x.amountFen)}　${clip(x.setByName, 20)} · ${x.setAt}${x.approvedByName ? `　批准：${clip(x.approvedByName, 20)}` : ''}${x.reason ? `\n原因：${clip(x.reason, len)}` : ''}`,
    `**Version ${x.version}** ${formatYuan(x.amountFen)} — ${clip(x.setByName, 20)}, ${x.setAt}${x.approvedByName ? `, approved by ${clip(x.approvedByName, 20)}` : ''}${x.reason ? `\nReason: ${clip(x.reason, len)}` : ''}`,
  ))));
  const closed = v.changes.filter((c) => c.status.en_us !== 'Approved');
  if (closed.length) {
    elements.push(hr(), md(i18n('**未生效的调整申请**', '**Changes not let in**')));
    for (const c of closed.slice(-Math.min(10, n))) {
      elements.push(md(i18n(
        `${formatYuan(c.amountFen)} · ${c.status.zh_cn} · ${clip(c.requesterName, 20)}：${clip(c.reason, len / 2)}${c.note ? `（${clip(c.note, len / 2)}）` : ''}`,
        `${formatYuan(c.amountFen)} · ${c.status.en_us} · ${clip(c.requesterName, 20)}: ${clip(c.reason, len / 2)}${c.note ? ` (${clip(c.note, len / 2)})` : ''}`,
      )));
    }
  }
  return card({ title: i18n(`指标历史 · ${v.specialistName} · ${v.label.zh_cn}`, `Target history · ${v.specialistName} · ${v.label.en_us}`), template: 'grey', elements });
}
