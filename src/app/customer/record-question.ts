/**
 * Recording a customer question and, when known, when it was answered: the answer-timeliness
 * KPI compares the answer with the due time, stored now as asked + the standard answer time in
 * force (setting 问题解答时限), so a later change of the setting leaves this question's due as it
 * was. Dates are company-zone days taken at the start of working hours.
 */
import { customerQuestions } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { LIMITS } from '../../domain/customer/archive.js';
import { DomainError } from '../../domain/errors.js';
import { i18n } from '../../domain/i18n.js';
import type { Member } from '../../domain/roster.js';
import { atZonedYmd } from '../../domain/time.js';
import { loadAnswerStandards } from '../settings.js';
import { formDate, formText, recordableCustomer } from './record-common.js';
import { auditCustomer } from './store.js';

export const QUESTION_LABEL = {
  question: i18n('问题', 'Question'),
  askedOn: i18n('提问日期', 'Asked on'),
  answeredOn: i18n('解答日期', 'Answered on'),
  answer: i18n('解答', 'Answer'),
};

export async function recordQuestion(
  q: Q,
  input: { customerId: string; values: Record<string, unknown>; actor: Member },
  ctx: { now: Date; timeZone: string },
): Promise<void> {
  const row = await recordableCustomer(q, input.customerId, input.actor);
  const v = input.values;
  const question = formText(v, 'q_text', QUESTION_LABEL.question, LIMITS.text, true)!;
  const asked = formDate(v, 'q_asked', QUESTION_LABEL.askedOn);
  const answered = formDate(v, 'q_answered', QUESTION_LABEL.answeredOn);
  const answer = formText(v, 'q_answer', QUESTION_LABEL.answer, LIMITS.text);
  const askedAt = asked ? atZonedYmd(asked, ctx.timeZone, 9) : ctx.now;
  const answeredAt = answered ? atZonedYmd(answered, ctx.timeZone, 9) : null;
  if (answeredAt && answeredAt < askedAt) {
    throw new DomainError('VALIDATION', i18n('「解答日期」早于「提问日期」', 'Answered on: is before the day it was asked'));
  }
  const dueAt = new Date(askedAt.getTime() + (await loadAnswerStandards(q)).questionAnswerHours * 3_600_000);
  await q.insert(customerQuestions).values({ customerId: row.id, question, askedAt, dueAt, answeredAt, answer: answer ?? null, recordedBy: input.actor.openId, createdAt: ctx.now });
  await auditCustomer(q, ctx.now, input.actor.openId, 'customer.question', row.id, { answered: Boolean(answeredAt) });
}
