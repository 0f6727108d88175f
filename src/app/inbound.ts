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
const LEASE_MS = 2 * 60_000;

/** Inserts the event; false when its event_id was seen before (a redelivery or a duplicate). */
export async function storeEvent(q: Q, e: NormalizedEvent, source: 'event' | 'card', now: Date): Promise<boolean> {
  const inserted = await q
    .insert(inboundEvents)
    .values({ eventId: e.eventId, source, eventType: e.eventType, payload: e.event, status: 'pending', receivedAt: now, nextAttemptAt: now })
    .onConflictDoNothing()
    .returning({ eventId: inboundEvents.eventId });
  return inserted.length > 0;
}

/** Claims one event under a lease and handles it; safe to call from several instances. */
export async function processEvent(deps: Deps, handlers: Record<string, EventHandler>, eventId: string): Promise<'done' | 'failed' | 'skipped'> {
  const now = deps.clock.now();
  const claimed = await rows<{ event_type: string; payload: Record<string, unknown>; attempts: number }>(
    deps.db,
    sql`update inbound_events set status = 'processing', attempts = attempts + 1,
          locked_until = ${new Date(now.getTime() + LEASE_MS).toISOString()}::timestamptz
        where event_id = ${eventId}
          and ((status in ('pending', 'failed') and next_attempt_at <= ${now.toISOString()}::timestamptz)
               or (status = 'processing' and locked_until < ${now.toISOString()}::timestamptz))
        returning event_type, payload, attempts`,
  );
  const row = claimed[0];
  if (!row) return 'skipped';
  const started = Date.now();
  const log = deps.log.child({ eventId, eventType: row.event_type });
  const handler = handlers[row.event_type];
  try {
    await deps.db.transaction(async (tx) => {
      if (handler) await handler({ deps, tx, now, eventId }, row.payload);
      else log.info('event.unhandled_type');
      await tx.update(inboundEvents).set({ status: 'done', processedAt: now, lockedUntil: null, lastError: null }).where(eq(inboundEvents.eventId, eventId));
    });
    log.info('event.processed', { ms: Date.now() - started, attempts: row.attempts });
    deps.kickOutbox();
    return 'done';
  } catch (e) {
    const err = coerceError(e);
    const dead = row.attempts >= MAX_ATTEMPTS;
    const retryIn = Math.min(5_000 * 4 ** (row.attempts - 1), 30 * 60_000);
    await deps.db
      .update(inboundEvents)
      .set({ status: dead ? 'dead' : 'failed', lockedUntil: null, lastError: err.message.slice(0, 2000), nextAttemptAt: new Date(now.getTime() + retryIn) })
      .where(eq(inboundEvents.eventId, eventId));
    log.error(dead ? 'event.dead' : 'event.failed', { attempts: row.attempts, error: err, retryInMs: dead ? null : retryIn });
    return 'failed';
  }
}

/** Picks up events stored but not processed: a crash, a restart, or a failure whose retry is due. */
export async function sweepInbound(deps: Deps, handlers: Record<string, EventHandler>, limit = 50): Promise<number> {
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
  let done = 0;
  for (const { eventId } of due) if ((await processEvent(deps, handlers, eventId)) === 'done') done++;
  return done;
}
