/** Helpers for the approval card tests: walking card JSON and checking it against Feishu's rules. */
import { expect } from 'vitest';
import { decodeActionValue } from '../../../cards/action-value.js';
import { parseApprovalValue } from '../../../cards/approval-values.js';
import type { Card } from '../../../cards/kit.js';
import { CARD_MAX_BYTES, validateCard } from '../../../cards/validate.js';

type El = Record<string, unknown>;

/** Every element of the card, depth first, including those inside forms, columns and panels. */
export function elementsOf(card: Card): El[] {
  const out: El[] = [];
  const visit = (el: El): void => {
    out.push(el);
    for (const key of ['elements', 'columns'] as const) {
      const kids = el[key];
      if (Array.isArray(kids)) kids.forEach((k) => visit(k as El));
    }
  };
  card.body.elements.forEach((e) => visit(e as El));
  return out;
}

export const buttonsOf = (card: Card): El[] => elementsOf(card).filter((e) => e.tag === 'button');

export const callbackValue = (button: El): unknown => (button.behaviors as { value: unknown }[])[0]!.value;

/** The text a reader in `lang` sees in the card's markdown, header included. */
export function textOf(card: Card, lang: 'zh_cn' | 'en_us'): string {
  const parts: string[] = [];
  const grab = (o: unknown): void => {
    if (Array.isArray(o)) return o.forEach(grab);
    if (o && typeof o === 'object') {
      const rec = o as Record<string, unknown>;
      const i18n = rec.i18n_content as Record<string, string> | undefined;
      if (i18n?.[lang] !== undefined) parts.push(i18n[lang]!);
      for (const [k, v] of Object.entries(rec)) if (k !== 'i18n_content' && k !== 'content') grab(v);
    }
  };
  grab(card.header);
  grab(card.body);
  return parts.join('\n');
}

export const bytesOf = (card: Card): number => new TextEncoder().encode(JSON.stringify(card)).length;

/**
 * What every approval card must satisfy: Feishu 2.0 rules, the 30 KB limit, and button values
 * that survive the trip through Feishu (JSON) and decode to one of our values.
 */
export function expectSendable(card: Card): void {
  expect(validateCard(card)).toEqual([]);
  expect(bytesOf(card)).toBeLessThan(CARD_MAX_BYTES);
  for (const b of buttonsOf(card)) {
    const echoed: unknown = JSON.parse(JSON.stringify(callbackValue(b)));
    const decoded = decodeActionValue(echoed);
    expect(decoded).not.toBeNull();
    expect(decoded).toEqual(echoed);
    expect(parseApprovalValue(echoed)).toEqual(echoed);
  }
  // every text carries both languages
  expect(textOf(card, 'zh_cn').length).toBeGreaterThan(0);
  expect(textOf(card, 'en_us').length).toBeGreaterThan(0);
}
