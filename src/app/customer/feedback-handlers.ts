/** The open-feedback card's button: mark one item given; the card becomes what is still open. */
import { z } from 'zod';
import { CUSTOMER_FEEDBACK_ACTIONS } from '../../../cards/customer-feedback.js';
import { i18n } from '../../domain/i18n.js';
import { cardAction, toast, type CardAction, type CardRun } from '../card-handler.js';
import { afterChange } from './card-common.js';
import { giveFeedback, openFeedbackCardFor } from './feedback.js';

const GiveValue = z.object({ f: z.number().int().positive() });

const onGive: CardRun<typeof GiveValue> = async (ctx, v) => {
  const { customer, feedback } = await giveFeedback(ctx.tx, { feedbackId: v.f, reply: (ctx.action.form_value ?? {})[`fb_reply_${v.f}`], actor: ctx.operator }, ctx);
  const late = feedback.givenAt!.getTime() > feedback.dueAt.getTime();
  const done = toast('success', late ? i18n('已记录反馈（已超过标准时间）', 'Marked answered (after the standard time)') : i18n('已记录反馈', 'Marked answered'));
  const rest = await openFeedbackCardFor(ctx.tx, customer.id, ctx.operator, ctx.deps.config.timeZone, ctx.now);
  return rest ? { ...done, card: { type: 'raw', data: rest } } : afterChange(ctx, customer, i18n('已记录反馈，该客户没有待反馈的意见了', 'Marked answered; nothing left to answer for this customer'));
};

export const CUSTOMER_FEEDBACK_CARD_ACTIONS: CardAction[] = [cardAction(CUSTOMER_FEEDBACK_ACTIONS.give, GiveValue, onGive)];
