/**
 * Phone bills (话费) against the monthly limit (the `phoneBillMonthlyLimit` setting, changed by
 * an admin with 设置). Within the limit a bill is recorded at once, with no approval; over
 * it, the manager is asked with the amount over shown, and approving records it as approved
 * over the limit (smallRequestHooks). The person's bills for the same month count together;
 * their member row is locked while one is filed, so two bills filed at once cannot both slip
 * under the limit.
 */
import { and, eq, sql } from 'drizzle-orm';
import { approvalRequests, auditLog, members, smallRequests } from '../../../db/schema/index.js';
import type { Q, Tx } from '../../../db/client.js';
import { checkPhoneBill, type PhoneBillCheck } from '../../domain/requests/phone-bill.js';
import type { SmallRequestData } from '../../domain/requests/kinds.js';
import { getSettings } from '../settings.js';

/** The limit in fen (the setting is in whole yuan). */
export async function phoneBillLimit(q: Q): Promise<number> {
  return (await getSettings(q)).phoneBillMonthlyLimit * 100;
}

/**
 * This person's bills for `month` that count against the limit: recorded ones and those still
 * in approval (pending or returned for revision); a rejected or withdrawn bill does not count.
 */
async function earlierThisMonth(q: Q, requesterId: string, month: string, exceptId: string | null): Promise<number> {
  const rows = await q
    .select({ id: smallRequests.id, data: smallRequests.data, outcome: smallRequests.outcome, status: approvalRequests.status })
    .from(smallRequests)
    .leftJoin(approvalRequests, eq(approvalRequests.id, smallRequests.approvalId))
    .where(and(eq(smallRequests.requesterId, requesterId), eq(smallRequests.kind, 'phone_bill'), sql`${smallRequests.data}->>'month' = ${month}`));
  return rows
    .filter((r) => r.id !== exceptId && (r.outcome !== null || r.status === 'pending' || r.status === 'returned'))
    .reduce((sum, r) => sum + Number(r.data.amount ?? 0), 0);
}

/** Checks a bill against the limit, with the person's other bills of that month held still. */
export async function checkAgainstLimit(tx: Tx, requesterId: string, data: SmallRequestData, exceptId: string | null = null): Promise<PhoneBillCheck> {
  await tx.select({ openId: members.openId }).from(members).where(eq(members.openId, requesterId)).for('update');
  const limit = await phoneBillLimit(tx);
  return checkPhoneBill(Number(data.amount), await earlierThisMonth(tx, requesterId, String(data.month), exceptId), limit);
}

export async function auditRecorded(q: Q, now: Date, actorId: string, id: string, c: PhoneBillCheck, how: 'recorded' | 'approved_over_limit'): Promise<void> {
  await q.insert(auditLog).values({ at: now, actorId, action: `phone_bill.${how}`, subjectType: 'request', subjectId: id, detail: { amountFen: c.amountFen, limitFen: c.limitFen, overFen: c.overFen } });
}

/** Approved: the bill is recorded as approved over the limit (once; a repeated approval changes nothing). */
export async function recordApprovedOverLimit(q: Q, id: string, now: Date, approverId: string): Promise<void> {
  const [row] = await q
    .update(smallRequests)
    .set({ outcome: 'approved_over_limit', recordedAt: now, updatedAt: now })
    .where(and(eq(smallRequests.id, id), eq(smallRequests.kind, 'phone_bill'), sql`${smallRequests.outcome} is null`))
    .returning();
  if (!row) return;
  const c = checkPhoneBill(Number(row.data.amount), 0, row.limitFen ?? 0);
  await auditRecorded(q, now, approverId, id, { ...c, overFen: row.overLimitFen ?? c.overFen }, 'approved_over_limit');
}
