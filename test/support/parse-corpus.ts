/**
 * Scores the message parsers against the corpus in test/fixtures/messages (see its README):
 * field by field, per kind of message. Used by test/domain/parse/corpus.test.ts (which fails
 * below the goal) and by `npm run bench:parse` (which prints the figures).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseFollowUp } from '../../src/domain/parse/follow-up.js';
import { parseMonthlyReport } from '../../src/domain/parse/monthly-report.js';
import { parseReceptionReport } from '../../src/domain/parse/reception-report.js';
import { parseVisitRecord } from '../../src/domain/parse/visit-record.js';
import { parseCheckIn } from '../../src/domain/parse/check-in.js';
import { formatDateTime, ymd } from '../../src/domain/time.js';

export const CORPUS_TIME_ZONE = 'Asia/Shanghai';
const DEFAULT_NOW = '2026-11-27T10:00:00+08:00';

export type Kind = 'visit_record' | 'follow_up' | 'monthly_report' | 'reception_report' | 'check_in';
type FieldType = 'date' | 'enum' | 'short' | 'text' | 'people';

interface KindSpec {
  file: string;
  fields: Record<string, FieldType>;
  /** Free-text fields that share the message's words: a fragment belongs in one of them only. */
  partition: string[];
  read(text: string, now: Date): Record<string, unknown>;
}

const tz = CORPUS_TIME_ZONE;
const dated = (at: Date | null, hasTime: boolean): { at: Date; hasTime: boolean } | null => (at ? { at, hasTime } : null);
const joined = (...parts: (string | null)[]): string | null => parts.filter(Boolean).join('\n') || null;

const MONTHLY_TEXT = ['summary', 'forecast', 'problems', 'solutions', 'qualityFeedback', 'customerUsage', 'competitors', 'industryNews'];

export const KINDS: Record<Kind, KindSpec> = {
  visit_record: {
    file: 'visit-records.json',
    fields: { time: 'date', place: 'short', method: 'enum', people: 'people', points: 'text', customerView: 'text', nextSteps: 'text', nextVisit: 'date', outcome: 'enum', failureReason: 'text' },
    partition: ['points', 'customerView', 'nextSteps'],
    read(text, now) {
      const d = parseVisitRecord(text, { now, timeZone: tz });
      return {
        time: dated(d.time, d.timeHasClock),
        place: d.place,
        method: d.method,
        people: (d as { people?: string[] | null }).people ?? null,
        points: joined(d.points, d.rest),
        customerView: d.customerView,
        nextSteps: d.nextSteps,
        nextVisit: dated(d.nextVisitAt, d.nextVisitHasTime),
        outcome: d.outcome,
        failureReason: d.failureReason,
      };
    },
  },
  follow_up: {
    file: 'follow-ups.json',
    fields: { time: 'date', method: 'enum', opinion: 'text', satisfaction: 'enum' },
    partition: [],
    read(text, now) {
      const d = parseFollowUp(text, { now, timeZone: tz });
      return { time: dated(d.time, false), method: d.method, opinion: d.opinion, satisfaction: d.satisfaction };
    },
  },
  monthly_report: {
    file: 'monthly-reports.json',
    fields: { month: 'enum', ...Object.fromEntries(MONTHLY_TEXT.map((k) => [k, 'text' as const])) },
    partition: MONTHLY_TEXT,
    read(text, now) {
      const d = parseMonthlyReport(text, { now, timeZone: tz });
      return { month: d.month, ...Object.fromEntries(MONTHLY_TEXT.map((k) => [k, d[k as keyof typeof d]])) };
    },
  },
  reception_report: {
    file: 'reception-reports.json',
    fields: { guests: 'short', hosts: 'short', time: 'date', place: 'short', points: 'text', customerView: 'text', nextSteps: 'text' },
    partition: ['points', 'customerView', 'nextSteps'],
    read(text, now) {
      const d = parseReceptionReport(text, { now, timeZone: tz });
      return { guests: d.guests, hosts: d.hosts, time: dated(d.time, d.timeHasClock), place: d.place, points: joined(d.points, d.rest), customerView: d.customerView, nextSteps: d.nextSteps };
    },
  },
  check_in: {
    file: 'check-ins.json',
    fields: { place: 'short' },
    partition: [],
    read(text) {
      return { place: parseCheckIn(text).place };
    },
  },
};

export interface CorpusMessage {
  id: string;
  kind: Kind;
  text: string;
  now: Date;
  expect: Record<string, unknown>;
  /** Written after the parsers were changed, to see how far the changes carry beyond the corpus. */
  heldOut: boolean;
}

const FIXTURES = fileURLToPath(new URL('../fixtures/messages/', import.meta.url));

type Row = { id: string; kind?: Kind; text: string; now?: string; expect: Record<string, unknown> };
const read = (file: string): Row[] => JSON.parse(readFileSync(FIXTURES + file, 'utf8')) as Row[];
const toMessage = (r: Row, kind: Kind, heldOut: boolean): CorpusMessage => ({ id: r.id, kind, text: r.text, now: new Date(r.now ?? DEFAULT_NOW), expect: r.expect, heldOut });

export function loadCorpus(): CorpusMessage[] {
  const main = (Object.keys(KINDS) as Kind[]).flatMap((kind) => read(KINDS[kind].file).map((r) => toMessage(r, kind, false)));
  return [...main, ...read('held-out.json').map((r) => toMessage(r, r.kind!, true))];
}

