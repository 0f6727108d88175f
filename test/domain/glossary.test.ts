/**
 * One word per thing and per state (src/domain/glossary.ts): no user-facing string in src or
 * cards says a retired word. Comments and code identifiers may (visitRecord, visit_record); the
 * string literals, where every card and message text lives, may not.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RETIRED, STATE, THING } from '../../src/domain/glossary.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
// Every source but the glossary itself, which lists the retired words to say they are retired.
const sources = [...walk(join(ROOT, 'src')), ...walk(join(ROOT, 'cards'))].filter((f) => /\.(?:ts|js|html)$/.test(f) && !f.endsWith(join('src', 'domain', 'glossary.ts')));

/**
 * The string literals of a TypeScript source ('…', "…", `…` with its ${} parts left out), read
 * with a small scanner that steps over comments and regex-free code; each with its line.
 */
function stringLiterals(src: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let i = 0;
  let line = 1;
  const step = () => {
    if (src[i] === '\n') line++;
    i++;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') step();
    } else if (c === '/' && src[i + 1] === '*') {
      step();
      step();
      while (i < src.length && !(src[i] === '*' && src[i + 1] === '/')) step();
      step();
      step();
    } else if (c === "'" || c === '"' || c === '`') {
      const start = line;
      let text = '';
      step();
      let depth = 0;
      while (i < src.length) {
        const d = src[i]!;
        if (d === '\\') {
          text += src[i + 1] ?? '';
          step();
          step();
          continue;
        }
        if (c === '`' && d === '$' && src[i + 1] === '{') depth++;
        if (c === '`' && depth > 0 && d === '}') {
          depth--;
          step();
          continue;
        }
        if (depth === 0 && d === c) break;
        if (depth === 0) text += d;
        step();
      }
      step();
      out.push({ line: start, text });
    } else {
      step();
    }
  }
  return out;
}

describe('the glossary', () => {
  it('names one thing and one state one way', () => {
    expect(THING.visitRecord).toEqual({ zh_cn: '拜访总结', en_us: 'visit summary' });
    expect(STATE.approved.zh_cn).toBe('已批准');
    expect(RETIRED.map((r) => r.word)).toEqual(expect.arrayContaining(['拜访记录', 'visit record', '已通过']));
  });

  it('finds the strings of a source, and not its comments or names', () => {
    const found = stringLiterals("// 拜访记录 in a comment\nconst visitRecord = i18n('拜访总结', `Visit ${x} summary`); /* visit record */ const s = \"it's\";");
    expect(found.map((f) => f.text)).toEqual(['拜访总结', 'Visit  summary', "it's"]);
  });

  it('has no retired word in any user-facing string of src or cards', () => {
    const hits: string[] = [];
    for (const file of sources) {
      for (const s of stringLiterals(readFileSync(file, 'utf8'))) {
        for (const r of RETIRED) {
          if (s.text.toLowerCase().includes(r.word.toLowerCase())) hits.push(`${relative(ROOT, file)}:${s.line} says "${r.word}" (use "${r.use}"): ${s.text.slice(0, 80)}`);
        }
      }
    }
    expect(hits).toEqual([]);
  });
});
