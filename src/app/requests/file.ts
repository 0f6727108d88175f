/**
 * Files a small request from its form, or refiles it after edits. The form values are checked
 * and normalised first (a bad amount or date refuses the whole form and stores nothing); the
 * approval chain is then started or resubmitted through the generic approval use cases.
 */
import { eq } from 'drizzle-orm';
import { smallRequests } from '../../../db/schema/index.js';
import type { Q, Tx } from '../../../db/client.js';
import { requestFormCard } from '../../../cards/request-form.js';
import type { Card } from '../../../cards/kit.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, pick, type I18nText } from '../../domain/i18n.js';
import type { Member } from '../../domain/roster.js';
import { hasMoney, parseSmallRequest, smallRequestRows, smallRequestSummary, type SmallRequestData, type SmallRequestKind } from '../../domain/requests/kinds.js';
import { overLimitSummary, phoneBillLimitRows, recordedNotice, type PhoneBillCheck } from '../../domain/requests/phone-bill.js';
import type { FieldRow } from '../../domain/approval/view.js';
import { customerNames, readTripCustomers, travellerCustomers } from '../travel/trip-change.js';
import type { UseCaseContext } from '../approval/apply.js';
import type { EffectOptions } from '../approval/effects.js';
import { resubmitRequest } from '../approval/resubmit.js';
import { submitRequest } from '../approval/submit.js';
import { withdrawRequest } from '../approval/withdraw.js';
import { SMALL_REQUEST_SUBJECT } from '../../domain/requests/kinds.js';
import { auditRecorded, checkAgainstLimit, phoneBillLimit } from './phone-bill.js';

/** What the approver sees and the list line: a phone bill over the limit adds the limit and the amount over. */
function approvalText(kind: SmallRequestKind, data: SmallRequestData, rows: FieldRow[], bill: PhoneBillCheck | null): { fields: FieldRow[]; summary: I18nText } {
  if (!bill) return { fields: rows, summary: smallRequestSummary(kind, data) };
  return { fields: [...rows, ...phoneBillLimitRows(bill)], summary: overLimitSummary(String(data.month), bill) };
}

const billColumns = (bill: PhoneBillCheck | null) => (bill ? { limitFen: bill.limitFen, overLimitFen: bill.overFen } : {});

/** The customers a travel request links, as stored in its data: ids joined by commas (the data holds scalars). */
export const linkedCustomerIds = (data: SmallRequestData): string[] =>
  typeof data.customers === 'string' && data.customers ? data.customers.split(',').filter(Boolean) : [];

/**
 * The form as checked and normalised, with a travel request's linked customers (出差关联客户,
 * each the traveller's own) added to its data, and its rows for the approval card.
 */
async function readForm(q: Q, kind: SmallRequestKind, requesterId: string, form: Record<string, unknown>, now: Date, timeZone: string): Promise<{ data: SmallRequestData; rows: FieldRow[] }> {
  const data = parseSmallRequest(kind, form, now, timeZone);
  const rows = smallRequestRows(kind, data);
  if (kind !== 'travel') return { data, rows };
  const ids = await readTripCustomers(q, requesterId, form.customers);
  data.customers = ids.length ? ids.join(',') : null;
  if (ids.length) rows.push({ label: i18n('关联客户', 'Customers'), value: (await customerNames(q, ids)).join('、') });
  return { data, rows };
}

/** A new request's form; the travel form offers the traveller's customers to link. */
export async function newRequestForm(q: Q, kind: SmallRequestKind, requesterId: string, now: Date, timeZone: string, edit?: { requestId: string; version: number; values: Record<string, string>; customers: string[] }): Promise<Card> {
  const customers = kind === 'travel' ? { options: await travellerCustomers(q, requesterId), selected: edit?.customers ?? [] } : undefined;
  const limit = kind === 'phone_bill' ? { phoneBillLimitFen: await phoneBillLimit(q) } : {};
  return requestFormCard(kind, { now, timeZone, ...limit, ...(customers ? { customers } : {}), ...(edit ? { values: edit.values, edit: { requestId: edit.requestId, version: edit.version } } : {}) });
}

const alreadyFiled = (): DomainError =>
  new DomainError('CONFLICT', i18n('此表单已提交过，请勿重复提交。', 'This form has already been submitted.'));