/** Lower case, no spaces or punctuation: what counts when comparing words. */
const norm = (s: string): string => s.toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');

const isEmpty = (v: unknown): boolean => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

function matches(type: FieldType, actual: unknown, expected: unknown, banned: string[]): boolean {
  switch (type) {
    case 'enum':
      return String(actual) === String(expected);
    case 'date': {
      const a = actual as { at: Date; hasTime: boolean };
      const e = String(expected);
      if (e.length > 10) return a.hasTime && formatDateTime(a.at, tz) === e;
      return ymd(a.at, tz) === e;
    }
    case 'short': {
      const a = norm(String(actual));
      const alts = (Array.isArray(expected) ? expected : [expected]).map((x) => norm(String(x)));
      return alts.some((e) => a.includes(e) && a.length <= Math.ceil(e.length * 1.5) + 2);
    }
    case 'text': {
      const a = norm(String(actual));
      const own = (expected as string[]).map(norm);
      return own.every((f) => a.includes(f)) && banned.map(norm).every((b) => !a.includes(b) || own.some((f) => f.includes(b)));
    }
    case 'people': {
      const a = (actual as string[]).map(norm);
      const e = (expected as string[]).map(norm);
      const same = (x: string, y: string) => x.includes(y) || y.includes(x);
      return e.every((n) => a.some((m) => same(m, n))) && a.every((m) => e.some((n) => same(m, n)));
    }
  }
}

export interface FieldResult {
  id: string;
  kind: Kind;
  field: string;
  expected: unknown;
  actual: unknown;
  verdict: 'right' | 'missed' | 'wrong' | 'spurious';
}

export interface Score {
  messages: number;
  fields: number;
  right: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Fields filled when they should be empty. */
  spurious: number;
  precision: number;
  recall: number;
  accuracy: number;
  results: FieldResult[];
}

export function scoreMessage(m: CorpusMessage): FieldResult[] {
  const spec = KINDS[m.kind];
  const actual = spec.read(m.text, m.now);
  return Object.entries(spec.fields).map(([field, type]): FieldResult => {
    const expected = m.expect[field];
    const a = actual[field];
    const base = { id: m.id, kind: m.kind, field, expected, actual: a };
    if (isEmpty(expected)) return { ...base, verdict: isEmpty(a) ? 'right' : 'spurious' };
    if (isEmpty(a)) return { ...base, verdict: 'missed' };
    const banned = spec.partition.includes(field)
      ? spec.partition.filter((f) => f !== field).flatMap((f) => (Array.isArray(m.expect[f]) ? (m.expect[f] as string[]) : []))
      : [];
    return { ...base, verdict: matches(type, a, expected, banned) ? 'right' : 'wrong' };
  });
}

export function scoreCorpus(messages: readonly CorpusMessage[]): Score {
  const results = messages.flatMap(scoreMessage);
  const count = (v: FieldResult['verdict']) => results.filter((r) => r.verdict === v).length;
  const right = count('right');
  const tp = results.filter((r) => r.verdict === 'right' && !isEmpty(r.expected)).length;
  const wrong = count('wrong');
  const fp = wrong + count('spurious');
  const fn = wrong + count('missed');
  return {
    messages: messages.length,
    fields: results.length,
    right,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    spurious: count('spurious'),
    precision: tp / (tp + fp || 1),
    recall: tp / (tp + fn || 1),
    accuracy: right / (results.length || 1),
    results,
  };
}

const show = (v: unknown): string => {
  if (v && typeof v === 'object' && (v as { at?: unknown }).at instanceof Date) {
    const d = v as { at: Date; hasTime: boolean };
    return d.hasTime ? formatDateTime(d.at, tz) : ymd(d.at, tz);
  }
  return JSON.stringify(v);
};

/** A plain-text report: totals, per kind, per field, and every field that is not right. */
export function formatScore(s: Score, { details = true }: { details?: boolean } = {}): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `messages ${s.messages}, fields ${s.fields}: right ${s.right} (${pct(s.accuracy)}), precision ${pct(s.precision)}, recall ${pct(s.recall)}, filled when it should be empty ${s.spurious}`,
  ];
  const groups = new Map<string, FieldResult[]>();
  for (const r of s.results) groups.set(`${r.kind}.${r.field}`, [...(groups.get(`${r.kind}.${r.field}`) ?? []), r]);
  let kind = '';
  for (const [key, rs] of groups) {
    const k = key.split('.')[0]!;
    if (k !== kind) {
      kind = k;
      const all = s.results.filter((r) => r.kind === k);
      lines.push(`  ${k}: ${all.filter((r) => r.verdict === 'right').length}/${all.length} right`);
    }
    const bad = rs.filter((r) => r.verdict !== 'right');
    const v = (x: FieldResult['verdict']) => rs.filter((r) => r.verdict === x).length;
    lines.push(`    ${key.split('.')[1]!.padEnd(16)} ${rs.length - bad.length}/${rs.length}${bad.length ? `  missed ${v('missed')} wrong ${v('wrong')} spurious ${v('spurious')}` : ''}`);
  }
  if (details) {
    for (const r of s.results.filter((x) => x.verdict !== 'right')) {
      lines.push(`  ${r.verdict.padEnd(8)} ${r.id} ${r.field}: expected ${show(r.expected)}, got ${show(r.actual)}`);
    }
  }
  return lines.join('\n');
}
