/**
 * The drainer's half of calendar sync (outbox kind `calendar`, written by
 * src/app/visit/calendar-sync.ts): brings the subject's event on the bot's calendar from what
 * Lark has to what is wanted, with as few calls as the diff needs (src/domain/visit/calendar-event.ts).
 *
 * Safe to repeat: the create carries a per-subject idempotency key (a crash after Lark made the
 * event gets the same event back), the event id is stored as soon as it is known, inviting
 * someone already invited changes nothing, and a row whose version was synced already is a
 * no-op (two rows for one subject, or another drainer got there first). One sync per subject at
 * a time: the `calendar_events` row is leased for the duration, whichever drainer holds the row.
 */
import { and, eq } from 'drizzle-orm';
import { calendarEvents, settings } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import { eventIdempotencyKey, larkTime, syncSteps, type EventFields, type EventSpec } from '../domain/visit/calendar-event.js';
import type { CalendarEventBody, LarkClient } from './client.js';
import { classifyThrown } from './errors.js';
import type { RateLimiter } from './rate-limit.js';
import { limited, syncSubject } from './subject-sync.js';

export interface CalendarSyncDeps {
  db: Db;
  lark: LarkClient;
  clock: Clock;
  log: Logger;
  limiter: RateLimiter;
}

/** Where the bot's calendar id is kept once asked for (it never changes for an app). */
const BOT_CALENDAR_KEY = 'larkBotCalendar';
/** Lark: event not found / already deleted. */
const EVENT_GONE = new Set([193001, 193003]);

function body(f: Partial<EventFields>): CalendarEventBody {
  const b: CalendarEventBody = {};
  if (f.summary !== undefined) b.summary = f.summary;
  if (f.description !== undefined) b.description = f.description;
  if (f.location !== undefined) b.location = { name: f.location };
  if (f.start !== undefined && f.timeZone !== undefined) b.start_time = larkTime(f.start, f.timeZone);
  if (f.end !== undefined && f.timeZone !== undefined) b.end_time = larkTime(f.end, f.timeZone);
  return b;
}

/**
 * Every calendar call takes a permit of one limiter key, the one the drainer pauses when Lark
 * throttles a sync (drain.ts API.calendar): under Lark's 50/s for each calendar API, and a
 * throttle waits out the whole sync rather than only the call that met it.
 */
const LIMITER_KEY = 'calendar.event';

const rated = <T>(deps: CalendarSyncDeps, fn: () => Promise<T>) => limited(deps.limiter, LIMITER_KEY, fn);

async function botCalendar(deps: CalendarSyncDeps): Promise<string> {
  const [row] = await deps.db.select({ value: settings.value }).from(settings).where(eq(settings.key, BOT_CALENDAR_KEY));
  const cached = (row?.value as { calendarId?: unknown } | undefined)?.calendarId;
  if (typeof cached === 'string' && cached) return cached;
  const calendarId = await rated(deps, () => deps.lark.primaryCalendar());
  const now = deps.clock.now();
  await deps.db
    .insert(settings)
    .values({ key: BOT_CALENDAR_KEY, value: { calendarId }, updatedAt: now, updatedBy: null })
    .onConflictDoUpdate({ target: settings.key, set: { value: { calendarId }, updatedAt: now } });
  return calendarId;
}

const gone = (e: unknown) => {
  const err = classifyThrown(e);
  return err.code !== null && EVENT_GONE.has(err.code);
};

/** Syncs the subject an outbox row names; throws (a LarkApiError) for the drainer to retry or give up. */
export async function syncCalendarSubject(deps: CalendarSyncDeps, subjectType: string, subjectId: string): Promise<{ calls: number }> {
  const key = and(eq(calendarEvents.subjectType, subjectType as 'visit'), eq(calendarEvents.subjectId, subjectId));
  return syncSubject(deps, { table: calendarEvents, key, name: `calendar sync of ${subjectType}:${subjectId}` }, async (claimed, now) => {
    let eventId = claimed.eventId;
    let calls = 0;
    const wanted = claimed.wanted as EventSpec | null;
    const steps = syncSteps(wanted, claimed.synced as EventSpec | null, eventId, Math.floor(now.getTime() / 1000));
    const calendarId = steps.length ? await botCalendar(deps) : null;
    for (const step of steps) {
      calls++;
      if (step.op === 'create') {
        const created: CalendarEventBody & { start_time: { timestamp: string; timezone: string }; end_time: { timestamp: string; timezone: string } } = {
          ...body(step.fields),
          start_time: larkTime(step.fields.start, step.fields.timeZone),
          end_time: larkTime(step.fields.end, step.fields.timeZone),
          need_notification: true,
          attendee_ability: 'can_see_others',
          visibility: 'default',
          free_busy_status: 'busy',
          reminders: [{ minutes: 30 }],
          // An in-person meeting: no Feishu video link added with the first attendee.
          vchat: { vc_type: 'no_meeting' },
        };
        const id = await rated(deps, () => deps.lark.createEvent(calendarId!, eventIdempotencyKey(subjectType, subjectId), created));
        eventId = id;
        // Kept at once: whatever fails next, a retry patches this event rather than asking again.
        await deps.db.update(calendarEvents).set({ eventId: id }).where(key);
      } else if (step.op === 'patch') {
        await rated(deps, () => deps.lark.patchEvent(calendarId!, eventId!, { ...body(step.fields), need_notification: true }));
      } else if (step.op === 'invite') {
        await rated(deps, () => deps.lark.inviteToEvent(calendarId!, eventId!, step.openIds));
      } else if (step.op === 'uninvite') {
        await rated(deps, () => deps.lark.uninviteFromEvent(calendarId!, eventId!, step.openIds));
      } else {
        try {
          await rated(deps, () => deps.lark.deleteEvent(calendarId!, eventId!));
        } catch (e) {
          // Deleted already (by us before a crash, or by hand in Feishu): what was wanted.
          if (!gone(e)) throw e;
        }
        eventId = null;
      }
    }
    const synced = eventId ? wanted : null;
    await deps.db
      .update(calendarEvents)
      .set({ eventId, synced, syncedVersion: claimed.version, updatedAt: deps.clock.now() })
      .where(key);
    deps.log.info('calendar.synced', { subject: `${subjectType}:${subjectId}`, version: claimed.version, eventId, steps: steps.map((s) => s.op) });
    return { calls };
  });
}

/** How long a calendar sync waits while the month's API budget is nearly used up: it looks again later, and goes when the month turns. */
export const CALENDAR_PAUSE_MS = 6 * 3600_000;
