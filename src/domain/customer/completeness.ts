/**
 * Archive completeness (the archive KPI): the share of the required fields that are filled.
 * The required list is a setting; unknown keys in it (a typo, a field removed in a later
 * release) are ignored rather than counted as forever missing.
 */
import type { I18nText } from '../i18n.js';
import type { Archive } from './archive.js';
import type { BuyerRole } from './enums.js';
import { FIELD_KEYS, fieldLabel, isFieldKey, type FieldKey, type PersonAttr, type PersonSlot } from './labels.js';
import { sectionOf, type Section } from './sections.js';

/** The default setting: what a usable key-account archive needs before a development application. */
export const DEFAULT_REQUIRED_FIELDS: readonly FieldKey[] = [
  'name', 'address', 'phone', 'foundingDate', 'registeredCapitalFen', 'bank', 'accountNumber',
  'legalRep.name', 'personInCharge.name', 'personInCharge.phone',
  'contacts', 'contacts.economic', 'contacts.coach',
  'employees', 'nature', 'industryPosition', 'mainBusiness', 'sales', 'creditRating',
];

/**
 * What to ask for first. Visits should focus on the economic buyer and the coach (§3.3.3 二.5),
 * so knowing them is worth most; then who signs (legal representative) and whether they pay
 * (credit rating). Everything else follows in form order.
 */
const FIELD_PRIORITY: readonly FieldKey[] = [
  'contacts.economic', 'contacts.coach', 'legalRep.name', 'creditRating',
  'personInCharge.name', 'personInCharge.phone', 'contacts', 'contacts.technical', 'contacts.paying', 'contacts.user',
  'nature', 'industryPosition', 'mainBusiness', 'sales', 'registeredCapitalFen', 'phone', 'address',
];
const RANK = new Map<FieldKey, number>([...FIELD_PRIORITY, ...FIELD_KEYS.filter((k) => !FIELD_PRIORITY.includes(k))].map((k, i) => [k, i]));

/** Splits a settings list into known field keys (deduplicated) and the unknown rest. */
export function parseRequiredFields(list: readonly string[]): { fields: FieldKey[]; unknown: string[] } {
  const fields = [...new Set(list.filter(isFieldKey))];
  return { fields, unknown: list.filter((s) => !isFieldKey(s)) };
}

export function isFilled(archive: Archive, key: FieldKey): boolean {
  if (key === 'contacts') return archive.contacts.length > 0;
  if (key.startsWith('contacts.')) {
    const role = key.slice('contacts.'.length) as BuyerRole;
    return archive.contacts.some((c) => c.buyerRoles.includes(role));
  }
  if (key === 'sales') return Object.keys(archive.sales).length > 0;
  const [head, tail] = key.split('.') as [string, string | undefined];
  const value = tail === undefined
    ? (archive as Record<string, unknown>)[head]
    : archive[head as PersonSlot]?.[tail as PersonAttr];
  return value !== undefined && value !== null && value !== '';
}

export interface Completeness {
  /** 0–100, rounded down so 100 means truly complete. */
  score: number;
  filled: number;
  required: number;
  /** Most valuable first (FIELD_PRIORITY). */
  missing: FieldKey[];
}

const byRank = (a: FieldKey, b: FieldKey) => (RANK.get(a) ?? 999) - (RANK.get(b) ?? 999);

export function completeness(archive: Archive, requiredFields: readonly string[] = DEFAULT_REQUIRED_FIELDS): Completeness {
  const { fields } = parseRequiredFields(requiredFields);
  const missing = fields.filter((k) => !isFilled(archive, k)).sort(byRank);
  const filled = fields.length - missing.length;
  const score = fields.length === 0 ? 100 : Math.floor((filled * 100) / fields.length);
  return { score, filled, required: fields.length, missing };
}

export interface MissingField {
  field: FieldKey;
  /** The form that fills it; null for fields no form edits (the owner). */
  section: Section | null;
  label: I18nText;
}

/**
 * The one field to ask the owner for next, or null when the archive is complete. `skip` holds
 * fields asked recently (the caller's memory), so a "not now" does not bring the same question back.
 */
export function nextMissingField(
  archive: Archive,
  requiredFields: readonly string[] = DEFAULT_REQUIRED_FIELDS,
  opts: { skip?: readonly string[] } = {},
): MissingField | null {
  const skip = new Set(opts.skip ?? []);
  const field = completeness(archive, requiredFields).missing.find((k) => !skip.has(k) && sectionOf(k) !== null);
  return field ? { field, section: sectionOf(field), label: fieldLabel(field) } : null;
}
