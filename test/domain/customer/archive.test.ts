import { describe, expect, it } from 'vitest';
import { Archive, LIMITS, emptyArchive } from '../../../src/domain/customer/archive.js';
import { parseOrThrow } from '../../../src/domain/customer/validation.js';
import { DomainError } from '../../../src/domain/errors.js';
import { fullArchive } from './fixtures.js';

const fail = (input: unknown): DomainError => {
  try {
    parseOrThrow(Archive, input);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a validation error');
};

describe('archive schema', () => {
  it('accepts a full archive and an empty one', () => {
    expect(parseOrThrow(Archive, fullArchive())).toEqual(fullArchive());
    expect(parseOrThrow(Archive, {})).toEqual(emptyArchive());
  });

  it('treats blank text as not filled and trims', () => {
    const a = parseOrThrow(Archive, { name: '  华能  ', address: '   ', legalRep: { name: '' } });
    expect(a.name).toBe('华能');
    expect('address' in a && a.address !== undefined).toBe(false);
    expect(a.legalRep?.name).toBeUndefined();
  });

  it('deduplicates buyer roles', () => {
    const a = parseOrThrow(Archive, { contacts: [{ name: '李', buyerRoles: ['coach', 'coach', 'economic'] }] });
    expect(a.contacts[0]!.buyerRoles).toEqual(['coach', 'economic']);
  });

  it.each([
    ['bad date', { foundingDate: '2026-02-30' }, '「成立日期」日期无效', 'Founding date: is not a valid date'],
    ['date in a bad format', { foundingDate: '2026/01/01' }, '「成立日期」日期无效', 'Founding date: is not a valid date'],
    ['date too early', { foundingDate: '1700-01-01' }, '「成立日期」日期太早了', 'Founding date: is too far in the past'],
    ['bad birth date of a contact', { contacts: [{ name: '李', birthDate: '1990-13-01' }] }, '「联系人1·出生日期」日期无效', 'Contact 1 · Birth date: is not a valid date'],
    ['fractional amount', { registeredCapitalFen: 12.5 }, '「注册资金」应为整数', 'Registered capital: must be a whole number'],
    ['negative amount', { registeredCapitalFen: -1 }, '「注册资金」不能小于 0', 'Registered capital: must be at least 0'],
    ['amount as text', { registeredCapitalFen: '500万' }, '「注册资金」应为整数', 'Registered capital: must be a whole number'],
    ['bad sales amount', { sales: { '2025': -5 } }, '「2025年销售额」不能小于 0', 'Sales 2025: must be at least 0'],
    ['bad sales year', { sales: { '25': 5 } }, '年份应为四位数字', 'the year must have four digits'],
    ['name too long', { name: '名'.repeat(LIMITS.name + 1) }, '「客户名称」最多 100 个字', 'Customer name: at most 100 characters'],
    ['free text too long', { mainBusiness: 'x'.repeat(LIMITS.text + 1) }, '「主营业务」最多 1000 个字', 'Main business: at most 1000 characters'],
    ['person text too long', { legalRep: { hobbies: 'x'.repeat(LIMITS.text + 1) } }, '「法人·兴趣爱好」最多 1000 个字', 'Legal representative · Hobbies: at most 1000 characters'],
    ['bad nature', { nature: 'cooperative' }, '「公司性质」应为以下之一：上市公司、私人有限公司、中外合资、外商独资、国营公司', 'Company type: must be one of: Listed company'],
    ['bad industry position', { industryPosition: 'giant' }, '「同业地位」应为以下之一：同业领导者', 'Industry position: must be one of: Industry leader'],
    ['bad credit rating', { creditRating: 'AAAA' }, '「信用等级」应为以下之一：AAA 信用极好', 'Credit rating: must be one of: AAA excellent'],
    ['bad buyer role', { contacts: [{ name: '李', buyerRoles: ['boss'] }] }, '「联系人1·买家角色」应为以下之一：经济买家、技术买家', 'Contact 1 · Buyer roles: must be one of: Economic buyer'],
    ['contact without a name', { contacts: [{ name: ' ', position: '经理' }] }, '「联系人1·姓名」不能为空', 'Contact 1 · Name: is required'],
    ['too many contacts', { contacts: Array.from({ length: 11 }, (_, i) => ({ name: `c${i}` })) }, '「主要联系人」最多 10 项', 'Main contacts: at most 10 items'],
    ['bad email', { email: 'info@' }, '「电子邮箱」邮箱格式不对', 'Email: is not a valid email address'],
    ['bad postcode', { postcode: '1000' }, '「邮编」应为 6 位数字', 'Postcode: must be 6 digits'],
    ['bad phone', { phone: 'call me' }, '「电话」只能包含数字', 'Phone: may contain only digits'],
    ['bad account number', { accountNumber: 'abc' }, '「账号」应为 6–40 位数字', 'Account number: must be 6–40 digits'],
    ['fractional headcount', { employees: 1.5 }, '「职工人数」应为整数', 'Employees: must be a whole number'],
    ['headcount parts exceed total', { employees: 10, chineseStaff: 8, foreignStaff: 3 }, '「职工人数」小于中方与外方人数之和', 'Employees: is smaller than Chinese plus foreign staff'],
    ['unknown field', { website: 'x' }, '包含未知字段：website', 'has unknown fields: website'],
  ])('%s → bilingual message', (_label, input, zh, en) => {
    const e = fail(input);
    expect(e.code).toBe('VALIDATION');
    expect(e.userMessage.zh_cn).toContain(zh);
    expect(e.userMessage.en_us).toContain(en);
    expect((e.details?.issues as unknown[]).length).toBeGreaterThan(0);
  });

  it('lists every problem at once', () => {
    const e = fail({ foundingDate: 'x', nature: 'y', name: '名'.repeat(101) });
    expect(e.userMessage.zh_cn.split('\n')).toHaveLength(3);
    expect(e.userMessage.en_us.split('\n')).toHaveLength(3);
  });
});
