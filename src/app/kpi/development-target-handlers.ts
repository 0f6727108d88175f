/** Buttons of the development-plan card: another period, and the set form's save. */
import { z } from 'zod';
import { decodeActionValue } from '../../../cards/action-value.js';
import { DEV_PLAN_LIST, DEV_PLAN_SET } from '../../../cards/development-targets.js';
import { i18n } from '../../domain/i18n.js';
import { toast, type CardHandler } from '../card-handler.js';
import { devPlanCardFor, setDevPlan } from './development-targets.js';
import { targetPeriod } from './targets.js';

const TAMPERED = i18n('按钮内容无效或已过期，未做任何更改。', 'This button is not valid or is out of date; nothing was changed.');
const ListValue = z.object({ k: z.literal(DEV_PLAN_LIST), p: z.string().max(10) });
const SetValue = z.object({ k: z.literal(DEV_PLAN_SET) });

const parse = <T extends z.ZodType>(schema: T, raw: unknown): z.output<T> | null => {
  const v = schema.safeParse(decodeActionValue(raw as never));
  return v.success ? v.data : null;
};

const onList: CardHandler = async (ctx, raw) => {
  const v = parse(ListValue, raw);
  if (!v) return toast('warning', TAMPERED);
  return { card: { type: 'raw', data: await devPlanCardFor(ctx.tx, ctx.operator, targetPeriod(v.p), { now: ctx.now, timeZone: ctx.deps.config.timeZone }) } };
};

const onSet: CardHandler = async (ctx, raw) => {
  if (!parse(SetValue, raw)) return toast('warning', TAMPERED);
  const f = ctx.action.form_value ?? {};
  const c = { now: ctx.now, timeZone: ctx.deps.config.timeZone };
  const { period, notice } = await setDevPlan(ctx.tx, ctx.operator, { specialistId: f.dp_specialist, periodKey: f.dp_period, count: f.dp_count }, c);
  return { ...toast('success', notice), card: { type: 'raw', data: await devPlanCardFor(ctx.tx, ctx.operator, period, { ...c, notice }) } };
};

export const DEV_PLAN_CARD_HANDLERS: Record<string, CardHandler> = {
  [DEV_PLAN_LIST]: onList,
  [DEV_PLAN_SET]: onSet,
};
