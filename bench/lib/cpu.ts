import { readdirSync, readFileSync } from 'node:fs';
/** CPU seconds (user+sys) used so far by the given pid, or by all postgres processes. */
export function cpuSeconds(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const parts = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return (Number(parts[11]) + Number(parts[12])) / 100;
}
export function postgresCpuSeconds(): number {
  let s = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const f = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (!f.includes('(postgres)')) continue;
      const parts = f.slice(f.lastIndexOf(')') + 2).split(' ');
      s += (Number(parts[11]) + Number(parts[12]) + Number(parts[13]) + Number(parts[14])) / 100;
    } catch {}
  }
  return s;
}
