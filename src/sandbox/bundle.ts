/** Bundles the web chat's browser TypeScript (src/sandbox/web) with esbuild, once per process. */
import { fileURLToPath } from 'node:url';

let cached: Promise<string> | null = null;

export function clientBundle(): Promise<string> {
  cached ??= (async () => {
    // Imported lazily: esbuild is a dev tool, needed only when the sandbox runs.
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
  })();
  cached.catch(() => (cached = null));
  return cached;
}
