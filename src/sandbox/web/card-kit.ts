/**
 * What the card renderer's parts share: loose JSON access, the action and environment types,
 * and text in the reader's language.
 */
import type { Lang } from './types.js';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

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

/** The value a click sends: the callback behaviour's, else the element's own. */
export const callbackValue = (el: Obj): unknown => {
  const cb = arr(el.behaviors).find((b) => isObj(b) && b.type === 'callback');
  return isObj(cb) ? cb.value : el.value;
};
