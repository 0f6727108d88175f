/**
 * Small pure builders for Feishu card JSON 2.0. Every text carries zh_cn and en_us through
 * `i18n_content`; the Feishu client shows the one matching the reader's language, so a card
 * posted to a group reads right for everyone. The plain `content` (Chinese) is the fallback.
 */
import type { I18nText } from '../src/domain/i18n.js';
import { encodeActionValue, type ActionValue } from './action-value.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type CardElement = { tag: string; [k: string]: Json };
export interface Card {
  schema: '2.0';
  config: { update_multi: true; width_mode?: 'default' | 'compact' | 'fill'; summary?: Json; [k: string]: Json | undefined };
  header?: { [k: string]: Json };
  body: { elements: CardElement[]; [k: string]: Json };
}

export type HeaderColor =
  | 'blue' | 'wathet' | 'turquoise' | 'green' | 'yellow' | 'orange' | 'red' | 'carmine' | 'violet' | 'purple' | 'indigo' | 'grey' | 'default';
export type TagColor =
  | 'neutral' | 'blue' | 'turquoise' | 'lime' | 'orange' | 'violet' | 'indigo' | 'wathet' | 'green' | 'yellow' | 'red' | 'purple' | 'carmine';

export const plain = (text: I18nText): { [k: string]: Json } => ({
  tag: 'plain_text',
  content: text.zh_cn,
  i18n_content: { zh_cn: text.zh_cn, en_us: text.en_us },
});

/** Escapes characters lark_md would read as markup, for user-typed text shown in markdown. */
export function mdEscape(s: string): string {
  return s.replace(/([\\*_~`[\]<>])/g, '\\$1');
}

export function card(opts: {
  title: I18nText;
  subtitle?: I18nText;
  template?: HeaderColor;
  tags?: { text: I18nText; color: TagColor }[];
  summary?: I18nText;
  elements: CardElement[];
}): Card {
  const header: { [k: string]: Json } = { title: plain(opts.title), template: opts.template ?? 'blue' };
  if (opts.subtitle) header.subtitle = plain(opts.subtitle);
  if (opts.tags?.length) {
    header.text_tag_list = opts.tags.slice(0, 3).map((t) => ({ tag: 'text_tag', text: plain(t.text), color: t.color }));
  }
  const summary = opts.summary ?? opts.title;
  return {
    schema: '2.0',
    config: {
      update_multi: true,
      width_mode: 'fill',
      summary: { content: summary.zh_cn, i18n_content: { zh_cn: summary.zh_cn, en_us: summary.en_us } },
    },
    header,
    body: { elements: opts.elements },
  };
}

export const md = (text: I18nText): CardElement => ({
  tag: 'markdown',
  content: text.zh_cn,
  i18n_content: { zh_cn: text.zh_cn, en_us: text.en_us },
});

export const hr = (): CardElement => ({ tag: 'hr' });

/** Grey small print, the 2.0 replacement for the removed `note` tag. */
export const note = (text: I18nText): CardElement => ({
  tag: 'markdown',
  content: `<font color='grey'>${text.zh_cn}</font>`,
  i18n_content: { zh_cn: `<font color='grey'>${text.zh_cn}</font>`, en_us: `<font color='grey'>${text.en_us}</font>` },
  text_size: 'notation',
});

/** "**Label**: value" lines; each value may already be bilingual. */
export function fields(rows: [I18nText, I18nText | string][]): CardElement {
  const line = (lang: 'zh_cn' | 'en_us') =>
    rows.map(([k, v]) => `**${k[lang]}**${lang === 'zh_cn' ? '：' : ': '}${typeof v === 'string' ? v : v[lang]}`).join('\n');
  return md({ zh_cn: line('zh_cn'), en_us: line('en_us') });
}

export type ButtonType = 'default' | 'primary' | 'danger' | 'text' | 'primary_filled' | 'danger_filled' | 'laser';

export function button(opts: {
  text: I18nText;
  value: ActionValue;
  type?: ButtonType;
  name?: string;
  confirm?: { title: I18nText; text: I18nText };
  disabled?: boolean;
  formSubmit?: boolean;
}): CardElement {
  const el: CardElement = {
    tag: 'button',
    text: plain(opts.text),
    type: opts.type ?? 'default',
    behaviors: [{ type: 'callback', value: encodeActionValue(opts.value) }],
  };
  if (opts.name) el.name = opts.name;
  if (opts.confirm) el.confirm = { title: plain(opts.confirm.title), text: plain(opts.confirm.text) };
  if (opts.disabled) el.disabled = true;
  if (opts.formSubmit) el.form_action_type = 'submit';
  return el;
}

/** A row of buttons that wraps on narrow screens (2.0 has no `action` container). */
export const buttonRow = (buttons: CardElement[]): CardElement => ({
  tag: 'column_set',
  flex_mode: 'flow',
  horizontal_spacing: '8px',
  columns: buttons.map((b) => ({ tag: 'column', width: 'auto', elements: [b] })),
});

export function form(name: string, elements: CardElement[]): CardElement {
  return { tag: 'form', name, elements };
}

export function input(opts: {
  name: string;
  label: I18nText;
  placeholder?: I18nText;
  required?: boolean;
  maxLength?: number;
  defaultValue?: string;
  multiline?: boolean;
}): CardElement {
  const el: CardElement = {
    tag: 'input',
    name: opts.name,
    label: plain(opts.label),
    label_position: 'top',
    max_length: Math.min(opts.maxLength ?? 200, 1000),
    width: 'fill',
  };
  if (opts.placeholder) el.placeholder = plain(opts.placeholder);
  if (opts.required) el.required = true;
  if (opts.defaultValue !== undefined && opts.defaultValue !== '') el.default_value = opts.defaultValue;
  if (opts.multiline) {
    el.input_type = 'multiline_text';
    el.rows = 3;
    el.auto_resize = true;
  }
  return el;
}

export function datePicker(opts: { name: string; placeholder: I18nText; required?: boolean; initialDate?: string }): CardElement {
  const el: CardElement = { tag: 'date_picker', name: opts.name, placeholder: plain(opts.placeholder), width: 'fill' };
  if (opts.required) el.required = true;
  if (opts.initialDate) el.initial_date = opts.initialDate;
  return el;
}

export function selectStatic(opts: {
  name: string;
  placeholder: I18nText;
  options: { value: string; text: I18nText }[];
  required?: boolean;
  initial?: string;
}): CardElement {
  const el: CardElement = {
    tag: 'select_static',
    name: opts.name,
    placeholder: plain(opts.placeholder),
    width: 'fill',
    options: opts.options.map((o) => ({ text: plain(o.text), value: o.value })),
  };
  if (opts.required) el.required = true;
  if (opts.initial && opts.options.some((o) => o.value === opts.initial)) el.initial_option = opts.initial;
  return el;
}
