/**
 * The KPI xlsx builder on Workers: bundled as wrangler bundles (esbuild, browser platform,
 * workerd conditions, no nodejs_compat) and run in Miniflare (workerd) at the size bound, so
 * the claim in src/domain/kpi/export.ts (no Node built-ins, no Web Worker for the zip) is
 * checked on the real runtime, not argued.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../domain/kpi/xlsx-reader.js';

const ROOT = resolve(import.meta.dirname, '../..');
const COMPATIBILITY_DATE = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync(join(ROOT, 'wrangler.toml'), 'utf8'))![1]!;
const dir = mkdtempSync(join(tmpdir(), 'kam-kpi-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ENTRY = `
import { buildKpiWorkbook, MAX_ROWS } from ${JSON.stringify(join(ROOT, 'src/domain/kpi/export.ts'))};
import { exportLines } from ${JSON.stringify(join(ROOT, 'src/domain/kpi/report.ts'))};
import { year } from ${JSON.stringify(join(ROOT, 'src/domain/kpi/period.ts'))};
import { departmentFacts, at } from ${JSON.stringify(join(ROOT, 'test/domain/kpi/department-fixture.ts'))};
export default {
  async fetch() {
    const opts = { timeZone: 'Asia/Shanghai', now: at('2026-12-02T10:00:00'), departmentName: '大客户部' };
    const lines = exportLines(departmentFacts({ teams: 20, perTeam: 10 }), { kind: 'department' }, year(2026), opts);
    const rows = Array.from({ length: MAX_ROWS }, (_, i) => lines[i % lines.length]);
    const bytes = await buildKpiWorkbook({ period: year(2026), rows });
    return new Response(bytes, { headers: { 'content-type': 'application/octet-stream' } });
  },
};
`;

describe('the KPI workbook on workerd', () => {
  it('bundles without Node built-ins and builds a full-size file in the Workers runtime', async () => {
    writeFileSync(join(dir, 'entry.ts'), ENTRY);
    const result = await build({
      entryPoints: [join(dir, 'entry.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      conditions: ['workerd', 'worker', 'browser'],
      mainFields: ['browser', 'module', 'main'],
      outfile: join(dir, 'worker.js'),
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: ROOT,
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((p) => p.includes('write-excel-file'))).toBe(true);
    expect(inputs.filter((p) => p.startsWith('node:') || /(^|\/)node\//.test(p.replace(/.*write-excel-file\//, '')))).toEqual([]);

    const mf = new Miniflare({ modules: true, script: readFileSync(join(dir, 'worker.js'), 'utf8'), compatibilityDate: COMPATIBILITY_DATE });
    try {
      const res = await mf.dispatchFetch('http://localhost/');
      expect(res.status).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      const book = readXlsx(bytes);
      expect(book.sheetNames[0]).toBe('销售与开发');
      expect(book.sheet('销售与开发').cells.get('D1')!.value).toBe('大客户销售计划完成率');
    } finally {
      await mf.dispose();
    }
  }, 120_000);
});
