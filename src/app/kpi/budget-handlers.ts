/** Buttons of the budget card: another year, and the set form's save (the card comes back with the saved line). */
import { z } from 'zod';
import { decodeActionValue } from '../../../cards/action-value.js';
import { BUDGET_LIST, BUDGET_SET } from '../../../cards/budgets.js';
import { i18n } from '../../domain/i18n.js';
import { toast, type CardHandler } from '../card-handler.js';
import { budgetCardFor, setBudgetFromForm } from './budgets.js';

const TAMPERED = i18n('按钮内容无效或已过期，未做任何更改。', 'This button is not valid or is out of date; nothing was changed.');
const Year = z.number().int().min(2000).max(2100);
const ListValue = z.object({ k: z.literal(BUDGET_LIST), y: Year });
const SetValue = z.object({ k: z.literal(BUDGET_SET), y: Year });

const parse = <T extends z.ZodType>(schema: T, raw: unknown): z.output<T> | null => {
  const v = schema.safeParse(decodeActionValue(raw as never));
  return v.success ? v.data : null;
};

const onList: CardHandler = async (ctx, raw) => {
  const v = parse(ListValue, raw);
  if (!v) return toast('warning', TAMPERED);
  return { card: { type: 'raw', data: await budgetCardFor(ctx.tx, ctx.operator, v.y, { now: ctx.now, timeZone: ctx.deps.config.timeZone }) } };
};

const onSet: CardHandler = async (ctx, raw) => {
  const v = parse(SetValue, raw);
  if (!v) return toast('warning', TAMPERED);
  const c = { now: ctx.now, timeZone: ctx.deps.config.timeZone };
  const notice = await setBudgetFromForm(ctx.tx, ctx.operator, v.y, ctx.action.form_value ?? {}, c);
  return { ...toast('success', notice), card: { type: 'raw', data: await budgetCardFor(ctx.tx, ctx.operator, v.y, { ...c, notice }) } };
};

export const BUDGET_CARD_HANDLERS: Record<string, CardHandler> = {
  [BUDGET_LIST]: onList,
  [BUDGET_SET]: onSet,
};
