import { readdirSync, readFileSync } from 'node:fs';

/** The pids this one started (every thread's children), or none once it has gone. */
function childPids(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) => readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
  } catch {
    return [];
  }
}

/**
 * CPU seconds (user+sys) used so far by the given pid and the processes it started (the bot's
 * handler process), or by all postgres processes. A child that exits between two readings takes
 * its time with it, so a reading spans one set of processes.
 */
export function cpuSeconds(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const parts = f.slice(f.lastIndexOf(')') + 2).split(' ');
  let s = (Number(parts[11]) + Number(parts[12])) / 100;
  for (const c of childPids(pid)) {
    try {
      s += cpuSeconds(c);
    } catch {}
  }
  return s;
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
