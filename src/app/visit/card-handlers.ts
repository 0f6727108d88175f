/**
 * The visit card buttons: plan (from the archive card or a record's next visit), submit the
 * plan form, reschedule, cancel, how to send the record, check the record, record the follow-up.
 * Authority comes from the roster and the stored visit, never from the button value.
 */
import { yuanForInput } from '../../domain/money.js';
import { z } from 'zod';
import { RefValue, VersionValue } from '../../../cards/action-value.js';
import { cardAction, toast, type CardAction, type CardContext, type CardResponse, type CardRun } from '../card-handler.js';
import { visitCancelCard, visitRescheduleCard } from '../../../cards/visit-plan-form.js';
import { visitCard } from '../../../cards/visit-card.js';
import { followUpFormCard } from '../../../cards/visit-draft-form.js';
import { draftConfirmCard } from '../../../cards/visit-draft.js';
import { recordRows } from '../../../cards/visit-card.js';
import { VISIT_ACTIONS as A } from '../../../cards/visit-parts.js';
import type { Card } from '../../../cards/kit.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import { directorOf, isAdmin, reviewerOf } from '../../domain/roster.js';
import { formatDateTime } from '../../domain/time.js';
import { enqueueSend, subjectOfMessage } from '../outbox.js';
import { loadCustomer } from '../customer/store.js';
import { recordFollowUp } from './confirm-record.js';
import { FOLLOW_UP_KIND } from './draft-kinds.js';
import { planFormFor } from './plan-form.js';
import { assertMayCancel, assertMayReschedule, cancelAnswer, rescheduleAnswer } from './plan-lifecycle.js';
import { assertOwner } from '../../domain/visit/rules.js';
import { loadTolerance, loadVisit, refreshVisitCards, rememberCopy, visitSubject, visitView } from './store.js';
import { resubmitVisitPlan, submitVisitPlan, VISIT_PLAN } from './submit-plan.js';
import { describeSubject } from './take-report.js';
import { sendTemplate } from './template.js';
import { markMaterialsReady } from './materials.js';
import { MATERIAL_READY, materialNoticeCard } from '../../../cards/visit-material.js';
import { digestAnswerFor, refreshStaleDigests } from '../obligations/digest-refresh.js';
import { todoCard } from '../obligations/todo.js';

const PlanValue = z.object({ c: RefValue, from: RefValue.optional() });
const CustomerValue = z.object({ c: RefValue });
const VisitValue = z.object({ vi: RefValue });
const VersionedValue = z.object({ vi: RefValue, ver: VersionValue });
const ResubmitValue = z.object({ vi: RefValue, r: RefValue, ver: VersionValue });
const ReadyValue = z.object({ vi: RefValue, n: z.number().optional() });
/** The plan, reschedule and cancel forms are read whole by their use cases (readPlan and the like). */
const formOf = (ctx: CardContext): Record<string, unknown> => (ctx.action.form_value ?? {}) as Record<string, unknown>;
const answer = (type: 'success' | 'info', text: I18nText, card: Card): CardResponse => ({ ...toast(type, text), card: { type: 'raw', data: card } });

const onPlan: CardRun<typeof PlanValue> = async (ctx, v) => {
  const customer = await loadCustomer(ctx.tx, v.c);
  const from = v.from ? await loadVisit(ctx.tx, v.from) : null;
  const form = await planFormFor(ctx.tx, customer, ctx.operator, ctx.deps.config.timeZone, from && from.customerId === customer.id ? from : null);
  await enqueueSend(ctx, { openId: ctx.operator.openId }, { card: form });
  return toast('success', i18n('已发送拜访计划表，请填写后提交。', 'Sent you the visit plan form.'));
};

const onSubmit: CardRun<typeof CustomerValue> = async (ctx, v) => {
  // The visit as filed and its customer, as the use case read them: nothing changed them since.
  const { visitId, visit, customer } = await submitVisitPlan(ctx.tx, { customerId: v.c, form: formOf(ctx), actor: ctx.operator, formMessageId: ctx.messageId }, ctx);
  await rememberCopy(ctx.tx, visitSubject(visitId), ctx.messageId, ctx.operator.openId, ctx.now);
  return answer('success', i18n('已提交，等待审批。', 'Submitted for approval.'), visitCard(await visitView(ctx.tx, ctx.deps, visit, ctx.roster, null, customer)));
};

