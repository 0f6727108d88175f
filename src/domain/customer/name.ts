/**
 * Normalised forms of a Chinese company name for matching (libraries.md §5). People say
 * "华能", the register says "中国华能集团有限公司": the core drops what every big company shares
 * (the 中国 prefix, legal-form suffixes, bracketed regions), and the pinyin forms catch what the
 * pinyin IME gets wrong (腾迅 → 腾讯) and what people type on a phone (hn, huaneng).
 */
import { pinyin } from 'pinyin-pro';

const SUFFIXES = [
  '股份有限公司', '有限责任公司', '集团有限公司', '有限公司', '集团公司', '股份公司', '总公司', '公司', '集团',
  'co.,ltd.', 'co.,ltd', 'co.ltd', 'ltd.', 'ltd', 'inc.', 'inc', 'limited', 'corporation', 'corp.', 'corp',
  'group', 'holdings',
];
const PREFIXES = ['中国'];

/** Full-width to half-width, lower case, no spaces: "ＫＡ（北京）Co., Ltd" → "ka(北京)co.,ltd". */
export function normalizeName(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** "中国华能集团有限公司" → "华能"; "腾讯科技（深圳）有限公司" → "腾讯科技". Never returns empty for non-empty input. */
export function coreName(name: string): string {
  const norm = normalizeName(name);
  let s = norm.replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕/g, '');
  for (let changed = true; changed; ) {
    changed = false;
    for (const p of PREFIXES) {
      if (s.startsWith(p) && s.length > p.length) {
        s = s.slice(p.length);
        changed = true;
      }
    }
    for (const suf of SUFFIXES) {
      if (s.endsWith(suf) && s.length > suf.length) {
        s = s.slice(0, -suf.length).replace(/[,.]+$/, '');
        changed = true;
      }
    }
  }
  return s || norm;
}

export const hasCjk = (s: string): boolean => /[\u3400-\u9fff]/.test(s);

/** "华能" → "huaneng"; Latin letters and digits pass through, lower-cased. */
export const fullPinyin = (s: string): string =>
  pinyin(s, { toneType: 'none', type: 'array' }).join('').toLowerCase().replace(/[^a-z0-9]/g, '');

/** "华能" → "hn". */
export const initials = (s: string): string =>
  pinyin(s, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Abbreviations people use that no phonetic or fuzzy match finds. `match` lists name fragments in
 * order of preference (the first fragment found in any indexed name wins, so 中石油 prefers
 * 中国石油天然气… over a plain 中国石油); `not` keeps a shorter fragment off a sibling company.
 */
export interface Alias {
  match: readonly string[];
  not?: readonly string[];
}
export const ALIASES: Readonly<Record<string, Alias>> = {
  招行: { match: ['招商银行'] },
  工行: { match: ['工商银行'] },
  建行: { match: ['建设银行'] },
  农行: { match: ['农业银行'] },
  中行: { match: ['中国银行'] },
  交行: { match: ['交通银行'] },
  中石油: { match: ['中国石油天然气', '中国石油'], not: ['化工'] },
  中石化: { match: ['中国石油化工', '中国石化'] },
  中海油: { match: ['中国海洋石油'] },
  国网: { match: ['国家电网'] },
  南航: { match: ['南方航空'] },
  国航: { match: ['中国国际航空'] },
  东航: { match: ['东方航空'] },
};
