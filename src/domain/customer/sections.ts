/**
 * The archive is edited section by section, one card form each, because a whole archive form
 * would pass Feishu's 30 KB / 200-element card limits. This file is the single description of
 * each section's form fields: cards render it and archive-form.ts parses the submission with it,
 * so the two can never disagree about a field name.
 */
import { i18n, type I18nText } from '../i18n.js';
import { LIMITS } from './archive.js';
import {
  BUYER_ROLES, BUYER_ROLE_LABEL, CREDIT_RATINGS, CREDIT_RATING_LABEL, INDUSTRY_POSITIONS,
  INDUSTRY_POSITION_LABEL, NATURES, NATURE_LABEL, optionsOf,
} from './enums.js';
import {
  COMPANY_LABEL, PEOPLE, PERSON_ATTRS, PERSON_ATTR_LABEL, PERSON_LABEL,
  type CompanyField, type FieldKey, type PersonAttr,
} from './labels.js';

export const SECTIONS = ['basic', 'registration', 'people', 'contacts', 'size_nature', 'business', 'credit'] as const;
export type Section = (typeof SECTIONS)[number];

export const SECTION_LABEL: Record<Section, I18nText> = {
  basic: i18n('基本信息', 'Basic information'),
  registration: i18n('注册与银行', 'Registration and bank'),
  people: i18n('法人与负责人', 'Legal representative and person in charge'),
  contacts: i18n('主要联系人', 'Main contacts'),
  size_nature: i18n('规模与性质', 'Size and type'),
  business: i18n('业务与销售', 'Business and sales'),
  credit: i18n('信用', 'Credit'),
};

const COMPANY_SECTION: Partial<Record<CompanyField, Section>> = {
  name: 'basic', address: 'basic', postcode: 'basic', phone: 'basic', fax: 'basic', email: 'basic',
  foundingDate: 'registration', registeredCapitalFen: 'registration', majorShareholders: 'registration',
  bank: 'registration', accountNumber: 'registration',
  employees: 'size_nature', chineseStaff: 'size_nature', foreignStaff: 'size_nature', nature: 'size_nature',
  industryPosition: 'size_nature',
  mainBusiness: 'business', additionalBusiness: 'business', sales: 'business',
  creditRating: 'credit',
};

/** The section whose form fills a field; null for the owner, which only a handover changes. */
export function sectionOf(key: FieldKey): Section | null {
  if (key.startsWith('contacts')) return 'contacts';
  if (key.startsWith('legalRep.') || key.startsWith('personInCharge.')) return 'people';
  return COMPANY_SECTION[key as CompanyField] ?? null;
}

export type FormFieldKind = 'text' | 'multiline' | 'date' | 'amount' | 'count' | 'select' | 'multi';
export interface FormField {
  /** Unique within the card; also the key in the submitted form_value. */
  name: string;
  /** Where the value lives in the archive (for contacts: inside the one contact being edited). */
  path: [string] | [string, string];
  label: I18nText;
  kind: FormFieldKind;
  maxLength: number;
  options?: { value: string; text: I18nText }[];
  personal?: boolean;
}

const f = (name: string, path: FormField['path'], label: I18nText, kind: FormFieldKind, maxLength: number = LIMITS.name, extra: Partial<FormField> = {}): FormField =>
  ({ name, path, label, kind, maxLength, ...extra });
const company = (k: CompanyField, kind: FormFieldKind, maxLength?: number, extra?: Partial<FormField>) =>
  f(k, [k], COMPANY_LABEL[k], kind, maxLength, extra);

const PERSON_KIND: Record<PersonAttr, [FormFieldKind, number]> = {
  name: ['text', LIMITS.name], position: ['text', LIMITS.name], education: ['multiline', LIMITS.text],
  birthDate: ['date', 10], hobbies: ['multiline', LIMITS.text], family: ['multiline', LIMITS.text], phone: ['text', LIMITS.phone],
};
const PERSONAL = new Set<PersonAttr>(['birthDate', 'hobbies', 'family']);

function personFields(prefix: string, root: string | null, who: I18nText): FormField[] {
  return PERSON_ATTRS.map((a) => {
    const [kind, max] = PERSON_KIND[a];
    const label = i18n(`${who.zh_cn}${PERSON_ATTR_LABEL[a].zh_cn}`, `${who.en_us} ${PERSON_ATTR_LABEL[a].en_us.toLowerCase()}`);
    return f(`${prefix}_${a}`, root ? [root, a] : [a], label, kind, max, PERSONAL.has(a) ? { personal: true } : {});
  });
}

/** The three completed years before `currentYear`: what "sales of the last three years" asks for. */
export const salesYears = (currentYear: number): string[] => [1, 2, 3].map((d) => String(currentYear - d));

/**
 * The form fields of a section. `includePersonal: false` leaves out birth dates, hobbies and
 * family, for an editor who may not see them (their values are then kept as they are).
 */
export function sectionFields(section: Section, ctx: { currentYear: number; includePersonal: boolean }): FormField[] {
  const all = ((): FormField[] => {
    switch (section) {
      case 'basic':
        return [company('name', 'text'), company('address', 'multiline', LIMITS.text), company('postcode', 'text', 6),
          company('phone', 'text', LIMITS.phone), company('fax', 'text', LIMITS.phone), company('email', 'text')];
      case 'registration':
        return [company('foundingDate', 'date', 10), company('registeredCapitalFen', 'amount', 30),
          company('majorShareholders', 'multiline', LIMITS.text), company('bank', 'text'), company('accountNumber', 'text', 40)];
      case 'people':
        return PEOPLE.flatMap((p) => personFields(p, p, PERSON_LABEL[p]));
      case 'contacts':
        return [...personFields('contact', null, i18n('', '')).map((x) => ({ ...x, label: PERSON_ATTR_LABEL[x.path[0] as PersonAttr] })),
          f('contact_buyerRoles', ['buyerRoles'], PERSON_ATTR_LABEL.buyerRoles, 'multi', 0, { options: optionsOf(BUYER_ROLES, BUYER_ROLE_LABEL) })];
      case 'size_nature':
        return [company('employees', 'count', 9), company('chineseStaff', 'count', 9), company('foreignStaff', 'count', 9),
          company('nature', 'select', 0, { options: optionsOf(NATURES, NATURE_LABEL) }),
          company('industryPosition', 'select', 0, { options: optionsOf(INDUSTRY_POSITIONS, INDUSTRY_POSITION_LABEL) })];
      case 'business':
        return [company('mainBusiness', 'multiline', LIMITS.text), company('additionalBusiness', 'multiline', LIMITS.text),
          ...salesYears(ctx.currentYear).map((y) => f(`sales_${y}`, ['sales', y], i18n(`${y}年销售额`, `Sales ${y}`), 'amount', 30))];
      case 'credit':
        return [company('creditRating', 'select', 0, { options: optionsOf(CREDIT_RATINGS, CREDIT_RATING_LABEL) })];
    }
  })();
  return ctx.includePersonal ? all : all.filter((x) => !x.personal);
}
