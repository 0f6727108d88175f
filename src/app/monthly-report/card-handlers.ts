/**
 * Card buttons of the monthly report: open the form, save it as a draft, confirm / edit /
 * discard the draft, and the manager's comment / return. Each checks the operator against the
 * roster and the row's state; a refusal is a DomainError, which the callback turns into a toast
 * with nothing kept.
 */
import { and, eq } from 'drizzle-orm';
import { monthlyReports } from '../../../db/schema/index.js';
import { z } from 'zod';
import { cardAction, formOf, toast, type CardAction, type CardContext, type CardResponse, type CardRun } from '../card-handler.js';
import { field } from '../../domain/card-form.js';
import { monthlyReportFormCard } from '../../../cards/monthly-report-form.js';
import { monthlyReportConfirmCard, monthlyReportDoneCard } from '../../../cards/monthly-report-confirm.js';
import { emptyFields } from '../../../cards/monthly-report-parts.js';
import { DomainError } from '../../domain/errors.js';
import { i18n } from '../../domain/i18n.js';
import { enqueueSend } from '../outbox.js';
import { loadReminderContext } from '../reminders/context.js';
import { getDraft, GONE, latestVersion, saveDraft } from './draft.js';
import { checkMonth, checkRequired, cleanFields, defaultReportMonth, monthsOffered } from './fields.js';
import { reviewReport } from './review.js';
import { submitReport } from './submit.js';
import { REPORT_ACTIONS } from '../../../cards/monthly-report-values.js';
import { fieldsOf, reviewCardFor } from './view.js';

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

const Id = z.number().int().positive();
const Month = z.string().max(16);
const FormValue = z.object({ m: Month.nullish() });
const SaveValue = z.object({ d: Id.nullish(), m: Month.nullish() });
const ConfirmValue = z.object({ d: Id, replace: z.boolean().optional() });
const DraftValue = z.object({ d: Id });
const MonthValue = z.object({ d: Id, m: Month });
const ReviewValue = z.object({ r: Id, a: z.enum(['comment', 'return']) });
const ReviewForm = { text: field.text(i18n('意见', 'Comment')) };
/** The report's own fields are read by cleanFields (fields.ts); the month here. */
const SaveForm = { month: field.text(i18n('月份', 'Month'), { max: 16 }) };

function specialistOnly(ctx: CardContext): void {
  if (ctx.operator.role !== 'specialist') {
    throw new DomainError('FORBIDDEN', i18n('月度市场分析报告由大客户专员提交。', 'Monthly market reports are submitted by specialists.'));
  }
}

const tzOf = (ctx: CardContext) => ctx.deps.config.timeZone;

/** The confirm card for a draft, noting a submitted version it would replace. */
async function confirmCardFor(ctx: CardContext, draftId: number): Promise<CardResponse['card']> {
  const draft = await getDraft(ctx.tx, draftId, ctx.operator.openId);
  const latest = await latestVersion(ctx.tx, ctx.operator.openId, draft.month);
  const replacing = latest?.status === 'submitted' ? { version: latest.version ?? 1, submittedAt: latest.submittedAt ?? latest.createdAt } : null;
  return { type: 'raw', data: monthlyReportConfirmCard({ draftId, month: draft.month, fields: fieldsOf(draft), replacing, rest: null, timeZone: tzOf(ctx) }) };
}

const openForm: CardRun<typeof FormValue> = async (ctx, value) => {
  specialistOnly(ctx);
  const tz = tzOf(ctx);
  const requested = str(value.m);
  const month = requested ? checkMonth(requested, ctx.now, tz) : defaultReportMonth(ctx.now, tz);
  // A returned (or earlier) version prefills the form, so a revision starts from what was sent.
  const latest = await latestVersion(ctx.tx, ctx.operator.openId, month);
  const months = [...new Set([...monthsOffered(ctx.now, tz), month])].sort();
  const form = monthlyReportFormCard({ draftId: null, month, months, fields: latest ? fieldsOf(latest) : emptyFields() });
  await enqueueSend(ctx, { openId: ctx.operator.openId }, { card: form });
  return toast('success', i18n('已发送月报表单，请在对话中填写。', 'The report form is in your chat.'));
};

const save: CardRun<typeof SaveValue> = async (ctx, value) => {
  specialistOnly(ctx);
  const formValue = ctx.action.form_value;
  if (!formValue) throw new DomainError('VALIDATION', i18n('没有收到表单内容，请重新填写。', 'The form came back empty; please fill it in again.'));
  const month = checkMonth(formOf(ctx, SaveForm).month ?? str(value.m) ?? defaultReportMonth(ctx.now, tzOf(ctx)), ctx.now, tzOf(ctx));
  const fields = cleanFields(formValue);
  checkRequired(fields);
  const row = await saveDraft(ctx.tx, { ownerId: ctx.operator.openId, month, fields, source: 'form', now: ctx.now, draftId: value.d ?? null });
  return { ...toast('info', i18n('请确认后提交。', 'Please check and submit.')), card: await confirmCardFor(ctx, row.id) };
};

