/** Buttons of the /apply cards: choose a kind (or go back to the choice), submit the form. */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { cardMessages } from '../../../db/schema/index.js';
import { REQUEST_FORM, REQUEST_SUBMIT, requestFiledCard, requestKindCard, requestRecordedCard } from '../../../cards/request-form.js';
import { i18n } from '../../domain/i18n.js';
import { SMALL_REQUEST_KINDS } from '../../domain/requests/kinds.js';
import { cardAction, toast, type CardAction, type CardRun } from '../card-handler.js';
import { APPROVAL_SUBJECT, cardForCopy, parseApprovalSubject } from '../approval/render.js';
import { fileSmallRequest, newRequestForm, refileSmallRequest } from './file.js';
import { loansCardFor, recordReturn } from './equipment.js';
import { EQUIPMENT_RETURN } from '../../../cards/equipment-return.js';
import { targetChangeFormFor } from '../kpi/targets.js';

const FormValue = z.object({ v: z.literal(1), k: z.literal(REQUEST_FORM), kind: z.enum(SMALL_REQUEST_KINDS).optional() });
const SubmitValue = z.object({ v: z.literal(1), k: z.literal(REQUEST_SUBMIT), kind: z.enum(SMALL_REQUEST_KINDS), r: z.string().min(1).max(64).optional(), ver: z.number().int().nonnegative().optional() });

const onRequestForm: CardRun<typeof FormValue> = async (ctx, v) => {
  // A target change is asked against the recorded target (指标调整), not typed in by hand.
  if (v.kind === 'target_change') return { card: { type: 'raw', data: await targetChangeFormFor(ctx.tx, ctx.operator, { now: ctx.now, timeZone: ctx.deps.config.timeZone }) } };
  const card = v.kind ? await newRequestForm(ctx.tx, v.kind, ctx.operator.openId, ctx.now, ctx.deps.config.timeZone) : requestKindCard();
  return { card: { type: 'raw', data: card } };
};

const onRequestSubmit: CardRun<typeof SubmitValue> = async (ctx, v) => {
  const form = ctx.action.form_value ?? {};
  if (!v.r) {
    const { summary, recorded } = await fileSmallRequest(ctx.tx, { kind: v.kind, requester: ctx.operator, form, formMessageId: ctx.messageId }, ctx);
    if (recorded) return { ...toast('success', i18n('已登记，无需审批。', 'Recorded; no approval needed.')), card: { type: 'raw', data: requestRecordedCard(v.kind, summary, recorded) } };
    return { ...toast('success', i18n('已提交，等待审批。', 'Submitted for approval.')), card: { type: 'raw', data: requestFiledCard(v.kind, summary) } };
  }
  // Editing after a rejection: the form was opened in place of the requester's progress card.
  const [copy] = ctx.messageId ? await ctx.tx.select().from(cardMessages).where(eq(cardMessages.messageId, ctx.messageId)) : [];
  const ours = copy?.subjectType === APPROVAL_SUBJECT && parseApprovalSubject(copy.subjectId).requestId === v.r;
  const clicked = copy && ours ? { messageId: copy.messageId, subjectId: copy.subjectId } : null;
  const { after, env, recorded, summary } = await refileSmallRequest(ctx.tx, { approvalId: v.r, kind: v.kind, requester: ctx.operator, form, version: v.ver }, ctx, { clicked });
  const viewer = clicked ? parseApprovalSubject(clicked.subjectId).viewer : 'requester';
  if (recorded) return { ...toast('success', recorded), card: { type: 'raw', data: requestRecordedCard(v.kind, summary, recorded) } };
  return { ...toast('success', i18n('已重新提交，等待审批。', 'Submitted again for approval.')), card: { type: 'raw', data: cardForCopy(after, env, viewer) } };
};

const ReturnValue = z.object({ v: z.literal(1), k: z.literal(EQUIPMENT_RETURN), r: z.string().min(1).max(64), l: z.number().optional() });

/** 登记归还, from the `归还` list (which comes back without the loan) or from a digest line. */
const onEquipmentReturn: CardRun<typeof ReturnValue> = async (ctx, v) => {
  const { label } = await recordReturn(ctx.tx, { loanId: v.r, actor: ctx.operator }, ctx);
  const done = i18n(`已登记「${label.zh_cn}」归还。`, `${label.en_us} recorded as returned.`);
  if (!v.l) return toast('success', done);
  return { ...toast('success', done), card: { type: 'raw', data: await loansCardFor(ctx.tx, ctx.operator, ctx.now, ctx.deps.config.timeZone, done) } };
};

export const REQUEST_CARD_ACTIONS: CardAction[] = [
  cardAction(REQUEST_FORM, FormValue, onRequestForm),
  cardAction(REQUEST_SUBMIT, SubmitValue, onRequestSubmit),
  cardAction(EQUIPMENT_RETURN, ReturnValue, onEquipmentReturn),
];
