/**
 * Feishu's person pickers (`select_person`, `multi_select_person`; lark-more.md §3.7) in place of
 * static dropdowns of names. An option is only `{"value":"ou_…"}` (~50 bytes; Feishu shows the
 * name and avatar and lets the reader search), where a static option carried the name three
 * times (~170 bytes). Options must be listed: an empty list means "the members of this chat",
 * which in a direct chat is only the reader. A form with several pickers at a 200-person roster
 * still cannot list everyone in each, so `fitPeople` cuts the least relevant candidates until the
 * card fits, and the card says so.
 * In a form, Feishu sends the picked open_id (or an array of them) under the picker's name.
 */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { note, plain, type Card, type CardElement } from './kit.js';
import { byteSize } from './customer-parts.js';

/** Card bytes a form with pickers may take; the rest of 30 KB is headroom for the envelope. */
const PICKER_CARD_BUDGET = 27 * 1024;
/** Candidate counts tried, largest first, until the card fits the budget. */
const CAPS = [150, 100, 60, 40, 25, 15, 10, 5];

const options = (candidates: readonly string[], keep: readonly string[], cap: number): { value: string }[] => {
  const ids = candidates.filter((id) => id.startsWith('ou_'));
  const listed = new Set(ids.slice(0, cap));
  // Someone already picked (an edited plan) stays offered, or the picker would drop them.
  for (const id of keep) if (ids.includes(id)) listed.add(id);
  return [...listed].map((value) => ({ value }));
};

export function personSelect(o: { name: string; placeholder: I18nText; candidates: readonly string[]; cap?: number; required?: boolean; initial?: string | null }): CardElement {
  const opts = options(o.candidates, o.initial ? [o.initial] : [], o.cap ?? Infinity);
  const el: CardElement = { tag: 'select_person', name: o.name, placeholder: plain(o.placeholder), width: 'fill', options: opts };
  if (o.required) el.required = true;
  if (o.initial && opts.some((x) => x.value === o.initial)) el.initial_option = o.initial;
  return el;
}

export function personMultiSelect(o: { name: string; placeholder: I18nText; candidates: readonly string[]; cap?: number; required?: boolean; selected?: readonly string[] }): CardElement {
  const opts = options(o.candidates, o.selected ?? [], o.cap ?? Infinity);
  const el: CardElement = { tag: 'multi_select_person', name: o.name, placeholder: plain(o.placeholder), width: 'fill', options: opts };
  if (o.required) el.required = true;
  const picked = (o.selected ?? []).filter((s) => opts.some((x) => x.value === s));
  if (picked.length) el.selected_values = picked;
  return el;
}

/** Told when a picker lists fewer people than the roster holds. */
export const shortlistNote = (listed: number, total: number): CardElement =>
  note(
    i18n(
      `名单较长：选择框列出与你最相关的 ${listed} 位同事（本组优先，共 ${total} 人）。`,
      `A long roster: the pickers list the ${listed} colleagues closest to you (your team first; ${total} in all).`,
    ),
  );

/**
 * Builds the card with as many candidates per picker as fit: `build(cap)` gets the most
 * candidates each picker may list (Infinity = all) and returns the card.
 */
export function fitPeople(total: number, build: (cap: number) => Card): Card {
  let built = build(Infinity);
  for (const cap of CAPS) {
    if (byteSize(built) <= PICKER_CARD_BUDGET) break;
    if (cap < total) built = build(cap);
  }
  return built;
}
