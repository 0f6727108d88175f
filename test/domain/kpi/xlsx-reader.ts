/**
 * Reads back what the KPI export wrote, from the .xlsx parts themselves (fflate unzips; the
 * OOXML is small enough to read with patterns): sheet names, cell values with shared strings
 * resolved, each cell's number format, and the frozen pane.
 */
import { strFromU8, unzipSync } from 'fflate';

export interface ReadCell {
  value: string | number;
  format: string | null;
}

export interface ReadBook {
  parts: Record<string, Uint8Array>;
  sheetNames: string[];
  sheet(name: string): { cells: Map<string, ReadCell>; xml: string };
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export function readXlsx(bytes: Uint8Array): ReadBook {
  const parts = unzipSync(bytes);
  const str = (p: string) => strFromU8(parts[p]!);
  const workbook = str('xl/workbook.xml');
  const sheetTags = [...workbook.matchAll(/<sheet [^>]*\/?>/g)].map((m) => m[0]);
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? '';
  const sheetNames = sheetTags.map((t) => unescape(attr(t, 'name')));
  const shared = parts['xl/sharedStrings.xml'] ? [...str('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => unescape([...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''))) : [];
  const styles = str('xl/styles.xml');
  const numFmts = new Map([...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((m) => [Number(m[1]), unescape(m[2]!)]));
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  const xfFormat = [...xfs.matchAll(/<xf\b[^>]*>/g)].map((m) => {
    const id = /numFmtId="(\d+)"/.exec(m[0])?.[1] ?? '0';
    return numFmts.get(Number(id)) ?? (id === '0' ? null : `builtin:${id}`);
  });
  return {
    parts,
    sheetNames,
    sheet(name) {
      const i = sheetNames.indexOf(name);
      if (i < 0) throw new Error(`no sheet ${name}`);
      const rels = str('xl/_rels/workbook.xml.rels');
      const rid = attr(sheetTags[i]!, 'r:id');
      const rel = [...rels.matchAll(/<Relationship [^>]*\/>/g)].map((m) => m[0]).find((r) => attr(r, 'Id') === rid)!;
      const target = attr(rel, 'Target');
      const xml = str(`xl/${target.replace(/^\/?xl\//, '')}`);
      const cells = new Map<string, ReadCell>();
      for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const attrs = m[2]!;
        const inner = m[3] ?? '';
        const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
        const inline = /<t[^>]*>([\s\S]*?)<\/t>/.exec(inner)?.[1];
        const type = /\bt="(\w+)"/.exec(attrs)?.[1];
        const style = Number(/\bs="(\d+)"/.exec(attrs)?.[1] ?? 0);
        const value = type === 's' ? shared[Number(v)]! : type === 'inlineStr' || type === 'str' ? unescape(inline ?? v ?? '') : v === undefined ? '' : Number(v);
        cells.set(m[1]!, { value, format: xfFormat[style] ?? null });
      }
      return { cells, xml };
    },
  };
}