export async function fileSmallRequest(
  tx: Tx,
  input: { kind: SmallRequestKind; requester: Member; form: Record<string, unknown>; formMessageId: string | null },
  ctx: UseCaseContext,
): Promise<{ requestId: string | null; smallRequestId: string; summary: I18nText; recorded: I18nText | null }> {
  if (input.kind === 'target_change') {
    // The free-form kind is history: a change is now asked against the recorded target.
    throw new DomainError('PRECONDITION_FAILED', i18n('销售指标调整请发送「指标调整」，按已设定的指标提交；此表单已停用，未提交任何内容。', 'To change a sales target send "change target" and pick the recorded target; this form is retired and nothing was filed.'));
  }
  const { data, rows } = await readForm(tx, input.kind, input.requester.openId, input.form, ctx.now, ctx.deps.config.timeZone);
  const id = ctx.deps.ids.newId();
  const bill = input.kind === 'phone_bill' ? await checkAgainstLimit(tx, input.requester.openId, data) : null;
  if (bill?.withinLimit) {
    // Within the monthly limit: recorded now, nobody asked (§2.2 art.18).
    const inserted = await tx
      .insert(smallRequests)
      .values({ id, kind: input.kind, requesterId: input.requester.openId, data, approvalId: null, formMessageId: input.formMessageId, ...billColumns(bill), outcome: 'recorded', recordedAt: ctx.now, createdAt: ctx.now, updatedAt: ctx.now })
      .onConflictDoNothing()
      .returning({ id: smallRequests.id });
    if (!inserted.length) throw alreadyFiled();
    await auditRecorded(tx, ctx.now, input.requester.openId, id, bill, 'recorded');
    return { requestId: null, smallRequestId: id, summary: smallRequestSummary(input.kind, data), recorded: recordedNotice(String(data.month), bill) };
  }
  const { fields, summary } = approvalText(input.kind, data, rows, bill);
  const { requestId } = await submitRequest(
    tx,
    { kind: input.kind, subjectType: SMALL_REQUEST_SUBJECT, subjectId: id, requester: input.requester, fields, summary, hasBudget: hasMoney(input.kind, data) },
    ctx,
  );
  // The unique form message id makes a second Submit from the same card a no-op; the caller's
  // savepoint then undoes the chain this attempt started.
  const inserted = await tx
    .insert(smallRequests)
    .values({ id, kind: input.kind, requesterId: input.requester.openId, data, approvalId: requestId, formMessageId: input.formMessageId, ...billColumns(bill), createdAt: ctx.now, updatedAt: ctx.now })
    .onConflictDoNothing()
    .returning({ id: smallRequests.id });
  if (!inserted.length) throw alreadyFiled();
  return { requestId, smallRequestId: id, summary, recorded: null };
}

export async function refileSmallRequest(
  tx: Tx,
  input: { approvalId: string; kind: SmallRequestKind; requester: Member; form: Record<string, unknown>; version: number | undefined },
  ctx: UseCaseContext,
  o: EffectOptions = {},
) {
  const [req] = await tx.select().from(smallRequests).where(eq(smallRequests.approvalId, input.approvalId));
  if (!req || req.kind !== input.kind) throw new DomainError('NOT_FOUND', i18n('找不到该申请。', 'That request was not found.'));
  const { data, rows } = await readForm(tx, req.kind, req.requesterId, input.form, ctx.now, ctx.deps.config.timeZone);
  const bill = req.kind === 'phone_bill' ? await checkAgainstLimit(tx, req.requesterId, data, req.id) : null;
  if (bill?.withinLimit) {
    // Edited down to within the limit: nothing is left to approve, so the request is withdrawn and the bill recorded.
    const applied = await withdrawRequest(tx, { requestId: input.approvalId, requester: input.requester, reason: pick(i18n('修改后未超出每月标准，已直接登记。', 'Within the monthly limit after the edit; recorded without approval.'), input.requester.locale), version: input.version }, ctx, o);
    await tx.update(smallRequests).set({ data, ...billColumns(bill), outcome: 'recorded', recordedAt: ctx.now, updatedAt: ctx.now }).where(eq(smallRequests.id, req.id));
    await auditRecorded(tx, ctx.now, input.requester.openId, req.id, bill, 'recorded');
    return { ...applied, recorded: recordedNotice(String(data.month), bill), summary: smallRequestSummary(req.kind, data) };
  }
  const { fields, summary } = approvalText(req.kind, data, rows, bill);
  const applied = await resubmitRequest(
    tx,
    { requestId: input.approvalId, requester: input.requester, fields, summary, hasBudget: hasMoney(req.kind, data), version: input.version },
    ctx,
    o,
  );
  await tx.update(smallRequests).set({ data, ...billColumns(bill), updatedAt: ctx.now }).where(eq(smallRequests.id, req.id));
  return { ...applied, recorded: null as I18nText | null, summary: smallRequestSummary(req.kind, data) };
}
