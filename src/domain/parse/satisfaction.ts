/**
 * A 1–5 satisfaction score (大客户满意程度 KPI, domain.md §5) from how people write it:
 * "满意度4", "4分", "4/5", "★★★★", "非常满意", "satisfaction: 4", "very satisfied".
 */
import { parseSmallNumber } from './text.js';

export type Satisfaction = 1 | 2 | 3 | 4 | 5;

export interface SatisfactionMatch {
  score: Satisfaction;
  /** The words the score came from, so callers can drop them from the opinion text. */
  text: string;
  /** 'words' ("非常满意") carry an opinion; 'number' and 'stars' are only a score. */
  kind: 'number' | 'stars' | 'words';
  index: number;
}

// 一 in 一般 (so-so) is not a one.
const NUM = '(?:[1-5二三四五]|一(?!般))';
const NUMERIC: RegExp[] = [
  new RegExp(`(?:满意度|满意程度|评分|打分|分数|satisfaction|score|rating)\\s*(?:[:：=]|为|是|打了?|给了?)?\\s*(${NUM})(?:\\s*(?:分(?!钟)|星|颗星|\\/\\s*5|stars?|points?))?`, 'iu'),
  /(?<![\d.])([1-5])\s*\/\s*5(?![\d.])/u,
  new RegExp(`(?<![满\\d.])(${NUM})\\s*(?:分(?!钟|之|析|公司|别|开)|颗?星(?!期)|stars?)`, 'iu'),
];
const STARS = /[★⭐](?:\uFE0F)?(?:\s*[★⭐]\uFE0F?){0,4}/u;

// Checked in this order: "不是很满意" contains "很满意", "not very satisfied" "very satisfied".
const WORDS: ReadonlyArray<[Satisfaction, RegExp]> = [
  [1, /(?:非常|很|极|极其|特别|十分|相当)不满意?|very (?:dis|un)satisfied|extremely (?:dis|un)satisfied|very unhappy/iu],
  [2, /不太满意|不怎么满意|不是很满意|不满意|不满|(?:dis|un)satisfied|not (?:very )?satisfied|unhappy/iu],
  [5, /(?:非常|很|十分|特别|超|相当|极其)满意|very satisfied|extremely satisfied|very happy|delighted/iu],
  [3, /一般般|(?:感觉|评价|反馈|满意度|满意程度|觉得|总体|整体|还算)[:：]?\s*一般|^\s*(?:一般|还行|凑合|中等)\s*$|\b(?:neutral|average|so-so)\b/iu],
  [4, /(?:比较|挺|还算|基本|总体|整体)?满意|挺好|还不错|都不错|很好用|没什么问题|\bsatisfied\b|\bhappy\b/iu],
];

/** The first satisfaction score in the text, or null. */
export function findSatisfaction(text: string): SatisfactionMatch | null {
  for (const re of NUMERIC) {
    const m = re.exec(text);
    if (m) return { score: parseSmallNumber(m[1]!) as Satisfaction, text: m[0], index: m.index, kind: 'number' };
  }
  const stars = STARS.exec(text);
  if (stars) {
    const n = [...stars[0]].filter((c) => c === '★' || c === '⭐').length;
    return { score: Math.min(5, n) as Satisfaction, text: stars[0], index: stars.index, kind: 'stars' };
  }
  for (const [score, re] of WORDS) {
    const m = re.exec(text);
    if (m) return { score, text: m[0], index: m.index, kind: 'words' };
  }
  return null;
}

/** A standalone value (the 满意度 label's) also reads bare "4" or "一般". */
export function parseSatisfactionValue(value: string): SatisfactionMatch | null {
  const bare = /^\s*([1-5])\s*$/u.exec(value);
  if (bare) return { score: Number(bare[1]) as Satisfaction, text: value.trim(), index: 0, kind: 'number' };
  return findSatisfaction(value) ?? (/一般|还行|凑合/u.test(value) ? { score: 3, text: value.trim(), index: 0, kind: 'words' } : null);
}