/** The edited plan sent again: the request's new round, and the visit card for the clicked form. */
const onResubmit: CardRun<typeof ResubmitValue> = async (ctx, v) => {
  // The form took the place of a card (the request's, or the visit's); that message shows the visit card next, so no patch goes to it.
  const copy = await subjectOfMessage(ctx.tx, ctx.messageId);
  const clicked = ctx.messageId && copy ? { messageId: ctx.messageId, subjectId: copy.id } : null;
  await resubmitVisitPlan(ctx.tx, { visitId: v.vi, requestId: v.r, version: v.ver, form: formOf(ctx), actor: ctx.operator }, ctx, { clicked });
  const visit = await loadVisit(ctx.tx, v.vi);
  await rememberCopy(ctx.tx, visitSubject(visit.id), ctx.messageId, ctx.operator.openId, ctx.now);
  return answer('success', i18n('已重新提交，等待审批。', 'Submitted again for approval.'), visitCard(await visitView(ctx.tx, ctx.deps, visit, ctx.roster)));
};

const onReschedule: CardRun<typeof VisitValue> = async (ctx, v) => {
  const visit = await loadVisit(ctx.tx, v.vi);
  // Refused before the form opens, as on the reception card: a plan in approval could not be saved from it anyway.
  assertMayReschedule(VISIT_PLAN, visit, ctx.operator);
  const customer = await loadCustomer(ctx.tx, visit.customerId);
  const t = await loadTolerance(ctx.tx);
  const card = visitRescheduleCard({
    visitId: visit.id, version: visit.version, customerName: customer.name, at: formatDateTime(visit.visitAt, ctx.deps.config.timeZone),
    budgetYuan: visit.budgetFen ? yuanForInput(visit.budgetFen) : '', freeDays: t.freeDays, budgetPct: t.budgetPct,
  });
  return { card: { type: 'raw', data: card } };
};

const onRescheduleSave: CardRun<typeof VersionedValue> = (ctx, v) => rescheduleAnswer(VISIT_PLAN, ctx, v.vi, v.ver);

const onCancel: CardRun<typeof VisitValue> = async (ctx, v) => {
  const visit = await loadVisit(ctx.tx, v.vi);
  assertMayCancel(VISIT_PLAN, visit, ctx.operator);
  const customer = await loadCustomer(ctx.tx, visit.customerId);
  return { card: { type: 'raw', data: visitCancelCard({ visitId: visit.id, version: visit.version, customerName: customer.name, at: formatDateTime(visit.visitAt, ctx.deps.config.timeZone) }) } };
};

const onCancelSave: CardRun<typeof VersionedValue> = (ctx, v) => cancelAnswer(VISIT_PLAN, ctx, v.vi, v.ver);

const onRecordStart: CardRun<typeof VisitValue> = async (ctx, v) => {
  const visit = await loadVisit(ctx.tx, v.vi);
  assertOwner(visit, ctx.operator, i18n('提交这次拜访的总结', 'send its summary'));
  if (visit.status !== 'approved') {
    throw new DomainError('PRECONDITION_FAILED', visit.status === 'recorded' ? i18n('这次拜访的总结已经提交过了。', 'This visit already has its summary.') : i18n('只有已批准的拜访可以提交拜访总结。', 'Only an approved visit takes a summary.'));
  }
  const subject = await describeSubject(ctx.tx, 'visit', visit.id, ctx.deps.config.timeZone);
  await sendTemplate(ctx, ctx.operator.openId, ctx.operator.locale, 'visit_record',
    i18n(`「${subject}」的拜访总结：直接用一段话发给我，或复制模板填写（也可以直接回复拜访卡片）。`, `Visit summary for ${subject}: write it as a message, or fill in the template (or reply to the visit card).`));
  return toast('success', i18n('已发送填写说明和模板。', 'Sent you the template.'));
};

const onRecordView: CardRun<typeof VisitValue> = async (ctx, v) => {
  const visit = await loadVisit(ctx.tx, v.vi);
  const roster = ctx.roster;
  const owner = roster.get(visit.ownerId);
  const me = ctx.operator;
  const allowed = me.openId === visit.ownerId || me.role === 'director' || me.role === 'assistant' || isAdmin(me, ctx.deps.config.admins)
    || (owner && (reviewerOf(roster, owner)?.openId === me.openId || directorOf(roster, owner)?.openId === me.openId));
  if (!allowed) throw new DomainError('FORBIDDEN', i18n('只有专员本人、其经理、总监和内勤可以查看拜访总结。', "Only the specialist, their manager, the director and the assistant can see the visit summary."));
  if (!visit.record) throw new DomainError('PRECONDITION_FAILED', i18n('这次拜访还没有拜访总结。', 'This visit has no summary yet.'));
  const subject = await describeSubject(ctx.tx, 'visit', visit.id, ctx.deps.config.timeZone);
  const rows = recordRows(visit.record, ctx.deps.config.timeZone);
  await enqueueSend(ctx, { openId: me.openId }, { card: draftConfirmCard({ id: 0, kind: 'visit_record', subject: `${subject} · ${owner?.name ?? ''}`, rows, missing: [], state: 'confirmed' }) });
  return toast('success', i18n('已发送拜访总结。', 'Sent you the visit summary.'));
};

