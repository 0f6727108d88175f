import { describe, expect, it } from 'vitest';
import { field, readCardForm, readChoice, readCount, readDate, readMoney, readText } from '../../src/domain/card-form.js';
import { i18n } from '../../src/domain/i18n.js';

const L = (zh: string, en: string) => i18n(zh, en);
const FORM = {
  name: field.text(L('名称', 'Name'), { required: true, max: 10 }),
  note: field.text(L('备注', 'Note')),
  stage: field.select(L('阶段', 'Stage'), ['lead', 'won'], { required: true, problem: L('请选择阶段。', 'Choose the stage.') }),
  tags: field.multi(L('标签', 'Tags'), ['a', 'b']),
  day: field.date(L('日期', 'Day')),
  owner: field.person(L('负责人', 'Owner')),
  team: field.people(L('成员', 'Team')),
  qty: field.number(L('数量', 'Quantity'), { int: true, min: 1, max: 99 }),
};

describe('readCardForm', () => {
  it('reads every kind of component the way Feishu sends it', () => {
    const r = readCardForm(
      { name: '  华能 ', stage: 'won', tags: ['a', 'b'], day: '2026-12-03 +0800', owner: 'ou_x', team: ['ou_a', 'ou_b'], qty: '12', extra: 'ignored' },
      FORM,
    );
    expect(r).toEqual({ ok: true, values: { name: '华能', note: null, stage: 'won', tags: ['a', 'b'], day: '2026-12-03', owner: 'ou_x', team: ['ou_a', 'ou_b'], qty: 12 } });
  });

  it('treats blanks as empty and a lone string as a one-item multi-select', () => {
    const r = readCardForm({ name: 'x', note: '   ', stage: 'lead', tags: 'a', team: [' ', ''], qty: 3 }, FORM);
    expect(r.ok && r.values).toMatchObject({ note: null, tags: ['a'], team: [], qty: 3 });
  });

  it.each([
    ['a missing required field', { stage: 'won' }, '「名称」不能为空', 'Name: is required'],
    ['the field’s own words when it has them', { name: 'x' }, '请选择阶段。', 'Choose the stage.'],
    ['an option the form does not offer', { name: 'x', stage: 'lost' }, '请选择阶段。', 'Choose the stage.'],
    ['a text past its length (in characters)', { name: '好'.repeat(11), stage: 'won' }, '「名称」最多 10 个字', 'Name: at most 10 characters'],
    ['a date that is no day', { name: 'x', stage: 'won', day: '2026-02-30' }, '「日期」日期无效，请用 YYYY-MM-DD', 'Day: is not a valid date (YYYY-MM-DD)'],
    ['a number out of range', { name: 'x', stage: 'won', qty: '0' }, '「数量」无效', 'Quantity: is not valid'],
    ['a fraction where a whole number is asked', { name: 'x', stage: 'won', qty: '1.5' }, '「数量」无效', 'Quantity: is not valid'],
    ['a multi-select item it does not offer', { name: 'x', stage: 'won', tags: ['c'] }, '「标签」选项无效', 'Tags: is not one of the options'],
    ['an object where a person is picked', { name: 'x', stage: 'won', owner: { id: 1 } }, '「负责人」无效', 'Owner: is not valid'],
  ])('names %s in both languages', (_what, form, zh, en) => {
    const r = readCardForm(form, FORM);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toEqual({ zh_cn: zh, en_us: en });
  });

  it('lists every bad field, in the form’s order', () => {
    const r = readCardForm({ qty: 'many' }, FORM);
    expect(!r.ok && r.problems.map((p) => p.en_us)).toEqual(['Name: is required', 'Choose the stage.', 'Quantity: is not valid']);
  });

  it.each([null, undefined, 'form', [1, 2], 42])('reads %s as an empty form', (raw) => {
    const r = readCardForm(raw, { note: field.text(L('备注', 'Note')) });
    expect(r).toEqual({ ok: true, values: { note: null } });
  });

  it('does not read inherited keys as fields', () => {
    const r = readCardForm(JSON.parse('{"__proto__": {"name": "x"}}'), { name: field.text(L('名称', 'Name'), { required: true }) });
    expect(r.ok).toBe(false);
  });
});

describe('the one-field readers', () => {
  const label = L('原因', 'Reason');
  it('read text, a day and a choice, blank as null', () => {
    expect(readText({ r: '  因为 ' }, 'r', label, 10)).toBe('因为');
    expect(readText({ r: ' ' }, 'r', label, 10)).toBeNull();
    expect(readDate({ d: '2026-11-20 +0800' }, 'd', label)).toBe('2026-11-20');
    expect(readChoice({ c: 'b' }, 'c', label, ['a', 'b'])).toBe('b');
  });
  it('say what is wrong in the same words as readCardForm', () => {
    expect(() => readText({}, 'r', label, 10, true)).toThrow('Reason: is required');
    expect(() => readText({ r: '好'.repeat(11) }, 'r', label, 10)).toThrow('Reason: at most 10 characters');
    expect(() => readDate({ d: '2026-13-01' }, 'd', label)).toThrow('Reason: is not a valid date (YYYY-MM-DD)');
    expect(() => readChoice({ c: 'z' }, 'c', label, ['a'])).toThrow('Reason: is not one of the options');
  });
  it('read an amount in yuan as fen and a count, refusing what is not one', () => {
    const amount = L('金额', 'Amount');
    expect(readMoney({ m: '1.2万' }, 'm', amount)).toBe(1_200_000);
    expect(readMoney({ m: '' }, 'm', amount)).toBeNull();
    expect(() => readMoney({ m: '' }, 'm', amount, { required: true })).toThrow('Amount: is required');
    expect(() => readMoney({ m: '很多' }, 'm', amount)).toThrow('Amount: is not an amount');
    expect(() => readMoney({ m: '-5' }, 'm', amount)).toThrow('Amount: is not an amount');
    expect(readMoney({ m: '-5' }, 'm', amount, { signed: true })).toBe(-500);
    expect(readCount({ n: '1,200' }, 'n', amount)).toBe(1200);
    expect(() => readCount({ n: 'ten' }, 'n', amount)).toThrow('Amount: must be a whole number');
  });
});
