import { describe, expect, it } from 'vitest';
import { checkTripChange, droppedDays, tripReason } from '../../../src/domain/requests/trip-change.js';

const trip = { status: 'approved' as const, fromDate: '2026-12-08', toDate: '2026-12-11' };
const msg = (f: () => void): string => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as { userMessage: { zh_cn: string } }).userMessage.zh_cn;
  }
};

describe('changing an approved trip', () => {
  it('cuts it short to a day within the trip and before its end', () => {
    expect(msg(() => checkTripChange(trip, { kind: 'shorten', newEnd: '2026-12-09', reason: 'x' }, '2026-12-07', false))).toBe('ok');
    expect(msg(() => checkTripChange(trip, { kind: 'shorten', newEnd: '2026-12-08', reason: 'x' }, '2026-12-09', true))).toBe('ok');
    expect(msg(() => checkTripChange(trip, { kind: 'shorten', newEnd: '2026-12-11', reason: 'x' }, '2026-12-07', false))).toContain('须早于原定');
    expect(msg(() => checkTripChange(trip, { kind: 'shorten', newEnd: '2026-12-07', reason: 'x' }, '2026-12-07', false))).toContain('不能早于出发日期');
  });

  it('cancels only a trip nobody checked in on, and nothing once over or cancelled', () => {
    expect(msg(() => checkTripChange(trip, { kind: 'cancel', reason: 'x' }, '2026-12-08', false))).toBe('ok');
    expect(msg(() => checkTripChange(trip, { kind: 'cancel', reason: 'x' }, '2026-12-08', true))).toContain('提前结束');
    expect(msg(() => checkTripChange(trip, { kind: 'cancel', reason: 'x' }, '2026-12-12', false))).toContain('已经结束');
    expect(msg(() => checkTripChange({ ...trip, status: 'cancelled' }, { kind: 'cancel', reason: 'x' }, '2026-12-07', false))).toContain('已取消');
  });

  it('asks for a reason of reasonable length', () => {
    expect(msg(() => tripReason('  '))).toContain('原因');
    expect(msg(() => tripReason('x'.repeat(201)))).toContain('200');
    expect(tripReason(' 客户改期 ')).toBe('客户改期');
  });

  it('drops the days after the new end, or every day', () => {
    expect(droppedDays(trip, { kind: 'shorten', newEnd: '2026-12-09', reason: 'x' })).toEqual(['2026-12-10', '2026-12-11']);
    expect(droppedDays({ fromDate: '2026-12-31', toDate: '2027-01-01' }, { kind: 'cancel', reason: 'x' })).toEqual(['2026-12-31', '2027-01-01']);
  });
});
