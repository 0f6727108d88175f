/**
 * Reminder settings (domain.md §4: "Settings can change the days and hours"). Defaults follow
 * the source document; admins override single fields, validated by the schema below.
 */
import { z } from 'zod';
import { DomainError } from '../errors.js';
import { i18n } from '../i18n.js';

/** How a day-count deadline that lands on a weekend or holiday moves. */
const HOLIDAY_POLICIES = ['next_working_day', 'previous_working_day', 'none'] as const;
export type HolidayPolicy = (typeof HOLIDAY_POLICIES)[number];

export interface ReminderSettings {
  /** IANA zone every wall time below is read in. */
  timeZone: string;
  /** 'HH:MM'. Nudges go out only between start and end (end included) on working days. */
  workdayStart: string;
  workdayEnd: string;
  /** Minutes after workdayEnd a late tick may still send what was due by workdayEnd. */
  sendGraceMinutes: number;
  /** 'HH:MM' of the visit-day evening nudge for visit records and reception reports. */
  recordEveningAt: string;
  /** Calendar days after the visit/reception day when the manager is told of a missing record. */
  recordEscalateAfterDays: number;
  /** Follow-up (回访): the nudge day and the due day, counted in calendar days from the visit. */
  followUpNudgeDay: number;
  followUpDueDay: number;
  /** Monthly report: due day of the following month, and the days of that month it is nudged. */
  monthlyReportDueDay: number;
  monthlyReportNudgeDays: number[];
  /** Pending approval: nudge the approver, then tell their superior, after N working days. */
  approvalNudgeAfterWorkingDays: number;
  approvalEscalateAfterWorkingDays: number;
  /** 'HH:MM' by which a traveller on an approved trip must have checked in that day. */
  tripCheckinDeadline: string;
  /** Travel days a specialist should reach each month (§2.2 art.13). */
  monthlyTravelDaysMin: number;
  holidayPolicy: HolidayPolicy;
}

/**
 * The evening nudge is at 18:00, the end of working hours, not 19:00: a 19:00 step would fall
 * outside working hours and be deferred to the next morning, where it merges with the first
 * morning nudge — the evening reminder would never be seen on the visit day.
 */
export const DEFAULT_REMINDER_SETTINGS: Readonly<ReminderSettings> = Object.freeze({
  timeZone: 'Asia/Shanghai',
  workdayStart: '09:00',
  workdayEnd: '18:00',
  sendGraceMinutes: 30,
  recordEveningAt: '18:00',
  recordEscalateAfterDays: 3,
  followUpNudgeDay: 5,
  followUpDueDay: 7,
  monthlyReportDueDay: 5,
  monthlyReportNudgeDays: [1, 4],
  approvalNudgeAfterWorkingDays: 1,
  approvalEscalateAfterWorkingDays: 3,
  tripCheckinDeadline: '18:00',
  monthlyTravelDaysMin: 15,
  holidayPolicy: 'next_working_day',
});

export interface Clock24 {
  hour: number;
  minute: number;
}

const CLOCK_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** '09:30' → { hour: 9, minute: 30 }. */
export function parseClock(hhmm: string): Clock24 {
  const m = CLOCK_RE.exec(hhmm);
  if (!m) throw new RangeError(`not an HH:MM time: ${hhmm}`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

const minutesOf = (hhmm: string): number => {
  const c = parseClock(hhmm);
  return c.hour * 60 + c.minute;
};

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const clock = z.string().regex(CLOCK_RE, { message: 'must be a 24-hour HH:MM time, e.g. 09:00' });
const days = (max: number) => z.number().int().min(1).max(max);

/** Validates an admin's partial overrides; unknown keys are refused so typos are not ignored. */
export const ReminderSettingsOverrides = z.strictObject({
  timeZone: z.string().refine(isTimeZone, { message: 'is not an IANA time zone; use e.g. Asia/Shanghai' }),
  workdayStart: clock,
  workdayEnd: clock,
  sendGraceMinutes: z.number().int().min(0).max(120),
  recordEveningAt: clock,
  recordEscalateAfterDays: days(30),
  followUpNudgeDay: days(60),
  followUpDueDay: days(60),
  monthlyReportDueDay: days(28),
  monthlyReportNudgeDays: z.array(days(28)).max(10),
  approvalNudgeAfterWorkingDays: days(30),
  approvalEscalateAfterWorkingDays: days(30),
  tripCheckinDeadline: clock,
  monthlyTravelDaysMin: z.number().int().min(0).max(31),
  holidayPolicy: z.enum(HOLIDAY_POLICIES),
}).partial();
export type ReminderSettingsOverrides = z.infer<typeof ReminderSettingsOverrides>;

/** Rules that span fields; each returns the offending field and why. */
function crossFieldProblems(s: ReminderSettings): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const start = minutesOf(s.workdayStart);
  const end = minutesOf(s.workdayEnd);
  if (start >= end) problems.push({ path: 'workdayEnd', message: 'must be after workdayStart' });
  const evening = minutesOf(s.recordEveningAt);
  if (evening < start || evening > end) {
    problems.push({ path: 'recordEveningAt', message: 'must be within working hours, or it only arrives next morning' });
  }
  if (s.followUpNudgeDay >= s.followUpDueDay) problems.push({ path: 'followUpNudgeDay', message: 'must be before followUpDueDay' });
  if (s.monthlyReportNudgeDays.some((d) => d >= s.monthlyReportDueDay)) {
    problems.push({ path: 'monthlyReportNudgeDays', message: 'must all be before monthlyReportDueDay' });
  }
  if (s.approvalNudgeAfterWorkingDays >= s.approvalEscalateAfterWorkingDays) {
    problems.push({ path: 'approvalEscalateAfterWorkingDays', message: 'must be after approvalNudgeAfterWorkingDays' });
  }
  return problems;
}

/**
 * Defaults merged with validated overrides (from settings storage, so `unknown`). Throws a
 * VALIDATION DomainError naming every bad field.
 */
export function resolveReminderSettings(overrides: unknown = {}): ReminderSettings {
  const parsed = ReminderSettingsOverrides.safeParse(overrides ?? {});
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
  if (parsed.success) {
    const defined = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
    const merged: ReminderSettings = { ...DEFAULT_REMINDER_SETTINGS, ...defined };
    merged.monthlyReportNudgeDays = [...new Set(merged.monthlyReportNudgeDays)].sort((a, b) => a - b);
    problems.push(...crossFieldProblems(merged));
    if (problems.length === 0) return merged;
  }
  const list = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
  throw new DomainError('VALIDATION', i18n(`提醒设置无效：${list}`, `Invalid reminder settings: ${list}`), { problems });
}
