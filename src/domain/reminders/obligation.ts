/**
 * Obligations (architecture.md principle 3): every duty with a deadline is one row with an
 * owner, a due time and a done time. Reminders and KPIs (revisit rate, feedback timeliness)
 * are both read off these rows, so the due time is computed here once, when the row is made.
 */
import type { CalendarOverrides } from '../calendar.js';
import { addDaysYmd, wallParts, ymd, zonedTime } from '../time.js';
import { addWorkingDaysAt, applyHolidayPolicy, atClock, endOfDay } from './hours.js';
import type { ReminderSettings } from './settings.js';

const OBLIGATION_KINDS = [
  'visit_record',
  'follow_up',
  'reception_report',
  'monthly_report',
  'approval_step',
  'trip_checkin',
  'progress_report',
  'equipment_return',
  'visit_material',
] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];

export interface Obligation {
  id: string;
  kind: ObligationKind;
  /** Who must act: the specialist, the approver of the step, the traveller. */
  ownerId: string;
  /** Who hears about it when it is late: the owner's manager, or an approver's superior. */
  managerId?: string | null;
  /** Who gets the day's list of missed check-ins (trip_checkin only). */
  assistantId?: string | null;
  /** What it is about, e.g. 'visit' + visit id, 'month' + '2026-11', 'trip' + trip id. */
  subjectType: string;
  subjectId: string;
  dueAt: Date;
  /**
   * The event the deadline counts from: the visit or reception time, the start of the report's
   * month, the time an approval step started waiting, the start of the trip day, the day a
   * progress report falls due, the agreed return day of a loan, a material's due day.
   */
  anchorAt: Date;
  doneAt: Date | null;
  meta?: Record<string, unknown>;
}

/** An obligation before storage gives it an id. */
export type ObligationDraft = Omit<Obligation, 'id' | 'doneAt'> & { doneAt?: Date | null };

/** Done counts only once it has happened: a doneAt after `now` (clock skew) is not done yet. */
export const isDone = (o: Pick<Obligation, 'doneAt'>, now: Date): boolean =>
  o.doneAt !== null && o.doneAt.getTime() <= now.getTime();

export const isOverdue = (o: Pick<Obligation, 'doneAt' | 'dueAt'>, now: Date): boolean =>
  !isDone(o, now) && now.getTime() > o.dueAt.getTime();

/** Whether it was (or is being) done on time: the revisit-rate and timeliness KPIs use this. */
export const doneOnTime = (o: Pick<Obligation, 'doneAt' | 'dueAt'>): boolean =>
  o.doneAt !== null && o.doneAt.getTime() <= o.dueAt.getTime();

/**
 * Visit record (and reception report): by the end of the event's own day. The holiday policy is
 * not applied — the record describes that day and the rule is "write it up the same evening";
 * a visit on a Saturday simply has its nudges delivered on the next working morning.
 */
const recordDueAt = (eventAt: Date, s: ReminderSettings): Date => endOfDay(ymd(eventAt, s.timeZone), s.timeZone);

/** The company-zone day the follow-up is due: day N after the visit, moved per the policy. */
export const followUpDueDay = (visitAt: Date, s: ReminderSettings, o: CalendarOverrides): string =>
  applyHolidayPolicy(addDaysYmd(ymd(visitAt, s.timeZone), s.followUpDueDay), s.holidayPolicy, o);

/** Follow-up (回访) within one week: the end of the (moved) due day. */
const followUpDueAt = (visitAt: Date, s: ReminderSettings, o: CalendarOverrides): Date =>
  endOfDay(followUpDueDay(visitAt, s, o), s.timeZone);

/** The company-zone day a month's report is due: the Nth of the next month, moved per the policy. */
export function monthlyReportDueDay(monthStart: Date, s: ReminderSettings, o: CalendarOverrides): string {
  const p = wallParts(monthStart, s.timeZone);
  // Month 13 overflows to January: the December report is due in the new year.
  const nominal = ymd(zonedTime(s.timeZone, p.year, p.month + 1, s.monthlyReportDueDay, 12), s.timeZone);
  return applyHolidayPolicy(nominal, s.holidayPolicy, o);
}

