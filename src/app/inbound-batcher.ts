/**
 * Group commit for the webhook: events arriving while an insert is in flight are stored by the
 * next insert together, so a burst costs a few multi-row INSERTs instead of one round trip per
 * event. At low load a batch is one event and nothing waits. The answer per event is still
 * exact: inserted, or seen before (a duplicate).
 */
import { inboundEvents } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import type { NormalizedEvent } from '../lark/envelope.js';

interface Waiting {
  row: typeof inboundEvents.$inferInsert;
  resolve(inserted: boolean): void;
  reject(e: unknown): void;
}

export interface InboundBatcher {
  store(e: NormalizedEvent, source: 'event' | 'card', now: Date): Promise<boolean>;
}

export function inboundBatcher(db: Db, o: { maxBatch?: number; maxInFlight?: number } = {}): InboundBatcher {
  const maxBatch = o.maxBatch ?? 500;
  const maxInFlight = o.maxInFlight ?? 2;
  let queue: Waiting[] = [];
  let inFlight = 0;

  const flush = async (): Promise<void> => {
    if (inFlight >= maxInFlight || queue.length === 0) return;
    inFlight++;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    try {
      // The same event_id twice in one batch: the first stands for both, the rest are duplicates.
      const first = new Map<string, Waiting>();
      for (const w of batch) if (!first.has(w.row.eventId)) first.set(w.row.eventId, w);
      const inserted = await db
        .insert(inboundEvents)
        .values([...first.values()].map((w) => w.row))
        .onConflictDoNothing()
        .returning({ eventId: inboundEvents.eventId });
      const ids = new Set(inserted.map((r) => r.eventId));
      for (const w of batch) w.resolve(first.get(w.row.eventId) === w && ids.has(w.row.eventId));
    } catch (e) {
      for (const w of batch) w.reject(e);
    } finally {
      inFlight--;
      void flush();
    }
  };

  return {
    store(e, source, now) {
      return new Promise<boolean>((resolve, reject) => {
        queue.push({
          row: { eventId: e.eventId, source, eventType: e.eventType, payload: e.event, status: 'pending', receivedAt: now, nextAttemptAt: now },
          resolve,
          reject,
        });
        void flush();
      });
    },
  };
}

