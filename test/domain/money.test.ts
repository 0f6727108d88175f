import { describe, expect, it } from 'vitest';
import { formatYuan, parseYuan } from '../../src/domain/money.js';

describe('money', () => {
  it.each([
    [0, '¥0.00'],
    [123456789, '¥1,234,567.89'],
    [-5000, '-¥50.00'],
    [500000000, '¥5,000,000.00'],
  ])('formats %i fen as %s', (fen, s) => expect(formatYuan(fen)).toBe(s));

  it.each([
    ['1234.5', 123450],
    ['¥1,234.50', 123450],
    ['￥ 3000元', 300000],
    ['1.2万', 1200000],
    ['2k', 200000],
    ['0.1', 10],
    ['abc', null],
    ['1.234', null],
    ['', null],
  ])('parses %j', (text, fen) => expect(parseYuan(text)).toBe(fen));
});
