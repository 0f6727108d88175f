/**
 * Same code on Node and Workers: the shared folders import no Node built-ins (no `node:*`, no
 * bare `fs`, `path`, `crypto`, …). Runtime entries (src/runtime), the sandbox, the PGlite driver
 * and the migration runner are Node-only by design and not scanned. The Worker bundle build
 * (test/worker/worker.test.ts) is the other half of this check.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SHARED_DIRS = ['src/domain', 'src/app', 'src/lark', 'src/chat', 'src/scheduler', 'src/runtime', 'cards', 'db'];
/**
 * Node-only on purpose: the embedded database, the migration runner (run from Node) and the Node
 * runtime's own files; the composition root (create-app, handlers, wire, worker) is shared.
 */
const NODE_ONLY_FILES = new Set(['db/pglite.ts', 'db/migrate.ts', 'db/migrate-cli.ts', 'src/runtime/node.ts', 'src/runtime/node-crypto.ts', 'src/runtime/node-http.ts', 'src/runtime/pglite-lock.ts', 'src/runtime/build.mjs']);

const NAMED = ['fs', 'path', 'crypto', 'http', 'https', 'os', 'child_process', 'net', 'tls', 'zlib', 'stream', 'url', 'util', 'buffer', 'events', 'worker_threads'];
const BUILTINS = new Set([...NAMED, ...builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.replace(/^node:/, '').split('/')[0]!)]);

function isNodeBuiltin(specifier: string): boolean {
  if (specifier.startsWith('node:')) return true;
  return BUILTINS.has(specifier.split('/')[0]!);
}

/** Blanks comments, keeping offsets and newlines, so a doc comment mentioning `fs` is not an import. */
function blankComments(src: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, ' ');
  return src.replace(/\/\*[\s\S]*?\*\//g, blank).replace(/(^|[^:'"`\\])\/\/[^\n]*/g, (m, lead: string) => lead + blank(m.slice(lead.length)));
}

const IMPORT_PATTERNS = [
  /\bfrom\s*['"]([^'"]+)['"]/g, // import … from 'x', export … from 'x' (also across lines)
  /\bimport\s*['"]([^'"]+)['"]/g, // import 'x'
  /\bimport\s*\(\s*['"]([^'"]+)['"]/g, // import('x')
  /\brequire\s*\(\s*['"]([^'"]+)['"]/g, // require('x')
];

function nodeImports(src: string): { line: number; specifier: string }[] {
  const code = blankComments(src);
  const found = new Map<number, { line: number; specifier: string }>();
  for (const re of IMPORT_PATTERNS) {
    for (const m of code.matchAll(re)) {
      const specifier = m[1]!;
      if (!isNodeBuiltin(specifier)) continue;
      const offset = m.index + m[0].indexOf(specifier);
      found.set(offset, { line: code.slice(0, offset).split('\n').length, specifier });
    }
  }
  return [...found.values()].sort((a, b) => a.line - b.line);
}

function sourceFiles(dir: string): string[] {
  const abs = join(ROOT, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return []; // a folder not created yet (e.g. src/scheduler)
  }
  return entries.flatMap((name) => {
    const path = join(abs, name);
    if (statSync(path).isDirectory()) return sourceFiles(relative(ROOT, path));
    return /\.(ts|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [relative(ROOT, path)] : [];
  });
}

describe('portability: shared code imports no Node built-ins', () => {
  it('finds imports of Node built-ins (the scanner itself)', () => {
    const sample = [
      "import { readFileSync } from 'node:fs';",
      '/** see `import x from "fs"` */',
      'import {',
      '  join,',
      "} from 'path';",
      "import type { Buffer } from 'buffer';",
      "export * from 'node:events';",
      "const z = await import('zlib');",
      "import 'fs/promises';",
      "import { z } from 'zod';",
      "import { x } from './url.js';",
      "import { y } from 'hono/utils/url';",
      "const u = 'http://example.com'; // from 'crypto'",
    ].join('\n');
    expect(nodeImports(sample)).toEqual([
      { line: 1, specifier: 'node:fs' },
      { line: 5, specifier: 'path' },
      { line: 6, specifier: 'buffer' },
      { line: 7, specifier: 'node:events' },
      { line: 8, specifier: 'zlib' },
      { line: 9, specifier: 'fs/promises' },
    ]);
  });

  it('scans the shared folders', () => {
    const files = SHARED_DIRS.flatMap(sourceFiles).filter((f) => !NODE_ONLY_FILES.has(f));
    expect(files.length).toBeGreaterThan(20);
    expect(files).toContain('src/runtime/create-app.ts');
    expect(files).toContain('db/client.ts');
    expect(files).not.toContain('db/pglite.ts');
  });

  it('src/domain, src/app, src/lark, src/chat, src/scheduler, the composition root, cards and db (bar the PGlite driver, the migrator and the Node runtime)', () => {
    const files = SHARED_DIRS.flatMap(sourceFiles).filter((f) => !NODE_ONLY_FILES.has(f));
    const offences = files.flatMap((file) =>
      nodeImports(readFileSync(join(ROOT, file), 'utf8')).map((i) => `${file}:${i.line} imports '${i.specifier}'`),
    );
    expect(offences, `Node built-ins in shared code (the Worker cannot load them; use WebCrypto/fetch/Uint8Array, or move the code to src/runtime):\n${offences.join('\n')}`).toEqual([]);
  });
});
