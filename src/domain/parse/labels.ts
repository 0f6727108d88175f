/**
 * Generic labelled-field splitter: "地点：华能大厦", "Place - HQ", "【要点】…", "① 客户想法: …",
 * "时间：昨天下午；地点：他们总部". Every report the bot takes by message (visit record, follow-up,
 * monthly report, reception report) is this shape with a different dictionary.
 */
import { cleanValue, escapeRegExp } from './text.js';

/** Canonical key → aliases (Chinese and English; matched case-insensitively, longest first). */
export type LabelDictionary<K extends string> = Readonly<Record<K, readonly string[]>>;

export interface LabelledSplit<K extends string> {
  /** Value per canonical key, trimmed; a label given twice has its values joined by a newline. */
  fields: Partial<Record<K, string>>;
  /** Keys in the order their labels first appeared. */
  order: K[];
  /** Everything not under a known label (chatter, lines with unknown labels), newline-joined. */
  rest: string;
  /** Whether at least one known label was found. */
  labelled: boolean;
}

// Bullets and numbering people put before a label, including emoji ("📍地点：").
const BULLET =
  /[ \t]*(?:(?:[-*•·●○◆◇▪►>＞]|\d{1,2}[.、)）．]|[①-⑳]|[(（]\d{1,2}[)）]|[一二三四五六七八九十]{1,3}[、.．])[ \t]*|[\p{Extended_Pictographic}\u{FE0F}\u{200D}]+[ \t]*)*/uy;
// Where a label may start in the middle of a line: after sentence or clause punctuation, or a
// space ("要点：聊了价格 客户想法：偏贵"). A colon is then required.
const MID_LINE_BOUNDARY = /[。；;！!？?，,、 \t]/u;
const COLON_SEP = /[ \t]*[:：﹕][ \t]*/y;
const LINE_START_SEP = /[ \t]*(?:[:：﹕]|[-–—－=＝]+|[>》])[ \t]*/y;
const SPACE_SEP = /[ \t]+(?=\S)/y;
const END_OF_LINE = /[ \t]*(?=\n|$)/y;
// A short "word：" at the start of a line that is not in the dictionary ("联系人：王总").
// Speech ("王总说：…") is content, not a label.
const UNKNOWN_LABEL = /[\p{Script=Han}A-Za-z][\p{Script=Han}A-Za-z0-9 ]{0,9}?(?<![说讲问答表示认为觉得提到称])[ \t]*[:：﹕](?!\/\/)[ \t]*/uy;
const SIGN_OFF =
  /\n[ \t]*(?:以上|谢谢|多谢|感谢|辛苦|请.{0,4}(?:审阅|查阅|审批|指示|指导|过目)|thanks?\b|thank you|thx|regards)[^\n]{0,20}\s*$/iu;
const HAS_CJK = /\p{Script=Han}/u;

interface Compiled<K extends string> {
  plain: RegExp;
  bracket: RegExp;
  keyOf: Map<string, K>;
}

const cache = new WeakMap<object, Compiled<string>>();

function compile<K extends string>(dict: LabelDictionary<K>): Compiled<K> {
  const hit = cache.get(dict);
  if (hit) return hit as Compiled<K>;
  const keyOf = new Map<string, K>();
  for (const key of Object.keys(dict) as K[]) {
    for (const alias of dict[key]) keyOf.set(normAlias(alias), key);
  }
  const alternation = [...keyOf.keys()]
    .sort((a, b) => b.length - a.length)
    .map((a) => escapeRegExp(a).replace(/ /g, '\\s+'))
    .join('|');
  // (?![A-Za-z]) keeps "time" from matching inside "timeline".
  const plain = new RegExp(`(${alternation})(?![A-Za-z])`, 'iuy');
  const bracket = new RegExp(`[【\\[〔［]\\s*(${alternation})\\s*[】\\]〕］][ \\t]*[:：﹕]?[ \\t]*`, 'iuy');
  const compiled: Compiled<K> = { plain, bracket, keyOf };
  cache.set(dict, compiled as Compiled<string>);
  return compiled;
}

const normAlias = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');

const stickyAt = (re: RegExp, text: string, at: number): RegExpExecArray | null => {
  re.lastIndex = at;
  return re.exec(text);
};

interface Occurrence<K> {
  key: K | null; // null: an unknown "word：" label
  cut: number; // where the previous segment ends (line start incl. bullet, or label start)
  valueStart: number;
  inline: boolean; // the label line itself carries a value
}

