/**
 * When the quarterly assessment goes out: the start of working hours on the first working day
 * of the next quarter, read on the company's calendar (元旦 and 国庆节 move it, a 调休 Sunday
 * can be it), then for a fortnight for a bot that was down that day, and never mid-quarter.
 */
import { describe, expect, it } from 'vitest';
import { dayInfo, firstWorkingDayOfQuarter, type CalendarOverrides } from '../../../src/domain/calendar.js';
import { assessmentDigestAt, assessmentDigestDue, assessmentDigestKey } from '../../../src/domain/kpi/assessment.js';
import { quarter, periodKey, year } from '../../../src/domain/kpi/period.js';
import { DEFAULT_REMINDER_SETTINGS as S } from '../../../src/domain/reminders/settings.js';
import { atZonedYmd } from '../../../src/domain/time.js';

const at = (day: string, h: number, m = 0) => atZonedYmd(day, 'Asia/Shanghai', h, m);
const NONE: CalendarOverrides = {};
// 2027 has no official schedule in the bundled chinese-days yet: an admin enters New Year.
const NEW_YEAR_2027: CalendarOverrides = { holidays: { '2027-01-01': '元旦' } };

describe('firstWorkingDayOfQuarter', () => {
  it.each([
    [2026, 1, '2026-01-04'], // 元旦 1–3 Jan; Sunday the 4th is a 调休 working day
    [2026, 2, '2026-04-01'],
    [2026, 3, '2026-07-01'],
    [2026, 4, '2026-10-08'], // 国庆节 1–7 Oct
    [2025, 4, '2025-10-09'],
  ])('%i Q%i → %s', (y, q, day) => {
    expect(firstWorkingDayOfQuarter(y, q, NONE)).toBe(day);
  });

  it('the 调休 Sunday counts as a working day', () => {
    expect(dayInfo('2026-01-04')).toMatchObject({ work: true, kind: 'makeup_workday' });
  });

  it('a year without official data is Mon–Fri until an admin enters its holidays', () => {
    expect(firstWorkingDayOfQuarter(2027, 1, NONE)).toBe('2027-01-01'); // a Friday, flagged by needsHolidayData
    expect(firstWorkingDayOfQuarter(2027, 1, NEW_YEAR_2027)).toBe('2027-01-04');
  });

  it('refuses a quarter that is not 1–4', () => {
    expect(() => firstWorkingDayOfQuarter(2026, 5)).toThrow(RangeError);
  });
});

describe('assessmentDigestAt', () => {
  it('is the start of working hours on the next quarter’s first working day', () => {
    expect(assessmentDigestAt(quarter(2025, 4), S, NONE)).toEqual(at('2026-01-04', 9));
    expect(assessmentDigestAt(quarter(2026, 3), S, NONE)).toEqual(at('2026-10-08', 9));
    expect(assessmentDigestAt(quarter(2026, 4), S, NEW_YEAR_2027)).toEqual(at('2027-01-04', 9));
    expect(assessmentDigestAt(quarter(2026, 4), { ...S, workdayStart: '08:30' }, NONE)).toEqual(at('2027-01-01', 8, 30));
  });

  it('is for quarters only', () => {
    expect(() => assessmentDigestAt(year(2026), S, NONE)).toThrow(RangeError);
  });
});

describe('assessmentDigestDue', () => {
  const due = (day: string, h: number, m = 0, o = NONE) => {
    const p = assessmentDigestDue(at(day, h, m), S, o);
    return p ? periodKey(p) : null;
  };

  it('nothing on the holidays before the first working day, nor before 09:00 on it', () => {
    expect(due('2025-12-31', 10)).toBeNull();
    expect(due('2026-01-01', 10)).toBeNull();
    expect(due('2026-01-02', 10)).toBeNull();
    expect(due('2026-01-04', 8, 59)).toBeNull();
  });

  it('the quarter just ended from 09:00 on its first working day', () => {
    expect(due('2026-01-04', 9)).toBe('2025Q4');
    expect(due('2026-01-04', 17, 30)).toBe('2025Q4');
    expect(due('2026-10-08', 9, 5)).toBe('2026Q3');
  });

  it('a tick that runs late still finds it, within a fortnight and only in working hours', () => {
    expect(due('2026-01-04', 19)).toBeNull(); // the evening: it waits for the next morning
    expect(due('2026-01-05', 9, 1)).toBe('2025Q4');
    expect(due('2026-01-16', 15)).toBe('2025Q4');
    expect(due('2026-01-19', 9)).toBeNull();
  });

  it('nothing mid-quarter', () => {
    expect(due('2026-02-25', 10)).toBeNull();
    expect(due('2026-12-15', 10)).toBeNull();
    expect(due('2026-09-30', 10)).toBeNull();
  });

  it('follows the company’s holidays for a year without official data', () => {
    expect(due('2027-01-01', 10)).toBe('2026Q4');
    expect(due('2027-01-01', 10, 0, NEW_YEAR_2027)).toBeNull();
    expect(due('2027-01-04', 9, 0, NEW_YEAR_2027)).toBe('2026Q4');
  });

  it('one key per quarter', () => {
    expect(assessmentDigestKey(quarter(2026, 4))).toBe('assessment:2026Q4');
  });
});
