/** Checks every customer card test applies: Feishu 2.0 rules, the size limit, and button values. */
import { expect } from 'vitest';
import { decodeActionValue } from '../../../cards/action-value.js';
import type { Card } from '../../../cards/kit.js';
import { CARD_MAX_BYTES, validateCard } from '../../../cards/validate.js';

type Node = Record<string, unknown>;

/** Every element with the given tag, depth first. */
export function findTags(card: Card, tag: string): Node[] {
  const out: Node[] = [];
  const walk = (el: unknown) => {
    if (!el || typeof el !== 'object') return;
    const n = el as Node;
    if (n.tag === tag) out.push(n);
    for (const key of ['elements', 'columns']) if (Array.isArray(n[key])) (n[key] as unknown[]).forEach(walk);
  };
  card.body.elements.forEach(walk);
  return out;
}

/** The decoded value of every button (throws if one does not round-trip). */
export function buttonValues(card: Card): Record<string, unknown>[] {
  return findTags(card, 'button').map((b) => {
    const raw = (b.behaviors as { value: unknown }[])[0]!.value;
    const decoded = decodeActionValue(raw);
    expect(decoded, JSON.stringify(raw)).not.toBeNull();
    expect(decodeActionValue(JSON.stringify(raw))).toEqual(decoded);
    return decoded as Record<string, unknown>;
  });
}

export function expectValidCard(card: Card): void {
  expect(validateCard(card)).toEqual([]);
  expect(new TextEncoder().encode(JSON.stringify(card)).length).toBeLessThan(CARD_MAX_BYTES);
  buttonValues(card);
}

/** All text a reader could see, both languages, for "is this shown?" assertions. */
export const cardText = (card: Card): string => JSON.stringify(card);
