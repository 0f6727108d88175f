/** The archive card's owner buttons (open the person picker, save the choice) and answering an open customer question. */
import { z } from 'zod';
import { CUSTOMER_OWNER_ACTIONS as A, CUSTOMER_QUESTION_ACTIONS } from '../../../cards/customer-parts.js';
import { i18n } from '../../domain/i18n.js';
import { toast, type CardHandler } from '../card-handler.js';
import { answerQuestion, openQuestionsCardFor } from './answer-question.js';
import { assignOwner, ownerFormFor } from './assign-owner.js';
import { afterChange, parseValue, TAMPERED } from './card-common.js';
import { loadCustomer, loadRosterMap } from './store.js';

const id = z.string().min(1).max(64);
const OpenValue = z.object({ c: id });
const SaveValue = z.object({ c: id, ver: z.number().int().positive() });
const SaveForm = z.object({ ow_to: z.string().max(64).optional(), ow_reason: z.string().max(500).optional() }).passthrough();

const onOwner: CardHandler = async (ctx, raw) => {
  const v = parseValue(OpenValue, raw);
  if (!v) return toast('warning', TAMPERED);
  const row = await loadCustomer(ctx.tx, v.c);
  return { card: { type: 'raw', data: await ownerFormFor(ctx.tx, row, ctx.operator, ctx.deps) } };
};

const onOwnerSave: CardHandler = async (ctx, raw) => {
  const v = parseValue(SaveValue, raw);
  const f = SaveForm.safeParse(ctx.action.form_value ?? {});
  if (!v || !f.success) return toast('warning', TAMPERED);
  if (!f.data.ow_to) return toast('error', i18n('请选择负责人。', 'Pick the owner.'));
  const row = await assignOwner(ctx.tx, { customerId: v.c, toId: f.data.ow_to, reason: f.data.ow_reason, version: v.ver, actor: ctx.operator }, ctx, ctx.messageId ? { exceptMessageId: ctx.messageId } : {});
  const name = (await loadRosterMap(ctx.tx)).get(row.ownerId!)?.name ?? row.ownerId!;
  return afterChange(ctx, row, i18n(`已交由 ${name} 负责`, `${name} now owns it`));
};

const AnswerValue = z.object({ q: z.number().int().positive() });

/** An answer typed on the open-questions card: that form becomes the list of what is still open. */
const onAnswer: CardHandler = async (ctx, raw) => {
  const v = parseValue(AnswerValue, raw);
  if (!v) return toast('warning', TAMPERED);
  const { customer } = await answerQuestion(ctx.tx, { questionId: v.q, answer: (ctx.action.form_value ?? {})[`qa_text_${v.q}`], actor: ctx.operator }, ctx);
  const rest = await openQuestionsCardFor(ctx.tx, customer.id, ctx.operator, ctx.deps.config.timeZone);
  const done = toast('success', i18n('已记录解答', 'Answer recorded'));
  return rest ? { ...done, card: { type: 'raw', data: rest } } : afterChange(ctx, customer, i18n('已记录解答，该客户没有待解答的问题了', 'Answer recorded; no open questions left'));
};

export const CUSTOMER_OWNER_CARD_HANDLERS: Record<string, CardHandler> = {
  [A.owner]: onOwner,
  [A.ownerSave]: onOwnerSave,
  [CUSTOMER_QUESTION_ACTIONS.answer]: onAnswer,
};
