import { describe, expect, it } from 'vitest';
import { FIELD_KEYS, fieldLabel, labelForPath } from '../../../src/domain/customer/labels.js';
import {
  BUYER_ROLES, BUYER_ROLE_LABEL, CREDIT_RATINGS, CREDIT_RATING_LABEL, INDUSTRY_POSITIONS, INDUSTRY_POSITION_LABEL, NATURES, NATURE_LABEL,
} from '../../../src/domain/customer/enums.js';
import { SECTIONS, SECTION_LABEL, sectionFields } from '../../../src/domain/customer/sections.js';
import { DEVELOPMENT_VALUE_LABELS } from '../../../src/domain/customer/development-labels.js';
import type { I18nText } from '../../../src/domain/i18n.js';

const bilingual = (t: I18nText | undefined) => {
  expect(t?.zh_cn).toMatch(/[\u4e00-\u9fff]|^[A-C]+/);
  expect(t?.en_us).toMatch(/[A-Za-z]/);
};

describe('labels', () => {
  it.each(FIELD_KEYS)('field %s has both labels', (k) => bilingual(fieldLabel(k)));
  it.each(SECTIONS)('section %s has both labels, and every form field too', (s) => {
    bilingual(SECTION_LABEL[s]);
    sectionFields(s, { currentYear: 2026, includePersonal: true }).forEach((f) => bilingual(f.label));
  });
  it.each([
    ...BUYER_ROLES.map((v) => BUYER_ROLE_LABEL[v]),
    ...NATURES.map((v) => NATURE_LABEL[v]),
    ...INDUSTRY_POSITIONS.map((v) => INDUSTRY_POSITION_LABEL[v]),
    ...CREDIT_RATINGS.map((v) => CREDIT_RATING_LABEL[v]),
    ...DEVELOPMENT_VALUE_LABELS.flatMap((r) => Object.values(r)),
  ].map((t) => [t.zh_cn, t]))('enum value %s is bilingual', (_zh, t) => bilingual(t));

  it('uses the Chinese labels of the paper form', () => {
    expect([NATURE_LABEL.joint_venture.zh_cn, INDUSTRY_POSITION_LABEL.leader.zh_cn, BUYER_ROLE_LABEL.coach.zh_cn]).toEqual(['中外合资', '同业领导者', '教练买家']);
    expect(fieldLabel('legalRep.name')).toEqual({ zh_cn: '法人·姓名', en_us: 'Legal representative · Name' });
  });

  it.each([
    [['contacts', 0, 'phone'], '联系人1·电话'],
    [['sales', '2024'], '2024年销售额'],
    [['personInCharge', 'family'], '负责人·家庭情况'],
    [['employees'], '职工人数'],
    [['mystery'], 'mystery'],
  ])('path %j reads %s', (path, zh) => expect(labelForPath(path).zh_cn).toBe(zh));
});
