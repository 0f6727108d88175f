import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REQUIRED_FIELDS, completeness, isFilled, nextMissingField, parseRequiredFields,
} from '../../../src/domain/customer/completeness.js';
import { emptyArchive, type Archive } from '../../../src/domain/customer/archive.js';
import { FIELD_KEYS } from '../../../src/domain/customer/labels.js';
import { fullArchive, parseArchive } from './fixtures.js';

describe('completeness', () => {
  it('an empty archive scores 0 with every required field missing, most valuable first', () => {
    const c = completeness(emptyArchive());
    expect(c).toMatchObject({ score: 0, filled: 0, required: DEFAULT_REQUIRED_FIELDS.length });
    expect(c.missing.slice(0, 4)).toEqual(['contacts.economic', 'contacts.coach', 'legalRep.name', 'creditRating']);
    expect(new Set(c.missing)).toEqual(new Set(DEFAULT_REQUIRED_FIELDS));
  });

  it('the full fixture is complete', () => expect(completeness(fullArchive())).toMatchObject({ score: 100, missing: [] }));

  it.each([
    [['name'], { name: '华能' }, 100],
    [['name', 'phone'], { name: '华能' }, 50],
    [['name', 'phone', 'email'], { name: '华能' }, 33],
    [['name', 'phone', 'email'], { name: '华能', phone: '123', email: 'a@b.cn' }, 100],
    [['contacts', 'contacts.coach'], { contacts: [{ name: '李', buyerRoles: ['economic'] }] }, 50],
    [['sales'], { sales: { '2024': 0 } }, 100],
    [['legalRep.name', 'legalRep.phone'], { legalRep: { name: '温' } }, 50],
    [[], {}, 100],
    [['name', 'nonsense'], { name: 'x' }, 100],
    [['name', 'name'], {}, 0],
  ] as const)('required %j over %j scores %i', (required, input, score) => {
    expect(completeness(parseArchive(input as never), required).score).toBe(score);
  });

  it('separates unknown keys in the setting', () =>
    expect(parseRequiredFields(['name', 'foo', 'name', 'contacts.coach'])).toEqual({ fields: ['name', 'contacts.coach'], unknown: ['foo'] }));

  it.each(FIELD_KEYS)('%s is not filled in an empty archive', (key) => expect(isFilled(emptyArchive(), key)).toBe(false));

  it.each([
    [{}, 'contacts.economic'],
    [{ contacts: [{ name: '李', buyerRoles: ['economic'] }] }, 'contacts.coach'],
    [{ contacts: [{ name: '李', buyerRoles: ['economic', 'coach'] }] }, 'legalRep.name'],
    [{ contacts: [{ name: '李', buyerRoles: ['economic', 'coach'] }], legalRep: { name: '温' } }, 'creditRating'],
    [{ contacts: [{ name: '李', buyerRoles: ['economic', 'coach'] }], legalRep: { name: '温' }, creditRating: 'A' }, 'personInCharge.name'],
  ] as const)('next missing field of %j is %s', (input, field) => {
    expect(nextMissingField(parseArchive(input as never))?.field).toBe(field);
  });

  it('names the section and a bilingual label of the next field', () => {
    expect(nextMissingField(emptyArchive())).toEqual({
      field: 'contacts.economic',
      section: 'contacts',
      label: { zh_cn: '联系人（经济买家）', en_us: 'Contact (Economic buyer)' },
    });
  });

  it('skips fields asked recently, and never asks for the owner (no form sets it)', () => {
    expect(nextMissingField(emptyArchive(), DEFAULT_REQUIRED_FIELDS, { skip: ['contacts.economic'] })?.field).toBe('contacts.coach');
    expect(nextMissingField(emptyArchive(), ['ownerId'])).toBeNull();
  });

  it('returns null when complete', () => expect(nextMissingField(fullArchive() as Archive)).toBeNull());
});
