/**
 * The fake Lark's calendar (calendar/v4, lark-more.md §7, feishu-native.md): the bot's primary
 * calendar, events on it with their attendees, and Lark's checks where a mistake would pass
 * unnoticed otherwise — timestamps in seconds (a 13-digit millisecond value is refused with
 * 190002, as Feishu does), an end after the start, idempotency keys of 32–128 characters that
 * return the event made the first time, and 193001 (HTTP 404) for an event that is not there.
 * Pure state and answers; fake-calendar-routes.ts routes the requests here.
 */
export interface FakeAttendee {
  attendeeId: string;
  openId: string;
  /** Invited with need_notification (the person got Lark's bot notice). */
  notified: boolean;
}

export interface FakeEvent {
  eventId: string;
  calendarId: string;
  summary: string;
  description: string;
  location: string | null;
  /** Unix seconds, as Lark stores them. */
  start: number;
  end: number;
  timeZone: string;
  attendees: FakeAttendee[];
  deleted: boolean;
  createdAt: number;
  updatedAt: number | null;
  patches: number;
}

export interface CalendarSnapshot {
  events: FakeEvent[];
  keys: [string, string][];
  seq: number;
}

export type CalendarAnswer = { status: number; payload: Record<string, unknown> };

const ok = (data: Record<string, unknown> = {}): CalendarAnswer => ({ status: 200, payload: { code: 0, msg: 'success', data } });
const invalid = (why: string): CalendarAnswer => ({ status: 400, payload: { code: 190002, msg: `invalid parameters in request: ${why}` } });
const noEvent: CalendarAnswer = { status: 404, payload: { code: 193001, msg: 'event not found' } };
const noCalendar: CalendarAnswer = { status: 404, payload: { code: 191000, msg: 'calendar not found' } };
const deletedEvent: CalendarAnswer = { status: 403, payload: { code: 193003, msg: 'event is deleted' } };

type Time = { timestamp?: unknown; timezone?: unknown; date?: unknown } | undefined;

/** Seconds as a string of at most 10 digits; anything else (milliseconds included) is refused. */
function readTime(t: Time, which: string): { seconds: number; zone: string } | string {
  if (!t || typeof t !== 'object') return `${which} is required`;
  if (t.date !== undefined) return `${which}.date: all-day events are not used by the bot`;
  if (typeof t.timestamp !== 'string' || !/^\d{1,10}$/.test(t.timestamp)) return `${which}.timestamp must be a string of Unix seconds, got ${JSON.stringify(t.timestamp)}`;
  const zone = typeof t.timezone === 'string' && t.timezone ? t.timezone : 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return `${which}.timezone ${zone} is not an IANA zone`;
  }
  return { seconds: Number(t.timestamp), zone };
}

export class FakeCalendar {
  readonly events = new Map<string, FakeEvent>();
  readonly #keys = new Map<string, string>();
  #seq = 0;
  /** Called after every change (the sandbox saves the calendar with its chats). */
  onChange: (() => void) | null = null;

  constructor(
    readonly botCalendarId: string,
    private readonly nowMs: () => number,
  ) {}

