/**
 * What a signed payload must be before anything stores or handles it. Lark's own events are a
 * few levels deep and plain Unicode; a payload that is not (nested thousands deep, a NUL byte, a
 * lone surrogate half) breaks JSON.stringify, Postgres' json/jsonb and text columns — and, stored
 * in a shared group commit, every event beside it. So it is bounded and its text made storable
 * here, once, at the boundary, and the rest of the bot never meets such text.
 */

/** Lark nests events under ten levels; 32 leaves room for card form values and is far from any stack limit. */
export const MAX_DEPTH = 32;
/** Values (objects, arrays, strings, numbers…) in one payload: a 1 MB body of real events holds far fewer. */
const MAX_NODES = 50_000;

/** ES2024 string methods (Node 20, workerd); the project's lib is ES2023. */
type WellFormed = string & { isWellFormed(): boolean; toWellFormed(): string };
const wellFormed = (s: string) => (s as WellFormed).isWellFormed();

/** NUL is stripped (Postgres text cannot hold it); a lone surrogate becomes U+FFFD (no UTF-8 encodes it). */
export function storableText(s: string): string {
  const t = s.includes('\0') ? s.replaceAll('\0', '') : s;
  return wellFormed(t) ? t : (t as WellFormed).toWellFormed();
}

const needsCleaning = (s: string) => s.includes('\0') || !wellFormed(s);

/**
 * Whether JSON text might hold anything `boundPayload` refuses or cleans, judged from the text
 * in one cheap pass, so the walk runs only for such payloads (the webhook's hot path skips it).
 * Sound because NUL and surrogate halves can only reach parsed JSON as \\u escapes (JSON forbids
 * raw control characters; decoded UTF-8 holds no lone surrogates), nesting needs brackets, and
 * each value needs at least two characters of text.
 */
export function mayNeedBounding(json: string, o: { maxDepth?: number; maxNodes?: number } = {}): boolean {
  if (json.length >= 2 * (o.maxNodes ?? MAX_NODES)) return true;
  if (ESCAPE_TO_CLEAN.test(json)) return true;
  const maxDepth = o.maxDepth ?? MAX_DEPTH;
  // Native searches, a few per event: far cheaper than a loop over every character.
  let brackets = 0;
  for (const bracket of ['{', '[']) {
    for (let i = json.indexOf(bracket); i !== -1; i = json.indexOf(bracket, i + 1)) if (++brackets > maxDepth) return true;
  }
  return false;
}
const ESCAPE_TO_CLEAN = /\\u(?:0000|[dD][89a-fA-F])/;

export type Bounded<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Checks depth and size and cleans every string (keys included) in place, without recursion:
 * the walk itself must not be what a deep payload overflows. `value` is freshly parsed JSON.
 */
export function boundPayload<T>(value: T, o: { maxDepth?: number; maxNodes?: number } = {}): Bounded<T> {
  const maxDepth = o.maxDepth ?? MAX_DEPTH;
  const maxNodes = o.maxNodes ?? MAX_NODES;
  if (typeof value === 'string') return { ok: true, value: (needsCleaning(value) ? storableText(value) : value) as T };
  const stack: [unknown, number][] = [[value, 1]];
  let nodes = 0;
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (++nodes > maxNodes) return { ok: false, reason: `payload has more than ${maxNodes} values` };
    if (v === null || typeof v !== 'object') continue;
    if (depth > maxDepth) return { ok: false, reason: `payload nested deeper than ${maxDepth} levels` };
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (typeof item === 'string') {
          nodes++;
          if (needsCleaning(item)) v[i] = storableText(item);
        } else stack.push([item, depth + 1]);
      }
      continue;
    }
    const obj = v as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      const item = obj[key];
      let k = key;
      if (needsCleaning(key)) {
        k = storableText(key);
        delete obj[key];
      }
      if (typeof item === 'string') {
        nodes++;
        const clean = needsCleaning(item) ? storableText(item) : item;
        if (clean !== item || k !== key) setOwn(obj, k, clean);
      } else {
        if (k !== key) setOwn(obj, k, item);
        stack.push([item, depth + 1]);
      }
    }
  }
  if (nodes > maxNodes) return { ok: false, reason: `payload has more than ${maxNodes} values` };
  return { ok: true, value };
}

/** An own data property even for "__proto__", which plain assignment would take as the prototype. */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The entry of a lookup table for a key that came from outside, by own property only ("__proto__", "constructor" are not entries). */
export function ownEntry<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
