/**
 * Trips after approval (domain.md §3.4): `我的出差` / `trips` shows the traveller's approved trips
 * not yet over, each with its buttons (cut short, cancel, link customers); `提前结束出差 [日期]
 * 原因` and `取消出差 原因` do the same by chat when there is one trip to change; `出差天数` /
 * `travel days` is the running tally (src/app/travel/tally.ts).
 */
import { tripsCard } from '../../../cards/trip-card.js';
import { changeTrip, openTripsOf, tripLines } from '../../app/travel/trip-change.js';
import { travelTally } from '../../app/travel/tally.js';
import { isDomainError } from '../../domain/errors.js';
import { i18n, pick, type I18nText } from '../../domain/i18n.js';
import { findDates } from '../../domain/parse/dates.js';
import { ymd } from '../../domain/time.js';
import type { ChatContext } from '../context.js';
import type { Command } from '../registry.js';

const TRAVELLERS: Command['roles'] = ['specialist', 'manager', 'director'];

async function showTrips(ctx: ChatContext, notice?: I18nText): Promise<void> {
  const trips = await tripLines(ctx.tx, ctx.member.openId, ctx.now, ctx.deps.config.timeZone);
  await ctx.reply({ card: tripsCard({ trips, notice: notice ?? null }) }, { private: true });
}

export const tripsCommand: Command = {
  name: 'trips',
  words: ['trips', 'my trips', '我的出差', '出差记录', '出差行程'],
  title: i18n('我的出差', 'My trips'),
  usage: i18n('已批准的出差：提前结束、取消、关联客户', 'approved trips: cut short, cancel, link customers'),
  examples: { zh_cn: ['我的出差'], en_us: ['trips'] },
  roles: TRAVELLERS,
  button: true,
  async run(ctx) {
    await showTrips(ctx);
  },
};

/** The change by chat: with one trip it is done at once, with several the card lets them choose. */
async function changeByChat(ctx: ChatContext, newEnd: string | null, reason: string): Promise<void> {
  const tz = ctx.deps.config.timeZone;
  const open = await openTripsOf(ctx.tx, ctx.member.openId, ymd(ctx.now, tz));
  if (!open.length) {
    await ctx.reply({ text: pick(i18n('您没有尚未结束的已批准出差。', 'You have no approved trip ahead or under way.'), ctx.locale) });
    return;
  }
  if (open.length > 1) {
    await showTrips(ctx, i18n('您有多次出差，请在要更改的那一次上点按钮。', 'You have several trips: use the buttons on the one to change.'));
    return;
  }
  try {
    const { notice } = await changeTrip(ctx.tx, { tripId: open[0]!.id, actor: ctx.member, newEnd, reason }, { now: ctx.now, timeZone: tz, ids: ctx.deps.ids });
    await ctx.reply({ text: pick(notice, ctx.locale) });
  } catch (e) {
    if (!isDomainError(e)) throw e;
    await ctx.reply({ text: pick(e.userMessage, ctx.locale) });
  }
}

export const cancelTripCommand: Command = {
  name: 'cancel-trip',
  words: ['cancel trip', 'cancel the trip', '取消出差', '出差取消'],
  strict: true,
  title: i18n('取消出差', 'Cancel a trip'),
  usage: i18n('已批准的出差不去了，写上原因；经理会收到通知', 'an approved trip that will not happen, with the reason; your manager is told'),
  examples: { zh_cn: ['取消出差 原因'], en_us: ['cancel trip <reason>'] },
  roles: TRAVELLERS,
  async run(ctx) {
    await changeByChat(ctx, null, ctx.args);
  },
};

export const shortenTripCommand: Command = {
  name: 'end-trip',
  words: ['end trip', 'end the trip', 'cut trip short', '提前结束出差', '提前结束', '结束出差', '提前返回'],
  strict: true,
  title: i18n('提前结束出差', 'Cut a trip short'),
  usage: i18n('提前返回时写上返回日期（默认今天）和原因；之后的日子不再计入出差天数', 'back early: the day back (today if left out) and the reason; later days stop counting'),
  examples: { zh_cn: ['提前结束出差 明天 原因'], en_us: ['end trip tomorrow <reason>'] },
  roles: TRAVELLERS,
  async run(ctx) {
    const tz = ctx.deps.config.timeZone;
    const [date] = findDates(ctx.args, ctx.now, tz);
    const newEnd = date ? ymd(date.at, tz) : ymd(ctx.now, tz);
    const reason = date ? `${ctx.args.slice(0, date.index)} ${ctx.args.slice(date.index + date.text.length)}` : ctx.args;
    await changeByChat(ctx, newEnd, reason.replace(/^[\s,，:：、。]+|[\s,，、]+$/g, '').trim());
  },
};

export const travelDaysCommand: Command = {
  name: 'travel-days',
  words: ['travel days', 'my travel days', '出差天数', '出差统计', '我的出差天数'],
  title: i18n('出差天数', 'Travel days'),
  usage: i18n('本月和今年的出差天数（经理看团队每人）', 'travel days this month and this year (a manager sees each of the team)'),
  examples: { zh_cn: ['出差天数'], en_us: ['travel days'] },
  roles: ['specialist', 'manager', 'director', 'assistant'],
  button: true,
  async run(ctx) {
    const t = await travelTally(ctx.tx, ctx.member, { now: ctx.now, timeZone: ctx.deps.config.timeZone });
    const [y, m] = t.month.split('-');
    const line = (r: (typeof t.rows)[number], zh: boolean): string => {
      const short = r.monthSoFar + r.monthAhead < t.minimum;
      const ahead = r.monthAhead ? (zh ? `，另有已批准 ${r.monthAhead} 天` : `, ${r.monthAhead} more approved`) : '';
      const flag = short ? (zh ? '（本月不足）' : ' (short this month)') : '';
      return zh ? `· ${r.name}：本月 ${r.monthSoFar} 天${ahead}；今年 ${r.yearSoFar} 天${flag}` : `· ${r.name}: ${r.monthSoFar} days this month${ahead}; ${r.yearSoFar} this year${flag}`;
    };
    const zh = [`出差天数（截至 ${t.today}，每月至少 ${t.minimum} 天）：${y}年${Number(m)}月 / ${t.year}年`, ...t.rows.map((r) => line(r, true)), '按已批准的出差计算，从出发日到返回日；没有出差申请的报备不计入。'];
    const en = [`Travel days (to ${t.today}; at least ${t.minimum} a month): ${t.month} / ${t.year}`, ...t.rows.map((r) => line(r, false)), 'Counted from approved trips, departure to return day; a check-in without a trip does not count.'];
    await ctx.reply({ text: pick(i18n(zh.join('\n'), en.join('\n')), ctx.locale) }, { private: true });
  },
};
