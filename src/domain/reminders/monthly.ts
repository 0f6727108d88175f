/**
 * Monthly market-analysis reports (市场分析报告, domain.md §3.5): one per active specialist per
 * month, due by the 5th of the following month. A report is named by the month it covers.
 */
import type { CalendarOverrides } from '../calendar.js';
import { DomainError } from '../errors.js';
import { i18n } from '../i18n.js';
import { reviewerOf, type Roster } from '../roster.js';
import { wallParts, zonedTime } from '../time.js';
import { monthlyReportDueAt, type ObligationDraft } from './obligation.js';
import type { ReminderSettings } from './settings.js';

/** A monthly report's life: a draft, submitted (or returned for rework), replaced by a later version. */
export type MonthlyReportStatus = 'draft' | 'submitted' | 'returned' | 'replaced';

/** '2026-11' for November 2026. */
export const monthKeyOf = (year: number, month: number): string =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;

/** The company-zone month an instant falls in. */
export function monthKey(instant: Date, timeZone: string): string {
  const p = wallParts(instant, timeZone);
  return monthKeyOf(p.year, p.month);
}

export function parseMonthKey(key: string): { year: number; month: number } {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (!m) throw new DomainError('VALIDATION', i18n(`月份格式无效：${key}`, `Invalid month: ${key}`), { key });
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** The month `n` months after (or before, n < 0) the given one: '2026-12' + 1 = '2027-01'. */
export function addMonths(key: string, n: number): string {
  const { year, month } = parseMonthKey(key);
  const index = year * 12 + (month - 1) + n;
  return monthKeyOf(Math.floor(index / 12), (index % 12) + 1);
}

/** 00:00 on the 1st in the company zone: a monthly report's anchor. */
export function monthStart(key: string, timeZone: string): Date {
  const { year, month } = parseMonthKey(key);
  return zonedTime(timeZone, year, month, 1);
}

/**
 * The month whose report is collected during `now`'s month: in December the November report is
 * due, so on 2026-12-01 this is '2026-11' and on 2027-01-01 it is '2026-12'.
 */
export const reportMonthDuring = (now: Date, timeZone: string): string => addMonths(monthKey(now, timeZone), -1);

/**
 * The monthly-report obligations that should exist for a month: one per active specialist, with
 * their reviewer as the manager who gets the late list. Storage keeps them unique by
 * obligationKey, so calling this on every tick creates each row once.
 */
export function monthlyReportDrafts(key: string, roster: Roster, s: ReminderSettings, o: CalendarOverrides): ObligationDraft[] {
  const anchorAt = monthStart(key, s.timeZone);
  const dueAt = monthlyReportDueAt(anchorAt, s, o);
  return [...roster.values()]
    .filter((m) => m.active && m.role === 'specialist')
    .sort((a, b) => a.openId.localeCompare(b.openId))
    .map((m) => ({
      kind: 'monthly_report' as const,
      ownerId: m.openId,
      managerId: reviewerOf(roster, m)?.openId ?? null,
      subjectType: 'month',
      subjectId: key,
      anchorAt,
      dueAt,
      doneAt: null,
    }));
}
