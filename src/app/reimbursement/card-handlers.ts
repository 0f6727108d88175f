/** Reimbursement buttons: start one for a visit or reception (gate first), submit the items form. */
import { z } from 'zod';
import { RefValue, VersionValue } from '../../../cards/action-value.js';
import { cardAction, toast, type CardAction, type CardRun } from '../card-handler.js';
import { VISIT_ACTIONS as A } from '../../../cards/visit-parts.js';
import { i18n } from '../../domain/i18n.js';
import { enqueueSend } from '../outbox.js';
import { startReimbursement } from './start.js';
import { resubmitReimbursement, submitReimbursement } from './submit.js';

const StartValue = z.object({ t: z.string().max(16).optional(), s: RefValue });
const SubmitValue = z.object({ r: RefValue });
const ResubmitValue = z.object({ r: RefValue, q: RefValue, ver: VersionValue });

const onStart: CardRun<typeof StartValue> = async (ctx, v) => {
  const t = v.t === 'reception' ? 'reception' : 'visit';
  const r = await startReimbursement(ctx.tx, { t, s: v.s, actor: ctx.operator, now: ctx.now, timeZone: ctx.deps.config.timeZone, ids: ctx.deps.ids });
  await enqueueSend(ctx, { openId: ctx.operator.openId }, { card: r.card });
  return r.refused
    ? toast('warning', t === 'visit' ? i18n('无拜访总结不得报销：请先提交拜访总结。', 'No visit summary, no reimbursement: send the summary first.') : i18n('无接待报告不得报销：请先提交接待报告。', 'No reception report, no reimbursement: send the report first.'))
    : toast('success', i18n('已发送报销单，请填写。', 'Sent you the claim form.'));
};

const onSubmit: CardRun<typeof SubmitValue> = async (ctx, v) => {
  const card = await submitReimbursement(ctx.tx, { id: v.r, form: (ctx.action.form_value ?? {}) as Record<string, unknown>, actor: ctx.operator }, ctx);
  return { ...toast('success', i18n('报销已提交，等待审批。', 'Claim submitted for approval.')), card: { type: 'raw', data: card } };
};

/** The edited claim sent again after a rejection or a return. */
const onResubmit: CardRun<typeof ResubmitValue> = async (ctx, v) => {
  const card = await resubmitReimbursement(
    ctx.tx,
    { id: v.r, requestId: v.q, version: v.ver, form: (ctx.action.form_value ?? {}) as Record<string, unknown>, actor: ctx.operator },
    ctx,
  );
  return { ...toast('success', i18n('已修改并重新提交，等待审批。', 'Edited and submitted again for approval.')), card: { type: 'raw', data: card } };
};

export const REIMBURSEMENT_CARD_ACTIONS: CardAction[] = [
  cardAction(A.reimbStart, StartValue, onStart),
  cardAction(A.reimbSubmit, SubmitValue, onSubmit),
  cardAction(A.reimbResubmit, ResubmitValue, onResubmit),
];
