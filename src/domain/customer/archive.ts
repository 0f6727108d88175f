/**
 * The customer archive (客户档案表, domain.md §2.2) as zod schemas. Every field is optional
 * because archives start almost empty and fill up over visits; an absent key means "not filled"
 * (the completeness score counts them). Schemas are strict so a stale card cannot smuggle in
 * keys the database would keep forever.
 *
 * Error messages are not written here: `validation.ts` turns zod issues into bilingual text using
 * the field labels, and a regex check's message is only a hint key (see HINTS there).
 */
import { z } from 'zod';
import { BUYER_ROLES, CREDIT_RATINGS, INDUSTRY_POSITIONS, NATURES } from './enums.js';

export const LIMITS = {
  name: 100,
  text: 1000,
  phone: 40,
  ownerId: 64,
  contacts: 10,
  salesYears: 10,
  headcount: 10_000_000,
} as const;

/** Trimmed text; blank means "not filled", so it never counts as filled. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === '' ? undefined : s))
    .optional();

const nameText = () => text(LIMITS.name);
const freeText = () => text(LIMITS.text);

const isoDate = () =>
  z.iso
    .date()
    .refine((d) => d >= '1800-01-01', { params: { hint: 'date_range' } })
    .optional();

/** Integer fen; floats never hold money (money.ts). */
export const fen = () => z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

const phone = () => z.string().trim().max(LIMITS.phone).regex(/^[0-9+\-()（） #*转分机extEXT.]{3,}$/, 'phone').optional();
const count = () => z.number().int().nonnegative().max(LIMITS.headcount).optional();

export const Person = z.strictObject({
  name: nameText(),
  position: nameText(),
  education: freeText(),
  birthDate: isoDate(),
  hobbies: freeText(),
  family: freeText(),
  phone: phone(),
});
export type Person = z.output<typeof Person>;

/** A contact without a name is not a contact: the name is what the card and the visit plan show. */
export const Contact = Person.extend({
  name: z.string().trim().min(1).max(LIMITS.name),
  buyerRoles: z
    .array(z.enum(BUYER_ROLES))
    .max(BUYER_ROLES.length)
    .transform((roles) => [...new Set(roles)])
    .default([]),
});
export type Contact = z.output<typeof Contact>;

/** Personal data (domain.md §2.2): visible only to the owner's line (visibility.ts). */
export const PERSONAL_FIELDS = ['birthDate', 'hobbies', 'family'] as const;

const year = z.string().regex(/^(19|20|21)\d{2}$/, 'year');

export const Archive = z
  .strictObject({
    name: nameText(),
    address: freeText(),
    postcode: z.string().trim().regex(/^\d{6}$/, 'postcode').optional(),
    phone: phone(),
    fax: phone(),
    email: z.email().max(LIMITS.name).optional(),
    foundingDate: isoDate(),
    registeredCapitalFen: fen().optional(),
    majorShareholders: freeText(),
    bank: nameText(),
    accountNumber: z.string().trim().regex(/^[0-9 -]{6,40}$/, 'account').optional(),
    legalRep: Person.optional(),
    personInCharge: Person.optional(),
    contacts: z.array(Contact).max(LIMITS.contacts).default([]),
    employees: count(),
    chineseStaff: count(),
    foreignStaff: count(),
    nature: z.enum(NATURES).optional(),
    industryPosition: z.enum(INDUSTRY_POSITIONS).optional(),
    mainBusiness: freeText(),
    additionalBusiness: freeText(),
    /** Year ('2025') → sales in fen. The form asks for the last three years; older ones are kept. */
    sales: z
      .record(year, fen())
      .refine((r) => Object.keys(r).length <= LIMITS.salesYears, { params: { hint: 'sales_years' } })
      .default({}),
    creditRating: z.enum(CREDIT_RATINGS).optional(),
    ownerId: z.string().trim().min(1).max(LIMITS.ownerId).optional(),
  })
  .superRefine((a, ctx) => {
    // The form has three headcount boxes; a total smaller than its parts is a typo worth catching.
    if (a.employees !== undefined && (a.chineseStaff ?? 0) + (a.foreignStaff ?? 0) > a.employees) {
      ctx.addIssue({ code: 'custom', path: ['employees'], params: { hint: 'headcount_sum' } });
    }
  });
export type Archive = z.output<typeof Archive>;
/** What callers may pass in (blank strings, missing defaults). */
export type ArchiveInput = z.input<typeof Archive>;

export const emptyArchive = (): Archive => ({ contacts: [], sales: {} });
