/**
 * Progress-report buttons: open the form (from the digest) and submit it. The duty is always
 * looked up among the operator's own open obligations, never taken on the button's word.
 */
import { progressFormCard, progressReportCard } from '../../../cards/progress-report.js';
import { DomainError } from '../../domain/errors.js';
import { i18n } from '../../domain/i18n.js';
import { enqueueSend } from '../outbox.js';
import { z } from 'zod';
import { RefValue } from '../../../cards/action-value.js';
import { field } from '../../domain/card-form.js';
import { cardAction, formOf, toast, type CardAction, type CardRun } from '../card-handler.js';
import { openProgressDuties, PROGRESS_FORM, PROGRESS_SUBMIT, type ProgressDuty } from './open.js';
import { submitProgressReport } from './submit.js';

const NOTHING_OPEN = i18n('这一期的进展已经汇报过了，或者这不是您的客户。', 'This period has already been reported, or it is not your customer.');

const FormValue = z.object({ c: RefValue });
const SubmitValue = z.object({ o: z.coerce.number().int().positive() });
const ProgressForm = { body: field.text(i18n('进展', 'Progress')) };

export const progressForm = (duty: ProgressDuty, timeZone: string) =>
  progressFormCard({ customerName: duty.customerName, dueAt: duty.dueAt, timeZone, submit: { k: PROGRESS_SUBMIT, o: duty.obligationId } });

const openForm: CardRun<typeof FormValue> = async (ctx, value) => {
  const duty = (await openProgressDuties(ctx.tx, ctx.operator.openId)).find((d) => d.customerId === value.c);
  if (!duty) throw new DomainError('CONFLICT', NOTHING_OPEN);
  await enqueueSend(ctx, { openId: ctx.operator.openId }, { card: progressForm(duty, ctx.deps.config.timeZone) });
  return toast('success', i18n('已发送进展汇报表单，请在对话中填写。', 'The progress form is in your chat.'));
};

const submit: CardRun<typeof SubmitValue> = async (ctx, value) => {
  const duty = (await openProgressDuties(ctx.tx, ctx.operator.openId)).find((d) => d.obligationId === value.o);
  if (!duty) throw new DomainError('CONFLICT', NOTHING_OPEN);
  const body = formOf(ctx, ProgressForm).body ?? '';
  const tz = ctx.deps.config.timeZone;
  const done = await submitProgressReport(ctx.tx, { timeZone: tz, now: ctx.now, ids: ctx.deps.ids }, { member: ctx.operator, duty, body, source: 'form' });
  return {
    ...toast('success', i18n('进展已提交。', 'Progress report submitted.')),
    card: { type: 'raw', data: progressReportCard({ customerName: duty.customerName, reporterName: ctx.operator.name, at: ctx.now, body, nextDueAt: done.nextDueAt, timeZone: tz }) },
  };
};

export const PROGRESS_CARD_ACTIONS: CardAction[] = [
  cardAction(PROGRESS_FORM, FormValue, openForm),
  cardAction(PROGRESS_SUBMIT, SubmitValue, submit),
];
