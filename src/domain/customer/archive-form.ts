/**
 * Applies one submitted section form (Feishu `form_value`) to an archive. The form is pre-filled
 * with the current values, so a submission is the whole section: a blank box clears its field.
 * Everything is converted and then the whole archive is validated once, so a bad date or amount
 * anywhere rejects the save as a unit and nothing partial is stored.
 */
import { readCount, readDate, readList, readMoney, readText } from '../card-form.js';
import { DomainError } from '../errors.js';
import type { I18nText } from '../i18n.js';
import { Archive, PERSONAL_FIELDS, type Contact } from './archive.js';
import { labelForPath } from './labels.js';
import { sectionFields, type FormField, type Section } from './sections.js';
import { hintMessage, parseOrThrow, type FieldIssue } from './validation.js';

export interface SectionSave {
  section: Section;
  /** The form_value of the card callback. */
  values: Record<string, unknown>;
  /** The year "now" falls in (company zone): fixes which three sales years the form showed. */
  currentYear: number;
  /** False when the form left out personal fields; the stored ones are then kept. */
  includePersonal: boolean;
  /** Contacts only: the contact edited, or null/undefined for a new one. */
  contactIndex?: number | null;
}

/**
 * One box, read by card-form under the label of its place in the archive (「联系人4·出生日期」);
 * blank → undefined (the field is cleared). Lengths and ranges are the archive schema's, checked
 * with the whole archive after.
 */
function convert(field: FormField, values: Record<string, unknown>, label: I18nText): unknown {
  switch (field.kind) {
    case 'multi':
      return readList(values, field.name);
    case 'date':
      return readDate(values, field.name, label) ?? undefined;
    case 'amount':
      return readMoney(values, field.name, label, { signed: true }) ?? undefined;
    case 'count':
      return readCount(values, field.name, label) ?? undefined;
    default:
      // Texts and selects: the schema's limits and option lists (「公司性质」应为以下之一：…) say more than a bare cap here.
      return readText(values, field.name, label, Infinity) ?? undefined;
  }
}

const setOrDelete = (obj: Record<string, unknown>, key: string, value: unknown): void => {
  if (value === undefined) delete obj[key];
  else obj[key] = value;
};

const isBlank = (obj: Record<string, unknown>): boolean =>
  Object.values(obj).every((v) => v === undefined || (Array.isArray(v) && v.length === 0));

/**
 * The archive after saving one section form, validated; throws DomainError('VALIDATION') with
 * one bilingual line per bad field. For contacts, a blank name with nothing else removes the
 * contact being edited.
 */
export function applySectionForm(archive: Archive, save: SectionSave): Archive {
  const fields = sectionFields(save.section, { currentYear: save.currentYear, includePersonal: save.includePersonal });
  const extra: FieldIssue[] = [];
  const next: Record<string, unknown> = structuredClone(archive) as Record<string, unknown>;
  const contacts = [...archive.contacts];
  const index = save.contactIndex ?? null;
  const contactPath = index ?? contacts.length;
  const contact: Record<string, unknown> = {};

  for (const field of fields) {
    const issuePath = save.section === 'contacts' ? ['contacts', contactPath, field.path[0]] : [...field.path];
    let value: unknown;
    try {
      value = convert(field, save.values, labelForPath(issuePath));
    } catch (e) {
      // Every bad box is listed together with the schema's findings, so the reader's refusal is collected, not thrown.
      if (!(e instanceof DomainError) || e.code !== 'VALIDATION') throw e;
      extra.push({ path: issuePath, message: e.userMessage });
      continue;
    }
    const [head, tail] = field.path;
    if (save.section === 'contacts') contact[head] = value;
    else if (tail === undefined) setOrDelete(next, head, value);
    else {
      const inner = { ...((next[head] as Record<string, unknown> | undefined) ?? {}) };
      setOrDelete(inner, tail, value);
      if (head !== 'sales' && isBlank(inner)) delete next[head];
      else next[head] = inner;
    }
  }

  if (save.section === 'contacts') {
    const before = index === null ? undefined : archive.contacts[index];
    if (index !== null && !before) extra.push({ path: ['contacts'], message: hintMessage(labelForPath(['contacts']), 'contact_gone') });
    // Blankness is judged on what was submitted, before hidden personal fields are carried over.
    const submittedBlank = isBlank(contact);
    if (before && !save.includePersonal) for (const k of PERSONAL_FIELDS) contact[k] = before[k];
    if (index === null) {
      if (!submittedBlank) contacts.push(contact as Contact);
    } else if (submittedBlank) {
      contacts.splice(index, 1);
    } else {
      contacts[index] = contact as Contact;
    }
    next.contacts = contacts;
  }
  return parseOrThrow(Archive, next, { extra });
}
