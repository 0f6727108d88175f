import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../src/domain/errors.js';
import {
  DEFAULT_REMINDER_SETTINGS,
  ReminderSettingsOverrides,
  parseClock,
  resolveReminderSettings,
} from '../../../src/domain/reminders/settings.js';

function problemPaths(overrides: unknown): string[] {
  try {
    resolveReminderSettings(overrides);
  } catch (e) {
    if (isDomainError(e) && e.code === 'VALIDATION') {
      return (e.details?.problems as { path: string }[]).map((p) => p.path);
    }
    throw e;
  }
  return [];
}

describe('reminder settings', () => {
  it('defaults follow the source document', () => {
    expect(resolveReminderSettings()).toEqual(DEFAULT_REMINDER_SETTINGS);
    expect(DEFAULT_REMINDER_SETTINGS).toMatchObject({
      timeZone: 'Asia/Shanghai',
      workdayStart: '09:00',
      workdayEnd: '18:00',
      recordEveningAt: '18:00',
      followUpNudgeDay: 5,
      followUpDueDay: 7,
      monthlyReportDueDay: 5,
      monthlyReportNudgeDays: [1, 4],
      recordEscalateAfterDays: 3,
      approvalNudgeAfterWorkingDays: 1,
      approvalEscalateAfterWorkingDays: 3,
      tripCheckinDeadline: '18:00',
      monthlyTravelDaysMin: 15,
      holidayPolicy: 'next_working_day',
    });
  });

  it('merges overrides over the defaults', () => {
    const s = resolveReminderSettings({ workdayStart: '08:30', monthlyReportNudgeDays: [4, 1, 4], holidayPolicy: 'none' });
    expect(s.workdayStart).toBe('08:30');
    expect(s.monthlyReportNudgeDays).toEqual([1, 4]);
    expect(s.holidayPolicy).toBe('none');
    expect(s.workdayEnd).toBe('18:00');
  });

  it('accepts a later evening nudge when working hours are extended', () => {
    expect(resolveReminderSettings({ workdayEnd: '19:00', recordEveningAt: '19:00' }).recordEveningAt).toBe('19:00');
  });

  it.each([
    [{ workdayStart: '9:00' }, 'workdayStart'],
    [{ workdayStart: '18:00', workdayEnd: '09:00' }, 'workdayEnd'],
    [{ recordEveningAt: '19:00' }, 'recordEveningAt'],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ followUpNudgeDay: 7 }, 'followUpNudgeDay'],
    [{ monthlyReportNudgeDays: [1, 5] }, 'monthlyReportNudgeDays'],
    [{ monthlyReportDueDay: 31 }, 'monthlyReportDueDay'],
    [{ approvalEscalateAfterWorkingDays: 1 }, 'approvalEscalateAfterWorkingDays'],
    [{ holidayPolicy: 'skip' }, 'holidayPolicy'],
    [{ followUpDueDay: 2.5 }, 'followUpDueDay'],
    [{ reminderHour: 9 }, '(root)'],
  ])('refuses %o', (overrides, path) => {
    expect(problemPaths(overrides)).toContain(path);
  });

  it('exposes the zod schema for settings forms', () => {
    expect(ReminderSettingsOverrides.safeParse({ sendGraceMinutes: 15 }).success).toBe(true);
    expect(ReminderSettingsOverrides.safeParse({ sendGraceMinutes: -1 }).success).toBe(false);
  });

  it.each([
    ['09:00', 9, 0],
    ['18:30', 18, 30],
    ['00:00', 0, 0],
  ])('parseClock(%s)', (hhmm, hour, minute) => {
    expect(parseClock(hhmm)).toEqual({ hour, minute });
  });

  it.each(['24:00', '9:00', '09:60', 'nine'])('parseClock(%s) throws', (hhmm) => {
    expect(() => parseClock(hhmm)).toThrow(RangeError);
  });
});