function findOccurrences<K extends string>(text: string, c: Compiled<K>): Occurrence<K>[] {
  const out: Occurrence<K>[] = [];
  for (let p = 0; p < text.length; p++) {
    const lineStart = p === 0 || text[p - 1] === '\n';
    if (!lineStart && !MID_LINE_BOUNDARY.test(text[p - 1]!)) continue;
    // Bullets count mid-line too ("①地点：华能 ②要点：价格"); a colon is still required there.
    const q = p + (stickyAt(BULLET, text, p)?.[0].length ?? 0);

    let key: K | undefined;
    let valueStart = -1;
    const br = stickyAt(c.bracket, text, q);
    if (br) {
      key = c.keyOf.get(normAlias(br[1]!));
      valueStart = q + br[0].length;
    } else {
      const m = stickyAt(c.plain, text, q);
      if (m) {
        const end = q + m[0].length;
        const seps = lineStart
          ? [LINE_START_SEP, END_OF_LINE, ...(HAS_CJK.test(m[1]!) ? [SPACE_SEP] : [])]
          : [COLON_SEP];
        for (const sep of seps) {
          const s = stickyAt(sep, text, end);
          if (s) {
            key = c.keyOf.get(normAlias(m[1]!));
            valueStart = end + s[0].length;
            break;
          }
        }
      }
    }
    if (key !== undefined) {
      const lineEnd = text.indexOf('\n', valueStart);
      const inline = text.slice(valueStart, lineEnd < 0 ? undefined : lineEnd).trim() !== '';
      out.push({ key, cut: p, valueStart, inline });
      p = valueStart - 1;
      continue;
    }
    if (lineStart) {
      const u = stickyAt(UNKNOWN_LABEL, text, q);
      if (u) out.push({ key: null, cut: p, valueStart: q, inline: true });
    }
  }
  return out;
}

/**
 * Labels written without colons, separated by spaces as dictation and quick typing give them:
 * "客户 鼓楼医院 时间 11月25日 地点 信息中心 要点 …". Only a whole space-separated Chinese word
 * that is a known label counts, and only when two different labels are found that way.
 */
function findSpacedOccurrences<K extends string>(text: string, c: Compiled<K>): Occurrence<K>[] {
  const out: Occurrence<K>[] = [];
  for (const m of text.matchAll(/(?<=^|\s)([\p{Script=Han}]{2,8})(?=[ \t]+\S)/gu)) {
    const key = c.keyOf.get(normAlias(m[1]!));
    if (key === undefined) continue;
    const after = /^[ \t]+/u.exec(text.slice(m.index + m[1]!.length))![0].length;
    out.push({ key, cut: m.index, valueStart: m.index + m[1]!.length + after, inline: true });
  }
  return new Set(out.map((o) => o.key)).size >= 2 ? out : [];
}

/** Splits labelled text into fields; see LabelledSplit. */
export function splitLabelled<K extends string>(text: string, dict: LabelDictionary<K>): LabelledSplit<K> {
  const c = compile(dict);
  let occ = findOccurrences(text, c);
  const keys = (os: Occurrence<K>[]) => new Set(os.filter((o) => o.key !== null).map((o) => o.key)).size;
  if (keys(occ) <= 1) {
    // "客户 鼓楼医院 时间 …" also reads as one line-start label ("客户") holding everything.
    const spaced = findSpacedOccurrences(text, c);
    if (keys(spaced) > keys(occ)) occ = spaced;
  }
  const fields: Partial<Record<K, string>> = {};
  const order: K[] = [];
  const rest: string[] = [];

  // An unknown "word：" line ends a field only when that field's value started on its label line
  // ("地点：华能大厦\n联系人：王总"). Under a block-style label ("客户想法：\n王总：价格偏高") it is
  // part of the value, typically a quote.
  const kept: Occurrence<K>[] = [];
  for (const o of occ) {
    const owner = kept[kept.length - 1];
    if (o.key === null && !(owner && owner.key !== null && owner.inline)) continue;
    kept.push(o);
  }

  const firstCut = kept[0]?.cut ?? text.length;
  if (text.slice(0, firstCut).trim()) rest.push(cleanValue(text.slice(0, firstCut)));
  kept.forEach((o, i) => {
    let end = kept[i + 1]?.cut ?? text.length;
    if (i === kept.length - 1) {
      // Sign-offs after the last field ("谢谢领导", "以上，请审阅") are chatter, not its value.
      const tail = SIGN_OFF.exec(text.slice(o.valueStart, end));
      if (tail) {
        rest.push(cleanValue(tail[0]));
        end = o.valueStart + tail.index;
      }
    }
    if (o.key === null) {
      const v = cleanValue(text.slice(o.cut, end));
      if (v) rest.push(v);
      return;
    }
    const value = tidy(text.slice(o.valueStart, end));
    if (!order.includes(o.key)) order.push(o.key);
    if (!value) return;
    const prev = fields[o.key];
    fields[o.key] = prev ? `${prev}\n${value}` : value;
  });
  return { fields, order, rest: rest.join('\n'), labelled: kept.some((o) => o.key !== null) };
}

/** Value clean-up: outer separators, trailing full stops and per-line trailing spaces. */
function tidy(value: string): string {
  return cleanValue(
    value
      .split('\n')
      .map((l) => l.replace(/[ \t]+$/, ''))
      .join('\n')
      .replace(/[。]+\s*$/u, ''),
  );
}
