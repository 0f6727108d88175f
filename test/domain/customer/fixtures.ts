/** Shared builders for the customer tests: a small department roster and archives. */
import { Archive, LIMITS, type ArchiveInput } from '../../../src/domain/customer/archive.js';
import { rosterOf, type Member, type Role } from '../../../src/domain/roster.js';

export const member = (openId: string, role: Role, managerId: string | null = null, active = true): Member => ({
  openId, name: openId.replace('ou_', ''), role, managerId, locale: 'zh_cn', active,
});

/** Two teams under one director: mgr_a runs spec_a1/spec_a2 and the assistant; mgr_b runs spec_b1. */
export const people = {
  director: member('ou_director', 'director'),
  mgrA: member('ou_mgr_a', 'manager', 'ou_director'),
  mgrB: member('ou_mgr_b', 'manager', 'ou_director'),
  specA1: member('ou_spec_a1', 'specialist', 'ou_mgr_a'),
  specA2: member('ou_spec_a2', 'specialist', 'ou_mgr_a'),
  specB1: member('ou_spec_b1', 'specialist', 'ou_mgr_b'),
  assistant: member('ou_assistant', 'assistant', 'ou_mgr_a'),
  finance: member('ou_finance', 'finance'),
  admin: member('ou_admin', 'admin'),
  leftSpec: member('ou_left', 'specialist', 'ou_mgr_a', false),
};
export const roster = rosterOf(Object.values(people));

export const parseArchive = (input: ArchiveInput): Archive => Archive.parse(input);

export const fullArchive = (): Archive =>
  parseArchive({
    name: '中国华能集团有限公司',
    address: '北京市西城区复兴门内大街6号',
    postcode: '100031',
    phone: '010-63228800',
    fax: '010-63228866',
    email: 'info@chng.com.cn',
    foundingDate: '1989-03-31',
    registeredCapitalFen: 34_900_000_000_00,
    majorShareholders: '国务院国资委',
    bank: '中国工商银行北京分行',
    accountNumber: '0200 0000 0000 1234',
    legalRep: { name: '温枢刚', position: '董事长', education: '博士', birthDate: '1968-05-01', hobbies: '书法', family: '已婚', phone: '13800000000' },
    personInCharge: { name: '王强', position: '采购总监', phone: '13900000000' },
    contacts: [
      { name: '李经理', position: '总经理', buyerRoles: ['economic'], birthDate: '1975-02-03', hobbies: '高尔夫', family: '一子' },
      { name: '赵主任', position: '采购部主任', buyerRoles: ['coach', 'paying'] },
      { name: '钱工', position: '总工程师', buyerRoles: ['technical'] },
    ],
    employees: 1200,
    chineseStaff: 1150,
    foreignStaff: 50,
    nature: 'state_owned',
    industryPosition: 'leader',
    mainBusiness: '电力生产',
    additionalBusiness: '煤炭、金融',
    sales: { '2025': 100_000_000_00, '2024': 90_000_000_00, '2023': 80_000_000_00 },
    creditRating: 'AAA',
    ownerId: 'ou_spec_a1',
  });

const long = (n: number, ch = '长') => ch.repeat(n);

/** Every text at its limit, ten contacts: the worst case a card must still fit. */
export const maxArchive = (): Archive => {
  const person = { name: long(LIMITS.name), position: long(LIMITS.name), education: long(LIMITS.text), birthDate: '1970-01-01', hobbies: long(LIMITS.text), family: long(LIMITS.text), phone: '1'.repeat(LIMITS.phone) };
  return parseArchive({
    ...fullArchive(),
    name: long(LIMITS.name, '名'),
    address: long(LIMITS.text),
    majorShareholders: long(LIMITS.text),
    bank: long(LIMITS.name),
    mainBusiness: long(LIMITS.text),
    additionalBusiness: long(LIMITS.text),
    legalRep: person,
    personInCharge: person,
    contacts: Array.from({ length: LIMITS.contacts }, () => ({ ...person, buyerRoles: ['economic', 'technical', 'user', 'paying', 'coach'] })),
  });
};
