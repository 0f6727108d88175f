/**
 * Recording a complaint: valid (our staff's or company's fault, counted by the KPI) or not, with
 * its cause, and for a valid one optionally the staff member at fault (the KPI counts it for
 * them; otherwise for the customer's owner on that day).
 */
import { customerComplaints } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { LIMITS } from '../../domain/customer/archive.js';
import { DomainError } from '../../domain/errors.js';
import { i18n } from '../../domain/i18n.js';
import type { Member } from '../../domain/roster.js';
import { ymd } from '../../domain/time.js';
import { formChoice, formDate, formText, recordableCustomer } from './record-common.js';
import { auditCustomer, loadRosterMap } from './store.js';

const COMPLAINT_LABEL = {
  date: i18n('投诉日期', 'Date received'),
  valid: i18n('是否有效投诉', 'Valid complaint'),
  cause: i18n('原因', 'Cause'),
  description: i18n('投诉内容', 'What the customer said'),
  staff: i18n('责任人', 'Staff at fault'),
};

/** The picked staff member (a person picker sends an open_id or an array of one), checked against the roster. */
async function staffOf(q: Q, raw: unknown, valid: boolean): Promise<string | null> {
  const picked = Array.isArray(raw) ? raw[0] : raw;
  const id = typeof picked === 'string' ? picked.trim() : '';
  if (!id) return null;
  if (!valid) throw new DomainError('VALIDATION', i18n('只有有效投诉才能指定责任人；无效投诉不计入任何人，未保存。', 'Only a valid complaint names the staff at fault (an invalid one counts for nobody); nothing was saved.'));
  const m = (await loadRosterMap(q)).get(id);
  if (!m?.active || m.role === 'finance' || m.role === 'admin') {
    throw new DomainError('VALIDATION', i18n('「责任人」须为大客户部在册成员，未保存。', 'Staff at fault: must be a member of the key-account department on the roster; nothing was saved.'));
  }
  return m.openId;
}

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
  const staffId = await staffOf(q, v.cp_staff, valid);
  await q.insert(customerComplaints).values({ customerId: row.id, receivedOn, valid, cause, description: description ?? null, staffId, recordedBy: input.actor.openId, createdAt: ctx.now });
  await auditCustomer(q, ctx.now, input.actor.openId, 'customer.complaint', row.id, { valid, receivedOn, staffId });
}
