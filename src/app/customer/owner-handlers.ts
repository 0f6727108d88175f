/** The archive card's owner buttons (open the person picker, save the choice) and answering an open customer question. */
import { z } from 'zod';
import { CUSTOMER_OWNER_ACTIONS as A, CUSTOMER_QUESTION_ACTIONS } from '../../../cards/customer-parts.js';
import { i18n } from '../../domain/i18n.js';
import { cardAction, formOf, toast, type CardAction, type CardRun } from '../card-handler.js';
import { field } from '../../domain/card-form.js';
import { answerQuestion, openQuestionsCardFor } from './answer-question.js';
import { assignOwner, ownerFormFor } from './assign-owner.js';
import { afterChange } from './card-common.js';
import { loadCustomer } from './store.js';

const id = z.string().min(1).max(64);
const OpenValue = z.object({ c: id });
const SaveValue = z.object({ c: id, ver: z.number().int().positive() });
const SaveForm = {
  ow_to: field.person(i18n('负责人', 'Owner'), { required: true, problem: i18n('请选择负责人。', 'Pick the owner.') }),
  ow_reason: field.text(i18n('原因', 'Reason'), { max: 500 }),
};

const onOwner: CardRun<typeof OpenValue> = async (ctx, v) => {
  const row = await loadCustomer(ctx.tx, v.c);
  return { card: { type: 'raw', data: await ownerFormFor(ctx.tx, row, ctx.operator, ctx.deps) } };
};

const onOwnerSave: CardRun<typeof SaveValue> = async (ctx, v) => {
  const f = formOf(ctx, SaveForm);
  const row = await assignOwner(ctx.tx, { customerId: v.c, toId: f.ow_to, reason: f.ow_reason ?? undefined, version: v.ver, actor: ctx.operator }, ctx, ctx.messageId ? { exceptMessageId: ctx.messageId } : {});
  const name = ctx.roster.get(row.ownerId!)?.name ?? row.ownerId!;
  return afterChange(ctx, row, i18n(`已交由 ${name} 负责`, `${name} now owns it`));
};

const AnswerValue = z.object({ q: z.number().int().positive() });

/** An answer typed on the open-questions card: that form becomes the list of what is still open. */
const onAnswer: CardRun<typeof AnswerValue> = async (ctx, v) => {
  const { customer } = await answerQuestion(ctx.tx, { questionId: v.q, answer: formOf(ctx, { [`qa_text_${v.q}`]: field.text(i18n('解答', 'Answer')) })[`qa_text_${v.q}`], actor: ctx.operator }, ctx);
  const rest = await openQuestionsCardFor(ctx.tx, customer.id, ctx.operator, ctx.deps.config.timeZone);
  const done = toast('success', i18n('已记录解答', 'Answer recorded'));
  return rest ? { ...done, card: { type: 'raw', data: rest } } : afterChange(ctx, customer, i18n('已记录解答，该客户没有待解答的问题了', 'Answer recorded; no open questions left'));
};

export const CUSTOMER_OWNER_CARD_ACTIONS: CardAction[] = [
  cardAction(A.owner, OpenValue, onOwner),
  cardAction(A.ownerSave, SaveValue, onOwnerSave),
  cardAction(CUSTOMER_QUESTION_ACTIONS.answer, AnswerValue, onAnswer),
];
