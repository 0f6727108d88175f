/**
 * Renders a Feishu card (JSON 2.0) well enough to use: header with colour and tags, markdown,
 * div with fields, hr, column sets, collapsible panels, buttons (types, confirm, disabled),
 * forms (input, date/time pickers, selects, person pickers, checker), charts as bars, tables.
 * Clicks and submits become `card.action.trigger` actions, shaped as lark.md §3.2 describes.
 */
import { h } from './dom.js';
import { colorOf, renderMarkdown } from './markdown.js';
import type { Lang } from './types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export interface CardAction {
  tag: string;
  value: unknown;
  name?: string;
  formValue?: Record<string, unknown>;
  option?: string;
}

export interface CardEnv {
  lang: Lang;
  nameOf(openId: string): string;
  /** Everyone a person picker offers when the card lists no options. */
  people(): { openId: string; name: string }[];
  act(a: CardAction): Promise<void>;
  confirm(title: string, text: string): Promise<boolean>;
  warn(text: string): void;
}

const HEADER: Record<string, [string, string]> = {
  blue: ['#3370ff', '#e1eaff'], wathet: ['#1e9be8', '#e0f3fc'], turquoise: ['#07b0a2', '#d9f5f2'], green: ['#2ea121', '#e4f8de'],
  yellow: ['#b88c00', '#fdf6d6'], orange: ['#e67700', '#feead2'], red: ['#f54a45', '#fde2e2'], carmine: ['#e33d7a', '#fce0ea'],
  violet: ['#a249f0', '#f0e3fd'], purple: ['#7f3bf5', '#ebe2fe'], indigo: ['#4954e6', '#e3e5fc'], grey: ['#646a73', '#eff0f1'], default: ['#1f2329', '#f5f6f7'],
};

/** A text object's words in the reader's language: i18n_content, then i18n, then content. */
export function textOf(t: unknown, lang: Lang): string {
  if (typeof t === 'string') return t;
  if (!isObj(t)) return '';
  for (const key of ['i18n_content', 'i18n']) {
    const m = t[key];
    if (isObj(m) && typeof m[lang] === 'string') return m[lang];
  }
  return typeof t.content === 'string' ? t.content : '';
}

const callbackValue = (el: Obj): unknown => {
  const cb = arr(el.behaviors).find((b) => isObj(b) && b.type === 'callback');
  return isObj(cb) ? cb.value : el.value;
};
const openUrl = (el: Obj): string | null => {
  const b = arr(el.behaviors).find((x) => isObj(x) && x.type === 'open_url');
  return isObj(b) && typeof (b.pc_url ?? b.default_url) === 'string' ? String(b.pc_url || b.default_url) : null;
};