const confirm: CardRun<typeof ConfirmValue> = async (ctx, value) => {
  specialistOnly(ctx);
  const draftId = value.d;
  const roster = ctx.roster;
  const rc = await loadReminderContext(ctx.tx, { timeZone: tzOf(ctx), log: ctx.deps.log });
  const r = await submitReport(ctx.tx, { operator: ctx.operator, draftId, replace: value.replace === true, now: ctx.now, roster, ctx: rc, ids: ctx.deps.ids });
  if (r.outcome === 'ask_replace') {
    return { ...toast('warning', i18n('本月报告已提交过，确认要替换吗？', 'You already submitted this month; replace it?')), card: await confirmCardFor(ctx, draftId) };
  }
  const card = monthlyReportDoneCard({ month: r.row.month, fields: fieldsOf(r.row), outcome: 'submitted', version: r.row.version ?? 1 });
  return { ...toast('success', i18n('月报已提交。', 'Report submitted.')), card: { type: 'raw', data: card } };
};

const edit: CardRun<typeof DraftValue> = async (ctx, value) => {
  specialistOnly(ctx);
  const draft = await getDraft(ctx.tx, value.d, ctx.operator.openId);
  const tz = tzOf(ctx);
  const months = [...new Set([...monthsOffered(ctx.now, tz), draft.month])].sort();
  return { card: { type: 'raw', data: monthlyReportFormCard({ draftId: draft.id, month: draft.month, months, fields: fieldsOf(draft) }) } };
};

/** The month picked on a draft whose message named none: the usual confirm card follows. */
const pickMonth: CardRun<typeof MonthValue> = async (ctx, value) => {
  specialistOnly(ctx);
  const draft = await getDraft(ctx.tx, value.d, ctx.operator.openId);
  const month = checkMonth(value.m, ctx.now, tzOf(ctx));
  const [row] = await ctx.tx
    .update(monthlyReports)
    .set({ month, updatedAt: ctx.now })
    .where(and(eq(monthlyReports.id, draft.id), eq(monthlyReports.status, 'draft')))
    .returning({ id: monthlyReports.id });
  if (!row) throw new DomainError('CONFLICT', GONE);
  return { card: await confirmCardFor(ctx, draft.id) };
};

const discard: CardRun<typeof DraftValue> = async (ctx, value) => {
  const draft = await getDraft(ctx.tx, value.d, ctx.operator.openId);
  const gone = await ctx.tx
    .delete(monthlyReports)
    .where(and(eq(monthlyReports.id, draft.id), eq(monthlyReports.status, 'draft')))
    .returning({ id: monthlyReports.id });
  if (!gone.length) throw new DomainError('CONFLICT', GONE);
  return { ...toast('info', i18n('已取消。', 'Cancelled.')), card: { type: 'raw', data: monthlyReportDoneCard({ month: draft.month, fields: fieldsOf(draft), outcome: 'discarded' }) } };
};

const review: CardRun<typeof ReviewValue> = async (ctx, { r: reportId, a: action }) => {
  const roster = ctx.roster;
  const row = await reviewReport(ctx.tx, {
    ids: ctx.deps.ids,
    operator: ctx.operator,
    reportId,
    action,
    text: formOf(ctx, ReviewForm).text ?? '',
    now: ctx.now,
    roster,
    timeZone: tzOf(ctx),
    ...(ctx.messageId ? { exceptMessageId: ctx.messageId } : {}),
  });
  const done = action === 'return' ? i18n('已退回，专员会收到通知。', 'Returned; the specialist has been told.') : i18n('意见已发送。', 'Comment sent.');
  return { ...toast('success', done), card: { type: 'raw', data: reviewCardFor(row, roster, tzOf(ctx), { latest: true }) } };
};

export const MONTHLY_REPORT_CARD_ACTIONS: CardAction[] = [
  cardAction(REPORT_ACTIONS.form, FormValue, openForm),
  cardAction(REPORT_ACTIONS.save, SaveValue, save),
  cardAction(REPORT_ACTIONS.confirm, ConfirmValue, confirm),
  cardAction(REPORT_ACTIONS.edit, DraftValue, edit),
  cardAction(REPORT_ACTIONS.discard, DraftValue, discard),
  cardAction(REPORT_ACTIONS.month, MonthValue, pickMonth),
  cardAction(REPORT_ACTIONS.review, ReviewValue, review),
];
