/**
 * Travel check-ins (行踪报备, domain.md §3.4): `报备 地点` / `/checkin 地点` / `到达 地点`, or a
 * Lark location message in the direct chat. Either way the check-in is logged, closes today's
 * duty on an approved trip, and the assistant is told (see src/app/travel/check-in.ts).
 */
import { isDomainError } from '../../domain/errors.js';
import { i18n, pick } from '../../domain/i18n.js';
import { checkInReply, recordCheckIn, type CheckInInput } from '../../app/travel/check-in.js';
import { parseCheckIn } from '../../domain/parse/check-in.js';
import type { ChatContext } from '../context.js';
import type { MessageTypeHandler } from '../free-text.js';
import type { Command } from '../registry.js';

async function checkIn(ctx: ChatContext, input: Omit<CheckInInput, 'member' | 'messageId'>): Promise<void> {
  try {
    const r = await recordCheckIn(ctx.tx, { timeZone: ctx.deps.config.timeZone, now: ctx.now, ids: ctx.deps.ids }, { ...input, member: ctx.member, messageId: ctx.message.id });
    await ctx.reply({ text: checkInReply(r, input.place.trim(), ctx.locale) });
  } catch (e) {
    if (!isDomainError(e)) throw e;
    await ctx.reply({ text: pick(e.userMessage, ctx.locale) });
  }
}

export const checkinCommand: Command = {
  name: 'checkin',
  words: ['checkin', 'check-in', 'check in', '报备', '行踪报备', '到达'],
  strict: true,
  title: i18n('行踪报备', 'Travel check-in'),
  usage: i18n('出差到达时报备，也可以直接发送位置', 'on a trip, when you arrive; or just send your location'),
  examples: { zh_cn: ['报备 地点'], en_us: ['checkin <place>'] },
  // Those who travel to customers; finance and the assistant stay in the office.
  roles: ['specialist', 'manager', 'director'],
  async run(ctx) {
    // "报备 我到杭州了，今天拜访华能": the place is 杭州, not the sentence.
    await checkIn(ctx, { place: parseCheckIn(ctx.text).place ?? ctx.args, source: 'text' });
  },
};

const coordinate = (v: unknown, limit: number): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() ? Number(v) : NaN;
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : null;
};

/** A location message: `{name, longitude?, latitude?}`; without a name the coordinates stand in. */
export const locationCheckIn: MessageTypeHandler = async (ctx, message) => {
  const longitude = coordinate(message.content.longitude, 180);
  const latitude = coordinate(message.content.latitude, 90);
  const name = typeof message.content.name === 'string' ? message.content.name.trim() : '';
  const place = name || (longitude !== null && latitude !== null ? `${latitude.toFixed(5)}, ${longitude.toFixed(5)}` : '');
  if (!place) return false;
  await checkIn(ctx, { place, source: 'location', longitude, latitude });
  return true;
};
