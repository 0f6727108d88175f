/** The `我的出差` card's buttons: open a form in place of the list, save it, and come back to the list. */
import { z } from 'zod';
import { decodeActionValue } from '../../../cards/action-value.js';
import { TRIP_ACTIONS as A, tripCancelForm, tripCustomersForm, tripShortenForm, tripsCard } from '../../../cards/trip-card.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import { parseDateKey } from '../../domain/requests/kinds.js';
import { ymd } from '../../domain/time.js';
import { toast, type CardContext, type CardHandler, type CardResponse } from '../card-handler.js';
import { changeTrip, linkTripCustomers, ownTrip, travellerCustomers, tripLine, tripLines } from './trip-change.js';

const TAMPERED = i18n('按钮内容无效或已过期，未做任何更改。', 'This button is not valid or is out of date; nothing was changed.');
const TripValue = z.object({ t: z.string().min(1).max(64) }).passthrough();

const tripIdOf = (raw: unknown): string | null => {
  const v = TripValue.safeParse(decodeActionValue(raw));
  return v.success ? v.data.t : null;
};

async function listCard(ctx: CardContext, notice: I18nText | null): Promise<CardResponse> {
  const trips = await tripLines(ctx.tx, ctx.operator.openId, ctx.now, ctx.deps.config.timeZone);
  return { card: { type: 'raw', data: tripsCard({ trips, notice }) } };
}

const today = (ctx: CardContext) => ymd(ctx.now, ctx.deps.config.timeZone);
const form = (ctx: CardContext): Record<string, unknown> => (ctx.action.form_value ?? {}) as Record<string, unknown>;

const onList: CardHandler = (ctx) => listCard(ctx, null);

const onShorten: CardHandler = async (ctx, raw) => {
  const id = tripIdOf(raw);
  if (!id) return toast('warning', TAMPERED);
  const trip = await ownTrip(ctx.tx, id, ctx.operator);
  return { card: { type: 'raw', data: tripShortenForm(await tripLine(ctx.tx, trip, today(ctx)), today(ctx)) } };
};

const onCancel: CardHandler = async (ctx, raw) => {
  const id = tripIdOf(raw);
  if (!id) return toast('warning', TAMPERED);
  const trip = await ownTrip(ctx.tx, id, ctx.operator);
  return { card: { type: 'raw', data: tripCancelForm(await tripLine(ctx.tx, trip, today(ctx))) } };
};

const onCustomers: CardHandler = async (ctx, raw) => {
  const id = tripIdOf(raw);
  if (!id) return toast('warning', TAMPERED);
  const trip = await ownTrip(ctx.tx, id, ctx.operator);
  const options = await travellerCustomers(ctx.tx, trip.travellerId);
  return { card: { type: 'raw', data: tripCustomersForm(await tripLine(ctx.tx, trip, today(ctx)), options, trip.customerIds) } };
};

const saved = async (ctx: CardContext, notice: I18nText): Promise<CardResponse> => ({ ...toast('success', notice), ...(await listCard(ctx, notice)) });

const onShortenSave: CardHandler = async (ctx, raw) => {
  const id = tripIdOf(raw);
  if (!id) return toast('warning', TAMPERED);
  const f = form(ctx);
  const newEnd = typeof f.new_end === 'string' ? parseDateKey(f.new_end) : null;
  if (!newEnd) throw new DomainError('VALIDATION', i18n('请选择实际返回日期。', 'Pick the day you are back.'));
  const { notice } = await changeTrip(ctx.tx, { tripId: id, actor: ctx.operator, newEnd, reason: f.reason }, { now: ctx.now, timeZone: ctx.deps.config.timeZone });
  return saved(ctx, notice);
};

const onCancelSave: CardHandler = async (ctx, raw) => {
  const id = tripIdOf(raw);
  if (!id) return toast('warning', TAMPERED);
  const { notice } = await changeTrip(ctx.tx, { tripId: id, actor: ctx.operator, newEnd: null, reason: form(ctx).reason }, { now: ctx.now, timeZone: ctx.deps.config.timeZone });
  return saved(ctx, notice);
};

const onCustomersSave: CardHandler = async (ctx, raw) => {
  const id = tripIdOf(raw);
  if (!id) return toast('warning', TAMPERED);
  const { notice } = await linkTripCustomers(ctx.tx, { tripId: id, actor: ctx.operator, customers: form(ctx).customers }, { now: ctx.now, timeZone: ctx.deps.config.timeZone });
  return saved(ctx, notice);
};

export const TRIP_CARD_HANDLERS: Record<string, CardHandler> = {
  [A.list]: onList,
  [A.shorten]: onShorten,
  [A.shortenSave]: onShortenSave,
  [A.cancel]: onCancel,
  [A.cancelSave]: onCancelSave,
  [A.customers]: onCustomers,
  [A.customersSave]: onCustomersSave,
};
