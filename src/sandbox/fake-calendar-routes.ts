/** calendar/v4's paths on the fake Lark, answered by its FakeCalendar (fake-calendar.ts). */
import type { Context } from 'hono';
import type { FakeCalendar } from './fake-calendar.js';
import type { FakeRouter } from './fake-router.js';

export function calendarRoutes(r: FakeRouter<'calendar.primary' | 'calendar.event' | 'calendar.attendee'>, calendar: FakeCalendar, botOpenId: () => string): void {
  const { app, serve } = r;
  const path = (c: Context) => ({ cal: c.req.param('cal') ?? '', evt: c.req.param('evt') ?? '' });
  app.post('/open-apis/calendar/v4/calendars/primary', serve('calendar.primary', () => calendar.primary(botOpenId())));
  app.post('/open-apis/calendar/v4/calendars/:cal/events', serve('calendar.event', (c, body) => calendar.create(path(c).cal, c.req.query('idempotency_key'), body)));
  app.patch('/open-apis/calendar/v4/calendars/:cal/events/:evt', serve('calendar.event', (c, body) => calendar.patch(path(c).cal, path(c).evt, body)));
  app.delete('/open-apis/calendar/v4/calendars/:cal/events/:evt', serve('calendar.event', (c) => calendar.delete(path(c).cal, path(c).evt)));
  app.post('/open-apis/calendar/v4/calendars/:cal/events/:evt/attendees', serve('calendar.attendee', (c, body) => calendar.invite(path(c).cal, path(c).evt, body, c.req.query('user_id_type'))));
  app.post('/open-apis/calendar/v4/calendars/:cal/events/:evt/attendees/batch_delete', serve('calendar.attendee', (c, body) => calendar.uninvite(path(c).cal, path(c).evt, body)));
}
