/**
 * The small requests anyone can file with /apply (domain.md §3.4 travel, §3.6 purchase, phone
 * bill, equipment loan, target change), as data: each kind's fields, how a submitted form is
 * checked and normalised (amounts in fen, dates as YYYY-MM-DD), and how it reads on a card.
 * Adding a field means adding a line here; the form, the checks and the card follow.
 */
import { fieldError, readChoice, readDate, readMoney, readText } from '../card-form.js';
import { i18n, type I18nText } from '../i18n.js';
import { formatYuan, yuanForInput } from '../money.js';
import { ymd } from '../time.js';
import type { FieldRow } from '../approval/view.js';
import type { RequestKind } from '../approval/kinds.js';

export const SMALL_REQUEST_KINDS = ['travel', 'purchase', 'phone_bill', 'equipment', 'target_change'] as const satisfies readonly RequestKind[];
export type SmallRequestKind = (typeof SMALL_REQUEST_KINDS)[number];

/** Normalised values: text as typed (trimmed), amounts in fen, dates and months as keys. */
export type SmallRequestData = Record<string, string | number | null>;

export type FieldType = 'text' | 'multiline' | 'amount' | 'date' | 'month' | 'select';
export interface Option {
  value: string;
  label: I18nText;
}
export interface FieldSpec {
  name: string;
  label: I18nText;
  type: FieldType;
  required: boolean;
  max?: number;
  options?: Option[];
}

const opt = (value: string, zh: string, en: string): Option => ({ value, label: i18n(zh, en) });
const YES_NO = [opt('no', '否', 'No'), opt('yes', '是（可先行采购）', 'Yes (may be bought first)')];
const EQUIPMENT = [opt('camera', '相机', 'Camera'), opt('recorder', '录音笔', 'Recorder'), opt('computer', '电脑', 'Computer'), opt('other', '其他', 'Other')];

const f = (name: string, zh: string, en: string, type: FieldType, required = true, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  label: i18n(zh, en),
  type,
  required,
  max: type === 'multiline' ? 500 : 100,
  ...extra,
});

export const SMALL_REQUEST_FIELDS: Record<SmallRequestKind, FieldSpec[]> = {
  travel: [f('destinations', '目的地', 'Destinations', 'text'), f('from', '出发日期', 'From', 'date'), f('to', '返回日期', 'Until', 'date'), f('purpose', '出差事由', 'Purpose', 'multiline')],
  purchase: [f('items', '采购物品', 'Items', 'multiline'), f('amount', '金额（元）', 'Amount (yuan)', 'amount'), f('urgent', '是否紧急', 'Urgent?', 'select', true, { options: YES_NO })],
  phone_bill: [f('month', '月份', 'Month', 'month'), f('amount', '话费金额（元）', 'Bill amount (yuan)', 'amount'), f('note', '说明', 'Note', 'multiline', false)],
  equipment: [f('item', '设备', 'Equipment', 'select', true, { options: EQUIPMENT }), f('detail', '设备说明', 'Which one', 'text', false), f('purpose', '用途', 'Purpose', 'multiline'), f('returnDate', '归还日期', 'Return date', 'date')],
  target_change: [
    f('period', '目标期间', 'Period', 'text'),
    f('oldTarget', '原目标（元）', 'Current target (yuan)', 'amount'),
    f('newTarget', '新目标（元）', 'New target (yuan)', 'amount'),
    f('reason', '调整原因', 'Reason', 'multiline'),
  ],
};

/** The months a phone bill may be for: this month and the eleven before it, newest first. */
export function monthOptions(now: Date, timeZone: string): Option[] {
  const [y, m] = ymd(now, timeZone).split('-').map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, i) => {
    const total = y * 12 + (m - 1) - i;
    const yy = Math.floor(total / 12);
    const mm = (total % 12) + 1;
    const key = `${yy}-${String(mm).padStart(2, '0')}`;
    return { value: key, label: i18n(`${yy}年${mm}月`, key) };
  });
}

const bad = (field: FieldSpec, zh: string, en: string) => fieldError(field.label, zh, en);

/** One field, read the card-form way; an amount must also be above zero (a request for nothing is not one). */
function parseField(spec: FieldSpec, form: Record<string, unknown>, months: Option[]): string | number | null {
  const { name, label, required } = spec;
  switch (spec.type) {
    case 'amount': {
      const fen = readMoney(form, name, label, { required });
      if (fen === 0) throw bad(spec, '必须大于 0', 'must be above zero');
      return fen;
    }
    case 'date':
      return readDate(form, name, label, required);
    case 'month':
      return readChoice(form, name, label, months.map((o) => o.value), required);
    case 'select':
      return readChoice(form, name, label, (spec.options ?? []).map((o) => o.value), required);
    default:
      return readText(form, name, label, spec.max ?? 5000, required);
  }
}

