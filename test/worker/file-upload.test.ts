/**
 * The file upload (`im.file.create`, multipart) from workerd: the Lark client bundled as
 * wrangler bundles it (esbuild, browser platform, workerd conditions, nodejs_compat as in
 * wrangler.toml) and run in Miniflare against the fake Lark on a local port, so whether the
 * SDK's multipart path works on Workers is checked on the real runtime, not argued.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { builtinModules } from 'node:module';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeLark } from '../../src/sandbox/fake-lark.js';

const ROOT = resolve(import.meta.dirname, '../..');
const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
const COMPATIBILITY_DATE = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)![1]!;
const FLAGS = JSON.parse(/^compatibility_flags\s*=\s*(\[[^\]]*\])/m.exec(toml)?.[1] ?? '[]') as string[];
const dir = mkdtempSync(join(tmpdir(), 'kam-upload-worker-'));
let server: ServerType | undefined;
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
});

const ENTRY = `
import { LarkClient } from ${JSON.stringify(join(ROOT, 'src/lark/client.ts'))};
import { memoryLogger } from ${JSON.stringify(join(ROOT, 'src/log.ts'))};
export default {
  async fetch(req, env) {
    const client = new LarkClient({ appId: 'cli_fake0000000000', appSecret: 'fake-secret', baseUrl: env.LARK_URL, log: memoryLogger('debug') });
    try {
      const key = await client.uploadFile({ fileType: 'xls', fileName: 'KPI_2026Q4.xlsx', bytes: new Uint8Array([80, 75, 3, 4, 0, 255, 13, 10, 1]) });
      return Response.json({ key });
    } catch (e) {
      return Response.json({ error: String(e && e.stack || e) }, { status: 500 });
    }
  },
};
`;

describe('the file upload on workerd', () => {
  it('sends the multipart body the fake Lark (and Lark) takes', async () => {
    const lark = new FakeLark();
    const url = await new Promise<string>((r) => {
      server = serve({ fetch: lark.app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => r(`http://127.0.0.1:${info.port}`));
    });
    writeFileSync(join(dir, 'entry.ts'), ENTRY);
    await build({
      entryPoints: [join(dir, 'entry.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      conditions: ['workerd', 'worker', 'browser'],
      mainFields: ['browser', 'module', 'main'],
      // nodejs_compat serves these; wrangler leaves them to the runtime the same way.
      external: ['node:*', ...builtinModules],
      define: { __dirname: '"/"' },
      outfile: join(dir, 'worker.js'),
      logLevel: 'silent',
      absWorkingDir: ROOT,
    });
    const mf = new Miniflare({ modules: true, script: readFileSync(join(dir, 'worker.js'), 'utf8'), compatibilityDate: COMPATIBILITY_DATE, compatibilityFlags: FLAGS, bindings: { LARK_URL: url } });
    try {
      const res = await mf.dispatchFetch('http://localhost/');
      const body = (await res.json()) as { key?: string; error?: string };
      expect(body.error).toBeUndefined();
      const f = lark.files.get(body.key!)!;
      expect(f.fileName).toBe('KPI_2026Q4.xlsx');
      expect([...f.bytes]).toEqual([80, 75, 3, 4, 0, 255, 13, 10, 1]);
    } finally {
      await mf.dispose();
    }
  }, 120_000);
});
