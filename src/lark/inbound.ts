/**
 * Durable processing of Lark events. The webhook stores the event and answers; processing
 * happens after, in one transaction with the event's effects, so an event is either fully
 * handled (state + outbox + done mark) or not at all and retried.
 */
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { inboundEvents } from '../../db/schema/index.js';
import { pgArray, rows, type Q, type Tx } from '../../db/client.js';
import type { GatewayDeps } from './gateway-deps.js';
import type { ArrivedEvent, CheckedEvent, NormalizedEvent } from './envelope.js';
import { describeError } from '../log.js';
import { ownEntry, storableText } from './payload.js';
import { deadLetter } from './dead-letter.js';

export interface EventContext {
  deps: GatewayDeps;
  tx: Tx;
  now: Date;
  eventId: string;
}

/**
 * An event type the bot acts on. Its payload is checked against `schema` once — on arrival, or
 * when the sweep reads it back — and what the check produced travels with the event to `handle`,
 * which never parses it again. A payload not of that shape is logged and settled, unhandled.
 */
export interface EventEntry<T = unknown> {
  schema: z.ZodType<T>;
  /**
   * Pure: whether handling this event could do anything, judged from the event alone (and the
   * bot's open_id, `undefined` while not yet known). False settles the event on arrival.
   */
  concerns?(event: T, botOpenId: string | null | undefined): boolean;
  handle(ctx: EventContext, event: T): Promise<void>;
  /**
   * Pure: events with the same key are handled one after another in the order they came (one
   * person's messages); events with different keys may be handled at once. Without one, all
   * events of the type share one order.
   */
  orderKey?(event: T): string | undefined;
}

export type EventHandlers = Readonly<Record<string, EventEntry>>;

/** Typed where it is declared, stored with the others. */
export const eventEntry = <T>(entry: EventEntry<T>): EventEntry => entry as EventEntry;

function checkEvent(entry: EventEntry, payload: unknown): CheckedEvent {
  const r = entry.schema.safeParse(payload);
  return r.success ? { ok: true, value: r.data } : { ok: false, issue: r.error.issues[0]?.message };
}

/**
 * What becomes of an arriving event. Lark delivers every message of a group the bot is in (with
 * the group-message scope), and most are chatter not addressed to it; those, and event types
 * nobody handles, are stored — so still deduplicated and on record — as `ignored`, and skip the
 * claim-handle-mark transaction that would change nothing. An event that goes on carries its
 * checked payload to the handler; a malformed one goes on too, for processing to log.
 */
export function arrive(e: NormalizedEvent, handlers: EventHandlers, botOpenId: string | null | undefined): { handle: boolean; arrived: ArrivedEvent } {
  // Own entries only: an event type such as "__proto__" or "constructor" names no handler.
  const entry = ownEntry(handlers, e.eventType);
  const arrived: ArrivedEvent = { eventId: e.eventId, eventType: e.eventType, event: e.event };
  if (!entry) return { handle: false, arrived };
  const checked = checkEvent(entry, e.event);
  arrived.checked = checked;
  if (checked.ok) arrived.orderKey = entry.orderKey?.(checked.value);
  return { handle: !checked.ok || (entry.concerns?.(checked.value, botOpenId) ?? true), arrived };
}

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


interface Claimed {
  event_id: string;
  event_type: string;
  payload: Record<string, unknown> | null;
  attempts: number;
}

/**
 * Claims events and marks them done in one statement, at the start of their transaction: the
 * row lock keeps another instance off them until this one commits, and if a handler fails the
 * rollback takes the done mark back with everything else. One write per event instead of a lock
 * and then an update. The payload is read back only for events no longer in memory (the sweep).
 */
async function claim(tx: Tx, eventIds: string[], now: Date, withPayload: boolean): Promise<Claimed[]> {
  return rows<Claimed>(
    tx,
    sql`update inbound_events set status = 'done', processed_at = ${now.toISOString()}::timestamptz, last_error = null, attempts = attempts + 1
        where event_id in (
          select event_id from inbound_events
          where event_id = any(${pgArray(eventIds)}::text[])
            and status in ('pending', 'failed') and next_attempt_at <= ${now.toISOString()}::timestamptz
          for update skip locked)
        returning event_id, event_type, attempts, ${withPayload ? sql`payload` : sql`null::json as payload`}`,
  );
}

/** The handler's input: what the webhook checked on arrival, else the stored payload checked now. */
function checkedOf(entry: EventEntry, row: Claimed, arrived: ReadonlyMap<string, ArrivedEvent>): CheckedEvent {
  const copy = arrived.get(row.event_id);
  return copy?.checked ?? checkEvent(entry, row.payload ?? copy?.event ?? {});
}

/** Runs the entry's handler on the checked payload; a malformed one is logged and settled. */
async function run(ctx: EventContext, entry: EventEntry, checked: CheckedEvent, eventType: string): Promise<void> {
  if (checked.ok) return entry.handle(ctx, checked.value);
  ctx.deps.log.warn('event.malformed', { eventId: ctx.eventId, eventType, issue: checked.issue });
}

const byId = (events: readonly (string | ArrivedEvent)[]) =>
  new Map(events.filter((e): e is ArrivedEvent => typeof e !== 'string').map((e) => [e.eventId, e]));
const idOf = (e: string | ArrivedEvent) => (typeof e === 'string' ? e : e.eventId);

