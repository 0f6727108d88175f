/**
 * Who goes first in one process. What someone is waiting on now — a click's answer (Lark gives up
 * after 3 s), an event's ack — is foreground; a drain of the outbox and a batch of handling can
 * wait. On PGlite every transaction shares one session, so a click queued behind a drain's claim
 * or a handling batch waited for it (bench:card: 20 clicks at once answered in seconds while one
 * alone took tens of milliseconds). Background work so waits, before each database step, while
 * foreground work runs — but never longer than `maxWaitMs`, so a steady stream of clicks cannot
 * hold the outbox back for good. Nothing is dropped: it only changes the order; everything waiting
 * is already committed.
 */
export interface Foreground {
  /** Runs `fn` as foreground work. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Resolves on a later turn of the event loop (so the answer just produced is written out and
   * requests already arrived are read) once no foreground work is running, or after `maxWaitMs`
   * at the latest.
   */
  quiet(): Promise<void>;
  readonly busy: number;
}

const later = (f: () => void) => (typeof setImmediate === 'function' ? setImmediate(f) : setTimeout(f, 0));

export function foreground(o: { maxWaitMs?: number } = {}): Foreground {
  // A second: well inside what a message may take, and 25 rows a claim still go out each second.
  const maxWaitMs = o.maxWaitMs ?? 1000;
  let busy = 0;
  let waiters: (() => void)[] = [];
  let waking = false;

  // Checked again a turn later: the next click may already have come in by then.
  const wake = () => {
    if (waking) return;
    waking = true;
    later(() => {
      waking = false;
      if (busy > 0) return;
      const ready = waiters;
      waiters = [];
      for (const w of ready) w();
    });
  };

  return {
    async run(fn) {
      busy++;
      try {
        return await fn();
      } finally {
        if (--busy === 0 && waiters.length) wake();
      }
    },
    async quiet() {
      // A turn of the event loop first, even when nothing runs: on PGlite a click's transaction
      // never waits for I/O, so while one runs the next clicks sit unread in their sockets; this
      // turn reads them, and the clicks they start then count as busy here.
      await new Promise<void>((r) => later(r));
      if (busy === 0) return;
      return new Promise<void>((resolve) => {
        let done = false;
        const go = () => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(go, maxWaitMs);
        waiters.push(go);
      });
    },
    get busy() {
      return busy;
    },
  };
}

/** No priorities (a test's or a tool's deps, where nothing competes). */
export const noForeground: Foreground = { run: (fn) => fn(), quiet: () => Promise.resolve(), busy: 0 };
