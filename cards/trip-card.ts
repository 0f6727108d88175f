/**
 * The traveller's approved trips (`我的出差` / `trips`): one block per trip not yet over, with
 * the customers it serves and the buttons to cut it short, cancel it or link customers; and the
 * three forms those buttons open in its place. Every form carries the trip id only: who may
 * change it is checked again on the server.
 */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { TRIP_REASON_MAX } from '../src/domain/requests/trip-change.js';
import { firstThatFits } from './fit.js';
import { button, buttonRow, card, datePicker, form, input, md, mdEscape, note, type Card, type CardElement } from './kit.js';
import { multiSelect } from './visit-plan-form.js';

export const TRIP_ACTIONS = {
  list: 'trip.list',
  shorten: 'trip.shorten',
  shortenSave: 'trip.shorten.save',
  cancel: 'trip.cancel',
  cancelSave: 'trip.cancel.save',
  customers: 'trip.customers',
  customersSave: 'trip.customers.save',
} as const;

export interface TripLine {
  id: string;
  destinations: string;
  fromDate: string;
  toDate: string;
  /** The return day as approved, when it was cut short. */
  plannedToDate: string | null;
  purpose: string | null;
  customers: string[];
  /** Today is one of its days. */
  underway: boolean;
}

export interface CustomerOption {
  value: string;
  text: I18nText;
}

/** At most this many customers in a select, the linked ones first (a save keeps only what was offered). */
export const CUSTOMER_OPTIONS_MAX = 50;
/** At most this many customer names on a trip's line. */
const NAMES_SHOWN = 5;

/** The options a customer select offers: the linked ones first, names clipped, at most CUSTOMER_OPTIONS_MAX. */
export function customerChoices(options: readonly CustomerOption[], selected: readonly string[]): CustomerOption[] {
  const picked = new Set(selected);
  const ordered = [...options.filter((o) => picked.has(o.value)), ...options.filter((o) => !picked.has(o.value))];
  const short = (t: string) => ([...t].length > 40 ? `${[...t].slice(0, 39).join('')}…` : t);
  return ordered.slice(0, CUSTOMER_OPTIONS_MAX).map((o) => ({ value: o.value, text: i18n(short(o.text.zh_cn), short(o.text.en_us)) }));
}

