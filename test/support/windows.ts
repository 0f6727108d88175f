/** The most timestamps found in any window of `windowMs` (sliding, as Lark counts arrivals). */
export function maxInWindow(times: readonly number[], windowMs = 1000): number {
  const s = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < s.length; i++) {
    while (s[i]! - s[j]! >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/** The busiest window per key: `{ key: count }`, only keys over `limit`. */
export function overLimit<T>(items: readonly T[], keyOf: (t: T) => string | null, timeOf: (t: T) => number, limit: number): Record<string, number> {
  const byKey = new Map<string, number[]>();
  for (const it of items) {
    const k = keyOf(it);
    if (k !== null) byKey.set(k, [...(byKey.get(k) ?? []), timeOf(it)]);
  }
  const over: Record<string, number> = {};
  for (const [k, times] of byKey) {
    const n = maxInWindow(times);
    if (n > limit) over[k] = n;
  }
  return over;
}
