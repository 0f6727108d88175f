/**
 * The KPI export (.xlsx for HR and the director): one sheet per KPI group (EXPORT_SHEETS),
 * Chinese headers, real number formats (percent, yuan, counts), a frozen header row,
 * one row per specialist, then each team, then the department.
 *
 * Built with write-excel-file's `/universal` entry (see libraries.md §3): it only builds the file
 * in memory (no fs, no Node built-ins), so this stays in the domain and runs on Workers too.
 * Its zip step is fflate's async `zip()`, which hands any part over 160 kB (uncompressed) to a
 * Web Worker — and Cloudflare Workers have none. So the sheets are kept small by design: at most
 * four KPIs per sheet (the service group is split in two), three columns per KPI (figure,
 * numerator, denominator; a missing figure's cell says why), rounded numbers, and MAX_ROWS rows.
 * The test asserts every part stays under 160 kB at MAX_ROWS, so the zip is synchronous on every
 * runtime. A larger export (per customer, say) must go through another path, not this builder.
 */
import type { Cell, Row, Sheet } from 'write-excel-file/universal';
import { DomainError } from '../errors.js';
import { i18n } from '../i18n.js';
import { KPI_SPECS, NO_DATA_LABEL, type KpiFigure, type KpiKey } from './figure.js';
import { periodLabel, type Period } from './period.js';

/** Rows per sheet: a 200-person roster plus its teams and the department, with room to spare. */
export const MAX_ROWS = 260;

/** The sheets: §2.1's groups, the service group split so no sheet outgrows the synchronous zip. */
const EXPORT_SHEETS: readonly { name: string; kpis: readonly KpiKey[] }[] = [
  { name: '销售与开发', kpis: ['sales_plan', 'development_plan', 'new_development', 'churn'] },
  { name: '服务及时性', kpis: ['revisit', 'feedback_timeliness', 'answer_timeliness'] },
  { name: '服务规范与满意度', kpis: ['service_standard', 'satisfaction', 'valid_complaints'] },
  { name: '费用与档案', kpis: ['service_cost', 'archive_completeness'] },
];

export type ExportLevel = 'specialist' | 'team' | 'department';
const LEVEL_LABEL: Record<ExportLevel, string> = { specialist: '专员', team: '团队', department: '部门' };

export interface ExportRow {
  level: ExportLevel;
  name: string;
  team: string | null;
  figures: readonly KpiFigure[];
}

export interface KpiExport {
  period: Period;
  rows: readonly ExportRow[];
}

/** What numerator and denominator count, per KPI, as sheet headers; money is shown in yuan. */
const PARTS: Record<KpiKey, [string, string]> = {
  sales_plan: ['实际销售（元）', '销售指标（元）'],
  churn: ['流失数', '期初大客户数'],
  development_plan: ['新成交数', '计划开发数'],
  new_development: ['新开发数', '期初大客户数'],
  valid_complaints: ['有效投诉数', '投诉总数'],
  feedback_timeliness: ['按时反馈次数', '需反馈次数'],
  revisit: ['已回访次数', '应回访次数'],
  service_cost: ['已报销（元）', '预算（元）'],
  archive_completeness: ['已填必填项', '必填项'],
  service_standard: ['按规范拜访次数', '拜访次数'],
  satisfaction: ['评分合计', '评分个数'],
  answer_timeliness: ['按时解答数', '问题数'],
};

const YUAN = '"¥"#,##0.00';
const PERCENT = '0.0%';

const header = (value: string): Cell => ({ value, fontWeight: 'bold', backgroundColor: '#E8EEF7', wrap: true, alignVertical: 'center' });
const text = (value: string | null): Cell => (value ? { value, type: String } : null);
/** Six decimals are finer than any format shows, and keep the cell XML short. */
const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;
const num = (value: number | null, format: string): Cell => (value === null || !Number.isFinite(value) ? null : { value: round6(value), type: Number, format });

/** The figure in its format, or for a missing one the reason ("未设定指标"), so no cell is a silent blank. */
function valueCell(f: KpiFigure): Cell {
  const unit = KPI_SPECS[f.kpi].unit;
  if (f.value === null) return { value: NO_DATA_LABEL[f.noData ?? 'no_base'].zh_cn, type: String, textColor: '#888888' };
  if (unit === 'percent') return num(f.value / 100, PERCENT);
  if (unit === 'rating') return num(f.value, '0.0');
  return num(f.value, '0');
}

