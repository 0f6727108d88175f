/** The `我的出差` card's buttons: open a form in place of the list, save it, and come back to the list. */
import { z } from 'zod';
import { TRIP_ACTIONS as A, tripCancelForm, tripCustomersForm, tripShortenForm, tripsCard } from '../../../cards/trip-card.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import { ymd } from '../../domain/time.js';
import { cardAction, formOf, toast, type CardAction, type CardContext, type CardResponse, type CardRun } from '../card-handler.js';
import { field } from '../../domain/card-form.js';
import { changeTrip, linkTripCustomers, ownTrip, travellerCustomers, tripLine, tripLines } from './trip-change.js';

const TripValue = z.object({ t: z.string().min(1).max(64) });
const NoValue = z.object({});
type OnTrip = CardRun<typeof TripValue>;

const ShortenForm = {
  new_end: field.date(i18n('实际返回日期', 'The day you are back'), { required: true, problem: i18n('请选择实际返回日期。', 'Pick the day you are back.') }),
  reason: field.text(i18n('原因', 'Reason')),
};
const CancelForm = { reason: field.text(i18n('原因', 'Reason')) };
const CustomersForm = { customers: field.multi(i18n('客户', 'Customers')) };

async function listCard(ctx: CardContext, notice: I18nText | null): Promise<CardResponse> {
  const trips = await tripLines(ctx.tx, ctx.operator.openId, ctx.now, ctx.deps.config.timeZone);
  return { card: { type: 'raw', data: tripsCard({ trips, notice }) } };
}

const today = (ctx: CardContext) => ymd(ctx.now, ctx.deps.config.timeZone);

const onList: CardRun<typeof NoValue> = (ctx) => listCard(ctx, null);

const onShorten: OnTrip = async (ctx, { t: id }) => {
  const trip = await ownTrip(ctx.tx, id, ctx.operator);
  return { card: { type: 'raw', data: tripShortenForm(await tripLine(ctx.tx, trip, today(ctx)), today(ctx)) } };
};

const onCancel: OnTrip = async (ctx, { t: id }) => {
  const trip = await ownTrip(ctx.tx, id, ctx.operator);
  return { card: { type: 'raw', data: tripCancelForm(await tripLine(ctx.tx, trip, today(ctx))) } };
};

const onCustomers: OnTrip = async (ctx, { t: id }) => {
  const trip = await ownTrip(ctx.tx, id, ctx.operator);
  const options = await travellerCustomers(ctx.tx, trip.travellerId);
  return { card: { type: 'raw', data: tripCustomersForm(await tripLine(ctx.tx, trip, today(ctx)), options, trip.customerIds) } };
};

const saved = async (ctx: CardContext, notice: I18nText): Promise<CardResponse> => ({ ...toast('success', notice), ...(await listCard(ctx, notice)) });

const onShortenSave: OnTrip = async (ctx, { t: id }) => {
  const f = formOf(ctx, ShortenForm);
  const { notice } = await changeTrip(ctx.tx, { tripId: id, actor: ctx.operator, newEnd: f.new_end, reason: f.reason }, { now: ctx.now, timeZone: ctx.deps.config.timeZone, ids: ctx.deps.ids });
  return saved(ctx, notice);
};

const onCancelSave: OnTrip = async (ctx, { t: id }) => {
  const { notice } = await changeTrip(ctx.tx, { tripId: id, actor: ctx.operator, newEnd: null, reason: formOf(ctx, CancelForm).reason }, { now: ctx.now, timeZone: ctx.deps.config.timeZone, ids: ctx.deps.ids });
  return saved(ctx, notice);
};

const onCustomersSave: OnTrip = async (ctx, { t: id }) => {
  const { notice } = await linkTripCustomers(ctx.tx, { tripId: id, actor: ctx.operator, customers: formOf(ctx, CustomersForm).customers }, { now: ctx.now, timeZone: ctx.deps.config.timeZone });
  return saved(ctx, notice);
};

export const TRIP_CARD_ACTIONS: CardAction[] = [
  cardAction(A.list, NoValue, onList),
  cardAction(A.shorten, TripValue, onShorten),
  cardAction(A.shortenSave, TripValue, onShortenSave),
  cardAction(A.cancel, TripValue, onCancel),
  cardAction(A.cancelSave, TripValue, onCancelSave),
  cardAction(A.customers, TripValue, onCustomers),
  cardAction(A.customersSave, TripValue, onCustomersSave),
];
