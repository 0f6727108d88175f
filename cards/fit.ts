/**
 * The one gate every outgoing card passes (the outbox's send, reply and patch, and the card a
 * callback answer carries): a card over Feishu's 30 KB or 200 elements is refused by Lark with
 * 230025 / 230099, and the person would get nothing. Builders are meant to fit on their own (they
 * page and summarise; test/cards/department-size.test.ts holds each to a 200-person department),
 * so this is the net under them: it shortens long texts, then long option lists, and as a last
 * resort keeps the header and the leading elements that fit. Whatever it cut, the card says so.
 */
import { i18n } from '../src/domain/i18n.js';
import { note, type Card, type CardElement, type Json } from './kit.js';
import { byteSize } from './customer-parts.js';
import { CARD_MAX_BYTES } from './validate.js';

/** Leaves room under 30 KB for what Lark adds around the card. */
const FIT_BUDGET = CARD_MAX_BYTES - 1024;
const MAX_ELEMENTS = 190;

export interface Fitted {
  card: Card;
  /** Null when the card went out as built; otherwise what was done to it. */
  degraded: null | 'texts' | 'options' | 'truncated';
  bytes: number;
}

type Node = { [k: string]: Json };
const isNode = (v: Json | undefined): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

function countElements(list: Json[]): number {
  let n = 0;
  for (const el of list) {
    if (!isNode(el)) continue;
    n++;
    if (Array.isArray(el.elements)) n += countElements(el.elements);
    if (Array.isArray(el.columns)) n += countElements(el.columns);
  }
  return n;
}

const fits = (c: Card): boolean => byteSize(c) <= FIT_BUDGET && countElements(c.body.elements) <= MAX_ELEMENTS;

const cut = (s: string, max: number): string => ([...s].length > max ? `${[...s].slice(0, max).join('')}…` : s);

/** A deep copy with every text longer than `max` characters cut (markdown tags may be cut too: it is a fallback). */
function clipTexts(v: Json, max: number): Json {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x) => clipTexts(x, max));
  if (!isNode(v)) return v;
  const out: Node = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'content' && typeof x === 'string') out[k] = cut(x, max);
    else if (k === 'i18n_content' && isNode(x)) out[k] = Object.fromEntries(Object.entries(x).map(([l, t]) => [l, typeof t === 'string' ? cut(t, max) : t]));
    else out[k] = clipTexts(x, max);
  }
  return out;
}

/** A deep copy with option lists cut to `max`, keeping the options already chosen. */
function clipOptions(v: Json, max: number): Json {
  if (Array.isArray(v)) return v.map((x) => clipOptions(x, max));
  if (!isNode(v)) return v;
  const out: Node = {};
  for (const [k, x] of Object.entries(v)) out[k] = clipOptions(x, max);
  if (Array.isArray(out.options) && out.options.length > max) {
    const chosen = new Set([out.initial_option, ...(Array.isArray(out.selected_values) ? out.selected_values : [])].filter((s) => typeof s === 'string'));
    out.options = out.options.filter((o, i) => i < max || (isNode(o) && chosen.has(o.value as string)));
  }
  return out;
}

const NOTICE = note(i18n('⚠️ 内容过多，一张卡片放不下，已精简显示。', '⚠️ Too much for one card: it is shown shortened.'));
const withNotice = (c: Card, elements: Json[]): Card => ({ ...c, body: { ...c.body, elements: [NOTICE, ...(elements as CardElement[])] } });

export function fitCard(card: Card): Fitted {
  if (fits(card)) return { card, degraded: null, bytes: byteSize(card) };
  for (const max of [400, 150, 60]) {
    const c = withNotice(card, clipTexts(card.body.elements as Json[], max) as Json[]);
    if (fits(c)) return { card: c, degraded: 'texts', bytes: byteSize(c) };
  }
  const short = clipTexts(card.body.elements as Json[], 60) as Json[];
  for (const max of [50, 20, 5]) {
    const c = withNotice(card, clipOptions(short, max) as Json[]);
    if (fits(c)) return { card: c, degraded: 'options', bytes: byteSize(c) };
  }
  const kept: Json[] = [];
  for (const el of clipOptions(short, 5) as Json[]) {
    const next = withNotice(card, [...kept, el]);
    if (!fits(next)) break;
    kept.push(el);
  }
  const c = withNotice(card, kept);
  return { card: c, degraded: 'truncated', bytes: byteSize(c) };
}

/** What a builder aims under, leaving the net above unused: 27 KB. */
export const BUILD_BUDGET = 27 * 1024;

/**
 * The card built with the first of `steps` (most generous first) that fits the build budget,
 * else with the last: how builders shorten a long answer themselves.
 */
export function firstThatFits<T>(steps: readonly T[], build: (step: T) => Card): Card {
  let built: Card | null = null;
  for (const step of steps) {
    built = build(step);
    if (byteSize(built) <= BUILD_BUDGET && countElements(built.body.elements) <= MAX_ELEMENTS) return built;
  }
  return built!;
}

/** Said on a card whose long texts were shortened to fit (to `max` characters each, when one limit holds for all). */
export const shortenedNote = (max?: number): CardElement =>
  max === undefined
    ? note(i18n('内容较长，卡片中只显示每栏的开头（…处截断）；完整内容已保存。', 'Long text: the fields show their start here (cut at …); the full text is kept.'))
    : note(i18n(`内容较长，卡片中每栏仅显示前 ${max} 字；完整内容已保存。`, `Long text: each field shows its first ${max} characters here; the full text is kept.`));
