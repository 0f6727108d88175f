import type { ArrivedEvent } from './envelope.js';

/**
 * Processing after the ack, bounded. Under a burst, handling every event at once would take the
 * database time the webhook needs to store and acknowledge the next ones; so events are handled
 * one batch at a time and the rest wait here — or, past the bound, in the database, where the
 * sweep finds them (they are stored before the ack either way).
 */
export interface EventQueue {
  /** Queues an event; false when the queue is full and the sweep will pick it up instead. */
  push(e: ArrivedEvent): boolean;
  idle(): Promise<void>;
  readonly size: number;
}

export function eventQueue(
  run: (events: ArrivedEvent[]) => Promise<unknown>,
  defer: (task: () => Promise<unknown>) => void,
  o: {
    concurrency?: number;
    maxQueued?: number;
    batch?: number;
    /** Waited on before each batch: acks being stored (and clicks) go first (src/lark/foreground.ts). */
    yieldTo?: () => Promise<void>;
  } = {},
): EventQueue {
  // One processor with large batches: during a burst the database's time goes to acknowledging.
  const concurrency = o.concurrency ?? 1;
  const batch = o.batch ?? 200;
  const maxQueued = o.maxQueued ?? 5000;
  const waiting: ArrivedEvent[] = [];
  let active = 0;
  let idleWaiters: (() => void)[] = [];

  const worker = async (): Promise<void> => {
    active++;
    try {
      // Whatever arrived while the last batch ran goes as the next batch.
      // Waiting for the acks first also lets more of them join this batch.
      while (waiting.length) {
        await o.yieldTo?.();
        await run(waiting.splice(0, batch)).catch(() => {});
      }
    } finally {
      active--;
      if (active === 0 && waiting.length === 0) {
        for (const w of idleWaiters) w();
        idleWaiters = [];
      }
    }
  };

  return {
    push(e) {
      if (waiting.length >= maxQueued) return false;
      waiting.push(e);
      if (active < concurrency) defer(worker);
      return true;
    },
    idle() {
      return active === 0 && waiting.length === 0 ? Promise.resolve() : new Promise((r) => idleWaiters.push(r));
    },
    get size() {
      return waiting.length + active;
    },
  };
}
