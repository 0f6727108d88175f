/** Money is integer fen (分) everywhere; floats never hold an amount. */
export type Fen = number;

/** "¥1,234,567.89" from fen. */
export function formatYuan(fen: Fen): string {
  const negative = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${negative ? '-' : ''}¥${yuan}.${cents}`;
}

/**
 * What to put back in an amount box: "86.50", "3000", "-120": it reads back as the same fen
 * through parseYuan, with no thousands separators or ¥ for the person to delete.
 */
export function yuanForInput(fen: Fen): string {
  const abs = Math.abs(Math.trunc(fen));
  const cents = abs % 100;
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}${cents ? `.${String(cents).padStart(2, '0')}` : ''}`;
}

/** Yuan as a fixed-point integer with 8 decimals, so "1.2345万" is exact before it becomes fen. */
const SCALE = 10n ** 8n;
const N = String.raw`\d+(?:\.\d+)?`;
const SECTION = new RegExp(`^(?:(${N})千)?(?:(${N})百)?(${N})?$`);

function yuanOf(num: string): bigint | null {
  const [whole, frac = ''] = num.split('.');
  return frac.length > 8 ? null : BigInt(whole! + frac.padEnd(8, '0'));
}

/**
 * A number below 万 as said: "3千5" (3,500: a lone digit after a unit is the next unit down,
 * in the yuan section only), "2百50", "1200", "1.2". Only its last number may have decimals.
 */
function section(t: string, yuan: boolean): { v: bigint; decimal: boolean } | null {
  const m = SECTION.exec(t);
  if (!t || !m) return null;
  const [, q, h, r] = m;
  const nums = [q, h, r].filter((x): x is string => x !== undefined);
  if (nums.slice(0, -1).some((x) => x.includes('.'))) return null;
  if (q !== undefined && h !== undefined && Number(h) >= 10) return null;
  const [qv, hv, rv] = [q, h, r].map((x) => (x === undefined ? 0n : yuanOf(x))) as [bigint | null, bigint | null, bigint | null];
  if (qv === null || hv === null || rv === null) return null;
  let v = qv * 1000n + hv * 100n;
  if (r !== undefined) {
    const below = h !== undefined ? 100n : q !== undefined ? 1000n : 0n;
    if (below && /^\d$/.test(r)) {
      // "3千5" is 3,500 at the end; "2千1万" (before 万) is no way anyone writes 2,001万 or 2,100万.
      if (!yuan) return null;
      v += rv * (below / 10n);
    } else {
      if (below && rv >= below * SCALE) return null;
      v += rv;
    }
  }
  return { v, decimal: nums.at(-1)!.includes('.') };
}

/**
 * Parses what people type for an amount — the one reader of amounts in the bot (card boxes,
 * settings, budgets, targets, claims): "1234.5", "¥12,800", "1.2万", "3000元", "2k", "86.5元",
 * "3千5" (3,500), "1万2" (12,000), "5百万", "3千5百万", "1亿2000万", full-width "１２００．５０",
 * "人民币 500元整". 万 and 亿 multiply everything before them, as in speech.
 * Returns fen, or null when the text is not an amount or not a whole number of fen
 * (refused rather than rounded: "0.001" is a typo, not a tenth of a fen).
 * Chinese numerals ("三千块", "一万二") are not read: every form refuses them today, and tests say so.
 */
export function parseYuan(text: string): Fen | null {
  // NFKC turns full-width digits, "．", "，", "－" and "￥" into their ASCII forms.
  let s = text.normalize('NFKC').toLowerCase().replace(/[\s,¥]/g, '');
  s = s.replace(/^(?:人民币|rmb|cny)/, '').replace(/(?:元整|元|块钱|块|圆|rmb|cny)$/, '').replace(/k/g, '千').replace(/w/g, '万');
  const negative = s.startsWith('-');
  if (negative) s = s.slice(1);
  // Split at 亿 and 万 (each at most once, 亿 first): "1亿2000万5千" → 1 | 2000 | 5千.
  const m = /^(?:([^亿万]+)亿)?(?:([^亿万]+)万)?([^亿万]*)$/.exec(s);
  if (!s || !m) return null;
  const parts = [[m[1], 100_000_000n], [m[2], 10_000n], [m[3] || undefined, 1n]].filter((p): p is [string, bigint] => p[0] !== undefined);
  let total = 0n;
  for (const [i, [t, mult]] of parts.entries()) {
    const last = i === parts.length - 1;
    const top = i === 0;
    // "1万2" is 12,000 and "1亿5" 1.5亿: a lone digit after 万 or 亿 is the next unit down.
    const lone = mult === 1n && !top && /^\d$/.test(t);
    const sec = lone ? { v: BigInt(t) * SCALE, decimal: false } : section(t, mult === 1n);
    if (!sec || (sec.decimal && !last)) return null;
    // Below the top, a section is under 10,000 of its unit: "1万12000" is a typo, not 22,000.
    if (!top && !lone && sec.v >= 10_000n * SCALE) return null;
    total += sec.v * (lone ? parts[i - 1]![1] / 10n : mult);
  }
  if ((total * 100n) % SCALE !== 0n) return null;
  const fen = (total * 100n) / SCALE;
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(negative ? -fen : fen);
}
