/**
 * Finding a customer by what people type (libraries.md §5): an archive number, an abbreviation,
 * a fragment of the Chinese name, its pinyin or initials, or a homophone typo. The index is
 * built from a list of names, cheap enough to rebuild per request for a department's customers.
 */
import Fuse from 'fuse.js';
import { parseArchiveNumber, formatArchiveNumber } from './archive-number.js';
import { ALIASES, coreName, fullPinyin, hasCjk, initials, normalizeName } from './name.js';

export interface NameEntry {
  id: string;
  name: string;
  archiveNo: string | null;
  norm: string;
  core: string;
  py: string;
  ini: string;
}

export interface NameIndex {
  entries: readonly NameEntry[];
  fuse: Fuse<NameEntry>;
  byArchiveNo: ReadonlyMap<string, NameEntry>;
  /** Fuse's own index records, and each one's field texts as Fuse compares them (lower-cased), by key position. */
  records: readonly FuseRecord[];
  texts: readonly (readonly string[])[];
  /** Per key position, every record's text joined by NUL, and the record each character belongs to. */
  byKey: readonly { joined: string; owner: Int32Array }[];
}

export type MatchVia = 'archive_no' | 'alias' | 'name' | 'pinyin';
export interface CustomerMatch {
  id: string;
  name: string;
  archiveNo: string | null;
  /** 0 is exact; Fuse scores up to the threshold. */
  score: number;
  via: MatchVia;
}

const SEARCH_THRESHOLD = 0.3;
const PINYIN_THRESHOLD = 0.2;

type FuseRecord = ReturnType<Fuse<NameEntry>['getIndex']>['records'][number];
export type FuseHit = { item: NameEntry; score?: number };

const KEYS = ['core', 'norm', 'py', 'ini'] as const;
const FUSE_OPTIONS = {
  keys: [
    { name: 'core', weight: 3 },
    { name: 'norm', weight: 1 },
    { name: 'py', weight: 2 },
    { name: 'ini', weight: 2 },
  ],
  includeScore: true,
  ignoreLocation: true,
  threshold: SEARCH_THRESHOLD,
};
const PY_KEY = KEYS.indexOf('py');
/** Fuse's bitap takes at most 32 characters at once; a longer pattern is matched in chunks, any of which may match. */
const BITAP_MAX = 32;

export function buildNameIndex(customers: readonly { id: string; name: string; archiveNo?: string | null }[]): NameIndex {
  const entries = customers.map((c): NameEntry => {
    const core = coreName(c.name);
    return { id: c.id, name: c.name, archiveNo: c.archiveNo ?? null, norm: normalizeName(c.name), core, py: fullPinyin(core), ini: initials(core) };
  });
  const fuse = new Fuse(entries, FUSE_OPTIONS);
  const byArchiveNo = new Map<string, NameEntry>();
  for (const e of entries) {
    const parsed = e.archiveNo ? parseArchiveNumber(e.archiveNo) : null;
    if (parsed) byArchiveNo.set(formatArchiveNumber(parsed), e);
  }
  const fuseIndex = fuse.getIndex();
  if (fuseIndex.keys.some((k, i) => k.id !== KEYS[i])) throw new Error('Fuse index keys are not in the expected order');
  const records = fuseIndex.records;
  // Fuse leaves a blank field out of a record; it can match nothing, as an empty text here.
  const texts = records.map((r) => KEYS.map((_, k) => ((r.$?.[k] as { v?: string } | undefined)?.v ?? '').toLowerCase()));
  const byKey = KEYS.map((_, k) => {
    const joined = texts.map((t) => t[k]).join('\u0000');
    const owner = new Int32Array(joined.length);
    // A separator belongs to the record before it; a piece found across one is a false "may match", never a miss.
    for (let r = 0, at = 0; r < texts.length; r++) {
      const end = at + texts[r]![k]!.length + 1;
      owner.fill(r, at, Math.min(end, joined.length));
      at = end;
    }
    return { joined, owner };
  });
  return { entries, fuse, byArchiveNo, records, texts, byKey };
}

/**
 * The most edit errors Fuse's bitap accepts for a pattern of length m: it scores i errors as
 * i / m and stops at the first i over the threshold (same arithmetic, so the same cut-off).
 */
function maxErrors(m: number): number {
  let k = 0;
  while ((k + 1) / m <= SEARCH_THRESHOLD) k++;
  return k;
}

/**
 * Fuse's search over only the records that can match, with the same results and order: Fuse
 * scores each record by itself (its fields, the fixed key weights, its own field norms) and
 * sorts by score, then by the record's position, and the records kept keep their positions.
 * The whole list through bitap was ~3.5 ms of CPU a lookup for 1,000 customers.
 *
 * A field can match only if it holds a substring within k edits of the pattern, and two
 * necessary conditions rule most fields out (never one that could match): split into k + 1
 * pieces, at least one piece is untouched by k edits and appears verbatim (found for all
 * fields at once, by `indexOf` over each key's texts joined); and at least m − k of the
 * pattern's characters survive, so the field holds that many of them, as a multiset. Counted
 * in UTF-16 units, as bitap sees text. A `{ py }` query looks at the pinyin field only.
 * Exported for the test that holds it to Fuse over every record (`prefilter: false`).
 */