/** Monthly report: the end of working hours on its (moved) due day. */
export const monthlyReportDueAt = (monthStart: Date, s: ReminderSettings, o: CalendarOverrides): Date =>
  atClock(monthlyReportDueDay(monthStart, s, o), s.workdayEnd, s.timeZone);

/** Approval step: expected within N working days of when it started waiting. */
const approvalStepDueAt = (waitingSince: Date, s: ReminderSettings, o: CalendarOverrides): Date =>
  addWorkingDaysAt(waitingSince, s.approvalNudgeAfterWorkingDays, s, o);

/** Trip check-in: by the deadline hour of that trip day (any day of the trip, weekends too). */
const tripCheckinDueAt = (tripDay: Date, s: ReminderSettings): Date =>
  atClock(ymd(tripDay, s.timeZone), s.tripCheckinDeadline, s.timeZone);

/**
 * Progress report on a customer under development (定期汇报, domain.md §3.1): the anchor is the
 * day the report falls due — the approval or the previous report plus the customer settings'
 * interval, which lives with the customer settings, not here — moved off a holiday per the
 * policy; due by the end of that day.
 */
export const progressReportDueAt = (dueDay: Date, s: ReminderSettings, o: CalendarOverrides): Date =>
  endOfDay(applyHolidayPolicy(ymd(dueDay, s.timeZone), s.holidayPolicy, o), s.timeZone);

/**
 * Borrowed equipment (设备借用) back by the end of the agreed return day; a return day the office
 * is closed (a holiday) moves per the policy, like a progress report.
 */
const equipmentReturnDueAt = (returnDay: Date, s: ReminderSettings, o: CalendarOverrides): Date =>
  endOfDay(applyHolidayPolicy(ymd(returnDay, s.timeZone), s.holidayPolicy, o), s.timeZone);

/**
 * A visit's materials (拜访物料) ready by the end of their due day, which is not moved: the visit
 * does not move with the calendar. The anchor is the start of the earliest due day among the
 * materials one person prepares for one visit (one duty per person and visit).
 */
const materialDueAt = (dueDay: Date, s: ReminderSettings): Date => endOfDay(ymd(dueDay, s.timeZone), s.timeZone);

/** The due time of any kind from its anchor. */
export function dueAtFor(kind: ObligationKind, anchorAt: Date, s: ReminderSettings, o: CalendarOverrides): Date {
  switch (kind) {
    case 'visit_record':
    case 'reception_report':
      return recordDueAt(anchorAt, s);
    case 'follow_up':
      return followUpDueAt(anchorAt, s, o);
    case 'monthly_report':
      return monthlyReportDueAt(anchorAt, s, o);
    case 'approval_step':
      return approvalStepDueAt(anchorAt, s, o);
    case 'trip_checkin':
      return tripCheckinDueAt(anchorAt, s);
    case 'progress_report':
      return progressReportDueAt(anchorAt, s, o);
    case 'equipment_return':
      return equipmentReturnDueAt(anchorAt, s, o);
    case 'visit_material':
      return materialDueAt(anchorAt, s);
  }
}

export interface NewObligation {
  kind: ObligationKind;
  ownerId: string;
  managerId?: string | null;
  assistantId?: string | null;
  subjectType: string;
  subjectId: string;
  anchorAt: Date;
  meta?: Record<string, unknown>;
}

/** A draft with its due time computed from the anchor under the current settings and calendar. */
export function draftObligation(input: NewObligation, s: ReminderSettings, o: CalendarOverrides): ObligationDraft {
  return { ...input, dueAt: dueAtFor(input.kind, input.anchorAt, s, o), doneAt: null };
}

/**
 * The natural key storage should keep unique, so creating the same duty twice (a retried
 * command, two instances) yields one row.
 */
export const obligationKey = (o: Pick<Obligation, 'kind' | 'subjectType' | 'subjectId' | 'ownerId'>): string =>
  `${o.kind}:${o.subjectType}:${o.subjectId}:${o.ownerId}`;
