/**
 * Phone bills against the monthly limit (§2.2 art.18: 应在核定的范围内报销手机费用，超过标准的，
 * 需经大客户部经理审批). The limit is per person per month: this bill and the bills already
 * recorded or waiting for approval for the same month count together. Within the limit the bill
 * is recorded without approval; over it, the manager approves the amount over.
 */
import { i18n, type I18nText } from '../i18n.js';
import { formatYuan, type Fen } from '../money.js';
import type { FieldRow } from '../approval/view.js';

export interface PhoneBillCheck {
  amountFen: Fen;
  /** This person's other bills for the same month, recorded or in approval. */
  earlierFen: Fen;
  limitFen: Fen;
  /** What the month comes to over the limit with this bill, never more than the bill itself. */
  overFen: Fen;
  withinLimit: boolean;
}

export function checkPhoneBill(amountFen: Fen, earlierFen: Fen, limitFen: Fen): PhoneBillCheck {
  const total = amountFen + Math.max(0, earlierFen);
  const overFen = Math.min(amountFen, Math.max(0, total - limitFen));
  return { amountFen, earlierFen: Math.max(0, earlierFen), limitFen, overFen, withinLimit: overFen === 0 };
}

/** The rows the approver sees beside the bill's own: the limit, what the month had already, the amount over. */
export function phoneBillLimitRows(c: PhoneBillCheck): FieldRow[] {
  return [
    { label: i18n('每月标准', 'Monthly limit'), value: formatYuan(c.limitFen) },
    ...(c.earlierFen > 0 ? [{ label: i18n('本月已报', 'Already this month'), value: formatYuan(c.earlierFen) }] : []),
    { label: i18n('超出标准', 'Over the limit'), value: formatYuan(c.overFen) },
  ];
}

/** The list line of a bill in approval: month, amount, and the amount over. */
export function overLimitSummary(month: string, c: PhoneBillCheck): I18nText {
  return i18n(`${month} · ${formatYuan(c.amountFen)} · 超出标准 ${formatYuan(c.overFen)}`, `${month} · ${formatYuan(c.amountFen)} · ${formatYuan(c.overFen)} over the limit`);
}

/** What the person is told when the bill is within the limit. */
export function recordedNotice(month: string, c: PhoneBillCheck): I18nText {
  const left = c.limitFen - c.earlierFen - c.amountFen;
  return i18n(
    `${month} 话费 ${formatYuan(c.amountFen)} 已登记：在每月标准 ${formatYuan(c.limitFen)} 以内，无需审批（本月还可报 ${formatYuan(left)}）。`,
    `Phone bill for ${month}, ${formatYuan(c.amountFen)}, recorded: within the monthly limit of ${formatYuan(c.limitFen)}, so no approval is needed (${formatYuan(left)} left this month).`,
  );
}

/** The form's hint, naming the limit in force. */
export function phoneBillHint(limitFen: Fen): I18nText {
  return i18n(
    `每人每月话费标准 ${formatYuan(limitFen)}：标准以内直接登记，超出部分需经理审批。`,
    `The phone-bill limit is ${formatYuan(limitFen)} per person per month: within it a bill is recorded at once; the amount over it needs your manager's approval.`,
  );
}
