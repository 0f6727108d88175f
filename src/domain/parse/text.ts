/**
 * Text clean-up shared by the message parsers. Users type in Feishu on phones and desktops, so
 * the same message can arrive with full-width digits, CRLF, NBSP or zero-width characters.
 */

/**
 * Canonical form of a message: LF line ends, ASCII digits/letters, plain spaces. Full-width
 * punctuation (：，。；（）) is kept because it ends up in the values shown back to the user;
 * the regexes accept both widths instead.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/[\u00a0\u3000]/g, ' ')
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Lark puts "@_user_1" placeholders (or "@Name" when copied) in front of a group message that
 * mentions the bot; they are not part of what the user wrote.
 */
export function stripLeadingMentions(text: string): string {
  return text.replace(/^(?:\s*@[^\s@]+\s*)+/u, '');
}

/** Trims whitespace and the separators people leave around a value ("：xx；" → "xx"). */
export function cleanValue(value: string): string {
  return value
    .replace(/^[\s:：,，;；、.。\-—–~～]+/u, '')
    .replace(/[\s,，;；、\-—–~～]+$/u, '')
    .trim();
}

const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** "3", "十二", "二十一", "两" → number; anything else (or above 99) → null. */
export function parseSmallNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === '') return null;
  const [, tens, ten, ones] = m;
  if (!ten) return tens && !ones ? CN_DIGITS[tens]! : null;
  return (tens ? CN_DIGITS[tens]! : 1) * 10 + (ones ? CN_DIGITS[ones]! : 0);
}

export interface Clause {
  text: string;
  start: number;
  end: number; // exclusive, including the clause's trailing separator
}

/**
 * Splits prose into clauses at sentence and comma punctuation. Chinese chat runs several topics
 * together with commas ("见了王总，他说价格偏高，下周三再去"), so commas count as boundaries.
 * Each clause keeps its trailing separator so clauses can be glued back verbatim. With
 * `commas: false` the pieces are whole sentences.
 */
export function splitClauses(text: string, { commas = true }: { commas?: boolean } = {}): Clause[] {
  const out: Clause[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isBoundary(text, i, commas)) continue;
    let end = i + 1;
    while (end < text.length && (isBoundary(text, end, commas) || text[end] === ' ')) end++;
    push(out, text, start, end);
    start = end;
    i = end - 1;
  }
  push(out, text, start, text.length);
  return out.flatMap(splitRunOn);
}

// Dictation with no punctuation at all runs several thoughts together ("…李处长聊了下他们对私有化
// 部署比较在意…回去我准备一份方案"). A long run is cut before words that start a new thought.
const RUN_ON_MIN = 24;
const THOUGHT_START =
  /(?<=[\p{Script=Han}])(?=回去|然后|接下来|下一步|后续|但是|不过|另外|(?:他们|她们|对方|客户)(?:对|说|觉得|表示|认为|希望|比较|很|都|也|还)|我们?(?:准备|会|打算|计划|下周|明天))/gu;

function splitRunOn(c: Clause): Clause[] {
  if (c.text.length < RUN_ON_MIN || /[，,。；;！？!?、]/u.test(c.text.trimEnd().slice(0, -1))) return [c];
  const cuts = [...c.text.matchAll(THOUGHT_START)].map((m) => m.index).filter((i) => i >= 6 && i <= c.text.length - 4);
  if (!cuts.length) return [c];
  const bounds = [0, ...cuts, c.text.length];
  return bounds.slice(0, -1).map((b, i) => ({ text: c.text.slice(b, bounds[i + 1]), start: c.start + b, end: c.start + bounds[i + 1]! }));
}

function push(out: Clause[], text: string, start: number, end: number): void {
  if (text.slice(start, end).trim()) out.push({ text: text.slice(start, end), start, end });
}

// An English full stop ends a clause only before a space or the end, and not after "Mr." etc.
function isBoundary(text: string, i: number, commas: boolean): boolean {
  const c = text[i]!;
  if (/[。！？!?；;\n]/u.test(c) || (commas && /[，,]/u.test(c))) return true;
  // Chat uses a space (often after an emoji) as a full stop between Chinese sentences:
  // "有采购需求😊 下周三再去", "聊得挺好 下周三再去".
  if (c === ' ' && i > 0 && /[\p{Script=Han}\p{Extended_Pictographic}]/u.test(text.slice(i - 2, i)) && /\p{Script=Han}/u.test(text[i + 1] ?? '')) return true;
  return c === '.' && (i + 1 === text.length || /\s/.test(text[i + 1]!)) && !/\b(?:mr|mrs|ms|dr|st|co|no|vs|inc|ltd|jr|sr)$/i.test(text.slice(Math.max(0, i - 4), i));
}

/** Glues kept clauses back together and tidies the ending. */
export function joinClauses(clauses: readonly Clause[]): string {
  return cleanValue(
    clauses
      .map((c) => c.text)
      .join('')
      .replace(/\n{3,}/g, '\n\n'),
  );
}

export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
