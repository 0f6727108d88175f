/** Data displays of a card: charts drawn as bars (enough to read the figures), and tables. */
import { h } from './dom.js';
import { colorOf, renderMarkdown } from './markdown.js';
import { arr, isObj, textOf, type CardEnv, type Obj } from './card-kit.js';

export function renderChart(el: Obj): HTMLElement {
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
  return box;
}

export function renderTable(el: Obj, env: CardEnv): HTMLElement {
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
