/**
 * The commands a message that matched none probably meant: typos (cusotmers, 模版), homophones
 * the pinyin IME picked (拜方 → 拜访, 草搞 → 草稿) and pinyin typed for Chinese (baifang, kehu).
 * Compares the start of the message with every command word, both as written and as pinyin.
 */
import { fullPinyin, hasCjk } from '../domain/customer/name.js';
import type { Command } from './registry.js';

export interface CloseCommand {
  command: Command;
  /** The word that came closest, for the log and the tests. */
  word: string;
  /** 0 is the word itself; up to MAX_SCORE. */
  score: number;
}

/** Share of a word's letters that may differ (one in three: "hepl", "待申批", "reprot"). */
const MAX_SCORE = 0.34;
/**
 * Pinyin is longer and more alike (今天 jintian is two letters from 进展 jinzhan), so there a
 * homophone or one slip in five letters counts ("模版" muban, "草搞" caogao), not more.
 */
const MAX_PINYIN_SCORE = 0.2;
const pinyinRatio = (a: string, b: string): number => {
  const r = ratio(a, b);
  return r <= MAX_PINYIN_SCORE ? r : 1;
};

/** Optimal string alignment distance over code points (a swap of neighbours counts once). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[x.length]![y.length]!;
}

const ratio = (a: string, b: string): number => (a && b ? editDistance(a, b) / Math.max([...a].length, [...b].length) : 1);

/** How far the message's start is from one command word (0 = it begins with the word). */
function wordScore(text: string, word: string): number {
  const w = word.toLowerCase();
  const wChars = [...w];
  if (wChars.length < 2) return 1;
  const chars = [...text];
  const wPy = hasCjk(w) ? fullPinyin(w) : w;
  let best = 1;
  // Prefixes of the message about as long as the word, written or in pinyin.
  for (const len of [wChars.length - 1, wChars.length, wChars.length + 1]) {
    if (len < 1 || len > chars.length) continue;
    const head = chars.slice(0, len).join('');
    // A Latin head must end where a word ends ("cust" is not a try at "customers" inside "custom…").
    if (!hasCjk(head) && /[a-z0-9]/i.test(chars[len] ?? '')) continue;
    best = Math.min(best, ratio(head, w), hasCjk(head) || hasCjk(w) ? pinyinRatio(hasCjk(head) ? fullPinyin(head) : head, wPy) : 1);
  }
  // Pinyin typed for a Chinese word: "baifang 华能", "kehu".
  if (hasCjk(w) && !hasCjk(chars.slice(0, 3).join(''))) {
    const latin = /^[a-z]+/i.exec(text.replace(/\s+/g, ''))?.[0]?.toLowerCase() ?? '';
    for (const len of [wPy.length - 1, wPy.length, wPy.length + 1]) if (len >= 3 && len <= latin.length) best = Math.min(best, pinyinRatio(latin.slice(0, len), wPy));
  }
  return best;
}

/** Up to `limit` commands, closest first, each at most once. */
export function closestCommands(text: string, commands: readonly Command[], limit = 3): CloseCommand[] {
  const t = text.trim().replace(/^[/／]/, '').toLowerCase();
  if (!t) return [];
  const best = new Map<Command, CloseCommand>();
  for (const command of commands) {
    for (const word of command.words) {
      const score = wordScore(t, word);
      if (score > MAX_SCORE) continue;
      const seen = best.get(command);
      if (!seen || score < seen.score) best.set(command, { command, word, score });
    }
  }
  return [...best.values()].sort((a, b) => a.score - b.score || a.command.name.localeCompare(b.command.name)).slice(0, limit);
}
