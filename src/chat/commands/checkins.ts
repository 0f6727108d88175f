/** `今日报备` / `/checkins`: the day's check-ins and who on a trip has not checked in (the assistant's list). */
import { dayCheckins } from '../../app/travel/day-checkins.js';
import { i18n, pick } from '../../domain/i18n.js';
import { formatDateTime } from '../../domain/time.js';
import type { Command } from '../registry.js';

export const checkinsCommand: Command = {
  name: 'checkins',
  words: ['checkins', "today's check-ins", '今日报备', '今天报备', '报备记录', '报备情况'],
  title: i18n('今日报备', "Today's check-ins"),
  usage: i18n('谁在哪里报备了，出差中谁还没报备', 'who checked in where, and who on a trip has not yet'),
  examples: { zh_cn: ['今日报备'], en_us: ['checkins'] },
  roles: ['assistant', 'manager', 'director'],
  button: true,
  async run(ctx) {
    const tz = ctx.deps.config.timeZone;
    const d = await dayCheckins(ctx.tx, ctx.member, { now: ctx.now, timeZone: tz });
    const arrived = d.arrived.map((a) => `· ${formatDateTime(a.at, tz).slice(11)} ${a.name}「${a.place}」${a.onTrip ? '' : pick(i18n('（无出差申请）', ' (no approved trip)'), ctx.locale)}`);
    const missing = d.missing.map((m) => `· ${m.name}（${m.destinations}）`);
    const zh = [
      `${d.day} 行踪报备：${d.arrived.length ? `${d.arrived.length} 条` : '还没有'}`,
      ...arrived,
      d.missing.length ? `出差中尚未报备（${d.missing.length} 人）：` : '出差中的人都已报备。',
      ...missing,
    ];
    const en = [
      `Check-ins on ${d.day}: ${d.arrived.length || 'none yet'}`,
      ...arrived,
      d.missing.length ? `On a trip, not checked in yet (${d.missing.length}):` : 'Everyone on a trip has checked in.',
      ...missing,
    ];
    await ctx.reply({ text: pick(i18n(zh.join('\n'), en.join('\n')), ctx.locale) });
  },
};
