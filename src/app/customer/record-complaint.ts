/** Recording a complaint: valid (our staff's or company's fault, counted by the KPI) or not, with its cause. */
import { customerComplaints } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { LIMITS } from '../../domain/customer/archive.js';
import { i18n } from '../../domain/i18n.js';
import type { Member } from '../../domain/roster.js';
import { ymd } from '../../domain/time.js';
import { formChoice, formDate, formText, recordableCustomer } from './record-common.js';
import { auditCustomer } from './store.js';

export const COMPLAINT_LABEL = {
  date: i18n('投诉日期', 'Date received'),
  valid: i18n('是否有效投诉', 'Valid complaint'),
  cause: i18n('原因', 'Cause'),
  description: i18n('投诉内容', 'What the customer said'),
};

export async function recordComplaint(
  q: Q,
  input: { customerId: string; values: Record<string, unknown>; actor: Member },
  ctx: { now: Date; timeZone: string },
): Promise<void> {
  const row = await recordableCustomer(q, input.customerId, input.actor);
  const v = input.values;
  const valid = formChoice(v, 'cp_valid', COMPLAINT_LABEL.valid, ['valid', 'invalid'], true) === 'valid';
  const cause = formText(v, 'cp_cause', COMPLAINT_LABEL.cause, LIMITS.text, true)!;
  const description = formText(v, 'cp_desc', COMPLAINT_LABEL.description, LIMITS.text);
  const receivedOn = formDate(v, 'cp_date', COMPLAINT_LABEL.date) ?? ymd(ctx.now, ctx.timeZone);
  await q.insert(customerComplaints).values({ customerId: row.id, receivedOn, valid, cause, description: description ?? null, recordedBy: input.actor.openId, createdAt: ctx.now });
  await auditCustomer(q, ctx.now, input.actor.openId, 'customer.complaint', row.id, { valid, receivedOn });
}
