/**
 * Which known customer a message talks about. Sales staff write short names ("华能" for
 * 中国华能集团有限公司, "字节" for 北京字节跳动科技有限公司), so names are reduced to a core
 * before matching. Abbreviations that are not substrings (招行, 国网) are not handled here.
 */

const GENERIC_SUFFIX =
  /(?:股份有限公司|有限责任公司|有限公司|集团公司|总公司|分公司|子公司|公司|集团|股份|控股|有限|责任|科技|技术|实业|发展|投资|贸易|co\.?,?\s*ltd\.?|ltd\.?|inc\.?|corp(?:oration)?\.?|group|limited|company)$/iu;
const REGION_PREFIX =
  /^(?:中国|中华|全国|(?:北京|上海|天津|重庆|深圳|广州|杭州|南京|武汉|成都|西安|苏州|郑州|长沙|青岛|济南|沈阳|大连|合肥|福州|厦门|宁波|无锡|昆明|南昌|石家庄|太原|哈尔滨|长春|贵阳|南宁|兰州|海口|乌鲁木齐|呼和浩特|银川|西宁|拉萨)(?:市)?|[\p{Script=Han}]{2,3}(?:省|市|自治区))/u;

/** The distinctive part of a company name: 中国华能集团有限公司 → 华能. */
export function coreName(name: string): string {
  let s = name.replace(/[（(][^）)]*[）)]/gu, '').trim();
  for (let i = 0; i < 5; i++) {
    const next = s.replace(GENERIC_SUFFIX, '').trim();
    if (next === s || next.length < 2) break;
    s = next;
  }
  const noRegion = s.replace(REGION_PREFIX, '');
  return (noRegion.length >= 2 ? noRegion : s).toLowerCase();
}

/**
 * The customer name (from `names`) best supported by the text, or null. A name counts when the
 * text contains its full name, its whole core, a prefix of its core of 2+ characters, or any 4+
 * character piece of its core.
 */
export function findCustomerMention(text: string, names: readonly string[]): string | null {
  const hay = text.toLowerCase();
  let best: { name: string; score: number; coverage: number } | null = null;
  for (const name of names) {
    if (!name.trim()) continue;
    const full = name.toLowerCase();
    const core = coreName(name);
    // Longest evidence first; equal evidence goes to the name it covers most ("华能" is all of
    // 中国华能's core but a third of 华能国际电力's).
    const len = hay.includes(full) ? 1000 + full.length : hay.includes(core) ? core.length : longestPiece(hay, core);
    if (len === 0) continue;
    const coverage = Math.min(len, core.length) / core.length;
    if (!best || len > best.score || (len === best.score && coverage > best.coverage)) {
      best = { name, score: len, coverage };
    }
  }
  return best?.name ?? null;
}

function longestPiece(hay: string, core: string): number {
  // A Latin core must appear whole (handled above): "tx" is not a piece of "tencent".
  if (!/\p{Script=Han}/u.test(core)) return 0;
  for (let n = core.length - 1; n >= 2; n--) {
    if (hay.includes(core.slice(0, n))) return n;
    if (n >= 4) {
      for (let i = 1; i + n <= core.length; i++) if (hay.includes(core.slice(i, i + n))) return n;
    }
  }
  return 0;
}
