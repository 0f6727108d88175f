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
 * Parses what people type for an amount: "1234.5", "¥1,234.50", "1.2万", "3000元", "2k".
 * Returns fen, or null when the text is not an amount.
 */
export function parseYuan(text: string): Fen | null {
  const s = text.replace(/[\s,，¥￥]/g, '').replace(/(元|块|rmb|cny)$/i, '');
  const m = /^(-?\d+(?:\.\d{1,2})?)(万|w|k|千)?$/i.exec(s);
  if (!m) return null;
  const unit = m[2]?.toLowerCase();
  const factor = unit === '万' || unit === 'w' ? 10_000 : unit === 'k' || unit === '千' ? 1_000 : 1;
  // Work in fen via string maths so 0.1 + 0.2 problems never reach the ledger.
  const [intPart, frac = ''] = m[1]!.split('.');
  const fen = BigInt(intPart!) * 100n + BigInt((frac + '00').slice(0, 2)) * (intPart!.startsWith('-') ? -1n : 1n);
  const total = fen * BigInt(factor);
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(total);
}
