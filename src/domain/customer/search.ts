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

export function buildNameIndex(customers: readonly { id: string; name: string; archiveNo?: string | null }[]): NameIndex {
  const entries = customers.map((c): NameEntry => {
    const core = coreName(c.name);
    return { id: c.id, name: c.name, archiveNo: c.archiveNo ?? null, norm: normalizeName(c.name), core, py: fullPinyin(core), ini: initials(core) };
  });
  const fuse = new Fuse(entries, {
    keys: [
      { name: 'core', weight: 3 },
      { name: 'norm', weight: 1 },
      { name: 'py', weight: 2 },
      { name: 'ini', weight: 2 },
    ],
    includeScore: true,
    ignoreLocation: true,
    threshold: SEARCH_THRESHOLD,
  });
  const byArchiveNo = new Map<string, NameEntry>();
  for (const e of entries) {
    const parsed = e.archiveNo ? parseArchiveNumber(e.archiveNo) : null;
    if (parsed) byArchiveNo.set(formatArchiveNumber(parsed), e);
  }
  return { entries, fuse, byArchiveNo };
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
export function searchCustomers(index: NameIndex, query: string, opts: { limit?: number } = {}): CustomerMatch[] {
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
  for (const r of index.fuse.search(text)) if ((r.score ?? 1) <= SEARCH_THRESHOLD) offer(toMatch(r.item, r.score ?? 1, 'name'));
  if (hasCjk(q)) {
    const py = fullPinyin(coreName(q));
    // Only whole-pinyin (substring) matches, which score ≤ ~0.18 from field length alone: a
    // two-syllable query fuzzily resembles too many names (tengda ~ hengda) otherwise.
    if (py) for (const r of index.fuse.search({ py })) if ((r.score ?? 1) <= PINYIN_THRESHOLD) offer(toMatch(r.item, (r.score ?? 0) + 0.001, 'pinyin'));
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
