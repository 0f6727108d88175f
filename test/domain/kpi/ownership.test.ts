import { describe, expect, it } from 'vitest';
import type { OwnershipSpan } from '../../../src/domain/kpi/facts.js';
import { OwnershipIndex, ownerAt, saleInstant, saleOwner } from '../../../src/domain/kpi/ownership.js';

const SH = 'Asia/Shanghai';
const at = (iso: string) => new Date(`${iso}+08:00`);

// C1: S1 from creation, handed over to S2 on 15 Nov 09:00, then to S3 on 1 Dec 17:00 (still).
// C2: nobody until S1 was made its owner on 10 Nov.
const spans: OwnershipSpan[] = [
  { customerId: 'C1', ownerId: 'S1', from: at('2026-01-05T10:00:00'), to: at('2026-11-15T09:00:00') },
  { customerId: 'C1', ownerId: 'S2', from: at('2026-11-15T09:00:00'), to: at('2026-12-01T17:00:00') },
  { customerId: 'C1', ownerId: 'S3', from: at('2026-12-01T17:00:00'), to: null },
  { customerId: 'C2', ownerId: 'S1', from: at('2026-11-10T14:00:00'), to: null },
];

describe('owner at the time', () => {
  it('answers the span that covers the instant: [from, to), the new owner at the instant of the change', () => {
    expect(ownerAt(spans, 'C1', at('2026-03-01T12:00:00'))).toBe('S1');
    expect(ownerAt(spans, 'C1', at('2026-11-15T08:59:59'))).toBe('S1');
    expect(ownerAt(spans, 'C1', at('2026-11-15T09:00:00'))).toBe('S2');
    expect(ownerAt(spans, 'C1', at('2026-12-01T16:59:59'))).toBe('S2');
    expect(ownerAt(spans, 'C1', at('2027-06-01T00:00:00'))).toBe('S3');
  });

  it('is nobody before the first owner, and for a customer with no history', () => {
    expect(ownerAt(spans, 'C1', at('2026-01-05T09:59:59'))).toBeNull();
    expect(ownerAt(spans, 'C2', at('2026-11-01T12:00:00'))).toBeNull();
    expect(ownerAt(spans, 'C9', at('2026-11-01T12:00:00'))).toBeNull();
    expect(ownerAt([], 'C1', at('2026-11-01T12:00:00'))).toBeNull();
  });

  it('reads a sale at noon of its day in the company zone, so the hour a handover was typed does not decide the day', () => {
    expect(saleInstant('2026-11-15', SH).toISOString()).toBe('2026-11-15T04:00:00.000Z');
    // handed over at 09:00 on the 15th: a sale that day counts for the new owner, the 14th for the old one
    expect(saleOwner(spans, { customerId: 'C1', date: '2026-11-14' }, SH)).toBe('S1');
    expect(saleOwner(spans, { customerId: 'C1', date: '2026-11-15' }, SH)).toBe('S2');
    // handed over at 17:00 on 1 Dec: that day is still S2's
    expect(saleOwner(spans, { customerId: 'C1', date: '2026-12-01' }, SH)).toBe('S2');
    expect(saleOwner(spans, { customerId: 'C1', date: '2026-12-02' }, SH)).toBe('S3');
  });

  it('prefers the person named on the transaction', () => {
    expect(saleOwner(spans, { customerId: 'C1', date: '2026-03-01', responsibleId: 'S9' }, SH)).toBe('S9');
    expect(saleOwner(spans, { customerId: 'C1', date: '2026-03-01', responsibleId: '' }, SH)).toBe('S1');
    expect(saleOwner(spans, { customerId: 'C1', date: '2026-03-01', responsibleId: null }, SH)).toBe('S1');
  });

  it('gives the same answers through the per-customer index, whatever order the spans come in', () => {
    const index = new OwnershipIndex([...spans].reverse());
    for (const t of ['2026-03-01T12:00:00', '2026-11-15T09:00:00', '2026-12-01T16:59:59', '2027-06-01T00:00:00', '2026-01-01T00:00:00']) {
      for (const c of ['C1', 'C2', 'C9']) expect(index.ownerAt(c, at(t))).toBe(ownerAt(spans, c, at(t)));
    }
  });
});
