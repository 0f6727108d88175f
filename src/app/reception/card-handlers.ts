/** The reception buttons: file the plan form; how to send the report; reschedule; cancel. */
import { yuanForInput } from '../../domain/money.js';
import { z } from 'zod';
import { RefValue, VersionValue } from '../../../cards/action-value.js';
import { cardAction, toast, type CardAction, type CardRun } from '../card-handler.js';
import { VISIT_ACTIONS as A } from '../../../cards/visit-parts.js';
import { DomainError } from '../../domain/errors.js';
import { i18n } from '../../domain/i18n.js';
import { loadTolerance, rememberCopy } from '../visit/store.js';
import { subjectOfMessage } from '../outbox.js';
import { describeSubject } from '../visit/take-report.js';
import { sendTemplate } from '../visit/template.js';
import { loadReception, receptionCardOf, receptionSubject } from './store.js';
import { receptionCancelCard, receptionRescheduleCard } from '../../../cards/reception-card.js';
import { loadCustomer } from '../customer/store.js';
import { assertMayCancel, assertMayReschedule, cancelAnswer, rescheduleAnswer } from '../visit/plan-lifecycle.js';
import { RECEPTION_PLAN, resubmitReceptionPlan, submitReceptionPlan } from './submit-plan.js';

const CustomerValue = z.object({ c: RefValue });
const ReceptionValue = z.object({ s: RefValue });
const VersionedValue = z.object({ s: RefValue, ver: VersionValue });
const ResubmitValue = z.object({ s: RefValue, r: RefValue, ver: VersionValue });

const onSubmit: CardRun<typeof CustomerValue> = async (ctx, v) => {
  const { receptionId } = await submitReceptionPlan(ctx.tx, { customerId: v.c, form: (ctx.action.form_value ?? {}) as Record<string, unknown>, actor: ctx.operator, formMessageId: ctx.messageId }, ctx);
  const row = await loadReception(ctx.tx, receptionId);
  await rememberCopy(ctx.tx, receptionSubject(row.id), ctx.messageId, ctx.operator.openId, ctx.now);
  return { ...toast('success', i18n('已提交，等待审批。', 'Submitted for approval.')), card: { type: 'raw', data: await receptionCardOf(ctx.tx, ctx.deps, row) } };
};

/** The edited plan sent again after a rejection or a return; the clicked form becomes the reception card. */
const onResubmit: CardRun<typeof ResubmitValue> = async (ctx, v) => {
  // The form took the place of a card (the request's, or the reception's); that message shows the reception card next, so no patch goes to it.
  const copy = await subjectOfMessage(ctx.tx, ctx.messageId);
  const clicked = ctx.messageId && copy ? { messageId: ctx.messageId, subjectId: copy.id } : null;
  const form = (ctx.action.form_value ?? {}) as Record<string, unknown>;
  const row = await resubmitReceptionPlan(ctx.tx, { receptionId: v.s, requestId: v.r, version: v.ver, form, actor: ctx.operator }, ctx, { clicked });
  await rememberCopy(ctx.tx, receptionSubject(row.id), ctx.messageId, ctx.operator.openId, ctx.now);
  return { ...toast('success', i18n('已重新提交，等待审批。', 'Submitted again for approval.')), card: { type: 'raw', data: await receptionCardOf(ctx.tx, ctx.deps, row) } };
};

const onReportStart: CardRun<typeof ReceptionValue> = async (ctx, v) => {
  const row = await loadReception(ctx.tx, v.s);
  if (row.ownerId !== ctx.operator.openId) throw new DomainError('FORBIDDEN', i18n('只有接待负责人可以提交接待报告。', 'Only the reception lead can send its report.'));
  if (row.status !== 'approved') throw new DomainError('PRECONDITION_FAILED', i18n('只有已批准、尚未报告的接待需要报告。', 'Only an approved reception without a report takes one.'));
  const subject = await describeSubject(ctx.tx, 'reception', row.id, ctx.deps.config.timeZone);
  await sendTemplate(ctx, ctx.operator.openId, ctx.operator.locale, 'reception_report', i18n(`「${subject}」的接待报告：直接发给我，或复制模板填写。`, `Reception report for ${subject}: send it as a message or fill in the template.`));
  return toast('success', i18n('已发送填写说明和模板。', 'Sent you the template.'));
};

const onReschedule: CardRun<typeof ReceptionValue> = async (ctx, v) => {
  const row = await loadReception(ctx.tx, v.s);
  // Refused before the form opens: a plan in approval could not be saved from it anyway.
  assertMayReschedule(RECEPTION_PLAN, row, ctx.operator);
  const customer = await loadCustomer(ctx.tx, row.customerId);
  const t = await loadTolerance(ctx.tx);
  const card = receptionRescheduleCard({
    id: row.id, version: row.version, customerName: customer.name, at: row.receptionAt, budgetYuan: row.budgetFen ? yuanForInput(row.budgetFen) : '',
    freeDays: t.freeDays, budgetPct: t.budgetPct, timeZone: ctx.deps.config.timeZone,
  });
  return { card: { type: 'raw', data: card } };
};

const onRescheduleSave: CardRun<typeof VersionedValue> = (ctx, v) => rescheduleAnswer(RECEPTION_PLAN, ctx, v.s, v.ver);

const onCancel: CardRun<typeof ReceptionValue> = async (ctx, v) => {
  const row = await loadReception(ctx.tx, v.s);
  assertMayCancel(RECEPTION_PLAN, row, ctx.operator);
  const customer = await loadCustomer(ctx.tx, row.customerId);
  return { card: { type: 'raw', data: receptionCancelCard({ id: row.id, version: row.version, customerName: customer.name, at: row.receptionAt, timeZone: ctx.deps.config.timeZone }) } };
};

const onCancelSave: CardRun<typeof VersionedValue> = (ctx, v) => cancelAnswer(RECEPTION_PLAN, ctx, v.s, v.ver);

export const RECEPTION_CARD_ACTIONS: CardAction[] = [
  cardAction(A.receptionSubmit, CustomerValue, onSubmit),
  cardAction(A.receptionResubmit, ResubmitValue, onResubmit),
  cardAction(A.receptionReportStart, ReceptionValue, onReportStart),
  cardAction(A.receptionReschedule, ReceptionValue, onReschedule),
  cardAction(A.receptionRescheduleSave, VersionedValue, onRescheduleSave),
  cardAction(A.receptionCancel, ReceptionValue, onCancel),
  cardAction(A.receptionCancelSave, VersionedValue, onCancelSave),
];
