/**
 * `npm run build`: the Node runtime as plain JavaScript in dist/node, for a start that loads no
 * TypeScript. One bundle of the sources and their libraries: Node loads ~1,000 ES modules one by
 * one, ~0.6 s of a start, and one file in ~0.15 s (issue 14). What a start may not need is split
 * into chunks loaded at first use (the sandbox, PGlite's driver, the Excel writer). PGlite (its
 * WebAssembly beside its modules), the Lark SDK (loaded after the start), esbuild and node-cron
 * (it finds its daemon by its own module's URL) stay in node_modules. Plain .mjs so it runs
 * before anything is compiled. Files are overwritten in place, never deleted first: a running
 * instance keeps its own (chunk names carry a hash).
 *
 * `npm start` builds every time; when no input changed since the last build (the newest mtime
 * and the number of files under src, db and cards, package-lock.json, this script) it does
 * nothing, which saves ~0.7 s of a warm start. `--force` builds anyway.
 */
import { build } from 'esbuild';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = 'dist/node';
const STAMP = `${OUT}/.inputs.json`;

function inputs() {
  const files = ['src', 'db', 'cards']
    .flatMap((dir) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath ?? d.path, d.name)))
    .concat('package-lock.json', relative(process.cwd(), fileURLToPath(import.meta.url)));
  return JSON.stringify({ files: files.length, newest: Math.max(...files.map((f) => statSync(f).mtimeMs)) });
}

const fingerprint = inputs();
if (!process.argv.includes('--force') && existsSync(`${OUT}/src/runtime/node.js`) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === fingerprint) process.exit(0);

/**
 * A bundled module's `import.meta.url` is the bundle's. The sources read files relative to
 * their own module (db/migrations, the web chat), so each gets the URL its file has under
 * dist/node, where those files are copied.
 */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url') || args.path.includes('node_modules')) return undefined;
      const own = resolve(OUT, relative(process.cwd(), args.path)).replace(/\.ts$/, '.js');
      return { contents: source.replaceAll('import.meta.url', `__ownUrl(${JSON.stringify(own)})`), loader: 'ts' };
    });
  },
};

await build({
  entryPoints: ['src/runtime/node.ts', 'src/sandbox/bundle.ts'],
  outdir: OUT,
  outbase: '.',
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  external: ['@electric-sql/pglite', '@larksuiteoapi/node-sdk', 'esbuild', 'node-cron'],
  // The CommonJS libraries bundled in call require() for Node's built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; import { pathToFileURL as __pathToFileURL } from 'node:url'; const require = __createRequire(import.meta.url); const __ownUrl = (p) => __pathToFileURL(p).href;" },
  plugins: [ownUrl],
  // Node 20.19 reads `with { type: 'json' }`; esbuild would otherwise drop it for this target.
  supported: { 'import-attributes': true },
  logLevel: 'warning',
});
// Read at run time relative to their modules: the migrations, and the web chat the sandbox bundles.
cpSync('db/migrations', `${OUT}/db/migrations`, { recursive: true });
cpSync('src/sandbox/web', `${OUT}/src/sandbox/web`, { recursive: true });
// The web chat's script, bundled now rather than by esbuild in every start (src/sandbox/bundle.ts).
const { bundleClient, PREBUILT } = await import(`../../${OUT}/src/sandbox/bundle.js`);
writeFileSync(`${OUT}/src/sandbox/${PREBUILT}`, await bundleClient());
writeFileSync(STAMP, fingerprint);
