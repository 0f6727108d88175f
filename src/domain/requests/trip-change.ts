/**
 * Changing an approved trip (出差变更, domain.md §3.4): the traveller comes back early (提前结束)
 * or does not go (取消). Only a trip not yet over may change; a new return day lies within the
 * trip and before its current end; a trip someone already checked in on is cut short, not
 * cancelled (the days they were away stay travel days). A reason is always asked: the manager
 * who approved the days is told why they no longer count.
 */
import { DomainError } from '../errors.js';
import { i18n } from '../i18n.js';
import { addDaysYmd } from '../time.js';

export const TRIP_REASON_MAX = 200;

export interface TripDates {
  status: 'approved' | 'cancelled';
  fromDate: string;
  toDate: string;
}

export type TripChange = { kind: 'shorten'; newEnd: string; reason: string } | { kind: 'cancel'; reason: string };

/** The reason as stored, or a VALIDATION error in both languages. */
export function tripReason(raw: unknown): string {
  const reason = typeof raw === 'string' ? raw.trim() : '';
  if (!reason) throw new DomainError('VALIDATION', i18n('请写上原因。', 'Please give a reason.'), { field: 'reason' });
  if ([...reason].length > TRIP_REASON_MAX) throw new DomainError('VALIDATION', i18n(`原因不能超过 ${TRIP_REASON_MAX} 字。`, `Keep the reason under ${TRIP_REASON_MAX} characters.`), { field: 'reason' });
  return reason;
}

/** Throws what is wrong with the change (in both languages); returns when it may go ahead. */
export function checkTripChange(trip: TripDates, change: TripChange, today: string, checkedIn: boolean): void {
  if (trip.status !== 'approved') throw new DomainError('PRECONDITION_FAILED', i18n('这次出差已取消。', 'This trip is already cancelled.'));
  if (trip.toDate < today) throw new DomainError('PRECONDITION_FAILED', i18n('这次出差已经结束，不能再更改。', 'This trip is over; it can no longer be changed.'));
  if (change.kind === 'cancel') {
    if (checkedIn) {
      throw new DomainError(
        'PRECONDITION_FAILED',
        i18n('这次出差已有行踪报备，不能取消；请改为「提前结束」，写上实际返回日期。', 'You have already checked in on this trip, so it cannot be cancelled; cut it short instead, with the day you came back.'),
      );
    }
    return;
  }
  if (change.newEnd < trip.fromDate) {
    throw new DomainError('VALIDATION', i18n(`新的返回日期不能早于出发日期 ${trip.fromDate}；不去了请选「取消出差」。`, `The new return day cannot be before the start (${trip.fromDate}); to not go at all, cancel the trip.`), { field: 'new_end' });
  }
  if (change.newEnd >= trip.toDate) {
    throw new DomainError('VALIDATION', i18n(`新的返回日期须早于原定的 ${trip.toDate}；延长出差请另行申请。`, `The new return day must be before ${trip.toDate}; to stay longer, file a new travel request.`), { field: 'new_end' });
  }
}

/** The days a change takes out of the trip ('YYYY-MM-DD', in order): after the new end, or all of them. */
export function droppedDays(trip: Pick<TripDates, 'fromDate' | 'toDate'>, change: TripChange): string[] {
  const first = change.kind === 'shorten' ? addDaysYmd(change.newEnd, 1) : trip.fromDate;
  const days: string[] = [];
  for (let d = first; d <= trip.toDate && days.length < 400; d = addDaysYmd(d, 1)) days.push(d);
  return days;
}
