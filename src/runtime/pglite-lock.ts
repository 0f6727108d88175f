/**
 * PGlite has no directory lock: a second process writing the same data directory corrupts it
 * for good (toolchain.md). The Node runtime takes this lock first and refuses to start while
 * another live process holds it.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DirectoryLockedError extends Error {
  constructor(readonly dir: string, readonly pid: number) {
    super(
      `The embedded database in ${dir} is in use by another kam-bot process (pid ${pid}). ` +
        `Stop that process first, or set PGLITE_DIR to another directory (or DATABASE_URL to a Postgres server).`,
    );
    this.name = 'DirectoryLockedError';
  }
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). */
export const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes the lock or throws DirectoryLockedError; returns the release function. */
export function lockDirectory(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'kam-bot.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (Number(readFileSync(file, 'utf8')) === process.pid) unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processAlive(holder)) throw new DirectoryLockedError(dir, holder);
      // The holder died (kill -9, power loss): the lock is stale and safe to take over.
      unlinkSync(file);
    }
  }
  throw new Error(`could not lock ${dir}`);
}
