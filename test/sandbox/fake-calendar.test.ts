/** The fake Lark's calendar through the real SDK client: what Feishu accepts, refuses and deduplicates. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerType } from '@hono/node-server';
import { FakeLark } from '../../src/sandbox/fake-lark.js';
import { LarkClient } from '../../src/lark/client.js';
import { LarkApiError } from '../../src/lark/errors.js';
import { memoryLogger } from '../../src/log.js';
import { serveFakeLark } from '../support/bot-process.js';

let lark: FakeLark;
let server: ServerType;
let client: LarkClient;
beforeAll(async () => {
  lark = new FakeLark({ rateLimits: false });
  const s = await serveFakeLark(lark);
  server = s.server;
  client = new LarkClient({ appId: 'cli_fake0000000000', appSecret: 'fake-secret', baseUrl: s.url, log: memoryLogger('error'), timeoutMs: 5_000 });
});
afterAll(async () => new Promise<void>((r) => server.close(() => r())));

const KEY = 'kam-bot-calendar-visit-test-0000000001';
const at = (s: number) => ({ timestamp: String(s), timezone: 'Asia/Shanghai' });
const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(LarkApiError);
  return e as LarkApiError;
};

describe('the fake Lark calendar', () => {
  it('gives the bot its primary calendar', async () => {
    expect(await client.primaryCalendar()).toBe(lark.calendar.botCalendarId);
  });

  it('refuses milliseconds (190002) and an end before the start, and returns the same event for the same key', async () => {
    const cal = await client.primaryCalendar();
    const ms = await refusal(client.createEvent(cal, KEY, { summary: 'x', start_time: at(1796020200000), end_time: at(1796027400000) }));
    expect(ms).toMatchObject({ code: 190002, failure: 'permanent', httpStatus: 400 });
    expect((await refusal(client.createEvent(cal, KEY, { summary: 'x', start_time: at(1796027400), end_time: at(1796020200) }))).code).toBe(190002);
    expect((await refusal(client.createEvent(cal, 'short', { summary: 'x', start_time: at(1796020200), end_time: at(1796027400) }))).code).toBe(190002);
    const first = await client.createEvent(cal, KEY, { summary: '拜访', start_time: at(1796020200), end_time: at(1796027400) });
    const again = await client.createEvent(cal, KEY, { summary: '拜访', start_time: at(1796020200), end_time: at(1796027400) });
    expect(again).toBe(first);
    expect(lark.calendar.all()).toHaveLength(1);

    await client.inviteToEvent(cal, first, ['ou_a', 'ou_b']);
    await client.inviteToEvent(cal, first, ['ou_a']);
    expect(lark.calendar.events.get(first)!.attendees.map((a) => a.openId)).toEqual(['ou_a', 'ou_b']);
    await client.uninviteFromEvent(cal, first, ['ou_a']);
    expect(lark.calendar.eventsOf('ou_a')).toHaveLength(0);
    expect(lark.calendar.eventsOf('ou_b').map((e) => e.eventId)).toEqual([first]);

    await client.patchEvent(cal, first, { start_time: at(1796106600), end_time: at(1796113800) });
    expect(lark.calendar.events.get(first)!.start).toBe(1796106600);
    await client.deleteEvent(cal, first);
    expect((await refusal(client.deleteEvent(cal, first))).code).toBe(193003);
  });

  it('answers an unknown event with 193001 and HTTP 404, an unknown calendar with 191000', async () => {
    const cal = await client.primaryCalendar();
    const e = await refusal(client.patchEvent(cal, 'evt_nope', { summary: 'y' }));
    expect(e).toMatchObject({ code: 193001, httpStatus: 404, failure: 'permanent' });
    expect((await refusal(client.patchEvent('nope@group.calendar.feishu.cn', 'evt_nope', { summary: 'y' }))).code).toBe(191000);
  });

  it('a restarted sandbox keeps its events and their idempotency keys', async () => {
    const cal = await client.primaryCalendar();
    const id = await client.createEvent(cal, `${KEY}-restart`, { summary: '接待', start_time: at(1796020200), end_time: at(1796027400) });
    const again = new FakeLark({ rateLimits: false });
    again.calendar.restore(JSON.parse(JSON.stringify(lark.calendar.snapshot())));
    expect(again.calendar.events.get(id)!.summary).toBe('接待');
    const same = again.calendar.create(again.calendar.botCalendarId, `${KEY}-restart`, { start_time: at(1), end_time: at(2) });
    expect((same.payload.data as { event: { event_id: string } }).event.event_id).toBe(id);
  });
});
