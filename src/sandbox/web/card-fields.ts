/**
 * Form inputs of a card: text, date and time pickers, selects, person pickers, checkers. Each
 * registers with its form, so a submit can read and reset it.
 */
import { h } from './dom.js';
import { arr, callbackValue, isObj, textOf, type CardEnv, type Obj } from './card-kit.js';

/** The picker's value as Feishu sends it: "2024-04-01 +0800" (with the reader's UTC offset). */
function offset(): string {
  const m = -new Date().getTimezoneOffset();
  const a = Math.abs(m);
  return `${m >= 0 ? '+' : '-'}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
}

export interface FormField {
  name: string;
  required: boolean;
  wrap: HTMLElement;
  read(): unknown;
  reset(): void;
}
export interface FormScope {
  fields: FormField[];
}

function optionsOf(el: Obj, env: CardEnv, person: boolean): { value: string; text: string }[] {
  const listed = arr(el.options)
    .filter(isObj)
    .map((o) => ({ value: String(o.value ?? ''), text: person ? env.nameOf(String(o.value ?? '')) : textOf(o.text, env.lang) }));
  if (listed.length || !person) return listed;
  return env.people().map((p) => ({ value: p.openId, text: p.name }));
}

export function renderField(el: Obj, env: CardEnv, form: FormScope | null): HTMLElement {
  const tag = String(el.tag);
  const name = typeof el.name === 'string' ? el.name : '';
  const required = Boolean(el.required);
  const labelText = el.label ? textOf(el.label, env.lang) : '';
  const placeholder = el.placeholder ? textOf(el.placeholder, env.lang) : '';
  const wrap = h('label', { class: `field ${el.label_position === 'left' ? 'left' : ''}`, 'data-name': name });
  if (labelText) wrap.append(h('span', { class: 'label' }, labelText, required ? h('span', { class: 'req' }, '*') : null));
  const standalone = (option: string) => void env.act({ tag, value: callbackValue(el), option });
  let read: () => unknown;
  let reset: () => void;

  if (tag === 'input') {
    const multiline = el.input_type === 'multiline_text';
    const control = multiline ? h('textarea', { rows: Number(el.rows ?? 3) }) : h('input', { type: el.input_type === 'password' ? 'password' : 'text' });
    control.name = name;
    control.placeholder = placeholder;
    if (typeof el.max_length === 'number') control.maxLength = el.max_length;
    const initial = typeof el.default_value === 'string' ? el.default_value : '';
    control.value = initial;
    wrap.append(control);
    read = () => control.value;
    reset = () => (control.value = initial);
  } else if (tag === 'date_picker' || tag === 'picker_time' || tag === 'picker_datetime') {
    const type = tag === 'date_picker' ? 'date' : tag === 'picker_time' ? 'time' : 'datetime-local';
    const control = h('input', { type, name });
    const initial = String(el.initial_date ?? el.initial_time ?? el.initial_datetime ?? '').replace(' ', 'T');
    control.value = initial;
    if (placeholder) control.title = placeholder;
    wrap.append(control);
    read = () => (control.value ? `${control.value.replace('T', ' ')} ${offset()}` : undefined);
    reset = () => (control.value = initial);
    if (!form) control.addEventListener('change', () => control.value && standalone(String(read())));
  } else if (tag === 'select_static' || tag === 'select_person' || tag === 'overflow') {
    const control = h('select', { name });
    control.append(h('option', { value: '' }, placeholder || (env.lang === 'en_us' ? 'Select…' : '请选择')));
    for (const o of optionsOf(el, env, tag === 'select_person')) control.append(h('option', { value: o.value }, o.text));
    const initial = String(el.initial_option ?? '');
    control.value = initial;
    wrap.append(control);
    read = () => control.value || undefined;
    reset = () => (control.value = initial);
    if (!form) control.addEventListener('change', () => control.value && standalone(control.value));
  } else if (tag === 'multi_select_static' || tag === 'multi_select_person') {
    const box = h('div', { class: 'multi' });
    const initial = new Set(arr(el.selected_values ?? el.initial_options).map(String));
    const boxes = optionsOf(el, env, tag === 'multi_select_person').map((o) => {
      const cb = h('input', { type: 'checkbox', value: o.value });
      cb.checked = initial.has(o.value);
      box.append(h('label', {}, cb, o.text));
      return cb;
    });
    wrap.append(box);
    read = () => boxes.filter((b) => b.checked).map((b) => b.value);
    reset = () => boxes.forEach((b) => (b.checked = initial.has(b.value)));
  } else {
    // checker
    const cb = h('input', { type: 'checkbox', name });
    const initial = Boolean(el.checked);
    cb.checked = initial;
    wrap.prepend(h('span', { style: 'display:flex;gap:6px;align-items:center' }, cb, textOf(el.text, env.lang)));
    read = () => cb.checked;
    reset = () => (cb.checked = initial);
  }
  if (form && name) form.fields.push({ name, required, wrap, read, reset });
  return wrap;
}

