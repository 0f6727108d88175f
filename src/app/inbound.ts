/**
 * Durable processing of Lark events. The webhook stores the event and answers; processing
 * happens after, in one transaction with the event's effects, so an event is either fully
 * handled (state + outbox + done mark) or not at all and retried.
 */
import { and, eq, lte, or, sql } from 'drizzle-orm';
import { inboundEvents } from '../../db/schema/index.js';
import { pgArray, rows, type Q, type Tx } from '../../db/client.js';
import type { Deps } from './deps.js';
import type { NormalizedEvent } from '../lark/envelope.js';
import { coerceError } from '../domain/errors.js';
import { adminRecipients } from './admins.js';
import { enqueueSend } from '../lark/outbox.js';

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
      // A row lock, not a row write: the event's payload is written once on arrival and once done.
      const [row] = await rows<{ event_type: string; payload: Record<string, unknown>; attempts: number }>(
        tx,
        sql`select event_type, payload, attempts + 1 as attempts from inbound_events
            where event_id = ${eventId}
              and status in ('pending', 'failed') and next_attempt_at <= ${now.toISOString()}::timestamptz
            for update skip locked`,
      );
      if (!row) return 'skipped' as const;
      claimed = row;
      const handler = handlers[row.event_type];
      if (handler) await handler({ deps, tx, now, eventId }, row.payload);
      else log.info('event.unhandled_type', { eventType: row.event_type });
      await tx
        .update(inboundEvents)
        .set({ status: 'done', processedAt: now, lastError: null, attempts: sql`${inboundEvents.attempts} + 1` })
        .where(eq(inboundEvents.eventId, eventId));
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
    if (dead) {
      // Given up: a person must look at it, so the admins hear (once, as the event dies).
      for (const openId of await adminRecipients(deps.db, deps.config.admins)) {
        await enqueueSend(deps.db, { openId }, {
          text: `⚠️ 一条飞书事件多次处理失败，已停止重试 / An event failed ${attempts} times and was given up\n${eventId}\n${err.message.slice(0, 300)}`,
        });
      }
      deps.kickOutbox();
    }
    return 'failed';
  }
}

/**
 * Handles several stored events in one transaction: one claim, the handlers in arrival order,
 * one done mark. Under a burst this is a handful of round trips for dozens of events instead of
 * five each. If any handler fails, the batch rolls back and each event is retried on its own, so
 * one bad event never holds back or duplicates the others.
 */
export async function processEvents(deps: Deps, handlers: Record<string, EventHandler>, eventIds: string[]): Promise<number> {
  if (eventIds.length === 1) return (await processEvent(deps, handlers, eventIds[0]!)) === 'done' ? 1 : 0;
  const now = deps.clock.now();
  const started = Date.now();
  try {
    const done = await deps.db.transaction(async (tx) => {
      await tx.execute(sql`set local synchronous_commit = off`);
      const claimed = await rows<{ event_id: string; event_type: string; payload: Record<string, unknown>; attempts: number }>(
        tx,
        sql`select event_id, event_type, payload, attempts + 1 as attempts from inbound_events
            where event_id = any(${pgArray(eventIds)}::text[])
              and status in ('pending', 'failed') and next_attempt_at <= ${now.toISOString()}::timestamptz
            for update skip locked`,
      );
      const order = new Map(eventIds.map((id, i) => [id, i]));
      claimed.sort((a, b) => order.get(a.event_id)! - order.get(b.event_id)!);
      for (const row of claimed) {
        const handler = handlers[row.event_type];
        if (handler) await handler({ deps, tx, now, eventId: row.event_id }, row.payload);
      }
      if (claimed.length) {
        await tx.execute(
          sql`update inbound_events set status = 'done', processed_at = ${now.toISOString()}::timestamptz, last_error = null, attempts = attempts + 1
              where event_id = any(${pgArray(claimed.map((r) => r.event_id))}::text[])`,
        );
      }
      return claimed;
    });
    for (const row of done) {
      deps.log.info(handlers[row.event_type] ? 'event.processed' : 'event.unhandled_type', { eventId: row.event_id, eventType: row.event_type, attempts: row.attempts, batch: eventIds.length, ms: Date.now() - started });
    }
    if (done.length) deps.kickOutbox();
    return done.length;
  } catch (e) {
    deps.log.warn('event.batch_failed', { events: eventIds.length, error: coerceError(e).message });
    let n = 0;
    for (const id of eventIds) if ((await processEvent(deps, handlers, id)) === 'done') n++;
    return n;
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
    for (let i = 0; i < ids.length; i += 25) done += await processEvents(deps, handlers, ids.slice(i, i + 25));
    if (ids.length < (o.batch ?? 100) || Date.now() - started > (o.budgetMs ?? 20_000)) return done;
  }
}

/**
 * Fresh events belong to the in-process queue of the instance that stored them; the sweep takes
 * pending events only once they have waited this long (a crash, a restart, an overflow), so
 * during a burst it does not compete with that queue for the database.
 */
export const SWEEP_GRACE_MS = 30_000;

async function dueEventIds(deps: Deps, limit: number): Promise<string[]> {
  const now = deps.clock.now();
  const due = await deps.db
    .select({ eventId: inboundEvents.eventId })
    .from(inboundEvents)
    .where(
      and(
        eq(inboundEvents.source, 'event'),
        or(
          and(eq(inboundEvents.status, 'pending'), lte(inboundEvents.nextAttemptAt, new Date(now.getTime() - SWEEP_GRACE_MS))),
          and(eq(inboundEvents.status, 'failed'), lte(inboundEvents.nextAttemptAt, now)),
        ),
      ),
    )
    .orderBy(inboundEvents.receivedAt)
    .limit(limit);
  return due.map((d) => d.eventId);
}
