/**
 * `npm run build`: the Node runtime as plain JavaScript in dist/node, one file per source file
 * (no bundle, so `import.meta.url` paths keep working), for a start that loads no TypeScript.
 * Plain .mjs so it runs before anything is compiled; esbuild transpiles ~400 files in well under
 * a second. Files are overwritten in place, never deleted first: a running instance keeps its own.
 */
import { build } from 'esbuild';
import { cpSync, readdirSync, writeFileSync } from 'node:fs';

const entryPoints = ['src', 'db', 'cards']
  .flatMap((dir) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => `${d.parentPath ?? d.path}/${d.name}`))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
await build({
  entryPoints,
  outdir: 'dist/node',
  outbase: '.',
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  // Node 20.19 reads `with { type: 'json' }`; esbuild would otherwise drop it for this target.
  supported: { 'import-attributes': true },
  logLevel: 'warning',
});
// Read at run time relative to their modules: the migrations, and the web chat the sandbox bundles.
cpSync('db/migrations', 'dist/node/db/migrations', { recursive: true });
cpSync('src/sandbox/web', 'dist/node/src/sandbox/web', { recursive: true });
// The web chat's script, bundled now rather than by esbuild in every start (src/sandbox/bundle.ts).
const { bundleClient, PREBUILT } = await import('../../dist/node/src/sandbox/bundle.js');
writeFileSync(`dist/node/src/sandbox/${PREBUILT}`, await bundleClient());