/** Checks a submitted form and returns the normalised values; throws VALIDATION naming the first bad field. */
export function parseSmallRequest(kind: SmallRequestKind, form: Record<string, unknown>, now: Date, timeZone: string): SmallRequestData {
  const months = monthOptions(now, timeZone);
  const data: SmallRequestData = {};
  for (const spec of SMALL_REQUEST_FIELDS[kind]) data[spec.name] = parseField(spec, form, months);
  const spec = (name: string) => SMALL_REQUEST_FIELDS[kind].find((s) => s.name === name)!;
  if (kind === 'travel' && String(data.to) < String(data.from)) throw bad(spec('to'), '不能早于出发日期。', 'cannot be before the start date.');
  // 出差前提交: a trip already over is not a request any more (a trip under way may still be filed late).
  if (kind === 'travel' && String(data.to) < ymd(now, timeZone)) throw bad(spec('to'), '已经过去：出差申请须在出差前（最晚出差期间）提交。', 'is in the past: a travel request is filed before the trip (at the latest during it).');
  if (kind === 'equipment' && String(data.returnDate) < ymd(now, timeZone)) throw bad(spec('returnDate'), '不能早于今天。', 'cannot be in the past.');
  return data;
}

/** Whether the request carries money (decides whether a budget-only tier is asked). */
export const hasMoney = (kind: SmallRequestKind, data: SmallRequestData): boolean =>
  SMALL_REQUEST_FIELDS[kind].some((s) => s.type === 'amount' && typeof data[s.name] === 'number') && kind !== 'target_change';

function display(spec: FieldSpec, v: string | number | null): I18nText | string {
  if (v === null) return '—';
  if (spec.type === 'amount') return formatYuan(Number(v));
  if (spec.type === 'select') return spec.options?.find((o) => o.value === v)?.label ?? String(v);
  if (spec.type === 'month') {
    const [y, m] = String(v).split('-');
    return i18n(`${y}年${Number(m)}月`, String(v));
  }
  return String(v);
}

/** The key fields for the approval card, formatted (¥ with separators, date keys). */
export function smallRequestRows(kind: SmallRequestKind, data: SmallRequestData): FieldRow[] {
  return SMALL_REQUEST_FIELDS[kind].filter((s) => data[s.name] !== null && data[s.name] !== undefined).map((s) => ({ label: s.label, value: display(s, data[s.name]!) }));
}

const clip = (s: unknown, n = 40): string => {
  const chars = [...String(s ?? '')];
  return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : chars.join('');
};

/** One line for the list cards. */
export function smallRequestSummary(kind: SmallRequestKind, d: SmallRequestData): I18nText {
  const both = (s: string) => i18n(s, s);
  switch (kind) {
    case 'travel':
      return both(`${clip(d.destinations)} · ${d.from} → ${d.to}`);
    case 'purchase':
      return d.urgent === 'yes' ? i18n(`${clip(d.items)} · ${formatYuan(Number(d.amount))} · 紧急`, `${clip(d.items)} · ${formatYuan(Number(d.amount))} · urgent`) : both(`${clip(d.items)} · ${formatYuan(Number(d.amount))}`);
    case 'phone_bill':
      return both(`${d.month} · ${formatYuan(Number(d.amount))}`);
    case 'equipment': {
      const item = display(SMALL_REQUEST_FIELDS.equipment[0]!, d.item ?? null) as I18nText;
      return i18n(`${item.zh_cn} · 归还 ${d.returnDate}`, `${item.en_us} · back by ${d.returnDate}`);
    }
    case 'target_change':
      return both(`${clip(d.period, 20)} · ${formatYuan(Number(d.oldTarget))} → ${formatYuan(Number(d.newTarget))}`);
  }
}

/** What to put back in the form when it is reopened for editing. */
export function formDefaults(kind: SmallRequestKind, data: SmallRequestData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of SMALL_REQUEST_FIELDS[kind]) {
    const v = data[s.name];
    if (v === null || v === undefined) continue;
    out[s.name] = s.type === 'amount' ? yuanForInput(Number(v)) : String(v);
  }
  return out;
}

/** The approval subject_type of every small request. */
export const SMALL_REQUEST_SUBJECT = 'request';
