/**
 * Files a small request from its form, or refiles it after edits. The form values are checked
 * and normalised first (a bad amount or date refuses the whole form and stores nothing); the
 * approval chain is then started or resubmitted through the generic approval use cases.
 */
import { eq } from 'drizzle-orm';
import { smallRequests } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/client.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import type { Member } from '../../domain/roster.js';
import { hasMoney, parseSmallRequest, smallRequestRows, smallRequestSummary, type SmallRequestKind } from '../../domain/requests/kinds.js';
import type { UseCaseContext } from '../approval/apply.js';
import type { EffectOptions } from '../approval/effects.js';
import { resubmitRequest } from '../approval/resubmit.js';
import { submitRequest } from '../approval/submit.js';
import { SMALL_REQUEST_SUBJECT } from './hooks.js';

const alreadyFiled = (): DomainError =>
  new DomainError('CONFLICT', i18n('此表单已提交过，请勿重复提交。', 'This form has already been submitted.'));

export async function fileSmallRequest(
  tx: Tx,
  input: { kind: SmallRequestKind; requester: Member; form: Record<string, unknown>; formMessageId: string | null },
  ctx: UseCaseContext,
): Promise<{ requestId: string; smallRequestId: string; summary: I18nText }> {
  if (input.kind === 'target_change') {
    // The free-form kind is history: a change is now asked against the recorded target.
    throw new DomainError('PRECONDITION_FAILED', i18n('销售指标调整请发送「指标调整」，按已设定的指标提交；此表单已停用，未提交任何内容。', 'To change a sales target send "change target" and pick the recorded target; this form is retired and nothing was filed.'));
  }
  const data = parseSmallRequest(input.kind, input.form, ctx.now, ctx.deps.config.timeZone);
  const id = crypto.randomUUID();
  const summary = smallRequestSummary(input.kind, data);
  const { requestId } = await submitRequest(
    tx,
    { kind: input.kind, subjectType: SMALL_REQUEST_SUBJECT, subjectId: id, requester: input.requester, fields: smallRequestRows(input.kind, data), summary, hasBudget: hasMoney(input.kind, data) },
    ctx,
  );
  // The unique form message id makes a second Submit from the same card a no-op; the caller's
  // savepoint then undoes the chain this attempt started.
  const inserted = await tx
    .insert(smallRequests)
    .values({ id, kind: input.kind, requesterId: input.requester.openId, data, approvalId: requestId, formMessageId: input.formMessageId, createdAt: ctx.now, updatedAt: ctx.now })
    .onConflictDoNothing()
    .returning({ id: smallRequests.id });
  if (!inserted.length) throw alreadyFiled();
  return { requestId, smallRequestId: id, summary };
}

export async function refileSmallRequest(
  tx: Tx,
  input: { approvalId: string; kind: SmallRequestKind; requester: Member; form: Record<string, unknown>; version: number | undefined },
  ctx: UseCaseContext,
  o: EffectOptions = {},
) {
  const [req] = await tx.select().from(smallRequests).where(eq(smallRequests.approvalId, input.approvalId));
  if (!req || req.kind !== input.kind) throw new DomainError('NOT_FOUND', i18n('找不到该申请。', 'That request was not found.'));
  const data = parseSmallRequest(req.kind, input.form, ctx.now, ctx.deps.config.timeZone);
  const applied = await resubmitRequest(
    tx,
    { requestId: input.approvalId, requester: input.requester, fields: smallRequestRows(req.kind, data), summary: smallRequestSummary(req.kind, data), hasBudget: hasMoney(req.kind, data), version: input.version },
    ctx,
    o,
  );
  await tx.update(smallRequests).set({ data, updatedAt: ctx.now }).where(eq(smallRequests.id, req.id));
  return applied;
}