  #id(prefix: string): string {
    this.#seq++;
    return `${prefix}_${this.#seq.toString(36).padStart(6, '0')}`;
  }

  /** What a restarted sandbox needs to continue: the events and the idempotency keys. */
  snapshot(): CalendarSnapshot {
    return { events: [...this.events.values()], keys: [...this.#keys], seq: this.#seq };
  }

  restore(saved: CalendarSnapshot | undefined): void {
    if (!saved) return;
    for (const e of saved.events ?? []) this.events.set(e.eventId, { ...e, attendees: [...e.attendees] });
    for (const [k, v] of saved.keys ?? []) this.#keys.set(k, v);
    this.#seq = Math.max(this.#seq, saved.seq ?? 0);
  }

  #changed<T>(a: T): T {
    this.onChange?.();
    return a;
  }

  /** Events a person is invited to (not deleted), soonest first: the sandbox's calendar view. */
  eventsOf(openId: string): FakeEvent[] {
    return [...this.events.values()].filter((e) => !e.deleted && e.attendees.some((a) => a.openId === openId)).sort((a, b) => a.start - b.start);
  }

  /** Everything the bot's calendar holds and has held, soonest first. */
  all(): FakeEvent[] {
    return [...this.events.values()].sort((a, b) => a.start - b.start);
  }

  primary(botOpenId: string): CalendarAnswer {
    return ok({ calendars: [{ calendar: { calendar_id: this.botCalendarId, summary: '大客户助手', type: 'primary', role: 'owner', permissions: 'private', is_deleted: false }, user_id: botOpenId }] });
  }

  #event(calendarId: string, eventId: string): FakeEvent | CalendarAnswer {
    if (calendarId !== this.botCalendarId) return noCalendar;
    const e = this.events.get(eventId);
    if (!e || e.calendarId !== calendarId) return noEvent;
    if (e.deleted) return deletedEvent;
    return e;
  }

  #view(e: FakeEvent) {
    return {
      event_id: e.eventId,
      summary: e.summary,
      description: e.description,
      start_time: { timestamp: String(e.start), timezone: e.timeZone },
      end_time: { timestamp: String(e.end), timezone: e.timeZone },
      location: e.location === null ? undefined : { name: e.location },
      status: e.deleted ? 'cancelled' : 'confirmed',
    };
  }

  create(calendarId: string, idempotencyKey: string | undefined, body: Record<string, unknown>): CalendarAnswer {
    if (calendarId !== this.botCalendarId) return noCalendar;
    if (idempotencyKey !== undefined && (idempotencyKey.length < 32 || idempotencyKey.length > 128)) return invalid('idempotency_key must be 32 to 128 characters');
    if (idempotencyKey) {
      const earlier = this.#keys.get(`${calendarId}\n${idempotencyKey}`);
      if (earlier) return ok({ event: this.#view(this.events.get(earlier)!) });
    }
    const start = readTime(body.start_time as Time, 'start_time');
    if (typeof start === 'string') return invalid(start);
    const end = readTime(body.end_time as Time, 'end_time');
    if (typeof end === 'string') return invalid(end);
    if (end.seconds <= start.seconds) return invalid('end_time must be after start_time');
    const summary = typeof body.summary === 'string' ? body.summary : '';
    const description = typeof body.description === 'string' ? body.description : '';
    if (summary.length > 1000) return invalid('summary over 1000 characters');
    if (description.length > 40_960) return invalid('description over 40960 characters');
    const location = (body.location as { name?: unknown } | undefined)?.name;
    const e: FakeEvent = {
      eventId: this.#id('evt'),
      calendarId,
      summary,
      description,
      location: typeof location === 'string' ? location : null,
      start: start.seconds,
      end: end.seconds,
      timeZone: start.zone,
      attendees: [],
      deleted: false,
      createdAt: this.nowMs(),
      updatedAt: null,
      patches: 0,
    };
    this.events.set(e.eventId, e);
    if (idempotencyKey) this.#keys.set(`${calendarId}\n${idempotencyKey}`, e.eventId);
    return this.#changed(ok({ event: this.#view(e) }));
  }

  patch(calendarId: string, eventId: string, body: Record<string, unknown>): CalendarAnswer {
    const e = this.#event(calendarId, eventId);
    if (!('eventId' in e)) return e;
    let start = e.start;
    let end = e.end;
    let zone = e.timeZone;
    if (body.start_time !== undefined) {
      const t = readTime(body.start_time as Time, 'start_time');
      if (typeof t === 'string') return invalid(t);
      ({ seconds: start, zone } = t);
    }
    if (body.end_time !== undefined) {
      const t = readTime(body.end_time as Time, 'end_time');
      if (typeof t === 'string') return invalid(t);
      end = t.seconds;
    }
    if (end <= start) return invalid('end_time must be after start_time');
    if (typeof body.summary === 'string') {
      if (body.summary.length > 1000) return invalid('summary over 1000 characters');
      e.summary = body.summary;
    }
    if (typeof body.description === 'string') e.description = body.description;
    const location = (body.location as { name?: unknown } | undefined)?.name;
    if (typeof location === 'string') e.location = location;
    Object.assign(e, { start, end, timeZone: zone, updatedAt: this.nowMs(), patches: e.patches + 1 });
    return this.#changed(ok({ event: this.#view(e) }));
  }

  delete(calendarId: string, eventId: string): CalendarAnswer {
    const e = this.#event(calendarId, eventId);
    if (!('eventId' in e)) return e;
    e.deleted = true;
    e.updatedAt = this.nowMs();
    return this.#changed(ok());
  }

  invite(calendarId: string, eventId: string, body: Record<string, unknown>, userIdType: string | undefined): CalendarAnswer {
    const e = this.#event(calendarId, eventId);
    if (!('eventId' in e)) return e;
    if ((userIdType ?? 'open_id') !== 'open_id') return invalid('the fake knows users by open_id only');
    const list = Array.isArray(body.attendees) ? (body.attendees as { type?: unknown; user_id?: unknown }[]) : [];
    if (!list.length) return invalid('attendees is required');
    const notify = body.need_notification !== false;
    for (const a of list) {
      if (a.type !== 'user' || typeof a.user_id !== 'string' || !a.user_id.startsWith('ou_')) return invalid(`attendee ${JSON.stringify(a)}: the bot invites users by open_id`);
    }
    if (e.attendees.length + list.length > 3000) return invalid('more than 3000 attendees');
    for (const a of list) {
      const openId = a.user_id as string;
      // Inviting someone already invited changes nothing (as Lark: the attendee is returned).
      if (!e.attendees.some((x) => x.openId === openId)) e.attendees.push({ attendeeId: this.#id('user'), openId, notified: notify });
    }
    this.onChange?.();
    return ok({ attendees: e.attendees.map((a) => ({ type: 'user', attendee_id: a.attendeeId, user_id: a.openId, rsvp_status: 'needs_action', is_optional: false })) });
  }

  uninvite(calendarId: string, eventId: string, body: Record<string, unknown>): CalendarAnswer {
    const e = this.#event(calendarId, eventId);
    if (!('eventId' in e)) return e;
    const byId = Array.isArray(body.attendee_ids) ? (body.attendee_ids as unknown[]).filter((x): x is string => typeof x === 'string') : [];
    const byUser = Array.isArray(body.delete_ids)
      ? (body.delete_ids as { type?: unknown; user_id?: unknown }[]).filter((d) => d.type === 'user' && typeof d.user_id === 'string').map((d) => d.user_id as string)
      : [];
    if (!byId.length && !byUser.length) return invalid('attendee_ids or delete_ids is required');
    if (byId.length + byUser.length > 500) return invalid('at most 500 attendees per call');
    e.attendees = e.attendees.filter((a) => !byId.includes(a.attendeeId) && !byUser.includes(a.openId));
    return this.#changed(ok());
  }
}
