/**
 * The records part of a handover (交接): what the leaving member has open besides customers,
 * approval steps and duties. Every open record moves with its duties, or is closed with a reason
 * when it cannot move:
 * - visits and receptions still ahead of their record/report (planned, approved, recorded) →
 *   owned by the successor, so the record duty they inherit has a visit behind it;
 * - requests in the leaver's name that were rejected or returned → withdrawn with the reason
 *   (only the requester may resubmit, and they have left); a visit or reception behind one is
 *   cancelled with the same reason, so the successor plans it afresh;
 * - reimbursement drafts never filed → closed (expenses are the leaver's to claim, not the
 *   successor's); claims already in approval stay in the leaver's name and are listed;
 * - development plans' project teams → the successor takes the leaver's roles;
 * - borrowed equipment (approved loans not yet returned) cannot move: it is listed, with its
 *   return date; its return duty moves with the other duties, so the successor follows it up.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { approvalRequests, auditLog, developmentPlans, receptions, reimbursements, visits } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/client.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import type { Member } from '../../domain/roster.js';
import type { UseCaseContext } from '../approval/apply.js';
import { withdrawRequest } from '../approval/withdraw.js';
import { loanLabel, loansOut } from '../requests/equipment.js';

export interface MovedRecords {
  visits: number;
  receptions: number;
  teams: number;
  /** What was closed, one line each, with why. */
  closed: I18nText[];
  /** Borrowed equipment, one line each. */
  equipment: I18nText[];
}

const summaryOf = (s: I18nText | string): string => (typeof s === 'string' ? s : s.zh_cn);

export async function moveOpenRecords(tx: Tx, leaving: Member, successor: Member, actor: Member, ctx: UseCaseContext): Promise<MovedRecords> {
  const now = ctx.now;
  const reason = `交接 / handover: ${leaving.name} → ${successor.name}`;
  const closed: I18nText[] = [];

  // Rejected or returned requests cannot be resubmitted by anyone else: withdrawn, with the reason.
  const stuck = await tx
    .select({ id: approvalRequests.id, subjectType: approvalRequests.subjectType, subjectId: approvalRequests.subjectId, summary: approvalRequests.summary })
    .from(approvalRequests)
    .where(and(eq(approvalRequests.requesterId, leaving.openId), inArray(approvalRequests.status, ['rejected', 'returned'])));
  for (const r of stuck) {
    await withdrawRequest(tx, { requestId: r.id, requester: leaving, reason }, ctx);
    const what = r.summary;
    closed.push(i18n(`${summaryOf(what)}（已被驳回或退回，现撤回；如仍需要请重新提交）`, `${typeof what === 'string' ? what : what.en_us} (rejected or returned; withdrawn now — file it again if still needed)`));
    if (r.subjectType === 'visit') await tx.update(visits).set({ status: 'cancelled', cancelReason: reason, updatedAt: now }).where(and(eq(visits.id, r.subjectId), eq(visits.status, 'pending')));
    if (r.subjectType === 'reception') await tx.update(receptions).set({ status: 'cancelled', cancelReason: reason, updatedAt: now }).where(and(eq(receptions.id, r.subjectId), eq(receptions.status, 'pending')));
  }

  const movedVisits = await tx
    .update(visits)
    .set({ ownerId: successor.openId, updatedAt: now })
    .where(and(eq(visits.ownerId, leaving.openId), inArray(visits.status, ['pending', 'approved', 'recorded'])))
    .returning({ id: visits.id });
  const movedReceptions = await tx
    .update(receptions)
    .set({ ownerId: successor.openId, updatedAt: now })
    .where(and(eq(receptions.ownerId, leaving.openId), inArray(receptions.status, ['pending', 'approved', 'reported'])))
    .returning({ id: receptions.id });
  const audit = [
    ...movedVisits.map((v) => ({ subjectType: 'visit', subjectId: v.id })),
    ...movedReceptions.map((r) => ({ subjectType: 'reception', subjectId: r.id })),
  ].map((s) => ({ at: now, actorId: actor.openId, action: `${s.subjectType}.owner_handover`, ...s, detail: { from: leaving.openId, to: successor.openId } }));
  if (audit.length) await tx.insert(auditLog).values(audit);

  const drafts = await tx
    .update(reimbursements)
    .set({ status: 'withdrawn', updatedAt: now })
    .where(and(eq(reimbursements.ownerId, leaving.openId), eq(reimbursements.status, 'draft')))
    .returning({ id: reimbursements.id });
  if (drafts.length) {
    closed.push(i18n(`${drafts.length} 张未提交的报销草稿（费用属离职人本人，已关闭）`, `${drafts.length} unfiled reimbursement draft(s) (the leaver's own expenses; closed)`));
    await tx.insert(auditLog).values(drafts.map((d) => ({ at: now, actorId: actor.openId, action: 'reimbursement.closed_handover', subjectType: 'reimbursement', subjectId: d.id, detail: { reason } })));
  }

  // Project teams: the successor takes the leaver's roles (a role they already hold is not doubled).
  const plans = await tx.select({ id: developmentPlans.id, plan: developmentPlans.plan }).from(developmentPlans);
  let teams = 0;
  for (const p of plans) {
    if (!p.plan.team.some((t) => t.memberId === leaving.openId)) continue;
    const team = p.plan.team.map((t) => (t.memberId === leaving.openId ? { ...t, memberId: successor.openId } : t));
    const deduped = team.filter((t, i) => team.findIndex((o) => o.memberId === t.memberId && o.role === t.role) === i);
    await tx.update(developmentPlans).set({ plan: { ...p.plan, team: deduped } }).where(eq(developmentPlans.id, p.id));
    teams++;
  }

  // Loans already given back are not listed; the return duties move with the other duties.
  const equipment = (await loansOut(tx, [leaving.openId])).map((l) => {
    const label = loanLabel(l.data);
    const due = l.data.returnDate ? String(l.data.returnDate) : null;
    return i18n(`${label.zh_cn}${due ? `（应于 ${due} 归还）` : ''}`, `${label.en_us}${due ? ` (due back ${due})` : ''}`);
  });

  return { visits: movedVisits.length, receptions: movedReceptions.length, teams, closed, equipment };
}
