/**
 * Field keys and their labels. A FieldKey names one thing the completeness score counts and
 * the bot can ask for: a company field, one attribute of the legal representative or person in
 * charge, or "a contact with this buyer role".
 */
import { i18n, type I18nText } from '../i18n.js';
import { BUYER_ROLES, BUYER_ROLE_LABEL, type BuyerRole } from './enums.js';

const COMPANY_FIELDS = [
  'name', 'address', 'postcode', 'phone', 'fax', 'email',
  'foundingDate', 'registeredCapitalFen', 'majorShareholders', 'bank', 'accountNumber',
  'employees', 'chineseStaff', 'foreignStaff', 'nature', 'industryPosition',
  'mainBusiness', 'additionalBusiness', 'sales', 'creditRating', 'ownerId',
] as const;
export type CompanyField = (typeof COMPANY_FIELDS)[number];

export const PERSON_ATTRS = ['name', 'position', 'education', 'birthDate', 'hobbies', 'family', 'phone'] as const;
export type PersonAttr = (typeof PERSON_ATTRS)[number];
export const PEOPLE = ['legalRep', 'personInCharge'] as const;
export type PersonSlot = (typeof PEOPLE)[number];

export type PersonFieldKey = `${PersonSlot}.${PersonAttr}`;
export type ContactFieldKey = 'contacts' | `contacts.${BuyerRole}`;
export type FieldKey = CompanyField | PersonFieldKey | ContactFieldKey;

const PERSON_FIELD_KEYS: PersonFieldKey[] = PEOPLE.flatMap((p) => PERSON_ATTRS.map((a) => `${p}.${a}` as const));
const CONTACT_FIELD_KEYS: ContactFieldKey[] = ['contacts', ...BUYER_ROLES.map((r) => `contacts.${r}` as const)];
/** In form order: what the card lists and what "missing" is sorted by after the priorities. */
export const FIELD_KEYS: readonly FieldKey[] = [...COMPANY_FIELDS, ...PERSON_FIELD_KEYS, ...CONTACT_FIELD_KEYS];
const KNOWN = new Set<string>(FIELD_KEYS);
export const isFieldKey = (s: string): s is FieldKey => KNOWN.has(s);

export const COMPANY_LABEL: Record<CompanyField, I18nText> = {
  name: i18n('客户名称', 'Customer name'),
  address: i18n('地址', 'Address'),
  postcode: i18n('邮编', 'Postcode'),
  phone: i18n('电话', 'Phone'),
  fax: i18n('传真', 'Fax'),
  email: i18n('电子邮箱', 'Email'),
  foundingDate: i18n('成立日期', 'Founding date'),
  registeredCapitalFen: i18n('注册资金', 'Registered capital'),
  majorShareholders: i18n('主要股东', 'Major shareholders'),
  bank: i18n('开户行', 'Bank'),
  accountNumber: i18n('账号', 'Account number'),
  employees: i18n('职工人数', 'Employees'),
  chineseStaff: i18n('中方人数', 'Chinese staff'),
  foreignStaff: i18n('外方人数', 'Foreign staff'),
  nature: i18n('公司性质', 'Company type'),
  industryPosition: i18n('同业地位', 'Industry position'),
  mainBusiness: i18n('主营业务', 'Main business'),
  additionalBusiness: i18n('附加业务', 'Additional business'),
  sales: i18n('近三年销售额', 'Sales, last three years'),
  creditRating: i18n('信用等级', 'Credit rating'),
  ownerId: i18n('负责专员', 'Owner'),
};

export const PERSON_LABEL: Record<PersonSlot | 'contact', I18nText> = {
  legalRep: i18n('法人', 'Legal representative'),
  personInCharge: i18n('负责人', 'Person in charge'),
  contact: i18n('联系人', 'Contact'),
};

export const PERSON_ATTR_LABEL: Record<PersonAttr | 'buyerRoles', I18nText> = {
  name: i18n('姓名', 'Name'),
  position: i18n('职位', 'Position'),
  education: i18n('教育经历', 'Education'),
  birthDate: i18n('出生日期', 'Birth date'),
  hobbies: i18n('兴趣爱好', 'Hobbies'),
  family: i18n('家庭情况', 'Family'),
  phone: i18n('电话', 'Phone'),
  buyerRoles: i18n('买家角色', 'Buyer roles'),
};

export const ARCHIVE_NO_LABEL = i18n('档案编号', 'Archive no.');
export const CREATED_ON_LABEL = i18n('建档日期', 'Created on');
const CONTACTS_LABEL = i18n('主要联系人', 'Main contacts');

const join = (a: I18nText, b: I18nText): I18nText => i18n(`${a.zh_cn}·${b.zh_cn}`, `${a.en_us} · ${b.en_us}`);

export function fieldLabel(key: FieldKey): I18nText {
  if (key === 'contacts') return CONTACTS_LABEL;
  const [head, tail] = key.split('.') as [string, string | undefined];
  if (tail === undefined) return COMPANY_LABEL[head as CompanyField];
  if (head === 'contacts') {
    const role = BUYER_ROLE_LABEL[tail as BuyerRole];
    return i18n(`联系人（${role.zh_cn}）`, `Contact (${role.en_us})`);
  }
  return join(PERSON_LABEL[head as PersonSlot], PERSON_ATTR_LABEL[tail as PersonAttr]);
}

/** The label for a zod issue path such as ['contacts', 2, 'birthDate'] or ['sales', '2025']. */
export function labelForPath(path: readonly PropertyKey[]): I18nText {
  const [head, second, third] = path;
  if (head === 'contacts' && typeof second === 'number') {
    const who = i18n(`联系人${second + 1}`, `Contact ${second + 1}`);
    const attr = PERSON_ATTR_LABEL[third as PersonAttr | 'buyerRoles'];
    return attr ? join(who, attr) : who;
  }
  if (head === 'sales' && typeof second === 'string') return i18n(`${second}年销售额`, `Sales ${second}`);
  if ((head === 'legalRep' || head === 'personInCharge') && typeof second === 'string') {
    const attr = PERSON_ATTR_LABEL[second as PersonAttr];
    if (attr) return join(PERSON_LABEL[head], attr);
  }
  if (typeof head === 'string' && head in COMPANY_LABEL) return COMPANY_LABEL[head as CompanyField];
  if (head === 'contacts') return CONTACTS_LABEL;
  return i18n(path.map(String).join('.') || '内容', path.map(String).join('.') || 'Input');
}
