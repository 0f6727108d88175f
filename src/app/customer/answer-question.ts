/**
 * Answering a customer question later (解答): a question recorded without its answer stays open
 * until someone in the owner's line answers it, by chat or on the open-questions card. The
 * answer time is when the answer is recorded, which the answer-timeliness KPI compares with the
 * time the question was asked. An answered question is not answered twice.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { customerQuestions } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { openQuestionsCard } from '../../../cards/customer-questions.js';
import type { Card } from '../../../cards/kit.js';
import { LIMITS } from '../../domain/customer/archive.js';
import { DomainError } from '../../domain/errors.js';
import { i18n } from '../../domain/i18n.js';
import type { Member } from '../../domain/roster.js';
import { formText, recordableCustomer } from './record-common.js';
import { QUESTION_LABEL } from './record-question.js';
import { auditCustomer, type CustomerRow } from './store.js';

export type QuestionRow = typeof customerQuestions.$inferSelect;

export const openQuestionsOf = (q: Q, customerId: string): Promise<QuestionRow[]> =>
  q.select().from(customerQuestions).where(and(eq(customerQuestions.customerId, customerId), isNull(customerQuestions.answeredAt))).orderBy(asc(customerQuestions.askedAt), asc(customerQuestions.id));

export async function answerQuestion(q: Q, input: { questionId: number; answer: unknown; actor: Member }, ctx: { now: Date }): Promise<{ question: QuestionRow; customer: CustomerRow }> {
  const [before] = await q.select().from(customerQuestions).where(eq(customerQuestions.id, input.questionId));
  if (!before) throw new DomainError('NOT_FOUND', i18n('找不到这个客户问题。', 'That customer question was not found.'));
  const customer = await recordableCustomer(q, before.customerId, input.actor);
  const answer = formText({ a: input.answer }, 'a', QUESTION_LABEL.answer, LIMITS.text, true)!;
  const [question] = await q
    .update(customerQuestions)
    .set({ answer, answeredAt: ctx.now })
    .where(and(eq(customerQuestions.id, before.id), isNull(customerQuestions.answeredAt)))
    .returning();
  if (!question) throw new DomainError('CONFLICT', i18n('这个问题已经解答过了。', 'This question has already been answered.'));
  await auditCustomer(q, ctx.now, input.actor.openId, 'customer.question_answered', customer.id, { questionId: question.id, askedAt: before.askedAt.toISOString() });
  return { question, customer };
}

/** The customer's open questions as a card, each with its answer form; null when none is open. */
export async function openQuestionsCardFor(q: Q, customerId: string, actor: Member, timeZone: string): Promise<Card | null> {
  const customer = await recordableCustomer(q, customerId, actor);
  const open = await openQuestionsOf(q, customer.id);
  return open.length ? openQuestionsCard({ customerName: customer.name, questions: open.map((x) => ({ id: x.id, question: x.question, askedAt: x.askedAt })), timeZone }) : null;
}
