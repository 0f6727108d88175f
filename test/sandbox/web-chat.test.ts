/**
 * The web chat's server side against the real bot (harness): messages go in as signed events,
 * card clicks as `card.action.trigger` whose answered card replaces the clicked one, and the
 * clock only moves forward, running the tick after each jump.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROSTER, startHarness, type Harness } from '../support/harness.js';
import { keyMentions, webChatRoutes } from '../../src/sandbox/web-chat.js';
import { OffsetClock } from '../../src/sandbox/offset-clock.js';
import type { ActionResult, ClockResult, SendResult, StateView } from '../../src/sandbox/web/types.js';
import type { Deps } from '../../src/app/deps.js';

let h: Harness;
let web: ReturnType<typeof webChatRoutes>;
const clock = new OffsetClock({ realNow: () => Date.parse('2026-11-27T02:00:00Z') });
const ticks: Date[] = [];

const post = async <T>(path: string, body: unknown): Promise<{ status: number; body: T }> => {
  const res = await web.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
};

beforeAll(async () => {
  h = await startHarness();
  for (const m of ROSTER) h.lark.users.set(m.openId, { name: m.name });
  h.lark.users.set('ou_new', { name: '新同事' });
  web = webChatRoutes({
    lark: h.lark,
    sender: h.sender,
    clock,
    deps: () => h.deps,
    group: { chatId: 'oc_group', name: '群', enName: 'Group' },
    clientScript: async () => 'export {}',
    tick: async (_deps: Deps, now: Date) => {
      ticks.push(now);
      return { digests: 0 };
    },
  });
});
afterAll(async () => h?.close());

const cardTitle = (content: unknown) => (content as { header: { title: { content: string } } }).header.title.content;

describe('keyMentions', () => {
  it('turns "@name" into @_user_N keys in order, skipping names not in the text', () => {
    expect(keyMentions('添加成员 @吴涛 专员 @李娜', [{ openId: 'ou_w', name: '吴涛' }, { openId: 'ou_x', name: '没人' }, { openId: 'ou_l', name: '李娜' }])).toEqual({
      text: '添加成员 @_user_1 专员 @_user_2',
      mentions: [{ key: '@_user_1', openId: 'ou_w', name: '吴涛' }, { key: '@_user_2', openId: 'ou_l', name: '李娜' }],
    });
  });
});

describe('the web chat API', () => {
  it('lists roster members with roles and admins, then directory people not on the roster', async () => {
    const state = (await (await web.app.request('/sandbox/api/state')).json()) as StateView;
    const admin = state.people.find((p) => p.openId === 'ou_admin')!;
    expect(admin).toMatchObject({ role: 'admin', admin: true, chatId: h.lark.p2pChatId('ou_admin') });
    expect(state.people.find((p) => p.openId === 'ou_spec1')).toMatchObject({ role: 'specialist', admin: false, roleLabel: { zh_cn: '大客户专员' } });
    expect(state.people.at(-1)).toMatchObject({ openId: 'ou_new', role: null });
    expect(state.tick).toBe(true);
  });

  it('refuses a sender who is not in the tenant, and empty text', async () => {
    expect((await post('/sandbox/api/send', { from: 'ou_ghost', chat: 'p2p', text: '帮助' })).status).toBe(400);
    expect((await post('/sandbox/api/send', { from: 'ou_spec1', chat: 'p2p', text: '  ' })).status).toBe(400);
  });

  it('sends a message as a signed event; the bot answers in the p2p chat', async () => {
    const r = await post<SendResult>('/sandbox/api/send', { from: 'ou_spec1', chat: 'p2p', text: '帮助' });
    expect(r.body).toMatchObject({ ok: true, status: 200, attempts: 1 });
    await h.settle();
    const help = h.lark.sent().at(-1)!;
    expect(help.chatId).toBe(h.lark.p2pChatId('ou_spec1'));
    expect(cardTitle(help.content)).toContain('使用说明');
  });

  it('shows a file message with its name and size, and serves its bytes under that name', async () => {
    await post('/sandbox/api/send', { from: 'ou_manager', chat: 'p2p', text: 'KPI 导出' });
    await h.settle();
    const state = (await (await web.app.request('/sandbox/api/state')).json()) as StateView;
    const file = state.messages.filter((m) => m.msgType === 'file' && m.chatId === h.lark.p2pChatId('ou_manager')).at(-1)!;
    expect(file.file!.name).toBe('钱经理_团队KPI_2026Q4.xlsx');
    const res = await web.app.request(`/sandbox/api/files/${file.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('钱经理_团队KPI_2026Q4.xlsx')}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.length).toBe(file.file!.size);
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // a zip: PK
    expect((await web.app.request('/sandbox/api/files/om_nothing')).status).toBe(404);
  });

  it('answers a click with the toast, and puts the answered card in place of the clicked one', async () => {
    await post('/sandbox/api/send', { from: 'ou_spec1', chat: 'p2p', text: '申请' });
    await h.settle();
    const picker = h.lark.sent().at(-1)!;
    const titleBefore = cardTitle(picker.content);
    const buttons = JSON.stringify(picker.content).match(/"behaviors":\[\{"type":"callback","value":(\{[^}]*\})/g) ?? [];
    expect(buttons.length).toBeGreaterThan(0);
    const value = JSON.parse(buttons[0]!.replace(/^.*"value":/, '')) as unknown;
    const r = await post<ActionResult>('/sandbox/api/action', { operator: 'ou_spec1', messageId: picker.messageId, tag: 'button', value });
    expect(r.body.cardReplaced).toBe(true);
    const after = h.lark.messages.get(picker.messageId)!;
    expect(after.patches).toBe(1);
    expect(cardTitle(after.content)).not.toBe(titleBefore);
  });

  it('shows the bot\'s refusal as a toast and keeps the card', async () => {
    const help = h.lark.sent().find((m) => m.msgType === 'interactive' && cardTitle(m.content).includes('使用说明'))!;
    const r = await post<ActionResult>('/sandbox/api/action', { operator: 'ou_spec1', messageId: help.messageId, tag: 'button', value: { k: 'no.such.kind', v: 1 } });
    expect(r.body).toMatchObject({ cardReplaced: false, toast: { type: 'warning' } });
    expect(h.lark.messages.get(help.messageId)!.patches).toBe(0);
  });

  it('keys mentions in a group message and the bot replies under it', async () => {
    const r = await post<SendResult>('/sandbox/api/send', { from: 'ou_spec1', chat: 'group', text: '@大客户助手 团队', mentions: [{ openId: h.lark.bot.openId, name: '大客户助手' }] });
    expect(r.body.ok).toBe(true);
    await h.settle();
    const asked = [...h.lark.messages.values()].filter((m) => m.chatId === 'oc_group' && m.sender === 'ou_spec1').at(-1)!;
    expect(asked.content).toEqual({ text: '@_user_1 团队' });
    expect(asked.mentions).toEqual([{ key: '@_user_1', openId: h.lark.bot.openId, name: '大客户助手' }]);
    const answer = h.lark.sent().at(-1)!;
    expect(answer).toMatchObject({ chatId: 'oc_group', parentId: asked.messageId });
  });

  it('shows each person’s Feishu calendar: the events they are invited to, soonest first', async () => {
    const cal = h.lark.calendar;
    const made = cal.create(cal.botCalendarId, 'kam-bot-calendar-visit-web-chat-000001', {
      summary: '客户拜访 Customer visit · 华能', description: '目的 Purpose: <确认>', start_time: { timestamp: '1796020200' }, end_time: { timestamp: '1796027400' }, location: { name: '华能总部' },
    });
    const id = ((made.payload.data as { event: { event_id: string } }).event).event_id;
    cal.invite(cal.botCalendarId, id, { attendees: [{ type: 'user', user_id: 'ou_spec1' }] }, 'open_id');
    const res = await web.app.request('/sandbox/calendar');
    expect(res.status).toBe(200);
    const page = await res.text();
    const section = (openId: string) => page.split('<div class="person"').find((x) => x.includes(`data-person="${openId}"`)) ?? '';
    const spec1 = section('ou_spec1');
    expect(spec1).toContain('2026-11-30 14:30 – 16:30 · 客户拜访 Customer visit · 华能');
    expect(spec1).toContain('&lt;确认&gt;');
    expect(section('ou_manager')).toContain('没有日程');
  });

  it('shows each person’s Feishu tasks: assignee, followers, due, done', async () => {
    const members = [{ id: 'ou_spec1', type: 'user', role: 'assignee' }, { id: 'ou_manager', type: 'user', role: 'follower' }];
    const made = h.lark.tasks.create({ summary: '拜访总结：中国华能集团', description: '在机器人里发送这次拜访的总结', due: { timestamp: '1796027400000', is_all_day: false }, members }, 'open_id');
    const guid = ((made.payload.data as { task: { guid: string } }).task).guid;
    h.lark.tasks.create({ summary: '回访：<国家电网>', due: { timestamp: '1796632200000', is_all_day: false }, members }, 'open_id');
    h.lark.tasks.patch(guid, { update_fields: ['completed_at'], task: { completed_at: '1796029200000' } });
    const res = await web.app.request('/sandbox/tasks');
    expect(res.status).toBe(200);
    const page = await res.text();
    const section = (openId: string) => page.split('<div class="person"').find((x) => x.includes(`data-person="${openId}"`)) ?? '';
    const spec1 = section('ou_spec1');
    // Open first, then done; times in the company's zone; names, not ids.
    expect(spec1.indexOf('回访：&lt;国家电网&gt;')).toBeLessThan(spec1.indexOf('拜访总结：中国华能集团'));
    expect(spec1).toContain('截止 Due 2026-11-30 16:30 · ✓ 已完成 Done 2026-11-30 17:00 · 我负责 Mine');
    expect(spec1).toContain('负责人 Assignee: 李专员 · 关注人 Followers: 钱经理');
    expect(section('ou_manager')).toContain('我关注 Following');
    expect(section('ou_director')).toContain('没有任务');
  });

  it('moves the clock forward by days or to a date, runs the tick each time, and never goes back', async () => {
    const start = clock.now().getTime();
    const day = await post<ClockResult>('/sandbox/api/clock', { days: 1 });
    expect(Date.parse(day.body.clock.now) - start).toBe(24 * 3600 * 1000);
    const to = await post<ClockResult>('/sandbox/api/clock', { to: '2026-12-05T01:30:00Z' });
    expect(to.body.clock.now).toBe('2026-12-05T01:30:00.000Z');
    expect(ticks.map((d) => d.toISOString())).toEqual(['2026-11-28T02:00:00.000Z', '2026-12-05T01:30:00.000Z']);

    for (const bad of [{ to: '2026-12-01T00:00:00Z' }, { days: 0 }, { days: 1.5 }, { to: 'soon' }, {}]) {
      const r = await post<ClockResult>('/sandbox/api/clock', bad);
      expect(r.status).toBe(400);
      expect(r.body.error).toBeTruthy();
    }
    expect(clock.now().toISOString()).toBe('2026-12-05T01:30:00.000Z');
    expect(ticks).toHaveLength(2);
  });

  it('says why nothing is sent outside working hours, and jumps to the next working morning', async () => {
    // Saturday 5 Dec 09:30 (where the previous case left it): a day off.
    const state = await post<ClockResult>('/sandbox/api/clock', { to: '2026-12-05T02:00:00Z' });
    expect(state.body.sendWindow).toMatchObject({ open: false, reason: 'day_off', hours: '09:00–18:00', nextMorning: '2026-12-07T01:00:00.000Z' });
    const monday = await post<ClockResult>('/sandbox/api/clock', { next: 'working_morning' });
    expect(monday.body.clock.now).toBe('2026-12-07T01:00:00.000Z');
    expect(monday.body.sendWindow).toMatchObject({ open: true, reason: null });
    // "+1 天" from Monday 20:30 keeps the evening: after hours, and Wednesday 09:00 is next.
    await post<ClockResult>('/sandbox/api/clock', { to: '2026-12-07T12:30:00Z' });
    const tuesdayEvening = await post<ClockResult>('/sandbox/api/clock', { days: 1 });
    expect(tuesdayEvening.body.sendWindow).toMatchObject({ open: false, reason: 'after_hours', nextMorning: '2026-12-09T01:00:00.000Z' });
    expect(ticks.at(-1)!.toISOString()).toBe('2026-12-08T12:30:00.000Z');
  });
});
