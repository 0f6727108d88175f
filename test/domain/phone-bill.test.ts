import { describe, expect, it } from 'vitest';
import { checkPhoneBill, overLimitSummary, phoneBillLimitRows } from '../../src/domain/requests/phone-bill.js';

describe('phone bill against the monthly limit', () => {
  it('is within the limit up to and including it, counting the month’s earlier bills', () => {
    expect(checkPhoneBill(30_000, 0, 30_000)).toMatchObject({ withinLimit: true, overFen: 0 });
    expect(checkPhoneBill(10_000, 20_000, 30_000)).toMatchObject({ withinLimit: true, overFen: 0 });
    expect(checkPhoneBill(10_001, 20_000, 30_000)).toMatchObject({ withinLimit: false, overFen: 1 });
  });

  it('the amount over is never more than the bill itself (the month was over already)', () => {
    expect(checkPhoneBill(5_000, 40_000, 30_000)).toMatchObject({ withinLimit: false, overFen: 5_000 });
  });

  it('a zero limit sends every bill to approval', () => {
    expect(checkPhoneBill(1, 0, 0)).toMatchObject({ withinLimit: false, overFen: 1 });
  });

  it('shows the approver the limit, what the month had, and the amount over', () => {
    const c = checkPhoneBill(10_000, 28_000, 30_000);
    expect(phoneBillLimitRows(c).map((r) => r.value)).toEqual(['¥300.00', '¥280.00', '¥80.00']);
    expect(overLimitSummary('2026-11', c).zh_cn).toBe('2026-11 · ¥100.00 · 超出标准 ¥80.00');
    expect(phoneBillLimitRows(checkPhoneBill(40_000, 0, 30_000))).toHaveLength(2);
  });
});
