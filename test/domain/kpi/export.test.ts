import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.js';
import { buildKpiCsv, buildKpiWorkbook, exportFileName, MAX_ROWS } from '../../../src/domain/kpi/export.js';
import { quarter, year } from '../../../src/domain/kpi/period.js';
import { exportLines } from '../../../src/domain/kpi/report.js';
import { at, departmentFacts } from './department-fixture.js';
import { readXlsx } from './xlsx-reader.js';

const opts = { timeZone: 'Asia/Shanghai', now: at('2026-12-02T10:00:00'), departmentName: '大客户部' };

describe('the KPI workbook', () => {
  it('one sheet per KPI group with Chinese headers, number formats and a frozen header row; cells read back', async () => {
    const facts = departmentFacts({ teams: 2, perTeam: 3 });
    const lines = exportLines(facts, { kind: 'department' }, quarter(2026, 4), opts);
    expect(lines.map((l) => l.level)).toEqual(['specialist', 'specialist', 'specialist', 'specialist', 'specialist', 'specialist', 'team', 'team', 'department']);
    const bytes = await buildKpiWorkbook({ period: quarter(2026, 4), rows: lines });
    // A zip file: what Lark's file upload and Excel expect.
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
    const book = readXlsx(bytes);
    expect(book.sheetNames).toEqual(['销售与开发', '服务及时性', '服务规范与满意度', '费用与档案', '说明']);

    const sales = book.sheet('销售与开发');
    expect(sales.xml).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    const c = sales.cells;
    expect(c.get('A1')!.value).toBe('层级');
    expect(c.get('D1')!.value).toBe('大客户销售计划完成率');
    expect(c.get('E1')!.value).toBe('实际销售（元）');
    expect(c.get('B2')!.value).toBe(lines[0]!.name);
    const f = lines[0]!.figures.find((x) => x.kpi === 'sales_plan')!;
    expect(c.get('D2')!.value).toBeCloseTo(f.value! / 100, 10);
    expect(c.get('D2')!.format).toBe('0.0%');
    expect(c.get('E2')!.value).toBeCloseTo(f.numerator / 100, 2);
    expect(c.get('E2')!.format).toBe('"¥"#,##0.00');
    expect(c.get('G1')!.value).toBe('大客户开发计划完成率');
    // The department's line is last.
    expect(c.get('A10')!.value).toBe('部门');
    expect(c.get('B10')!.value).toBe('大客户部');

    const service = book.sheet('服务及时性').cells;
    expect(service.get('D1')!.value).toBe('大客户回访率');
    expect(service.get('F1')!.value).toBe('应回访次数');
    const revisit = lines[0]!.figures.find((x) => x.kpi === 'revisit')!;
    expect(service.get('F2')!.value).toBe(revisit.denominator);
    expect(service.get('F2')!.format).toBe('0');
  });

  it('a figure with no data says why in its cell, and its denominator is left empty', async () => {
    const facts = departmentFacts({ teams: 1, perTeam: 2 });
    facts.targets = [];
    const lines = exportLines(facts, { kind: 'team', id: 'T0' }, quarter(2026, 4), opts);
    const c = readXlsx(await buildKpiWorkbook({ period: quarter(2026, 4), rows: lines })).sheet('销售与开发').cells;
    expect(c.get('D2')!.value).toBe('未设定指标');
    expect(c.get('E2')!.format).toBe('"¥"#,##0.00');
    expect(c.get('F2')?.value ?? '').toBe('');
  });

  it('a 200-person department builds; at MAX_ROWS every part is small enough for the synchronous zip (Workers)', async () => {
    const facts = departmentFacts({ teams: 20, perTeam: 10 });
    const lines = exportLines(facts, { kind: 'department' }, year(2026), opts);
    expect(lines).toHaveLength(200 + 20 + 1);
    const book = readXlsx(await buildKpiWorkbook({ period: year(2026), rows: lines }));
    expect(book.sheet('费用与档案').cells.get('B222')!.value).toBe('大客户部');
    // The worst case the bound allows: MAX_ROWS lines with the longest names and every figure set.
    const full = lines[0]!;
    const worst = Array.from({ length: MAX_ROWS }, (_, i) => ({ ...full, name: `欧阳${'长'.repeat(18)}${i}`, team: `华东${'长'.repeat(18)}组` }));
    const parts = readXlsx(await buildKpiWorkbook({ period: year(2026), rows: worst })).parts;
    const sizes = Object.entries(parts).filter(([p]) => p.endsWith('.xml')).map(([, v]) => v.length);
    expect(Math.max(...sizes)).toBeLessThan(160_000);
  });

  it('refuses more rows than the bound, in both languages', async () => {
    const lines = exportLines(departmentFacts({ teams: 1, perTeam: 1 }), { kind: 'department' }, year(2026), opts);
    const many = Array.from({ length: MAX_ROWS + 1 }, () => lines[0]!);
    await expect(buildKpiWorkbook({ period: year(2026), rows: many })).rejects.toBeInstanceOf(DomainError);
  });

  it('names the file after the scope and period', () => {
    expect(exportFileName('华东 组/1', '2026Q4')).toBe('华东_组_1KPI_2026Q4.xlsx');
  });
});

describe('the KPI CSV', () => {
  it('one table with a BOM, Chinese headers, quoted names and the reason for a missing figure', () => {
    const facts = departmentFacts({ teams: 1, perTeam: 2 });
    facts.members = facts.members.map((m) => (m.id === 'S0' ? { ...m, name: '张三, "大客户"' } : m));
    facts.targets = facts.targets.filter((t) => t.specialistId !== 'S1');
    const csv = buildKpiCsv({ period: quarter(2026, 4), rows: exportLines(facts, { kind: 'team', id: 'T0' }, quarter(2026, 4), opts) });
    expect(csv.startsWith('\uFEFF层级,姓名 / 名称,团队,大客户销售计划完成率,实际销售（元）,销售指标（元）')).toBe(true);
    const rows = csv.slice(1).trimEnd().split('\r\n');
    expect(rows).toHaveLength(4);
    expect(rows[1]!.startsWith('专员,"张三, ""大客户""",第1组,')).toBe(true);
    expect(rows[2]!.split(',')[3]).toBe('未设定指标');
    expect(rows[3]!.startsWith('团队,第1组,第1组,')).toBe(true);
  });
});
