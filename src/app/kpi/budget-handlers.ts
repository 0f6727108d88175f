/** Buttons of the budget card: another year, and the set form's save (the card comes back with the saved line). */
import { z } from 'zod';
import { BUDGET_LIST, BUDGET_SET } from '../../../cards/budgets.js';
import { cardAction, toast, type CardAction, type CardRun } from '../card-handler.js';
import { budgetCardFor, setBudgetFromForm } from './budgets.js';

const Year = z.number().int().min(2000).max(2100);
const ListValue = z.object({ k: z.literal(BUDGET_LIST), y: Year });
const SetValue = z.object({ k: z.literal(BUDGET_SET), y: Year });

const onList: CardRun<typeof ListValue> = async (ctx, v) => {
  return { card: { type: 'raw', data: await budgetCardFor(ctx.tx, ctx.operator, v.y, { now: ctx.now, timeZone: ctx.deps.config.timeZone }) } };
};

const onSet: CardRun<typeof SetValue> = async (ctx, v) => {
  const c = { now: ctx.now, timeZone: ctx.deps.config.timeZone };
  const notice = await setBudgetFromForm(ctx.tx, ctx.operator, v.y, ctx.action.form_value ?? {}, c);
  return { ...toast('success', notice), card: { type: 'raw', data: await budgetCardFor(ctx.tx, ctx.operator, v.y, { ...c, notice }) } };
};

export const BUDGET_CARD_ACTIONS: CardAction[] = [cardAction(BUDGET_LIST, ListValue, onList), cardAction(BUDGET_SET, SetValue, onSet)];
