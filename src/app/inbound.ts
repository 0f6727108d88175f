/**
 * Durable processing of Lark events. The webhook stores the event and answers; processing
 * happens after, in one transaction with the event's effects, so an event is either fully
 * handled (state + outbox + done mark) or not at all and retried.
 */
import { and, eq, lt, lte, or, sql } from 'drizzle-orm';
import { inboundEvents } from '../../db/schema/index.js';
import { rows, type Q, type Tx } from '../../db/client.js';
import type { Deps } from './deps.js';
import type { NormalizedEvent } from '../lark/envelope.js';
import { coerceError } from '../domain/errors.js';

export interface EventContext {
  deps: Deps;
  tx: Tx;
  now: Date;
  eventId: string;
}

export type EventHandler = (ctx: EventContext, event: Record<string, unknown>) => Promise<void>;

const MAX_ATTEMPTS = 6;

/** Inserts the event; false when its event_id was seen before (a redelivery or a duplicate). */
export async function storeEvent(q: Q, e: NormalizedEvent, source: 'event' | 'card', now: Date): Promise<boolean> {
  const inserted = await q
    .insert(inboundEvents)
    .values({ eventId: e.eventId, source, eventType: e.eventType, payload: e.event, status: 'pending', receivedAt: now, nextAttemptAt: now })
    .onConflictDoNothing()
    .returning({ eventId: inboundEvents.eventId });
  return inserted.length > 0;
}

/**
 * Claims one event and handles it, in one transaction: the claim's row lock keeps another
 * instance off the event until this one commits, and a crash before the commit leaves the event
 * pending for the sweep. The commit need not wait for the disk: the event is already stored
 * durably, and its effects and its done mark are lost or kept together.
 */
export async function processEvent(deps: Deps, handlers: Record<string, EventHandler>, eventId: string): Promise<'done' | 'failed' | 'skipped'> {
  const now = deps.clock.now();
  const started = Date.now();
  const log = deps.log.child({ eventId });
  let claimed: { event_type: string; attempts: number } | undefined;
  try {
    const outcome = await deps.db.transaction(async (tx) => {
      await tx.execute(sql`set local synchronous_commit = off`);
      const [row] = await rows<{ event_type: string; payload: Record<string, unknown>; attempts: number }>(
        tx,
        sql`update inbound_events set status = 'processing', attempts = attempts + 1, locked_until = null
            where event_id = ${eventId}
              and ((status in ('pending', 'failed') and next_attempt_at <= ${now.toISOString()}::timestamptz)
                   or (status = 'processing' and locked_until < ${now.toISOString()}::timestamptz))
            returning event_type, payload, attempts`,
      );
      if (!row) return 'skipped' as const;
      claimed = row;
      const handler = handlers[row.event_type];
      if (handler) await handler({ deps, tx, now, eventId }, row.payload);
      else log.info('event.unhandled_type', { eventType: row.event_type });
      await tx.update(inboundEvents).set({ status: 'done', processedAt: now, lastError: null }).where(eq(inboundEvents.eventId, eventId));
      return 'done' as const;
    });
    if (outcome === 'done') {
      log.info('event.processed', { eventType: claimed?.event_type, ms: Date.now() - started, attempts: claimed?.attempts });
      deps.kickOutbox();
    }
    return outcome;
  } catch (e) {
    const err = coerceError(e);
    // The transaction rolled back, the attempt with it: count it here.
    const [row] = await rows<{ attempts: number }>(
      deps.db,
      sql`update inbound_events set attempts = attempts + 1 where event_id = ${eventId} returning attempts`,
    );
    const attempts = row?.attempts ?? 1;
    const dead = attempts >= MAX_ATTEMPTS;
    const retryIn = Math.min(5_000 * 4 ** (attempts - 1), 30 * 60_000);
    await deps.db
      .update(inboundEvents)
      .set({ status: dead ? 'dead' : 'failed', lockedUntil: null, lastError: err.message.slice(0, 2000), nextAttemptAt: new Date(now.getTime() + retryIn) })
      .where(eq(inboundEvents.eventId, eventId));
    log.error(dead ? 'event.dead' : 'event.failed', { eventType: claimed?.event_type, attempts, error: err, retryInMs: dead ? null : retryIn });
    return 'failed';
  }
}

/**
 * Picks up events stored but not processed: a crash, a restart, a burst past the in-process
 * queue, or a failure whose retry is due. Works through a backlog in batches, a few at a time.
 */
export async function sweepInbound(deps: Deps, handlers: Record<string, EventHandler>, o: { batch?: number; budgetMs?: number } = {}): Promise<number> {
  const started = Date.now();
  let done = 0;
  for (;;) {
    const ids = await dueEventIds(deps, o.batch ?? 100);
    for (let i = 0; i < ids.length; i += 4) {
      const results = await Promise.all(ids.slice(i, i + 4).map((id) => processEvent(deps, handlers, id)));
      done += results.filter((r) => r === 'done').length;
    }
    if (ids.length < (o.batch ?? 100) || Date.now() - started > (o.budgetMs ?? 20_000)) return done;
  }
}

async function dueEventIds(deps: Deps, limit: number): Promise<string[]> {
  const now = deps.clock.now();
  const due = await deps.db
    .select({ eventId: inboundEvents.eventId })
    .from(inboundEvents)
    .where(
      and(
        eq(inboundEvents.source, 'event'),
        or(
          and(or(eq(inboundEvents.status, 'pending'), eq(inboundEvents.status, 'failed')), lte(inboundEvents.nextAttemptAt, now)),
          and(eq(inboundEvents.status, 'processing'), lt(inboundEvents.lockedUntil, now)),
        ),
      ),
    )
    .orderBy(inboundEvents.receivedAt)
    .limit(limit);
  return due.map((d) => d.eventId);
}
