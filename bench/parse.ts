/**
 * npm run bench:parse — how well the message parsers read the corpus in test/fixtures/messages:
 * field-level precision and recall, the share of fields right, the fields filled when they
 * should be empty, per kind and field, then every field that is not right (--quiet leaves the
 * list out). Also the parse time per message, since parsing runs on every incoming message.
 */
import { performance } from 'node:perf_hooks';
import { formatScore, KINDS, loadCorpus, scoreCorpus } from '../test/support/parse-corpus.js';

const corpus = loadCorpus();
const score = scoreCorpus(corpus);
console.log(formatScore(score, { details: !process.argv.includes('--quiet') }));
const heldOut = scoreCorpus(corpus.filter((m) => m.heldOut));
console.log(`\nof which held out (written after the parser changes, never tuned on):\n${formatScore(heldOut, { details: false }).split('\n')[0]}`);

// Timing: every message parsed 20 times after a warm-up, the median per message reported.
for (const m of corpus) KINDS[m.kind].read(m.text, m.now);
const times: number[] = [];
for (const m of corpus) {
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) KINDS[m.kind].read(m.text, m.now);
  times.push((performance.now() - t0) / 20);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
console.log(`parse time per message: median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`);
console.log(`goal: ≥ 95% of fields right and 0 filled when they should be empty — ${score.accuracy >= 0.95 && score.spurious === 0 ? 'met' : 'NOT met'}`);
