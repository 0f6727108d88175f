/** Buttons of the development-plan card: another period, and the set form's save. */
import { z } from 'zod';
import { DEV_PLAN_LIST, DEV_PLAN_SET } from '../../../cards/development-targets.js';
import { cardAction, toast, type CardAction, type CardRun } from '../card-handler.js';
import { devPlanCardFor, setDevPlan } from './development-targets.js';
import { targetPeriod } from './targets.js';

const ListValue = z.object({ k: z.literal(DEV_PLAN_LIST), p: z.string().max(10) });
const SetValue = z.object({ k: z.literal(DEV_PLAN_SET) });

const onList: CardRun<typeof ListValue> = async (ctx, v) => {
  return { card: { type: 'raw', data: await devPlanCardFor(ctx.tx, ctx.operator, targetPeriod(v.p), { now: ctx.now, timeZone: ctx.deps.config.timeZone }) } };
};

const onSet: CardRun<typeof SetValue> = async (ctx) => {
  const f = ctx.action.form_value ?? {};
  const c = { now: ctx.now, timeZone: ctx.deps.config.timeZone, ids: ctx.deps.ids };
  const { period, notice } = await setDevPlan(ctx.tx, ctx.operator, { specialistId: f.dp_specialist, periodKey: f.dp_period, count: f.dp_count }, c);
  return { ...toast('success', notice), card: { type: 'raw', data: await devPlanCardFor(ctx.tx, ctx.operator, period, { ...c, notice }) } };
};

export const DEV_PLAN_CARD_ACTIONS: CardAction[] = [cardAction(DEV_PLAN_LIST, ListValue, onList), cardAction(DEV_PLAN_SET, SetValue, onSet)];
