/**
 * Planned new key accounts per specialist and period (大客户开发计划数, the denominator of the
 * development-plan completion KPI): set by the specialist's manager or the director for a
 * quarter or a year, like the sales targets (the same people, the same periods); each change is
 * kept in the audit log.
 */
import { DomainError } from '../errors.js';
import { i18n } from '../i18n.js';

/** No specialist opens more than this many key accounts in a period: a larger number is a typo. */
export const MAX_PLANNED_NEW = 200;

/** What was typed for planned new accounts ("3", "3个", "３"): a whole number from 1 to MAX_PLANNED_NEW. */
export function parsePlannedNew(raw: unknown): number {
  const text = (typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '').trim().replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)).replace(/\s*(个|家|户)$/, '');
  const n = /^-?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PLANNED_NEW) {
    throw new DomainError('VALIDATION', i18n(
      `「计划开发新客户数」须为 1 到 ${MAX_PLANNED_NEW} 的整数（收到「${text.slice(0, 20)}」），未做更改。`,
      `Planned new accounts: must be a whole number from 1 to ${MAX_PLANNED_NEW} (got "${text.slice(0, 20)}"); nothing was changed.`,
    ));
  }
  return n;
}
