/** Reading and checking report fields, whichever way they came in (message or form). */
import { readText } from '../../domain/card-form.js';
import { DomainError } from '../../domain/errors.js';
import { i18n } from '../../domain/i18n.js';
import { addMonths, monthKey, parseMonthKey, reportMonthDuring } from '../../domain/reminders/index.js';
import { wallParts } from '../../domain/time.js';
import { emptyFields, FIELD_MAX, REPORT_FIELDS, REQUIRED_FIELDS, type ReportFields } from '../../../cards/monthly-report-parts.js';

/**
 * The month a report is most likely about: early in a month it is the previous month's (due by
 * the 5th); from the 20th on, people are writing up the month that is ending.
 */
export function defaultReportMonth(now: Date, timeZone: string): string {
  return wallParts(now, timeZone).day >= 20 ? monthKey(now, timeZone) : reportMonthDuring(now, timeZone);
}

/**
 * The months a report naming none could be about, when the date leaves it open: after the 5th
 * (last month's report is late, if not sent) and before the 20th (this month is under way), it
 * may be either. Outside that window defaultReportMonth is clear enough; null then.
 */
export function ambiguousReportMonths(now: Date, timeZone: string): [string, string] | null {
  const day = wallParts(now, timeZone).day;
  if (day <= 5 || day >= 20) return null;
  const current = monthKey(now, timeZone);
  return [addMonths(current, -1), current];
}

/** Months the form offers: the two before this one and this one. */
export const monthsOffered = (now: Date, timeZone: string): string[] => {
  const current = monthKey(now, timeZone);
  return [addMonths(current, -2), addMonths(current, -1), current];
};

/** A report may not be for a month that has not started. */
export function checkMonth(month: string, now: Date, timeZone: string): string {
  parseMonthKey(month);
  if (month > monthKey(now, timeZone)) {
    throw new DomainError('VALIDATION', i18n(`不能提交未来月份（${month}）的报告。`, `You cannot report on a future month (${month}).`));
  }
  return month;
}

/** Trims, turns blanks into null, and refuses over-long text naming the field (card-form's words). */
export function cleanFields(input: object): ReportFields {
  const raw = input as Record<string, unknown>;
  const out = emptyFields();
  for (const { key, label } of REPORT_FIELDS) out[key] = readText(raw, key, label, FIELD_MAX);
  return out;
}

/** The summary and forecast must be there before a report can be submitted. */
export function checkRequired(fields: ReportFields): void {
  const missing = REPORT_FIELDS.filter((f) => REQUIRED_FIELDS.includes(f.key) && !fields[f.key]);
  if (missing.length) {
    throw new DomainError(
      'VALIDATION',
      i18n(`请填写：${missing.map((f) => f.label.zh_cn).join('、')}`, `Please fill in: ${missing.map((f) => f.label.en_us).join(', ')}`),
    );
  }
}

export const hasAnyField = (fields: ReportFields): boolean => REPORT_FIELDS.some((f) => fields[f.key]);
