import type { ArrivedEvent } from './envelope.js';

/**
 * Processing after the ack, bounded. Under a burst, handling every event at once would take the
 * database time the webhook needs to store and acknowledge the next ones; so each lane handles
 * one batch at a time and the rest wait here — or, past the bound, in the database, where the
 * sweep finds them (they are stored before the ack either way).
 *
 * Lanes: a handling batch is a chain of round trips to the database (each handler's statements
 * one after another), so with the database on another host one lane is bound by the round trip,
 * not by the CPU (on the bot's own machine it is the CPU, and one lane is best). Events go to a lane by their order key (the person, for messages),
 * so one person's messages are still handled in the order they came, one after another, while
 * different people's are handled at once, each lane in its own transaction. Lanes are to each
 * other what two instances of the bot are (which the claim already allows for): a conflict fails
 * a batch, and its events are retried one by one.
 */
export interface EventQueue {
  /** Queues an event; false when the queue is full and the sweep will pick it up instead. */
  push(e: ArrivedEvent): boolean;
  idle(): Promise<void>;
  readonly size: number;
}

interface Lane {
  waiting: ArrivedEvent[];
  active: boolean;
}

/** FNV-1a: a cheap, stable spread of order keys over the lanes. */
function laneIndex(key: string, lanes: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % lanes;
}

export function eventQueue(
  run: (events: ArrivedEvent[]) => Promise<unknown>,
  defer: (task: () => Promise<unknown>) => void,
  o: {
    /** Lanes handling at once (1: one batch at a time; PGlite runs one transaction at a time anyway). */
    lanes?: number;
    maxQueued?: number;
    batch?: number;
    /** Waited on before each batch: acks being stored (and clicks) go first (src/lark/foreground.ts). */
    yieldTo?: () => Promise<void>;
  } = {},
): EventQueue {
  const batch = o.batch ?? 200;
  const maxQueued = o.maxQueued ?? 5000;
  const lanes: Lane[] = Array.from({ length: Math.max(1, o.lanes ?? 1) }, () => ({ waiting: [], active: false }));
  let queued = 0;
  let active = 0;
  let idleWaiters: (() => void)[] = [];

  const worker = (lane: Lane) => async (): Promise<void> => {
    active++;
    try {
      // Whatever arrived while the last batch ran goes as the next batch.
      // Waiting for the acks first also lets more of them join this batch.
      while (lane.waiting.length) {
        await o.yieldTo?.();
        const events = lane.waiting.splice(0, batch);
        queued -= events.length;
        await run(events).catch(() => {});
      }
    } finally {
      lane.active = false;
      active--;
      if (active === 0 && queued === 0) {
        for (const w of idleWaiters) w();
        idleWaiters = [];
      }
    }
  };

  return {
    push(e) {
      if (queued >= maxQueued) return false;
      const lane = lanes.length === 1 ? lanes[0]! : lanes[laneIndex(e.orderKey ?? e.eventType, lanes.length)]!;
      lane.waiting.push(e);
      queued++;
      if (!lane.active) {
        lane.active = true;
        defer(worker(lane));
      }
      return true;
    },
    idle() {
      return active === 0 && queued === 0 ? Promise.resolve() : new Promise((r) => idleWaiters.push(r));
    },
    get size() {
      return queued + active;
    },
  };
}
