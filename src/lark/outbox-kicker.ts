import { Doorbell, drainOutbox, type DrainDeps, type DrainOptions } from './drain.js';
import type { Logger } from '../log.js';

/**
 * Runs the drainer at most once at a time per process, and once more if asked while running,
 * so a burst of commits turns into one or two drains rather than one per message. A commit made
 * while a drain runs rings its doorbell, so the drain claims it at once instead of after the
 * sends it is waiting on (which may be stuck on a slow Lark).
 */
export function outboxKicker(deps: DrainDeps, defer: (task: () => Promise<unknown>) => void, log: Logger, options: DrainOptions = {}) {
  let running: Promise<void> | null = null;
  let again = false;
  const doorbell = new Doorbell();
  const run = async (): Promise<void> => {
    do {
      again = false;
      try {
        await drainOutbox(deps, options, doorbell);
      } catch (e) {
        log.error('outbox.drain_failed', { error: e });
      }
    } while (again);
    running = null;
  };
  return {
    kick(): void {
      if (running) {
        again = true;
        doorbell.ring();
        return;
      }
      running = run();
      defer(() => running ?? Promise.resolve());
    },
    /** Resolves when the current drain (if any) has finished: for tests and shutdown. */
    idle(): Promise<void> {
      return running ?? Promise.resolve();
    },
  };
}
