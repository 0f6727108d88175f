/**
 * The archive card's history (issue 15): what was recorded about a customer, one tab per kind,
 * newest first, a page at a time. Pure: the use case loads rows, this decides which page and
 * how many pages there are.
 */
import { i18n, type I18nText } from '../i18n.js';

export const HISTORY_TABS = ['transactions', 'visits', 'complaints', 'questions', 'feedback', 'changes'] as const;
export type HistoryTab = (typeof HISTORY_TABS)[number];

export const HISTORY_TAB_LABEL: Record<HistoryTab, I18nText> = {
  transactions: i18n('交易', 'Transactions'),
  visits: i18n('拜访', 'Visits'),
  complaints: i18n('投诉', 'Complaints'),
  questions: i18n('问题', 'Questions'),
  feedback: i18n('意见反馈', 'Feedback'),
  changes: i18n('阶段与类别变更', 'Stage & category changes'),
};

/** Rows per page: five one-line rows keep the card short and well under Lark's size limit. */
export const HISTORY_PAGE_SIZE = 5;
/** The page a button may ask for; the real page count is far smaller, and a larger one is clamped. */
export const HISTORY_PAGE_MAX = 10_000;

export interface HistoryPage {
  /** 1-based, clamped to [1, pages]. */
  page: number;
  /** At least 1, so an empty tab still reads "1/1". */
  pages: number;
  /** Rows to skip in the newest-first list. */
  offset: number;
}

/** The page actually shown for a requested page, given how many rows the tab has. */
export function historyPage(requested: number, total: number, size = HISTORY_PAGE_SIZE): HistoryPage {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(pages, Math.max(1, Math.trunc(Number.isFinite(requested) ? requested : 1)));
  return { page, pages, offset: (page - 1) * size };
}

/** Newest first, ties broken by the later-recorded row first (a stable order for paging). */
export function newestFirst<T extends { at: Date; seq: number }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => b.at.getTime() - a.at.getTime() || b.seq - a.seq);
}

export interface HistoryRow {
  /** YYYY-MM-DD in the company's zone. */
  date: string;
  /** What happened, in our words (an amount, a status, a stage move). */
  what: I18nText;
  /** The people's own words (a purpose, a cause, a question), shortened by the card. */
  detail: string | null;
  /** Who did or recorded it. */
  by: string | null;
}

/** One page of one tab, with every tab's row count for the tab buttons. */
export interface HistoryView {
  tab: HistoryTab;
  page: number;
  pages: number;
  counts: Record<HistoryTab, number>;
  rows: HistoryRow[];
}
