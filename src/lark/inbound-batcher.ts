/**
 * Group commit for the webhook: events arriving while an insert is in flight are stored by the
 * next insert together, so a burst costs a few multi-row INSERTs instead of one round trip per
 * event. At low load a batch is one event and nothing waits. The answer per event is still
 * exact: inserted, or seen before (a duplicate).
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';
import type { NormalizedEvent } from './envelope.js';

interface Waiting {
  row: { eventId: string; source: 'event' | 'card'; eventType: string; payload: Record<string, unknown>; status: 'pending' | 'ignored'; receivedAt: Date };
  resolve(inserted: boolean): void;
  reject(e: unknown): void;
}

/** An event whose payload the database refuses (or JSON cannot serialise): retrying it can never succeed. */
export class UnstorableEvent extends Error {
  constructor(readonly reason: unknown) {
    super('event cannot be stored', { cause: reason });
    this.name = 'UnstorableEvent';
  }
}

/**
 * Whether a failed insert was refused for what it carried: serialisation (RangeError for depth,
 * TypeError) or Postgres' data exceptions (22…: bad text, bad JSON) and program limits (54…: stack
 * depth, sizes). Anything else (connection, timeout, shutdown) is about the database, not the event.
 */
export function isPoison(e: unknown): boolean {
  if (e instanceof RangeError || e instanceof TypeError) return true;
  const code = (e as { cause?: { code?: unknown }; code?: unknown } | null)?.cause?.code ?? (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('54'));
}

export interface InboundBatcher {
  store(e: NormalizedEvent, source: 'event' | 'card', status: 'pending' | 'ignored', now: Date): Promise<boolean>;
}

export function inboundBatcher(db: Db, o: { maxBatch?: number; maxInFlight?: number } = {}): InboundBatcher {
  const maxBatch = o.maxBatch ?? 500;
  // One insert at a time: each commit costs Postgres a WAL flush, so fewer, larger batches beat
  // overlapping ones (bench: two in flight halved the batch and raised Postgres CPU per event).
  const maxInFlight = o.maxInFlight ?? 1;
  let queue: Waiting[] = [];
  let inFlight = 0;

  /** Inserts the batch (the first of each event_id stands for the rest); the event_ids inserted. */
  const insert = async (batch: Waiting[]): Promise<{ first: Map<string, Waiting>; ids: Set<string> }> => {
    // The same event_id twice in one batch: the first stands for both, the rest are duplicates.
    const first = new Map<string, Waiting>();
    for (const w of batch) if (!first.has(w.row.eventId)) first.set(w.row.eventId, w);
    // The batch as one JSON parameter: one statement text for any size, serialised natively
    // (JSON.stringify) and read by Postgres in one pass (json_to_recordset).
    const batchJson = JSON.stringify(
      [...first.values()].map(({ row: r }) => ({ id: r.eventId, source: r.source, type: r.eventType, payload: r.payload, status: r.status, at: r.receivedAt.toISOString() })),
    );
    const inserted = await rows<{ event_id: string }>(
      db,
      sql`insert into inbound_events (event_id, source, event_type, payload, status, received_at, next_attempt_at, processed_at)
          select e.id, e.source, e.type, e.payload, e.status, e.at, e.at, case when e.status = 'ignored' then e.at end
          from json_to_recordset(${batchJson}::text::json) as e(id text, source text, type text, payload json, status text, at timestamptz)
          on conflict (event_id) do nothing
          returning event_id`,
    );
    return { first, ids: new Set(inserted.map((r) => r.event_id)) };
  };

  /**
   * Stores a batch; when one event in it can never be stored, the batch is split and each half
   * retried, so that event alone fails (Lark hears 400 for it) and the ones acknowledged beside
   * it are stored as if it had not been there. A failure that is not about the data (the
   * database is down) fails the whole batch at once: retrying halves would not help.
   */
  const store = async (batch: Waiting[]): Promise<void> => {
    try {
      const { first, ids } = await insert(batch);
      for (const w of batch) w.resolve(first.get(w.row.eventId) === w && ids.has(w.row.eventId));
    } catch (e) {
      const poison = isPoison(e);
      const distinct = new Set(batch.map((w) => w.row.eventId)).size;
      if (poison && distinct > 1) {
        const half = Math.ceil(batch.length / 2);
        await store(batch.slice(0, half));
        await store(batch.slice(half));
        return;
      }
      for (const w of batch) w.reject(poison ? new UnstorableEvent(e) : e);
    }
  };

  const flush = async (): Promise<void> => {
    if (inFlight >= maxInFlight || queue.length === 0) return;
    inFlight++;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    try {
      await store(batch);
    } finally {
      inFlight--;
      void flush();
    }
  };

  return {
    store(e, source, status, now) {
      return new Promise<boolean>((resolve, reject) => {
        queue.push({
          row: { eventId: e.eventId, source, eventType: e.eventType, payload: e.event, status, receivedAt: now },
          resolve,
          reject,
        });
        void flush();
      });
    },
  };
}

