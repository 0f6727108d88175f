/**
 * Month-end travel days (§2.2 art.13: each specialist travels at least 15 days a month). On the
 * month's last working day the manager is told who is short. This is a summary, not anyone's
 * duty, so it has no obligation row: its nudges carry a synthetic obligation id that is still
 * stable per month and specialist, so storage sends each once like any other step.
 */
import { lastWorkingDayOfMonth, type CalendarOverrides } from '../calendar.js';
import { endOfDay, morningOf, sendWindowOpen } from './hours.js';
import type { NudgeIntent } from './ladder.js';
import { parseMonthKey } from './monthly.js';
import type { ReminderSettings } from './settings.js';

export interface TravelDaysCount {
  specialistId: string;
  /** Their reviewer, who receives the list. */
  managerId: string | null;
  /** Travel days counted so far this month (approved trips and check-ins). */
  days: number;
}

/** When the month's travel check goes out: the morning of its last working day. */
export function travelDaysCheckAt(monthKey: string, s: ReminderSettings, o: CalendarOverrides): Date {
  const { year, month } = parseMonthKey(monthKey);
  return morningOf(lastWorkingDayOfMonth(year, month, o), s);
}

/** Stable id standing in for an obligation in the sent-once key. */
const travelDaysSubjectId = (monthKey: string, specialistId: string): string =>
  `travel_days:${monthKey}:${specialistId}`;

/**
 * Nudges to managers about specialists under the monthly minimum, once the month's check time
 * has passed and only inside working hours. Call it for the current month and the previous one:
 * a check missed through downtime still goes out once, and a repeat is removed by its step key.
 */
export function monthEndTravelNudges(
  monthKey: string,
  counts: readonly TravelDaysCount[],
  now: Date,
  s: ReminderSettings,
  o: CalendarOverrides,
): NudgeIntent[] {
  const checkAt = travelDaysCheckAt(monthKey, s, o);
  if (checkAt.getTime() > now.getTime() || !sendWindowOpen(now, s, o)) return [];
  const { year, month } = parseMonthKey(monthKey);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const monthEnd = endOfDay(`${monthKey}-${String(lastDay).padStart(2, '0')}`, s.timeZone);
  return counts.flatMap((c): NudgeIntent[] => {
    if (c.days >= s.monthlyTravelDaysMin || !c.managerId || c.managerId === c.specialistId) return [];
    return [
      {
        obligationId: travelDaysSubjectId(monthKey, c.specialistId),
        kind: 'travel_days',
        ownerId: c.specialistId,
        subjectType: 'month',
        subjectId: monthKey,
        recipientId: c.managerId,
        recipientRole: 'manager',
        step: `travel_days:${monthKey}`,
        urgency: 'escalation',
        dueAt: monthEnd,
        notBefore: checkAt,
        detail: { days: c.days, minimum: s.monthlyTravelDaysMin },
      },
    ];
  });
}
