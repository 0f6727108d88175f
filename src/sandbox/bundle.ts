/**
 * The web chat's browser TypeScript (src/sandbox/web) as one script, once per process. `npm run
 * build` writes it next to the compiled module (PREBUILT), so a compiled start reads a file and
 * runs no esbuild (a dev tool, and a second process of ~20 MB); from the sources (tsx, tests)
 * esbuild bundles it on first use.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The file name `npm run build` gives the bundle, beside this module. */
export const PREBUILT = 'web-bundle.js';

let cached: Promise<string> | null = null;

export function clientBundle(): Promise<string> {
  cached ??= readFile(new URL(`./${PREBUILT}`, import.meta.url), 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
    return bundleClient();
  });
  cached.catch(() => (cached = null));
  return cached;
}

/** Bundles src/sandbox/web/main.ts with esbuild (imported lazily: a dev tool). */
export async function bundleClient(): Promise<string> {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./web/main.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}