/** The picker's value as Feishu sends it: "2024-04-01 +0800" (with the reader's UTC offset). */
function offset(): string {
  const m = -new Date().getTimezoneOffset();
  const a = Math.abs(m);
  return `${m >= 0 ? '+' : '-'}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
}

interface FormField {
  name: string;
  required: boolean;
  wrap: HTMLElement;
  read(): unknown;
  reset(): void;
}
interface FormScope {
  fields: FormField[];
}

export function renderCard(card: unknown, env: CardEnv): HTMLElement {
  const c = isObj(card) ? card : {};
  const root = h('div', { class: 'card', 'data-testid': 'card' });
  const header = isObj(c.header) ? c.header : null;
  if (header) {
    const [fg, bg] = HEADER[String(header.template ?? 'default')] ?? HEADER.default!;
    const head = h('div', { class: 'card-head', style: `--hc:${fg};--hc-bg:${bg}` });
    const title = h('div', { class: 'title', 'data-testid': 'card-title' }, textOf(header.title, env.lang));
    for (const tag of arr(header.text_tag_list)) {
      if (isObj(tag)) title.append(h('span', { class: 'tag', style: `color:${colorOf(String(tag.color ?? 'neutral'))}` }, textOf(tag.text, env.lang)));
    }
    head.append(title);
    if (header.subtitle) head.append(h('div', { class: 'subtitle' }, textOf(header.subtitle, env.lang)));
    root.append(head);
  }
  const body = h('div', { class: 'card-body' });
  const elements = isObj(c.body) ? arr(c.body.elements) : arr(c.elements);
  for (const el of elements) body.append(renderElement(el, env, null));
  root.append(body);
  return root;
}

function renderElements(list: unknown[], env: CardEnv, form: FormScope | null): Node[] {
  return list.map((el) => renderElement(el, env, form));
}

function renderElement(raw: unknown, env: CardEnv, form: FormScope | null): Node {
  if (!isObj(raw)) return document.createTextNode('');
  const el = raw;
  const md = (src: string, cls = 'md') => h('div', { class: cls, html: renderMarkdown(src, env.nameOf) });
  switch (el.tag) {
    case 'markdown': {
      const size = String(el.text_size ?? 'normal');
      const node = md(textOf(el, env.lang), `md ${size === 'notation' ? 'notation' : /heading/.test(size) ? 'heading' : ''}`);
      if (el.text_align) node.style.textAlign = String(el.text_align);
      return node;
    }
    case 'div': {
      const box = h('div', {});
      if (isObj(el.text)) box.append(el.text.tag === 'lark_md' ? md(textOf(el.text, env.lang)) : h('div', { class: 'md' }, textOf(el.text, env.lang)));
      const fields = arr(el.fields);
      if (fields.length) {
        const grid = h('div', { class: 'fields' });
        for (const f of fields) {
          if (!isObj(f)) continue;
          const t = isObj(f.text) ? f.text : {};
          const cell = t.tag === 'lark_md' ? md(textOf(t, env.lang)) : h('div', {}, textOf(t, env.lang));
          if (!f.is_short) cell.classList.add('wide');
          grid.append(cell);
        }
        box.append(grid);
      }
      return box;
    }
    case 'hr':
      return h('hr');
    case 'column_set': {
      const mode = String(el.flex_mode ?? 'none');
      const row = h('div', { class: `cols ${mode === 'flow' ? 'flow' : ''}` });
      if (el.horizontal_spacing) row.style.gap = String(el.horizontal_spacing).replace(/^(small|medium|large)$/, (m) => ({ small: '4px', medium: '8px', large: '12px' })[m]!);
      for (const col of arr(el.columns)) {
        if (!isObj(col)) continue;
        const node = h('div', { class: 'col' }, ...renderElements(arr(col.elements), env, form));
        const width = String(col.width ?? 'auto');
        node.style.flex = width === 'weighted' ? `${Number(col.weight ?? 1)} 1 0` : /px$/.test(width) ? `0 0 ${width}` : mode === 'bisect' ? '1 1 0' : '0 0 auto';
        if (col.vertical_align === 'center') node.style.justifyContent = 'center';
        row.append(node);
      }
      return row;
    }
    case 'collapsible_panel': {
      const head = isObj(el.header) ? el.header : {};
      const title = isObj(head.title) ? head.title : {};
      const summary = h('summary', {});
      summary.innerHTML = title.tag === 'markdown' || title.tag === 'lark_md' ? renderMarkdown(textOf(title, env.lang), env.nameOf) : '';
      if (!summary.innerHTML) summary.textContent = textOf(title, env.lang);
      const d = h('details', { class: 'panel' }, summary, h('div', {}, ...renderElements(arr(el.elements), env, form)));
      d.open = Boolean(el.expanded);
      return d;
    }
    case 'interactive_container': {
      const box = h('div', { class: 'panel', style: 'cursor:pointer;border:1px solid #dee0e3;border-radius:6px;padding:8px' }, ...renderElements(arr(el.elements), env, form));
      box.addEventListener('click', () => void env.act({ tag: 'interactive_container', value: callbackValue(el) }));
      return box;
    }
    case 'form':
      return renderForm(el, env);
    case 'button':
      return renderButton(el, env, form);
    case 'input':
    case 'date_picker':
    case 'picker_time':
    case 'picker_datetime':
    case 'select_static':
    case 'multi_select_static':
    case 'select_person':
    case 'multi_select_person':
    case 'checker':
    case 'overflow':
      return renderField(el, env, form);
    case 'chart':
      return renderChart(el, env);
    case 'table':
      return renderTable(el, env);
    case 'person':
      return h('span', { class: 'at' }, `@${env.nameOf(String(el.user_id ?? ''))}`);
    case 'person_list':
      return h('div', {}, ...arr(el.persons).map((p) => h('span', { class: 'at', style: 'margin-right:8px' }, `@${env.nameOf(String(isObj(p) ? p.id : ''))}`)));
    case 'text_tag':
      return h('span', { class: 'tag', style: `color:${colorOf(String(el.color ?? 'neutral'))}` }, textOf(el.text, env.lang));
    case 'img':
    case 'img_combination':
      return h('div', { class: 'img-ph' }, `🖼 ${textOf(el.alt, env.lang) || String(el.img_key ?? '图片')}`);
    case 'standard_icon':
    case 'custom_icon':
      return h('span', {});
    default:
      return h('div', { class: 'img-ph' }, `[${String(el.tag)}]`);
  }
}

function renderButton(el: Obj, env: CardEnv, form: FormScope | null): HTMLElement {
  const label = textOf(el.text, env.lang);
  const btn = h('button', { class: `cbtn ${String(el.type ?? 'default')}`, type: 'button', 'data-testid': 'card-button' }, label);
  if (el.disabled) {
    btn.disabled = true;
    if (el.disabled_tips) btn.title = textOf(el.disabled_tips, env.lang);
  }
  btn.addEventListener('click', async () => {
    const submit = form && el.form_action_type === 'submit';
    if (form && el.form_action_type === 'reset') {
      for (const f of form.fields) f.reset();
      return;
    }
    let formValue: Record<string, unknown> | undefined;
    if (submit) {
      // Feishu checks required fields in the client and sends nothing until they are filled.
      const missing = form.fields.filter((f) => {
        const v = f.read();
        const empty = v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
        f.wrap.classList.toggle('invalid', f.required && empty);
        return f.required && empty;
      });
      if (missing.length) return env.warn(env.lang === 'en_us' ? 'Please fill in the required fields' : '请填写必填项');
      formValue = {};
      for (const f of form.fields) {
        const v = f.read();
        if (v !== undefined) formValue[f.name] = v;
      }
    }
    if (isObj(el.confirm)) {
      const ok = await env.confirm(textOf(el.confirm.title, env.lang), textOf(el.confirm.text, env.lang));
      if (!ok) return;
    }
    const url = openUrl(el);
    if (url) window.open(url, '_blank', 'noopener');
    if (!arr(el.behaviors).some((b) => isObj(b) && b.type === 'callback') && !submit) return;
    btn.disabled = true;
    try {
      await env.act({ tag: 'button', value: callbackValue(el), ...(typeof el.name === 'string' ? { name: el.name } : {}), ...(formValue ? { formValue } : {}) });
    } finally {
      if (btn.isConnected) btn.disabled = Boolean(el.disabled);
    }
  });
  return btn;
}

function renderForm(el: Obj, env: CardEnv): HTMLElement {
  const scope: FormScope = { fields: [] };
  const node = h('form', { class: 'form', 'data-form': String(el.name ?? '') }, ...renderElements(arr(el.elements), env, scope));
  node.addEventListener('submit', (e) => e.preventDefault());
  return node;
}

function optionsOf(el: Obj, env: CardEnv, person: boolean): { value: string; text: string }[] {
  const listed = arr(el.options)
    .filter(isObj)
    .map((o) => ({ value: String(o.value ?? ''), text: person ? env.nameOf(String(o.value ?? '')) : textOf(o.text, env.lang) }));
  if (listed.length || !person) return listed;
  return env.people().map((p) => ({ value: p.openId, text: p.name }));
}

function renderField(el: Obj, env: CardEnv, form: FormScope | null): HTMLElement {
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

function renderChart(el: Obj, env: CardEnv): HTMLElement {
  const spec = isObj(el.chart_spec) ? el.chart_spec : {};
  const data = spec.data;
  const values = (Array.isArray(data) ? data.flatMap((d) => (isObj(d) ? arr(d.values) : [])) : isObj(data) ? arr(data.values) : []).filter(isObj);
  const first = (f: unknown) => (Array.isArray(f) ? String(f[0] ?? '') : typeof f === 'string' ? f : '');
  let label = first(spec.categoryField) || first(spec.xField);
  let value = first(spec.valueField) || first(spec.yField);
  if (values[0] && typeof values[0][label] === 'number' && typeof values[0][value] !== 'number') [label, value] = [value, label];
  const series = first(spec.seriesField);
  const title = isObj(spec.title) ? String(spec.title.text ?? '') : '';
  const box = h('div', { class: 'chart', 'data-testid': 'chart' }, title ? h('div', { class: 'chart-title' }, title) : null);
  const nums = values.map((v) => Number(v[value]));
  if (!values.length || nums.some((n) => !Number.isFinite(n))) {
    box.append(h('pre', { style: 'font-size:11px;overflow:auto;max-height:160px' }, JSON.stringify(spec, null, 1)));
    return box;
  }
  const max = Math.max(...nums.map(Math.abs), 1);
  values.forEach((v, i) => {
    const name = `${String(v[label] ?? '')}${series && v[series] !== undefined ? ` · ${String(v[series])}` : ''}`;
    box.append(h('div', { class: 'chart-row' }, h('span', {}, name), h('div', { class: 'chart-bar', style: `width:${(Math.abs(nums[i]!) / max) * 100}%` }), h('span', {}, String(nums[i]))));
  });
  void env;
  return box;
}

function renderTable(el: Obj, env: CardEnv): HTMLElement {
  const columns = arr(el.columns).filter(isObj);
  const table = h('table', { class: 'ctable', 'data-testid': 'table' });
  table.append(h('tr', {}, ...columns.map((c) => h('th', {}, textOf(c.display_name, env.lang) || String(c.name ?? '')))));
  for (const row of arr(el.rows).filter(isObj)) {
    table.append(
      h('tr', {}, ...columns.map((c) => {
        const v = row[String(c.name)];
        const td = h('td', {});
        if (c.horizontal_align) td.style.textAlign = String(c.horizontal_align);
        if (c.data_type === 'lark_md' || c.data_type === 'markdown') td.innerHTML = renderMarkdown(String(v ?? ''), env.nameOf);
        else if (c.data_type === 'options') for (const o of arr(v)) td.append(isObj(o) ? h('span', { class: 'tag', style: `color:${colorOf(String(o.color ?? 'neutral'))};margin-right:4px` }, String(o.text ?? '')) : String(o));
        else if (c.data_type === 'persons') td.textContent = arr(v).map((p) => `@${env.nameOf(String(isObj(p) ? p.id : p))}`).join(' ');
        else td.textContent = v === null || v === undefined ? '' : String(v);
        return td;
      })),
    );
  }
  return table;
}
