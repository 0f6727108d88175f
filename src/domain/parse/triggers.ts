/**
 * The words a message starts with to say what it is ("拜访总结：…", "回访 华能…", "11月月报",
 * "Visit summary -"). Each report parser strips its own trigger; detectIntent tries them all.
 */
import { normalizeText, stripLeadingMentions } from './text.js';

export interface Trigger {
  /** Whether the message started with one of the trigger words. */
  matched: boolean;
  /** The trigger as typed (e.g. "拜访总结", "11月月报"), or null. */
  word: string | null;
  /** The message without mentions, the trigger and the separator after it. */
  body: string;
}

// Decoration people put around a heading: "#拜访总结", "【拜访总结】", "「月报」", "**Summary**".
const OPEN = String.raw`[#＃【\[「『《〔*]*\s*`;
const CLOSE = String.raw`(?![A-Za-z])\s*[】\]」』》〕*]*`;
const AFTER = /^(?:[\s:：,，。.、;；\-—–~!！)）]|一下)*/u;

export const VISIT_TRIGGER = new RegExp(
  OPEN +
    String.raw`((?:今天的?|今日|本次|这次|此次)?(?:拜访(?:总结|记录|小结|纪要|反馈|情况)|总结|小结|visit\s+(?:summary|record|report|notes)|summary))` +
    CLOSE,
  'iu',
);

export const FOLLOW_UP_TRIGGER = new RegExp(
  OPEN + String.raw`((?:客户)?回访(?:记录|情况|结果|反馈|总结)?了?|follow[\s-]?up(?:\s+(?:call|visit|record|notes))?)` + CLOSE,
  'iu',
);

export const MONTHLY_TRIGGER = new RegExp(
  OPEN +
    String.raw`((?:(\d{4})\s*年\s*)?(?:(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月份?|本月|上月|上个月|这个月)?\s*的?\s*(?:月度?市场分析报告|市场分析报告|市场分析|月度报告|月度总结|月报)|monthly\s+(?:market\s+)?(?:analysis\s+)?report)` +
    CLOSE,
  'iu',
);

export const RECEPTION_TRIGGER = new RegExp(
  OPEN + String.raw`((?:客户)?接待(?:报告|总结|记录|小结)|reception\s+(?:report|summary|notes))` + CLOSE,
  'iu',
);

/**
 * Normalises the message and strips `pattern` from its start when present. `match` is the raw
 * regex match, for parsers that read more from the trigger (the month in "11月月报").
 */
export function stripTrigger(text: string, pattern: RegExp): { trigger: Trigger; match: RegExpExecArray | null } {
  const clean = stripLeadingMentions(normalizeText(text)).trim();
  const m = startsWith(clean, pattern);
  if (!m) return { trigger: { matched: false, word: null, body: clean }, match: null };
  const after = clean.slice(m[0].length);
  const body = after.slice(AFTER.exec(after)![0].length).trim();
  return { trigger: { matched: true, word: m[1]!.trim(), body }, match: m };
}

/** `pattern` matched at the very start of an already-normalised message. */
export function startsWith(clean: string, pattern: RegExp): RegExpExecArray | null {
  return new RegExp(`^(?:${pattern.source})`, pattern.flags).exec(clean);
}
