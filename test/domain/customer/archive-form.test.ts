import { describe, expect, it } from 'vitest';
import { applySectionForm, type SectionSave } from '../../../src/domain/customer/archive-form.js';
import { SECTIONS, salesYears, sectionFields, sectionOf } from '../../../src/domain/customer/sections.js';
import { FIELD_KEYS } from '../../../src/domain/customer/labels.js';
import { emptyArchive } from '../../../src/domain/customer/archive.js';
import { DomainError } from '../../../src/domain/errors.js';
import { fullArchive } from './fixtures.js';

const save = (section: SectionSave['section'], values: Record<string, unknown>, extra: Partial<SectionSave> = {}): SectionSave => ({
  section, values, currentYear: 2026, includePersonal: true, ...extra,
});

const failOf = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
};

describe('section forms', () => {
  it.each(SECTIONS)('section %s has unique field names', (section) => {
    const names = sectionFields(section, { currentYear: 2026, includePersonal: true }).map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('field names are unique across every section (one card may grow to hold two)', () => {
    const names = SECTIONS.flatMap((s) => sectionFields(s, { currentYear: 2026, includePersonal: true }).map((f) => f.name));
    expect(new Set(names).size).toBe(names.length);
  });

  it('every field key except the owner belongs to a section', () => {
    expect(FIELD_KEYS.filter((k) => sectionOf(k) === null)).toEqual(['ownerId']);
  });

  it('asks for the three completed years', () => expect(salesYears(2026)).toEqual(['2025', '2024', '2023']));

  it.each([
    ['basic', { name: ' 华能 ', phone: '010-1234567', email: 'a@b.cn', postcode: '', address: '北京', fax: '' }, { name: '华能', phone: '010-1234567', email: 'a@b.cn', address: '北京' }],
    ['registration', { foundingDate: '2001-02-03 +0800', registeredCapitalFen: '500万', bank: '工行', accountNumber: '123456789' }, { foundingDate: '2001-02-03', registeredCapitalFen: 500_000_000, bank: '工行', accountNumber: '123456789' }],
    ['size_nature', { employees: '1,200', chineseStaff: '1000', foreignStaff: '200', nature: 'private', industryPosition: 'medium' }, { employees: 1200, chineseStaff: 1000, foreignStaff: 200, nature: 'private', industryPosition: 'medium' }],
    ['business', { mainBusiness: '电力', sales_2025: '¥1,000.50', sales_2024: '', sales_2023: '2k' }, { mainBusiness: '电力', sales: { '2025': 100050, '2023': 200000 } }],
    ['credit', { creditRating: 'AA' }, { creditRating: 'AA' }],
    ['people', { legalRep_name: '张三', legalRep_birthDate: '1970-01-02', personInCharge_phone: '139' }, { legalRep: { name: '张三', birthDate: '1970-01-02' }, personInCharge: { phone: '139' } }],
  ] as const)('saves section %s from form values', (section, values, expected) => {
    const out = applySectionForm(emptyArchive(), save(section, values));
    expect(out).toMatchObject(expected);
  });

  it('a blank box clears its field; other sections stay', () => {
    const out = applySectionForm(fullArchive(), save('basic', { name: '华能', address: '', phone: '', fax: '', email: '', postcode: '' }));
    expect(out.address).toBeUndefined();
    expect(out.registeredCapitalFen).toBe(fullArchive().registeredCapitalFen);
    expect(out.contacts).toEqual(fullArchive().contacts);
  });

  it('keeps sales of older years the form did not show', () => {
    const a = { ...emptyArchive(), sales: { '2019': 5 } };
    expect(applySectionForm(a, save('business', { sales_2025: '1' })).sales).toEqual({ '2019': 5, '2025': 100 });
  });

  it.each([
    ['registration', { registeredCapitalFen: 'lots' }, '「注册资金」不是有效金额', 'Registered capital: is not an amount'],
    ['business', { sales_2025: '1.234' }, '「2025年销售额」不是有效金额', 'Sales 2025: is not an amount'],
    ['registration', { foundingDate: 'yesterday' }, '「成立日期」日期无效', 'Founding date: is not a valid date'],
    ['size_nature', { employees: 'ten' }, '「职工人数」应为整数', 'Employees: must be a whole number'],
    ['size_nature', { nature: 'coop' }, '「公司性质」应为以下之一', 'Company type: must be one of'],
    ['basic', { name: '名'.repeat(101) }, '「客户名称」最多 100 个字', 'Customer name: at most 100 characters'],
    ['people', { legalRep_family: 'x'.repeat(1001) }, '「法人·家庭情况」最多 1000 个字', 'Legal representative · Family: at most 1000 characters'],
    ['contacts', { contact_name: '李', contact_birthDate: '1990-02-30' }, '「联系人4·出生日期」日期无效', 'Contact 4 · Birth date: is not a valid date'],
  ] as const)('%s: bad input %j is refused as a whole', (section, values, zh, en) => {
    const before = fullArchive();
    const e = failOf(() => applySectionForm(before, save(section, { ...values })));
    expect(e.code).toBe('VALIDATION');
    expect(e.userMessage.zh_cn).toContain(zh);
    expect(e.userMessage.en_us).toContain(en);
    expect(before).toEqual(fullArchive());
  });

  it('reports a bad amount and a bad date together', () => {
    const e = failOf(() => applySectionForm(emptyArchive(), save('registration', { registeredCapitalFen: 'x', foundingDate: 'y' })));
    expect(e.userMessage.zh_cn.split('\n')).toHaveLength(2);
  });

  describe('contacts, one at a time', () => {
    it('adds a new contact with buyer roles', () => {
      const out = applySectionForm(fullArchive(), save('contacts', { contact_name: '孙', contact_buyerRoles: ['user'] }, { contactIndex: null }));
      expect(out.contacts).toHaveLength(4);
      expect(out.contacts[3]).toMatchObject({ name: '孙', buyerRoles: ['user'] });
    });

    it('a blank new contact adds nothing', () => {
      expect(applySectionForm(fullArchive(), save('contacts', { contact_name: '', contact_buyerRoles: [] })).contacts).toHaveLength(3);
    });

    it('edits a contact in place', () => {
      const out = applySectionForm(fullArchive(), save('contacts', { contact_name: '赵主任', contact_position: '部长', contact_buyerRoles: ['coach'] }, { contactIndex: 1 }));
      expect(out.contacts[1]).toMatchObject({ name: '赵主任', position: '部长', buyerRoles: ['coach'] });
    });

    it('clearing every box removes the contact', () => {
      const out = applySectionForm(fullArchive(), save('contacts', { contact_buyerRoles: [] }, { contactIndex: 0 }));
      expect(out.contacts.map((c) => c.name)).toEqual(['赵主任', '钱工']);
    });

    it('keeps hidden personal fields when the editor did not see them', () => {
      const out = applySectionForm(fullArchive(), save('contacts', { contact_name: '李总', contact_buyerRoles: ['economic'] }, { contactIndex: 0, includePersonal: false }));
      expect(out.contacts[0]).toMatchObject({ name: '李总', birthDate: '1975-02-03', hobbies: '高尔夫', family: '一子' });
    });

    it('keeps hidden personal fields of the legal representative', () => {
      const out = applySectionForm(fullArchive(), save('people', { legalRep_name: '温', legalRep_position: '董事长' }, { includePersonal: false }));
      expect(out.legalRep).toMatchObject({ name: '温', birthDate: '1968-05-01', hobbies: '书法' });
    });

    it('refuses a contact index that no longer exists', () => {
      const e = failOf(() => applySectionForm(fullArchive(), save('contacts', { contact_name: 'x' }, { contactIndex: 7 })));
      expect(e.userMessage.en_us).toContain('open the archive again');
    });
  });
});
