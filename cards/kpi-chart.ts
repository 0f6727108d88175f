/**
 * Feishu's card `chart` element (a VChart spec, drawn by the client) for the KPI cards. Specs
 * stay within what the oldest supported client's VChart (1.2.x) draws: plain bar and line
 * charts, inline data, no functions. A chart cannot carry two languages, so it has no title:
 * the bilingual caption is the markdown above it, and the data's labels are names and months.
 */
import type { CardElement, Json } from './kit.js';

export interface BarPoint {
  name: string;
  value: number;
}

export interface LinePoint {
  x: string;
  value: number;
}

/** Rounds for the card (one decimal): the exact figure is in the text and the export. */
const round1 = (v: number): number => Math.round(v * 10) / 10;

/**
 * One horizontal bar per person, tallest first. Horizontal so 50 names stay readable; the
 * height grows with the people (24 px each) within Feishu's 999 px.
 */
export function barPerPerson(elementId: string, points: readonly BarPoint[], opts: { percent: boolean }): CardElement {
  const values = [...points].sort((a, b) => b.value - a.value).map((p) => ({ name: p.name, value: round1(p.value) }));
  const height = Math.min(999, Math.max(160, 40 + values.length * 24));
  const spec: { [k: string]: Json } = {
    type: 'bar',
    direction: 'horizontal',
    data: [{ id: 'people', values }],
    xField: 'value',
    yField: 'name',
    label: { visible: true },
    axes: [
      { orient: 'left', type: 'band', inverse: false },
      { orient: 'bottom', type: 'linear', ...(opts.percent ? { min: 0 } : {}) },
    ],
  };
  return { tag: 'chart', element_id: elementId, height: `${height}px`, preview: true, chart_spec: spec };
}

/** One line over months, one series per name (e.g. 实际销售 / sales). */
export function lineOverMonths(elementId: string, series: readonly { name: string; points: readonly LinePoint[] }[]): CardElement {
  const values = series.flatMap((s) => s.points.map((p) => ({ month: p.x, value: round1(p.value), series: s.name })));
  const spec: { [k: string]: Json } = {
    type: 'line',
    data: [{ id: 'months', values }],
    xField: 'month',
    yField: 'value',
    seriesField: 'series',
    point: { visible: true },
    label: { visible: true },
    legends: [{ visible: series.length > 1, orient: 'bottom' }],
  };
  return { tag: 'chart', element_id: elementId, aspect_ratio: '2:1', preview: true, chart_spec: spec };
}
