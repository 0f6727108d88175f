import { describe, expect, it } from 'vitest';
import { formatArchiveNumber, nextArchiveNumber, parseArchiveNumber } from '../../../src/domain/customer/archive-number.js';

describe('archive numbers', () => {
  it.each([
    [2026, null, 'KA-2026-0001'],
    [2026, 0, 'KA-2026-0001'],
    [2026, 1, 'KA-2026-0002'],
    [2026, 41, 'KA-2026-0042'],
    [2026, 9999, 'KA-2026-10000'],
    [2026, 'KA-2026-0007', 'KA-2026-0008'],
    // The last number of last year does not carry over: each year starts again at 0001.
    [2027, 'KA-2026-0157', 'KA-2027-0001'],
    [2027, 'KA-2027-0003', 'KA-2027-0004'],
    [2026, 'garbage', 'KA-2026-0001'],
  ] as const)('next in %i after %j is %s', (year, last, expected) => expect(nextArchiveNumber(year, last)).toBe(expected));

  it('refuses a nonsense year', () => expect(() => nextArchiveNumber(26, null)).toThrow(RangeError));

  it.each([
    ['KA-2026-0001', { year: 2026, seq: 1 }],
    ['ka-2026-1', { year: 2026, seq: 1 }],
    ['KA 2026 0042', { year: 2026, seq: 42 }],
    ['KA20260042', { year: 2026, seq: 42 }],
    ['ＫＡ－２０２６－０００３', { year: 2026, seq: 3 }],
    ['KA-2026-10000', { year: 2026, seq: 10000 }],
    ['KA-2026-0000', null],
    ['KB-2026-0001', null],
    ['2026-0001', null],
    ['华能', null],
    ['', null],
  ])('parses %j', (text, expected) => expect(parseArchiveNumber(text)).toEqual(expected));

  it.each([1, 42, 9999, 12345])('format and parse round-trip for seq %i', (seq) =>
    expect(parseArchiveNumber(formatArchiveNumber({ year: 2031, seq }))).toEqual({ year: 2031, seq }));
});
