/**
 * One form card per archive section, pre-filled with the current values, so submitting it is
 * the whole section (archive-form.ts applies it). Contacts are edited one at a time with buttons
 * to switch: ten contacts with long personal notes in one form would pass 30 KB.
 */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { formatYuan } from '../src/domain/money.js';
import type { Archive } from '../src/domain/customer/archive.js';
import { SECTION_LABEL, sectionFields, type FormField, type Section } from '../src/domain/customer/sections.js';
import type { ActionValue } from './action-value.js';
import {
  button, buttonRow, card, datePicker, form, input, note, selectStatic, plain, type Card, type CardElement,
} from './kit.js';
import { CUSTOMER_ACTIONS, clip, same, shorten } from './customer-parts.js';

export interface EditCardView {
  customerId: string;
  customerName: string;
  section: Section;
  archive: Archive;
  /** Company-zone year of "now": which three sales years the business form asks for. */
  currentYear: number;
  /** False hides birth dates, hobbies and family (saving keeps the stored values). */
  includePersonal: boolean;
  /** Contacts only: which contact; null or absent = a new one. */
  contactIndex?: number | null;
  /** The customer's version when the form was opened: a save from an older form is refused. */
  version?: number;
}

export const FORM_NAME = 'customer_form';
export const SUBMIT_NAME = 'customer_save';

function currentValue(v: EditCardView, f: FormField): unknown {
  if (v.section === 'contacts') {
    const c = v.contactIndex == null ? undefined : v.archive.contacts[v.contactIndex];
    return c ? (c as Record<string, unknown>)[f.path[0]] : undefined;
  }
  const [head, tail] = f.path;
  const top = (v.archive as Record<string, unknown>)[head];
  return tail === undefined ? top : (top as Record<string, unknown> | undefined)?.[tail];
}

const label = (text: I18nText): CardElement => note(text);

function fieldElements(f: FormField, value: unknown): CardElement[] {
  switch (f.kind) {
    case 'text':
    case 'multiline':
      return [input({ name: f.name, label: f.label, maxLength: f.maxLength, multiline: f.kind === 'multiline', defaultValue: value === undefined ? undefined : String(value) })];
    case 'amount':
      return [input({
        name: f.name, label: f.label, maxLength: f.maxLength,
        placeholder: i18n('金额（元），例如 500万', 'Amount in yuan, e.g. 5000000'),
        defaultValue: typeof value === 'number' ? formatYuan(value) : undefined,
      })];
    case 'count':
      return [input({ name: f.name, label: f.label, maxLength: f.maxLength, defaultValue: typeof value === 'number' ? String(value) : undefined })];
    case 'date':
      // date_picker has no label and its initial date hides the placeholder: say what it is above.
      return [label(f.label), datePicker({ name: f.name, placeholder: f.label, initialDate: typeof value === 'string' ? value : undefined })];
    case 'select':
      return [label(f.label), selectStatic({ name: f.name, placeholder: f.label, options: f.options ?? [], initial: typeof value === 'string' ? value : undefined })];
    case 'multi': {
      const el: CardElement = {
        tag: 'multi_select_static',
        name: f.name,
        placeholder: plain(f.label),
        width: 'fill',
        options: (f.options ?? []).map((o) => ({ text: plain(o.text), value: o.value })),
      };
      const selected = Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
      if (selected.length) el.selected_values = selected;
      return [label(f.label), el];
    }
  }
}

function contactSwitcher(v: EditCardView): CardElement[] {
  const c = v.customerId;
  const buttons = v.archive.contacts.map((ct, i) =>
    button({
      text: same(clip(ct.name, 12)),
      type: i === v.contactIndex ? 'primary' : 'default',
      value: { k: CUSTOMER_ACTIONS.edit, c, s: 'contacts', i },
    }),
  );
  if (v.contactIndex != null || v.archive.contacts.length === 0) {
    buttons.push(button({ text: i18n('+ 新联系人', '+ New contact'), type: 'text', value: { k: CUSTOMER_ACTIONS.edit, c, s: 'contacts', i: null } }));
  }
  return buttons.length ? [buttonRow(buttons)] : [];
}

export function customerEditCard(v: EditCardView): Card {
  const fieldsOf = sectionFields(v.section, { currentYear: v.currentYear, includePersonal: v.includePersonal });
  const formElements = fieldsOf.flatMap((f) => fieldElements(f, currentValue(v, f)));
  const value: ActionValue = { k: CUSTOMER_ACTIONS.save, c: v.customerId, s: v.section };
  if (v.section === 'contacts') value.i = v.contactIndex ?? null;
  if (v.version !== undefined) value.ver = v.version;
  formElements.push(button({ text: i18n('保存', 'Save'), type: 'primary', name: SUBMIT_NAME, formSubmit: true, value }));

  const elements: CardElement[] = [];
  if (v.section === 'contacts') {
    const editing = v.contactIndex == null ? undefined : v.archive.contacts[v.contactIndex];
    elements.push(...contactSwitcher(v));
    elements.push(note(editing
      ? i18n(`正在编辑：${shorten(editing.name, 40)}。清空所有内容并保存即删除此联系人。`, `Editing ${shorten(editing.name, 40)}. Clear every box and save to remove this contact.`)
      : i18n('新联系人：填写姓名和买家角色，重点是经济买家和教练买家。', 'New contact: give the name and buyer roles; the economic buyer and the coach matter most.')));
  }
  if (!v.includePersonal && (v.section === 'people' || v.section === 'contacts')) {
    elements.push(note(i18n('个人信息（生日、爱好、家庭）不在此表单中，保存时保持不变。', 'Personal fields (birth date, hobbies, family) are not in this form and stay as they are.')));
  }
  elements.push(form(FORM_NAME, formElements));
  const name = clip(v.customerName, 40);
  return card({
    title: i18n(`编辑档案 · ${SECTION_LABEL[v.section].zh_cn}`, `Edit archive · ${SECTION_LABEL[v.section].en_us}`),
    subtitle: same(name),
    template: 'wathet',
    elements,
  });
}