const onFollowUp: CardRun<typeof VisitValue> = async (ctx, v) => {
  const visit = await loadVisit(ctx.tx, v.vi);
  assertOwner(visit, ctx.operator, i18n('记录回访', 'record its follow-up'));
  if (visit.status !== 'recorded' || visit.followUp) throw new DomainError('CONFLICT', i18n('这次拜访现在不需要回访（或已经记录过回访）。', 'This visit does not take a follow-up now (or has one).'));
  const subject = await describeSubject(ctx.tx, 'visit', visit.id, ctx.deps.config.timeZone);
  await enqueueSend(ctx, { openId: ctx.operator.openId }, { card: followUpFormCard({ visitId: visit.id, subject }) });
  return toast('success', i18n('已发送回访表，也可以直接发消息「回访 …」。', 'Sent you the follow-up form; a message "follow-up …" works too.'));
};

const onFollowUpSave: CardRun<typeof VisitValue> = async (ctx, v) => {
  const fields = FOLLOW_UP_KIND.fromForm(formOf(ctx), ctx.now, ctx.deps.config.timeZone);
  const visit = await recordFollowUp(ctx.tx, { visitId: v.vi, followUp: fields as never, actor: ctx.operator }, ctx);
  const card = await refreshVisitCards(ctx.tx, ctx.deps, visit, ctx.now, { roster: ctx.roster, exceptMessageId: ctx.messageId });
  await rememberCopy(ctx.tx, visitSubject(visit.id), ctx.messageId, ctx.operator.openId, ctx.now);
  return answer('success', i18n('回访已记录。', 'Follow-up recorded.'), card);
};

/**
 * 已备好 on the owner's notice (n: 1: the notice comes back marked ready), on a digest (the digest
 * comes back up to date at once, not at the next tick) or on the to-do list (the list again);
 * any other digest carrying the line is patched at once as well.
 */
const onMaterialReady: CardRun<typeof ReadyValue> = async (ctx, v) => {
  const tz = ctx.deps.config.timeZone;
  const ready = await markMaterialsReady(ctx.tx, { visitId: v.vi, actorId: ctx.operator.openId }, { now: ctx.now, timeZone: tz });
  const done = i18n('已标记备好，不再提醒。', 'Marked ready; no more reminders.');
  const digest = v.n ? null : await digestAnswerFor(ctx.tx, ctx.messageId);
  // Every other digest that listed it is patched now too (the clicked one is the answer itself).
  await refreshStaleDigests(ctx.tx, ctx.now, ctx.deps.ids, { obligationIds: [ready.obligationId] });
  if (v.n) return answer('success', done, materialNoticeCard(ready.notice));
  if (digest) return answer('success', done, digest);
  const todo = await todoCard(ctx.tx, ctx.operator, { now: ctx.now, timeZone: tz, hasHandler: ctx.deps.handlesCardAction });
  return todo ? answer('success', done, todo) : toast('success', done);
};

export const VISIT_CARD_ACTIONS: CardAction[] = [
  cardAction(MATERIAL_READY, ReadyValue, onMaterialReady),
  cardAction(A.plan, PlanValue, onPlan),
  cardAction(A.submit, CustomerValue, onSubmit),
  cardAction(A.resubmit, ResubmitValue, onResubmit),
  cardAction(A.reschedule, VisitValue, onReschedule),
  cardAction(A.rescheduleSave, VersionedValue, onRescheduleSave),
  cardAction(A.cancel, VisitValue, onCancel),
  cardAction(A.cancelSave, VersionedValue, onCancelSave),
  cardAction(A.recordStart, VisitValue, onRecordStart),
  cardAction(A.recordView, VisitValue, onRecordView),
  cardAction(A.followUp, VisitValue, onFollowUp),
  cardAction(A.followUpSave, VisitValue, onFollowUpSave),
];
