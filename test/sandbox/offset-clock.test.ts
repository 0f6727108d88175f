import { describe, expect, it } from 'vitest';
import { OffsetClock } from '../../src/sandbox/offset-clock.js';

describe('OffsetClock', () => {
  it('follows real time plus the offset, and moves only forward', () => {
    let real = Date.parse('2026-11-27T02:00:00Z');
    const clock = new OffsetClock({ realNow: () => real });
    expect(clock.now().toISOString()).toBe('2026-11-27T02:00:00.000Z');
    real += 5000; // keeps ticking between jumps
    expect(clock.now().toISOString()).toBe('2026-11-27T02:00:05.000Z');
    clock.advance(24 * 3600 * 1000);
    expect(clock.now().toISOString()).toBe('2026-11-28T02:00:05.000Z');
    clock.jumpTo(new Date('2026-12-05T01:30:00Z'));
    expect(clock.now().toISOString()).toBe('2026-12-05T01:30:00.000Z');
    expect(() => clock.jumpTo(new Date('2026-12-01T00:00:00Z'))).toThrow(RangeError);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    expect(clock.now().toISOString()).toBe('2026-12-05T01:30:00.000Z');
  });
});
