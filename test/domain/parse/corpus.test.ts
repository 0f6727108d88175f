/**
 * The parsers against the message corpus (test/fixtures/messages): field-level precision and
 * recall. The goal is at least 95% of fields right and no field filled when it should be empty;
 * `npm run bench:parse` prints the same figures with every miss.
 */
import { describe, expect, it } from 'vitest';
import { formatScore, loadCorpus, scoreCorpus, type Kind } from '../../support/parse-corpus.js';

const corpus = loadCorpus();
const score = scoreCorpus(corpus);

describe('the message corpus', () => {
  it('has at least 150 varied messages of every kind', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    const kinds = new Map<Kind, number>();
    for (const m of corpus) kinds.set(m.kind, (kinds.get(m.kind) ?? 0) + 1);
    for (const k of ['visit_record', 'follow_up', 'monthly_report', 'reception_report', 'check_in'] as const) expect(kinds.get(k) ?? 0).toBeGreaterThanOrEqual(20);
    expect(new Set(corpus.map((m) => `${m.kind}:${m.id}`)).size).toBe(corpus.length);
    // English and unpunctuated dictation are in it, not only tidy Chinese.
    expect(corpus.filter((m) => !/\p{Script=Han}/u.test(m.text)).length).toBeGreaterThanOrEqual(10);
    expect(corpus.filter((m) => m.text.length > 40 && !/[，,。.；;]/u.test(m.text)).length).toBeGreaterThanOrEqual(3);
  });

  it('is read with at least 95% of fields right', () => {
    expect(score.accuracy, formatScore(score)).toBeGreaterThanOrEqual(0.95);
    expect(score.precision).toBeGreaterThanOrEqual(0.95);
    expect(score.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('never fills a field that should stay empty', () => {
    const spurious = score.results.filter((r) => r.verdict === 'spurious');
    expect(spurious.map((r) => `${r.id} ${r.field}: ${JSON.stringify(r.actual)}`)).toEqual([]);
  });

  it('reads the issue’s paragraph as a person would', () => {
    const v01 = score.results.filter((r) => r.id === 'v01');
    expect(v01.filter((r) => r.verdict !== 'right').map((r) => r.field)).toEqual([]);
  });
});
