/**
 * Customer feedback that needs our answer (意见反馈, the feedback-timeliness KPI): recorded against
 * a customer by anyone in its owner's line (`反馈 华东机械 …`), due by the standard time in force
 * when it is raised (setting 意见反馈时限, stored with the row so a later change of the setting
 * does not rewrite history), and marked given (`已反馈 华东机械`, or the button on the open-feedback
 * card) with who gave it and when. Given once: a second mark changes nothing.
 */
import type { Ids } from '../../ids.js';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { customerFeedback } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { openFeedbackCard } from '../../../cards/customer-feedback.js';
import type { Card } from '../../../cards/kit.js';
import { LIMITS } from '../../domain/customer/archive.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, pick } from '../../domain/i18n.js';
import type { Member } from '../../domain/roster.js';
import { formatDateTime } from '../../domain/time.js';
import { enqueueSend } from '../outbox.js';
import { loadAnswerStandards } from '../settings.js';
import { formText, recordableCustomer } from './record-common.js';
import { auditCustomer, loadRosterMap, type CustomerRow } from './store.js';

export type FeedbackRow = typeof customerFeedback.$inferSelect;

const FEEDBACK_LABEL = {
  body: i18n('反馈内容', 'Feedback'),
  reply: i18n('我方答复', 'Our answer'),
};

export const openFeedbackOf = (q: Q, customerId: string): Promise<FeedbackRow[]> =>
  q.select().from(customerFeedback).where(and(eq(customerFeedback.customerId, customerId), isNull(customerFeedback.givenAt))).orderBy(asc(customerFeedback.raisedAt), asc(customerFeedback.id));

/**
 * Records the customer's feedback as raised now, due after the standard time. The owner hears of
 * it when someone else recorded it (it is theirs to answer).
 */
export async function recordFeedback(
  q: Q,
  input: { customerId: string; body: unknown; actor: Member },
  ctx: { now: Date; timeZone: string; ids: Ids },
): Promise<{ feedback: FeedbackRow; customer: CustomerRow }> {
  const customer = await recordableCustomer(q, input.customerId, input.actor);
  const body = formText({ b: input.body }, 'b', FEEDBACK_LABEL.body, LIMITS.text, true)!;
  const hours = (await loadAnswerStandards(q)).feedbackAnswerHours;
  const dueAt = new Date(ctx.now.getTime() + hours * 3_600_000);
  const [feedback] = await q
    .insert(customerFeedback)
    .values({ customerId: customer.id, body, raisedAt: ctx.now, dueAt, standardHours: hours, recordedBy: input.actor.openId, createdAt: ctx.now })
    .returning();
  await auditCustomer(q, ctx.now, input.actor.openId, 'customer.feedback', customer.id, { feedbackId: feedback!.id, dueAt: dueAt.toISOString() });
  if (customer.ownerId && customer.ownerId !== input.actor.openId) {
    const owner = (await loadRosterMap(q)).get(customer.ownerId);
    if (owner?.active) {
      const due = formatDateTime(dueAt, ctx.timeZone);
      await enqueueSend({ tx: q, deps: ctx }, { openId: owner.openId }, {
        text: pick(i18n(
          `${input.actor.name} 记录了「${customer.name}」的意见反馈，须在 ${due} 前反馈：${body.slice(0, 80)}\n反馈后发送「已反馈 ${customer.name}」。`,
          `${input.actor.name} recorded feedback from ${customer.name}, to be answered by ${due}: ${body.slice(0, 80)}\nOnce answered, send "feedback given ${customer.name}".`,
        ), owner.locale),
      });
    }
  }
  return { feedback: feedback!, customer };
}

/** Marks one open item given now, by the actor (someone in the owner's line), with an optional note of what was said. */
export async function giveFeedback(q: Q, input: { feedbackId: number; reply?: unknown; actor: Member }, ctx: { now: Date }): Promise<{ feedback: FeedbackRow; customer: CustomerRow }> {
  const [before] = await q.select().from(customerFeedback).where(eq(customerFeedback.id, input.feedbackId));
  if (!before) throw new DomainError('NOT_FOUND', i18n('找不到这条意见反馈。', 'That feedback was not found.'));
  const customer = await recordableCustomer(q, before.customerId, input.actor);
  const reply = formText({ r: input.reply }, 'r', FEEDBACK_LABEL.reply, LIMITS.text) ?? null;
  const [feedback] = await q
    .update(customerFeedback)
    .set({ givenAt: ctx.now, givenBy: input.actor.openId, reply })
    .where(and(eq(customerFeedback.id, before.id), isNull(customerFeedback.givenAt)))
    .returning();
  if (!feedback) throw new DomainError('CONFLICT', i18n('这条意见已经反馈过了。', 'This feedback has already been answered.'));
  const onTime = feedback.givenAt!.getTime() <= feedback.dueAt.getTime();
  await auditCustomer(q, ctx.now, input.actor.openId, 'customer.feedback_given', customer.id, { feedbackId: feedback.id, onTime });
  return { feedback, customer };
}

/** The customer's open feedback as a card, each with a button to mark it given; null when none is open. */
export async function openFeedbackCardFor(q: Q, customerId: string, actor: Member, timeZone: string, now: Date): Promise<Card | null> {
  const customer = await recordableCustomer(q, customerId, actor);
  const open = await openFeedbackOf(q, customer.id);
  return open.length ? openFeedbackCard({ customerName: customer.name, items: open.map((x) => ({ id: x.id, body: x.body, raisedAt: x.raisedAt, dueAt: x.dueAt })), timeZone, now }) : null;
}
