/**
 * Applies one submitted section form (Feishu `form_value`) to an archive. The form is pre-filled
 * with the current values, so a submission is the whole section: a blank box clears its field.
 * Everything is converted and then the whole archive is validated once, so a bad date or amount
 * anywhere rejects the save as a unit and nothing partial is stored.
 */
import { parseYuan } from '../money.js';
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

type Converted = { ok: true; value: unknown } | { ok: false; hint: string };

function convert(field: FormField, raw: unknown): Converted {
  if (field.kind === 'multi') return { ok: true, value: Array.isArray(raw) ? raw.map(String) : raw ? [String(raw)] : [] };
  const s = raw === undefined || raw === null ? '' : String(raw).trim();
  if (s === '') return { ok: true, value: undefined };
  switch (field.kind) {
    case 'date':
      // Feishu's date_picker submits "2024-05-01 +0800"; only the calendar day matters here.
      return { ok: true, value: /^\d{4}-\d{2}-\d{2}(\s|$)/.test(s) ? s.slice(0, 10) : s };
    case 'amount': {
      const fen = parseYuan(s);
      return fen === null ? { ok: false, hint: 'amount' } : { ok: true, value: fen };
    }
    case 'count':
      return /^\d{1,9}$/.test(s.replace(/[,，\s]/g, '')) ? { ok: true, value: Number(s.replace(/[,，\s]/g, '')) } : { ok: false, hint: 'integer' };
    default:
      return { ok: true, value: s };
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
    const c = convert(field, save.values[field.name]);
    const issuePath = save.section === 'contacts' ? ['contacts', contactPath, field.path[0]] : [...field.path];
    if (!c.ok) {
      extra.push({ path: issuePath, message: hintMessage(labelForPath(issuePath), c.hint) });
      continue;
    }
    const [head, tail] = field.path;
    if (save.section === 'contacts') contact[head] = c.value;
    else if (tail === undefined) setOrDelete(next, head, c.value);
    else {
      const inner = { ...((next[head] as Record<string, unknown> | undefined) ?? {}) };
      setOrDelete(inner, tail, c.value);
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