/**
 * Claims one event and handles it, in one transaction (see `claim`): a crash before the commit
 * leaves the event pending for the sweep. The commit need not wait for the disk: the event is
 * already stored durably, and its effects and its done mark are lost or kept together.
 */
async function processEvent(deps: GatewayDeps, handlers: EventHandlers, event: string | ArrivedEvent): Promise<'done' | 'failed' | 'skipped'> {
  const eventId = idOf(event);
  const now = deps.clock.now();
  const started = Date.now();
  const log = deps.log.child({ eventId });
  let claimed: Claimed | undefined;
  try {
    const outcome = await deps.db.transaction(async (tx) => {
      await tx.execute(sql`set local synchronous_commit = off`);
      [claimed] = await claim(tx, [eventId], now, typeof event === 'string');
      if (!claimed) return 'skipped' as const;
      const entry = ownEntry(handlers, claimed.event_type);
      if (entry) await run({ deps, tx, now, eventId }, entry, checkedOf(entry, claimed, byId([event])), claimed.event_type);
      else log.info('event.unhandled_type', { eventType: claimed.event_type });
      return 'done' as const;
    });
    if (outcome === 'done') {
      log.info('event.processed', { eventType: claimed?.event_type, ms: Date.now() - started, attempts: claimed?.attempts });
      deps.kickOutbox();
    }
    return outcome;
  } catch (e) {
    // Log-safe: never a failed query's parameters (message text, open_ids).
    const error = describeError(e);
    // The transaction rolled back, the attempt with it: count it here.
    const [row] = await rows<{ attempts: number }>(
      deps.db,
      sql`update inbound_events set attempts = attempts + 1 where event_id = ${eventId} returning attempts`,
    );
    const attempts = row?.attempts ?? 1;
    const dead = attempts >= MAX_ATTEMPTS;
    const retryIn = Math.min(5_000 * 4 ** (attempts - 1), 30 * 60_000);
    log.error(dead ? 'event.dead' : 'event.failed', { eventType: claimed?.event_type, attempts, error: e, retryInMs: dead ? null : retryIn });
    if (dead) {
      // Given up: the person waiting and the admins hear, once, as the event dies.
      const arrived = typeof event === 'string' ? undefined : event.event;
      if (await deps.db.transaction((tx) => deadLetter(deps, tx, { eventId, attempts, error, now, payload: arrived }))) deps.kickOutbox();
    } else {
      await deps.db
        .update(inboundEvents)
        .set({ status: 'failed', lockedUntil: null, lastError: storableText(error).slice(0, 2000), nextAttemptAt: new Date(now.getTime() + retryIn) })
        .where(eq(inboundEvents.eventId, eventId));
    }
    return 'failed';
  }
}

/**
 * Handles several stored events in one transaction: one claim, the handlers in arrival order.
 * Under a burst this is a few round trips for dozens of events instead of a few each. If any
 * handler fails, the batch rolls back and each event is retried on its own, so one bad event
 * never holds back or duplicates the others.
 */
export async function processEvents(deps: GatewayDeps, handlers: EventHandlers, events: readonly (string | ArrivedEvent)[]): Promise<number> {
  if (events.length === 1) return (await processEvent(deps, handlers, events[0]!)) === 'done' ? 1 : 0;
  const now = deps.clock.now();
  const started = Date.now();
  const arrived = byId(events);
  const eventIds = events.map(idOf);
  try {
    const done = await deps.db.transaction(async (tx) => {
      await tx.execute(sql`set local synchronous_commit = off`);
      const claimed = await claim(tx, eventIds, now, arrived.size < eventIds.length);
      const order = new Map(eventIds.map((id, i) => [id, i]));
      claimed.sort((a, b) => order.get(a.event_id)! - order.get(b.event_id)!);
      for (const row of claimed) {
        const entry = ownEntry(handlers, row.event_type);
        if (entry) await run({ deps, tx, now, eventId: row.event_id }, entry, checkedOf(entry, row, arrived), row.event_type);
      }
      return claimed;
    });
    const ms = Date.now() - started;
    for (const row of done) {
      deps.log.info(ownEntry(handlers, row.event_type) ? 'event.processed' : 'event.unhandled_type', { eventId: row.event_id, eventType: row.event_type, attempts: row.attempts, batch: events.length, ms });
    }
    if (done.length) deps.kickOutbox();
    return done.length;
  } catch (e) {
    deps.log.warn('event.batch_failed', { events: events.length, error: describeError(e) });
    let n = 0;
    for (const event of events) if ((await processEvent(deps, handlers, event)) === 'done') n++;
    return n;
  }
}

/**
 * Picks up events stored but not processed: a crash, a restart, a burst past the in-process
 * queue, or a failure whose retry is due. Works through a backlog in batches, a few at a time.
 */
export async function sweepInbound(deps: GatewayDeps, handlers: EventHandlers, o: { batch?: number; budgetMs?: number } = {}): Promise<number> {
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

async function dueEventIds(deps: GatewayDeps, limit: number): Promise<string[]> {
  const now = deps.clock.now();
  // `status in (…)` spelled as in the partial index, so the planner can use it.
  const due = await rows<{ event_id: string }>(
    deps.db,
    sql`select event_id from inbound_events
        where status in ('pending', 'failed') and next_attempt_at <= ${now.toISOString()}::timestamptz
          and (status = 'failed' or next_attempt_at <= ${new Date(now.getTime() - SWEEP_GRACE_MS).toISOString()}::timestamptz)
          and source = 'event'
        order by received_at
        limit ${limit}`,
  );
  return due.map((d) => d.event_id);
}