function partCell(f: KpiFigure, n: number, isDenominator: boolean): Cell {
  const spec = KPI_SPECS[f.kpi];
  if (isDenominator && f.denominator === 0 && f.noData) return null;
  return spec.money ? num(n / 100, YUAN) : num(n, '0');
}

function groupSheet(data: KpiExport, name: string, kpis: readonly KpiKey[]): Sheet<never> {
  const head: Row = [header('层级'), header('姓名 / 名称'), header('团队')];
  for (const k of kpis) head.push(header(KPI_SPECS[k].label.zh_cn), header(PARTS[k][0]), header(PARTS[k][1]));
  const rows: Row[] = [head];
  for (const r of data.rows) {
    const row: Row = [text(LEVEL_LABEL[r.level]), text(r.name), text(r.team)];
    for (const k of kpis) {
      const f = r.figures.find((x) => x.kpi === k);
      if (!f) {
        row.push(null, null, null);
        continue;
      }
      row.push(valueCell(f), partCell(f, f.numerator, false), partCell(f, f.denominator, true));
    }
    rows.push(row);
  }
  const columns = [{ width: 8 }, { width: 16 }, { width: 12 }, ...kpis.flatMap(() => [{ width: 16 }, { width: 14 }, { width: 14 }])];
  return { sheet: name, data: rows, columns, stickyRowsCount: 1, stickyColumnsCount: 2 };
}

function aboutSheet(data: KpiExport): Sheet<never> {
  const p = periodLabel(data.period);
  const rows: Row[] = [
    [header('项目'), header('内容')],
    [text('期间'), text(p.zh_cn)],
    [text('说明'), text('百分比 = 分子 ÷ 分母；没有数据时写明原因（如「未设定指标」「无数据」）。销售按成交时的负责人计入，客户移交不改变已有业绩。')],
    ...EXPORT_SHEETS.flatMap((g) => g.kpis.map((k): Row => [text(g.name), text(`${KPI_SPECS[k].label.zh_cn}：${PARTS[k][0]} ÷ ${PARTS[k][1]}`)])),
  ];
  return { sheet: '说明', data: rows, columns: [{ width: 16 }, { width: 80 }], stickyRowsCount: 1 };
}

/** Builds the workbook; the bytes are what the file upload sends. */
export async function buildKpiWorkbook(data: KpiExport): Promise<Uint8Array> {
  if (data.rows.length > MAX_ROWS) {
    throw new DomainError('VALIDATION', i18n(`导出行数 ${data.rows.length} 超过上限 ${MAX_ROWS}，请按团队导出。`, `${data.rows.length} rows is over the export limit of ${MAX_ROWS}; export per team.`));
  }
  const sheets = [...EXPORT_SHEETS.map((g) => groupSheet(data, g.name, g.kpis)), aboutSheet(data)];
  // Loaded at the first export (~40 ms once), not at every start (issue 14).
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  const blob = await writeXlsxFile(sheets, { fontFamily: '等线', fontSize: 11 }).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

/** "大客户部KPI_2026Q4.xlsx": ASCII-safe enough for the upload's file_name. */
export const exportFileName = (scopeName: string, periodKeyText: string): string => `${scopeName.replace(/[\\/:*?"<>|\s]+/g, '_')}KPI_${periodKeyText}.xlsx`;

const csvField = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The same lines as one CSV table (all twelve KPIs side by side), with a UTF-8 BOM so Excel on
 * Windows opens the Chinese headers correctly. Percentages are written as numbers (83.3), money
 * in yuan, a missing figure as its reason.
 */
export function buildKpiCsv(data: KpiExport): string {
  const kpis = EXPORT_SHEETS.flatMap((s) => s.kpis);
  const head = ['层级', '姓名 / 名称', '团队', ...kpis.flatMap((k) => [KPI_SPECS[k].label.zh_cn, PARTS[k][0], PARTS[k][1]])];
  const lines = [head.map(csvField).join(',')];
  for (const r of data.rows) {
    const cells: (string | number | null)[] = [LEVEL_LABEL[r.level], r.name, r.team];
    for (const k of kpis) {
      const f = r.figures.find((x) => x.kpi === k);
      const money = KPI_SPECS[k].money ? 100 : 1;
      if (!f) cells.push(null, null, null);
      else cells.push(f.value === null ? NO_DATA_LABEL[f.noData ?? 'no_base'].zh_cn : round6(f.value), round6(f.numerator / money), f.denominator === 0 && f.noData ? null : round6(f.denominator / money));
    }
    lines.push(cells.map(csvField).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
