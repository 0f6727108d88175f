import { describe, expect, it } from 'vitest';
import { requestFiledCard, requestFormCard, requestKindCard } from '../../cards/request-form.js';
import { validateCard } from '../../cards/validate.js';
import { i18n } from '../../src/domain/i18n.js';
import { formDefaults, parseSmallRequest, SMALL_REQUEST_KINDS } from '../../src/domain/requests/kinds.js';

const now = new Date('2026-11-27T02:00:00Z');
const tz = 'Asia/Shanghai';

describe('the /apply cards are valid 2.0 cards', () => {
  it('the kind picker and the filed card', () => {
    expect(validateCard(requestKindCard())).toEqual([]);
    expect(validateCard(requestFiledCard('travel', i18n('南京 · 2026-12-01 → 2026-12-04', 'Nanjing')))).toEqual([]);
  });

  it.each(SMALL_REQUEST_KINDS)('the %s form, blank and pre-filled for editing', (kind) => {
    expect(validateCard(requestFormCard(kind, { now, timeZone: tz }))).toEqual([]);
    const edit = requestFormCard(kind, { now, timeZone: tz, values: { amount: '1200.00', from: '2026-12-01', item: 'camera', month: '2026-10', urgent: 'yes' }, edit: { requestId: 'r1', version: 3 } });
    expect(validateCard(edit)).toEqual([]);
    expect(JSON.stringify(edit)).toContain('"r":"r1"');
  });
});

describe('small request forms', () => {
  it('normalise amounts, dates and months, and round-trip into the edit form', () => {
    const data = parseSmallRequest('phone_bill', { month: '2026-10', amount: '¥1,234.5' }, now, tz);
    expect(data).toEqual({ month: '2026-10', amount: 123450, note: null });
    expect(formDefaults('phone_bill', data)).toEqual({ month: '2026-10', amount: '1234.50' });
    expect(parseSmallRequest('phone_bill', formDefaults('phone_bill', data), now, tz)).toEqual(data);
  });

  it.each([
    ['phone_bill', { month: '2025-01', amount: '100' }, '月份'],
    ['purchase', { items: 'x', amount: '-5', urgent: 'no' }, '金额'],
    ['equipment', { item: 'drone', purpose: 'p', returnDate: '2026-12-01' }, '设备'],
    ['equipment', { item: 'camera', purpose: 'p', returnDate: '2026-11-20 +0800' }, '归还日期'],
    ['travel', { destinations: 'a', from: '2026-02-30', to: '2026-03-01', purpose: 'p' }, '出发日期'],
    ['target_change', { period: '2026Q4', oldTarget: '100万', newTarget: '80万', reason: 'r'.repeat(501) }, '调整原因'],
  ] as const)('refuses a bad %s form naming the field', (kind, form, field) => {
    expect(() => parseSmallRequest(kind, form, now, tz)).toThrow(expect.objectContaining({ code: 'VALIDATION', userMessage: expect.objectContaining({ zh_cn: expect.stringContaining(field) }) }));
  });
});