export function fuseSearch(index: NameIndex, query: string | { py: string }, prefilter: boolean): FuseHit[] {
  const pattern = (typeof query === 'string' ? query : query.py).toLowerCase();
  if (!prefilter || !pattern.length || pattern.length > BITAP_MAX) return index.fuse.search(query);
  const m = pattern.length;
  const k = maxErrors(m);
  const keys = typeof query === 'string' ? KEYS.map((_, i) => i) : [PY_KEY];
  const hits = new Uint8Array(index.records.length);
  for (const key of keys) {
    const { joined, owner } = index.byKey[key]!;
    for (let p = 0; p <= k; p++) {
      const piece = pattern.slice(Math.floor((p * m) / (k + 1)), Math.floor(((p + 1) * m) / (k + 1)));
      for (let at = joined.indexOf(piece); at >= 0; at = joined.indexOf(piece, at + 1)) hits[owner[at]!]! |= 1 << key;
    }
  }
  const codes: number[] = [];
  const need: number[] = [];
  for (let i = 0; i < m; i++) {
    const c = pattern.charCodeAt(i);
    const d = codes.indexOf(c);
    if (d < 0) codes.push(c), need.push(1);
    else need[d]!++;
  }
  const used = new Int32Array(codes.length);
  const enough = (text: string): boolean => {
    if (text.length < m - k) return false;
    used.fill(0);
    let common = 0;
    for (let i = 0; i < text.length; i++) {
      const d = codes.indexOf(text.charCodeAt(i));
      if (d >= 0 && used[d]! < need[d]! && (used[d]!++, ++common >= m - k)) return true;
    }
    return false;
  };
  const kept: FuseRecord[] = [];
  for (let r = 0; r < hits.length; r++) {
    const h = hits[r]!;
    if (h && keys.some((key) => h & (1 << key) && enough(index.texts[r]![key]!))) kept.push(index.records[r]!);
  }
  if (!kept.length) return [];
  const sub = Fuse.parseIndex<NameEntry>({ keys: index.fuse.getIndex().keys, records: kept });
  return new Fuse(index.entries, FUSE_OPTIONS, sub).search(query);
}

const toMatch = (e: NameEntry, score: number, via: MatchVia): CustomerMatch => ({ id: e.id, name: e.name, archiveNo: e.archiveNo, score, via });

function aliasMatches(index: NameIndex, q: string): NameEntry[] {
  // Own entries only: what people type ("constructor", "__proto__") is not an alias.
  const own = (k: string) => (Object.hasOwn(ALIASES, k) ? ALIASES[k] : undefined);
  const alias = own(q) ?? own(coreName(q));
  if (!alias) return [];
  for (const fragment of alias.match) {
    const hits = index.entries.filter((e) => e.norm.includes(fragment) && !alias.not?.some((n) => e.norm.includes(n)));
    if (hits.length) return hits;
  }
  return [];
}

/**
 * Ranked matches, best first. An archive number is exact: it returns that customer or nothing.
 * Otherwise alias hits come first, then Fuse over the weighted name forms; a query with Chinese
 * characters is also searched by its pinyin against the names' pinyin, which finds homophones.
 */
export function searchCustomers(index: NameIndex, query: string, opts: { limit?: number; prefilter?: boolean } = {}): CustomerMatch[] {
  // prefilter: false sends every name through Fuse: the reference the prefilter is tested against.
  const prefilter = opts.prefilter ?? true;
  const limit = opts.limit ?? 10;
  const q = normalizeName(query);
  if (!q) return [];
  const no = parseArchiveNumber(query);
  if (no) {
    const hit = index.byArchiveNo.get(formatArchiveNumber(no));
    return hit ? [toMatch(hit, 0, 'archive_no')] : [];
  }

  const best = new Map<string, CustomerMatch>();
  const offer = (m: CustomerMatch) => {
    const seen = best.get(m.id);
    if (!seen || m.score < seen.score) best.set(m.id, m);
  };
  for (const e of aliasMatches(index, q)) offer(toMatch(e, 0, 'alias'));

  const text = hasCjk(q) ? coreName(q) : q;
  // Fuse's combined multi-key score can exceed the per-key threshold; those are noise.
  for (const r of fuseSearch(index, text, prefilter)) if ((r.score ?? 1) <= SEARCH_THRESHOLD) offer(toMatch(r.item, r.score ?? 1, 'name'));
  if (hasCjk(q)) {
    const py = fullPinyin(coreName(q));
    // Only whole-pinyin (substring) matches, which score ≤ ~0.18 from field length alone: a
    // two-syllable query fuzzily resembles too many names (tengda ~ hengda) otherwise.
    if (py) for (const r of fuseSearch(index, { py }, prefilter)) if ((r.score ?? 1) <= PINYIN_THRESHOLD) offer(toMatch(r.item, (r.score ?? 0) + 0.001, 'pinyin'));
  }
  return [...best.values()]
    .sort((a, b) => a.score - b.score || a.name.length - b.name.length || a.name.localeCompare(b.name))
    .slice(0, limit);
}

export type DuplicateKind = 'same_name' | 'same_pinyin';
export interface DuplicateMatch {
  id: string;
  name: string;
  archiveNo: string | null;
  kind: DuplicateKind;
}

/**
 * Existing customers a new name probably duplicates: the same core name ("华能集团" vs
 * "中国华能集团有限公司"), or the same pinyin of the core (a homophone typo such as 腾迅/腾讯).
 * Exact-core matches come first. The caller warns and links instead of silently creating.
 */
export function findDuplicates(name: string, index: NameIndex): DuplicateMatch[] {
  if (!normalizeName(name)) return [];
  const core = coreName(name);
  const py = fullPinyin(core);
  const out: DuplicateMatch[] = [];
  for (const e of index.entries) {
    if (e.core === core) out.push({ id: e.id, name: e.name, archiveNo: e.archiveNo, kind: 'same_name' });
    else if (py && hasCjk(core) && e.py === py) out.push({ id: e.id, name: e.name, archiveNo: e.archiveNo, kind: 'same_pinyin' });
  }
  return out.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'same_name' ? -1 : 1));
}
