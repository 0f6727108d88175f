/**
 * Renders a Feishu card (JSON 2.0) well enough to use: header with colour and tags, markdown,
 * div with fields, hr, column sets, collapsible panels, buttons (types, confirm, disabled),
 * forms (input, date/time pickers, selects, person pickers, checker), charts as bars, tables.
 * Clicks and submits become `card.action.trigger` actions, shaped as lark.md §3.2 describes.
 */
import { h } from './dom.js';
import { colorOf, renderMarkdown } from './markdown.js';
import { arr, callbackValue, isObj, textOf, type CardEnv, type Obj } from './card-kit.js';
import { renderField, type FormScope } from './card-fields.js';
import { renderChart, renderTable } from './card-data.js';

export type { CardAction, CardEnv } from './card-kit.js';

const HEADER: Record<string, [string, string]> = {
  blue: ['#3370ff', '#e1eaff'], wathet: ['#1e9be8', '#e0f3fc'], turquoise: ['#07b0a2', '#d9f5f2'], green: ['#2ea121', '#e4f8de'],
  yellow: ['#b88c00', '#fdf6d6'], orange: ['#e67700', '#feead2'], red: ['#f54a45', '#fde2e2'], carmine: ['#e33d7a', '#fce0ea'],
  violet: ['#a249f0', '#f0e3fd'], purple: ['#7f3bf5', '#ebe2fe'], indigo: ['#4954e6', '#e3e5fc'], grey: ['#646a73', '#eff0f1'], default: ['#1f2329', '#f5f6f7'],
};

const openUrl = (el: Obj): string | null => {
  const b = arr(el.behaviors).find((x) => isObj(x) && x.type === 'open_url');
  return isObj(b) && typeof (b.pc_url ?? b.default_url) === 'string' ? String(b.pc_url || b.default_url) : null;
};

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
      return renderChart(el);
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
