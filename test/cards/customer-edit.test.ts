import { describe, expect, it } from 'vitest';
import { customerEditCard, FORM_NAME, SUBMIT_NAME, type EditCardView } from '../../cards/customer-edit.js';
import { applySectionForm } from '../../src/domain/customer/archive-form.js';
import { emptyArchive, type Archive } from '../../src/domain/customer/archive.js';
import { SECTIONS, sectionFields, type Section } from '../../src/domain/customer/sections.js';
import { fullArchive, maxArchive } from '../domain/customer/fixtures.js';
import { buttonValues, cardText, expectValidCard, findTags } from '../domain/customer/card-helpers.js';
import type { Card } from '../../cards/kit.js';

const view = (section: Section, archive: Archive, over: Partial<EditCardView> = {}): EditCardView => ({
  customerId: 'cus_1', customerName: archive.name ?? '新客户', section, archive, currentYear: 2026, includePersonal: true, ...over,
});

/** What Feishu would submit if the user pressed Save without touching anything. */
function untouchedSubmission(card: Card): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const form = findTags(card, 'form')[0]!;
  for (const el of form.elements as Record<string, unknown>[]) {
    if (typeof el.name !== 'string' || el.tag === 'button') continue;
    if (el.tag === 'input') out[el.name] = el.default_value ?? '';
    if (el.tag === 'date_picker' && el.initial_date) out[el.name] = `${String(el.initial_date)} +0800`;
    if (el.tag === 'select_static' && el.initial_option) out[el.name] = el.initial_option;
    if (el.tag === 'multi_select_static') out[el.name] = el.selected_values ?? [];
  }
  return out;
}

const CASES: [string, EditCardView][] = [
  ...SECTIONS.map((s): [string, EditCardView] => [`${s}, full archive`, view(s, fullArchive(), s === 'contacts' ? { contactIndex: 0 } : {})]),
  ...SECTIONS.map((s): [string, EditCardView] => [`${s}, empty archive`, view(s, emptyArchive())]),
  ...SECTIONS.map((s): [string, EditCardView] => [`${s}, every field at its limit`, view(s, maxArchive(), s === 'contacts' ? { contactIndex: 9 } : {})]),
  ['contacts, new contact', view('contacts', fullArchive(), { contactIndex: null })],
  ['people, without personal fields', view('people', fullArchive(), { includePersonal: false })],
];

describe('section edit cards', () => {
  it.each(CASES)('%s: valid, under 30 KB, buttons round-trip', (_l, v) => expectValidCard(customerEditCard(v)));

  it.each(SECTIONS)('%s: the submit button carries customer and section', (s) => {
    const card = customerEditCard(view(s, fullArchive(), s === 'contacts' ? { contactIndex: 2 } : {}));
    const submit = findTags(card, 'button').find((b) => b.name === SUBMIT_NAME)!;
    expect(submit.form_action_type).toBe('submit');
    const save = buttonValues(card).find((x) => x.k === 'customer.save');
    expect(save).toEqual(s === 'contacts' ? { v: 1, k: 'customer.save', c: 'cus_1', s, i: 2 } : { v: 1, k: 'customer.save', c: 'cus_1', s });
    expect(findTags(card, 'form')[0]!.name).toBe(FORM_NAME);
  });

  it.each(SECTIONS)('%s: every field of the section is in the form', (s) => {
    const card = customerEditCard(view(s, fullArchive()));
    const names = new Set(findTags(card, 'form').flatMap((f) => (f.elements as { name?: string }[]).map((e) => e.name)));
    for (const f of sectionFields(s, { currentYear: 2026, includePersonal: true })) expect(names).toContain(f.name);
  });

  it.each(SECTIONS)('%s: saving the untouched pre-filled form changes nothing', (s) => {
    const archive = fullArchive();
    const contactIndex = s === 'contacts' ? 1 : undefined;
    const card = customerEditCard(view(s, archive, { contactIndex }));
    const out = applySectionForm(archive, { section: s, values: untouchedSubmission(card), currentYear: 2026, includePersonal: true, contactIndex });
    expect(out).toEqual(archive);
  });

  it('pre-fills dates, selects, multi-selects and amounts', () => {
    const text = cardText(customerEditCard(view('registration', fullArchive())));
    expect(text).toContain('"initial_date":"1989-03-31"');
    expect(text).toContain('"default_value":"¥34,900,000,000.00"');
    expect(cardText(customerEditCard(view('size_nature', fullArchive())))).toContain('"initial_option":"state_owned"');
    expect(cardText(customerEditCard(view('contacts', fullArchive(), { contactIndex: 1 })))).toContain('"selected_values":["coach","paying"]');
    expect(cardText(customerEditCard(view('business', fullArchive())))).toContain('"name":"sales_2025"');
  });

  it('offers a switch to every contact and to a new one', () => {
    const values = buttonValues(customerEditCard(view('contacts', fullArchive(), { contactIndex: 0 })));
    expect(values.filter((x) => x.k === 'customer.edit')).toEqual([
      { v: 1, k: 'customer.edit', c: 'cus_1', s: 'contacts', i: 0 },
      { v: 1, k: 'customer.edit', c: 'cus_1', s: 'contacts', i: 1 },
      { v: 1, k: 'customer.edit', c: 'cus_1', s: 'contacts', i: 2 },
      { v: 1, k: 'customer.edit', c: 'cus_1', s: 'contacts', i: null },
    ]);
  });

  it('leaves personal fields out when asked, and says so', () => {
    const card = customerEditCard(view('people', fullArchive(), { includePersonal: false }));
    const text = cardText(card);
    expect(text).not.toContain('legalRep_birthDate');
    expect(text).not.toContain('书法');
    expect(text).toContain('保存时保持不变');
  });
});
