import { describe, expect, it } from 'vitest';
import { field, readCardForm } from '../../src/domain/card-form.js';
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
    ['a missing required field', { stage: 'won' }, '请填写「名称」。', 'Fill in Name.'],
    ['the field’s own words when it has them', { name: 'x' }, '请选择阶段。', 'Choose the stage.'],
    ['an option the form does not offer', { name: 'x', stage: 'lost' }, '请选择阶段。', 'Choose the stage.'],
    ['a text past its length', { name: 'x'.repeat(11), stage: 'won' }, '「名称」的内容无效，请检查。', 'Name is not valid; please check it.'],
    ['a date that is no day', { name: 'x', stage: 'won', day: '2026-02-30' }, '「日期」的内容无效，请检查。', 'Day is not valid; please check it.'],
    ['a number out of range', { name: 'x', stage: 'won', qty: '0' }, '「数量」的内容无效，请检查。', 'Quantity is not valid; please check it.'],
    ['a fraction where a whole number is asked', { name: 'x', stage: 'won', qty: '1.5' }, '「数量」的内容无效，请检查。', 'Quantity is not valid; please check it.'],
    ['a multi-select item it does not offer', { name: 'x', stage: 'won', tags: ['c'] }, '「标签」的内容无效，请检查。', 'Tags is not valid; please check it.'],
    ['an object where a person is picked', { name: 'x', stage: 'won', owner: { id: 1 } }, '「负责人」的内容无效，请检查。', 'Owner is not valid; please check it.'],
  ])('names %s in both languages', (_what, form, zh, en) => {
    const r = readCardForm(form, FORM);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toEqual({ zh_cn: zh, en_us: en });
  });

  it('lists every bad field, in the form’s order', () => {
    const r = readCardForm({ qty: 'many' }, FORM);
    expect(!r.ok && r.problems.map((p) => p.en_us)).toEqual(['Fill in Name.', 'Choose the stage.', 'Quantity is not valid; please check it.']);
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