const clip = (s: string, n: number) => mdEscape([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s);

/** 出差 line: "上海、苏州　2026-12-09 → 2026-12-12（原定至 2026-12-14）". */
function tripHeading(t: Pick<TripLine, 'destinations' | 'fromDate' | 'toDate' | 'plannedToDate'>): I18nText {
  const planned = t.plannedToDate && t.plannedToDate !== t.toDate ? { zh: `（原定至 ${t.plannedToDate}）`, en: ` (was until ${t.plannedToDate})` } : { zh: '', en: '' };
  return i18n(`**${clip(t.destinations, 60)}**　${t.fromDate} → ${t.toDate}${planned.zh}`, `**${clip(t.destinations, 60)}** — ${t.fromDate} → ${t.toDate}${planned.en}`);
}

export function tripsCard(v: { trips: readonly TripLine[]; notice?: I18nText | null }): Card {
  return firstThatFits([20, 10, 5, 2], (max) => build(v, max));
}

function build(v: { trips: readonly TripLine[]; notice?: I18nText | null }, max: number): Card {
  const elements: CardElement[] = [];
  if (v.notice) elements.push(note(v.notice));
  if (!v.trips.length) elements.push(md(i18n('没有尚未结束的已批准出差。出差前请发送「出差申请」。', 'No approved trip ahead or under way. Before you travel, send "apply travel".')));
  for (const t of v.trips.slice(0, max)) {
    const more = t.customers.length > NAMES_SHOWN ? t.customers.length - NAMES_SHOWN : 0;
    const names = t.customers.slice(0, NAMES_SHOWN).map((c) => clip(c, 30)).join('、');
    const customers = t.customers.length ? names : null;
    const others = more ? { zh: ` 等 ${t.customers.length} 家`, en: ` and ${more} more` } : { zh: '', en: '' };
    const lines = [tripHeading(t).zh_cn];
    const en = [tripHeading(t).en_us];
    if (t.underway) {
      lines.push("<font color='green'>出差中</font>");
      en.push("<font color='green'>Under way</font>");
    }
    if (t.purpose) {
      lines.push(`事由：${clip(t.purpose, 80)}`);
      en.push(`Purpose: ${clip(t.purpose, 80)}`);
    }
    lines.push(`关联客户：${customers ?? '—'}${others.zh}`);
    en.push(`Customers: ${customers ?? '—'}${others.en}`);
    elements.push(
      md(i18n(lines.join('\n'), en.join('\n'))),
      buttonRow([
        button({ text: i18n('提前结束', 'Cut short'), value: { k: TRIP_ACTIONS.shorten, t: t.id } }),
        button({ text: i18n('取消出差', 'Cancel the trip'), type: 'danger', value: { k: TRIP_ACTIONS.cancel, t: t.id } }),
        button({ text: i18n('关联客户', 'Link customers'), type: 'text', value: { k: TRIP_ACTIONS.customers, t: t.id } }),
      ]),
    );
  }
  if (v.trips.length > max) elements.push(note(i18n(`另有 ${v.trips.length - max} 次出差未列出`, `${v.trips.length - max} more trips not listed`)));
  return card({ title: i18n('我的出差', 'My trips'), subtitle: i18n(`已批准 ${v.trips.length} 次`, `${v.trips.length} approved`), template: 'blue', elements });
}

const back = (): CardElement => button({ text: i18n('返回', 'Back'), type: 'text', value: { k: TRIP_ACTIONS.list } });

const reasonInput = (): CardElement =>
  input({ name: 'reason', label: i18n('原因（必填）', 'Reason (required)'), required: true, maxLength: TRIP_REASON_MAX, multiline: true });

/** 提前结束: the day actually back (today by default) and why. */
export function tripShortenForm(t: TripLine, today: string): Card {
  const initial = today >= t.fromDate && today < t.toDate ? today : t.fromDate;
  return card({
    title: i18n('提前结束出差', 'Cut the trip short'),
    template: 'orange',
    elements: [
      md(tripHeading(t)),
      note(i18n('新的返回日期之后的日子不再计入出差天数，也不再要求行踪报备；经理会收到通知。', 'Days after the new return day no longer count as travel days or ask for check-ins; your manager is told.')),
      form('trip_shorten', [
        md(i18n('**实际返回日期**', '**Back on**')),
        datePicker({ name: 'new_end', placeholder: i18n('选择日期', 'Pick a date'), required: true, initialDate: initial }),
        reasonInput(),
        button({ text: i18n('确认提前结束', 'Cut it short'), type: 'primary_filled', name: 'trip_shorten_save', formSubmit: true, value: { k: TRIP_ACTIONS.shortenSave, t: t.id } }),
      ]),
      back(),
    ],
  });
}

/** 取消出差: why it will not happen. */
export function tripCancelForm(t: TripLine): Card {
  return card({
    title: i18n('取消出差', 'Cancel the trip'),
    template: 'red',
    elements: [
      md(tripHeading(t)),
      note(i18n('取消后这次出差不计入出差天数，也不再要求行踪报备；经理会收到通知。', 'Once cancelled the trip counts no travel days and asks for no check-ins; your manager is told.')),
      form('trip_cancel', [
        reasonInput(),
        button({ text: i18n('确认取消', 'Cancel it'), type: 'danger_filled', name: 'trip_cancel_save', formSubmit: true, value: { k: TRIP_ACTIONS.cancelSave, t: t.id } }),
      ]),
      back(),
    ],
  });
}

/** 关联客户: a multi-select of the traveller's customers, the linked ones ticked. */
export function tripCustomersForm(t: TripLine, options: readonly CustomerOption[], selected: string[]): Card {
  const body: CardElement[] = options.length
    ? [
        md(i18n('**这次出差服务的客户**（可多选，全部取消即解除关联）', '**Customers this trip serves** (any number; untick all to unlink)')),
        multiSelect('customers', i18n('选择客户', 'Choose customers'), customerChoices(options, selected), selected),
        button({ text: i18n('保存', 'Save'), type: 'primary_filled', name: 'trip_customers_save', formSubmit: true, value: { k: TRIP_ACTIONS.customersSave, t: t.id } }),
      ]
    : [md(i18n('您名下还没有客户。新建客户请发送「新客户 名称」。', 'You have no customers yet. To add one, send "new customer <name>".'))];
  return card({
    title: i18n('出差关联客户', 'Customers for the trip'),
    template: 'blue',
    elements: [md(tripHeading(t)), ...(options.length ? [form('trip_customers', body)] : body), back()],
  });
}
