import { Doorbell, drainOutbox, type DrainDeps, type DrainOptions } from './drain.js';
import type { Logger } from '../log.js';

/**
 * Runs the drainer at most once at a time per process, and once more if asked while running,
 * so a burst of commits turns into one or two drains rather than one per message. A commit made
 * while a drain runs rings its doorbell, so the drain claims it at once instead of after the
 * sends it is waiting on (which may be stuck on a slow Lark).
 */
/** After the I/O of the current turn (setImmediate where there is one: Node; a zero timeout elsewhere). */
const nextTurn = (): Promise<void> => new Promise((r) => (typeof setImmediate === 'function' ? setImmediate(r) : setTimeout(r, 0)));

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
      // Not at once: the caller has just committed and is about to answer (a click's toast, an
      // event's ack). Started in the same turn, the drain's first claim ran ahead of that answer
      // on the database and the CPU; on the next turn of the event loop the answer is written first.
      running = nextTurn().then(run);
      defer(() => running ?? Promise.resolve());
    },
    /** Resolves when the current drain (if any) has finished: for tests and shutdown. */
    idle(): Promise<void> {
      return running ?? Promise.resolve();
    },
  };
}
