/**
 * The sandbox's calendar view (/sandbox/calendar): what each person's Feishu calendar would show
 * of the bot's events — the invitations from approved visits and receptions, soonest first —
 * and the bot's own calendar with deleted events struck through. Server-rendered, read-only.
 */
import { formatDateTime } from '../domain/time.js';
import type { FakeCalendar, FakeEvent } from './fake-calendar.js';
import { esc, SIDE_PAGE_CSS } from './side-page.js';


const CSS = SIDE_PAGE_CSS + `
.person h2 { font-size:15px; margin:4px 0 8px; }
.event { border-left:4px solid #3370ff; padding:6px 10px; margin:8px 0; background:#f0f4ff; border-radius:4px; }
.event.deleted { border-color:#c9cdd4; background:#f2f3f5; text-decoration:line-through; color:#8f959e; }
.event .when { font-weight:600; } .event pre { white-space:pre-wrap; margin:4px 0 0; font:inherit; font-size:12px; color:#4e5969; }
`;

function eventHtml(e: FakeEvent, timeZone: string, nameOf: (id: string) => string): string {
  const when = `${formatDateTime(new Date(e.start * 1000), timeZone)} – ${formatDateTime(new Date(e.end * 1000), timeZone).slice(-5)}`;
  const who = e.attendees.map((a) => nameOf(a.openId)).join('、');
  return `<div class="event${e.deleted ? ' deleted' : ''}" data-event="${esc(e.eventId)}">
<div class="when">${esc(when)} · ${esc(e.summary)}</div>
<div class="muted">${e.location ? `📍 ${esc(e.location)} · ` : ''}参与人 Attendees: ${esc(who || '—')}${e.deleted ? ' · 已取消 Cancelled' : ''}</div>
<pre>${esc(e.description)}</pre></div>`;
}

export function calendarPage(calendar: FakeCalendar, people: readonly { openId: string; name: string }[], timeZone: string): string {
  const names = new Map(people.map((p) => [p.openId, p.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const sections = people.map((p) => {
    const events = calendar.eventsOf(p.openId);
    const body = events.length ? events.map((e) => eventHtml(e, timeZone, nameOf)).join('\n') : '<div class="muted">没有日程 No events</div>';
    return `<div class="person" data-person="${esc(p.openId)}"><h2>${esc(p.name)} <span class="muted">${esc(p.openId)}</span></h2>${body}</div>`;
  });
  const all = calendar.all();
  const bot = all.length ? all.map((e) => eventHtml(e, timeZone, nameOf)).join('\n') : '<div class="muted">没有日程 No events</div>';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>日历 · 沙盒 Calendar · Sandbox</title><style>${CSS}</style></head>
<body>
<h1>飞书日历（模拟） Feishu calendar (emulated)</h1>
<div class="muted">设置「日历同步」为开后，已批准的拜访和接待出现在机器人的日历上，并邀请我方人员。时间为 ${esc(timeZone)}。· With 设置 日历同步 开, approved visits and receptions appear on the bot's calendar with our people invited. <a href="/sandbox">← 返回聊天 Back to the chat</a></div>
${sections.join('\n')}
<div class="person" data-person="bot"><h2>机器人的日历 The bot's calendar <span class="muted">${esc(calendar.botCalendarId)}</span></h2>${bot}</div>
</body></html>`;
}
