/**
 * Customer categories (§2.1): any combination of four, each set or cleared with a reason. The
 * history is the record; the current set is derivable from it (`categoriesFromHistory`), so a
 * stored set is only a cache of the history.
 */
import { DomainError } from '../errors.js';
import { i18n, type I18nText } from '../i18n.js';
import { addDaysYmd, ymd } from '../time.js';
import type { Fen } from '../money.js';
import { formatYuan } from '../money.js';

export const CATEGORIES = ['important', 'high_value', 'group', 'strategic'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABEL: Record<Category, I18nText> = {
  important: i18n('重要客户', 'Important'),
  high_value: i18n('高值客户', 'High value'),
  group: i18n('集团客户', 'Group'),
  strategic: i18n('战略客户', 'Strategic'),
};

/** The default high-value threshold, ¥5,000,000 (§3.2.2; a setting that grows with the business). */
export const HIGH_VALUE_THRESHOLD_FEN: Fen = 500_000_000;
const CATEGORY_REASON_MAX = 500;

export interface CategoryChange {
  category: Category;
  set: boolean;
  reason: string;
  actorId: string;
  /** ISO instant. */
  at: string;
}

/**
 * Sets (`set: true`) or clears a category. A reason is required either way. Setting what is
 * already set returns `entry: null` and the same list, so a double click records nothing.
 */
export function changeCategory(
  current: readonly Category[],
  category: Category,
  set: boolean,
  opts: { reason: string; actorId: string; now: Date },
): { categories: Category[]; entry: CategoryChange | null } {
  const reason = opts.reason.trim();
  if (!reason) {
    throw new DomainError('VALIDATION', i18n('设置或取消客户分类需要填写原因', 'Setting or clearing a category needs a reason'), { category });
  }
  if (reason.length > CATEGORY_REASON_MAX) {
    throw new DomainError('VALIDATION', i18n(`原因最多 ${CATEGORY_REASON_MAX} 个字`, `The reason can be at most ${CATEGORY_REASON_MAX} characters`));
  }
  const has = current.includes(category);
  if (has === set) return { categories: sortCategories(current), entry: null };
  const categories = set ? sortCategories([...current, category]) : current.filter((c) => c !== category);
  return { categories, entry: { category, set, reason, actorId: opts.actorId, at: opts.now.toISOString() } };
}

const sortCategories = (list: readonly Category[]): Category[] => CATEGORIES.filter((c) => list.includes(c));

/** The current categories, replayed from the history in order. */
export function categoriesFromHistory(history: readonly CategoryChange[]): Category[] {
  const set = new Set<Category>();
  for (const h of [...history].sort((a, b) => a.at.localeCompare(b.at))) {
    if (h.set) set.add(h.category);
    else set.delete(h.category);
  }
  return sortCategories([...set]);
}

export interface HighValueSuggestion {
  suggest: boolean;
  totalFen: Fen;
  thresholdFen: Fen;
  /** First day counted (YYYY-MM-DD, company zone); the window ends today. */
  since: string;
  reason: I18nText;
}

/**
 * Should the customer be flagged high-value? Sums transactions dated in the last 12 months —
 * from the day after the same date last year through today, in the company zone — and suggests
 * when the total reaches the threshold. Future-dated rows (typos, scheduled deliveries) do not count.
 */
export function suggestHighValue(
  transactions: readonly { date: string; amountFen: Fen }[],
  now: Date,
  thresholdFen: Fen = HIGH_VALUE_THRESHOLD_FEN,
  timeZone = 'Asia/Shanghai',
): HighValueSuggestion {
  const today = ymd(now, timeZone);
  const [y, m, d] = today.split('-');
  // Feb 29 has no counterpart last year; Feb 28 is the same "one year ago".
  const lastYear = `${Number(y) - 1}-${m}-${m === '02' && d === '29' ? '28' : d}`;
  const since = addDaysYmd(lastYear, 1);
  const totalFen = transactions.filter((t) => t.date >= since && t.date <= today).reduce((sum, t) => sum + t.amountFen, 0);
  const suggest = totalFen >= thresholdFen;
  return {
    suggest,
    totalFen,
    thresholdFen,
    since,
    reason: i18n(
      `近12个月交易额 ${formatYuan(totalFen)}，${suggest ? '达到' : '未达到'}高值客户标准 ${formatYuan(thresholdFen)}`,
      `Transactions in the last 12 months: ${formatYuan(totalFen)}, ${suggest ? 'reaching' : 'below'} the high-value threshold of ${formatYuan(thresholdFen)}`,
    ),
  };
}

/**
 * What a newly recorded transaction does to the high-value crossing: the first time the total
 * reaches the threshold it is marked crossed, and the owner and manager are told unless the
 * customer is already marked high value; falling back under it clears the mark, so only a new
 * crossing tells them again. Anything else changes nothing (later transactions above it stay silent).
 */
export function highValueCrossing(s: HighValueSuggestion, crossed: boolean, categories: readonly Category[]): 'notify' | 'mark' | 'clear' | 'none' {
  if (s.suggest && !crossed) return categories.includes('high_value') ? 'mark' : 'notify';
  if (!s.suggest && crossed) return 'clear';
  return 'none';
}
