/**
 * Equipment loans (设备借用, domain.md §3.6): an approved loan owes its return by the agreed day.
 * The 'equipment_return' duty is opened on approval and rides the usual ladder (that morning in
 * the borrower's digest, then daily while overdue, the manager once); recording the return — by
 * `归还` in chat or the digest's button — closes it. Whoever holds the duty after a handover
 * follows the return up and may record it too.
 */
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import { approvalRequests, auditLog, smallRequests } from '../../../db/schema/index.js';
import type { Q, Tx } from '../../../db/client.js';
import { EQUIPMENT_RETURN, equipmentLoansCard } from '../../../cards/equipment-return.js';
import type { Card } from '../../../cards/kit.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, pick, type I18nText } from '../../domain/i18n.js';
import { SMALL_REQUEST_FIELDS, type SmallRequestData } from '../../domain/requests/kinds.js';
import { isAdmin, managerIdOf, type Member, type Roster } from '../../domain/roster.js';
import { atZonedYmd, ymd } from '../../domain/time.js';
import { enqueueSend } from '../outbox.js';
import { loadRosterMap } from '../customer/store.js';
import type { Deps } from '../deps.js';
import { closeObligation, obligationsOf, openDutiesOfOwner, openObligationFor } from '../obligations/index.js';

const LOAN_SUBJECT = 'request';

/** "相机 索尼 A7": the kind of equipment and what the borrower wrote about it. */
export function loanLabel(data: SmallRequestData): I18nText {
  const kinds = SMALL_REQUEST_FIELDS.equipment.find((f) => f.name === 'item')?.options ?? [];
  const label = kinds.find((o) => o.value === data.item)?.label ?? i18n(String(data.item), String(data.item));
  const detail = data.detail ? ` ${data.detail}` : '';
  return i18n(`${label.zh_cn}${detail}`, `${label.en_us}${detail}`);
}

/** Called when a loan is approved: its return becomes a duty of the borrower, due on the agreed day. */
export async function openReturnDuty(q: Q, timeZone: string, loan: { id: string; requesterId: string; data: SmallRequestData }): Promise<void> {
  if (!loan.data.returnDate) return;
  const roster = await loadRosterMap(q);
  await openObligationFor(q, timeZone, {
    kind: 'equipment_return', subjectType: LOAN_SUBJECT, subjectId: loan.id, ownerId: loan.requesterId, managerId: managerIdOf(roster, loan.requesterId),
    anchorAt: atZonedYmd(String(loan.data.returnDate), timeZone),
    meta: { title: loanLabel(loan.data).zh_cn, action: { k: EQUIPMENT_RETURN, r: loan.id } },
  });
}

export interface OpenLoan {
  id: string;
  requesterId: string;
  label: I18nText;
  returnDate: string | null;
}

/**
 * Approved loans not yet given back that this person may record: their own, and those whose
 * return duty they hold (a handover's successor).
 */
export async function openLoansFor(q: Q, openId: string): Promise<OpenLoan[]> {
  const held = await openDutiesOfOwner(q, 'equipment_return', openId);
  const whose = held.length ? or(eq(smallRequests.requesterId, openId), inArray(smallRequests.id, held.map((h) => h.subjectId))) : eq(smallRequests.requesterId, openId);
  const rows = await q
    .select({ id: smallRequests.id, requesterId: smallRequests.requesterId, data: smallRequests.data })
    .from(smallRequests)
    .innerJoin(approvalRequests, eq(approvalRequests.id, smallRequests.approvalId))
    .where(and(whose, eq(smallRequests.kind, 'equipment'), eq(approvalRequests.status, 'approved'), isNull(smallRequests.returnedAt)));
  return rows
    .map((r) => ({ id: r.id, requesterId: r.requesterId, label: loanLabel(r.data), returnDate: r.data.returnDate ? String(r.data.returnDate) : null }))
    .sort((a, b) => String(a.returnDate).localeCompare(String(b.returnDate)));
}

/**
 * Records a loan as given back. The borrower, whoever holds its return duty, the borrower's
 * manager (who lent it) or an admin may; the borrower is told when someone else recorded it.
 */
export async function recordReturn(tx: Tx, input: { loanId: string; actor: Member }, ctx: { deps: Deps; now: Date; roster?: Roster }): Promise<{ label: I18nText }> {
  const [loan] = await tx.select().from(smallRequests).where(and(eq(smallRequests.id, input.loanId), eq(smallRequests.kind, 'equipment')));
  if (!loan) throw new DomainError('NOT_FOUND', i18n('找不到这笔设备借用。', 'That equipment loan was not found.'));
  const label = loanLabel(loan.data);
  if (loan.returnedAt) throw new DomainError('CONFLICT', i18n(`「${label.zh_cn}」已登记归还。`, `${label.en_us} is already recorded as returned.`));
  const [req] = loan.approvalId ? await tx.select({ status: approvalRequests.status }).from(approvalRequests).where(eq(approvalRequests.id, loan.approvalId)) : [];
  if (req?.status !== 'approved') throw new DomainError('PRECONDITION_FAILED', i18n('这笔借用尚未批准，无需登记归还。', 'This loan is not approved; there is nothing to return.'));
  const roster = await loadRosterMap(tx, ctx.roster);
  const actor = roster.get(input.actor.openId) ?? input.actor;
  const holders = (await obligationsOf(tx, 'equipment_return', { type: LOAN_SUBJECT, id: loan.id })).filter((h) => !h.cancelledAt);
  const may = actor.openId === loan.requesterId || holders.some((h) => h.ownerId === actor.openId) || managerIdOf(roster, loan.requesterId) === actor.openId || isAdmin(actor, ctx.deps.config.admins);
  if (!may) throw new DomainError('FORBIDDEN', i18n('只有借用人、其经理或管理员可以登记归还。', 'Only the borrower, their manager or an admin can record the return.'));
  const [saved] = await tx
    .update(smallRequests)
    .set({ returnedAt: ctx.now, returnedBy: actor.openId, updatedAt: ctx.now })
    .where(and(eq(smallRequests.id, loan.id), isNull(smallRequests.returnedAt)))
    .returning({ id: smallRequests.id });
  if (!saved) throw new DomainError('CONFLICT', i18n(`「${label.zh_cn}」已登记归还。`, `${label.en_us} is already recorded as returned.`));
  await closeObligation(tx, 'equipment_return', { type: LOAN_SUBJECT, id: loan.id }, ctx.now);
  await tx.insert(auditLog).values({ at: ctx.now, actorId: actor.openId, action: 'equipment.returned', subjectType: LOAN_SUBJECT, subjectId: loan.id, detail: { borrower: loan.requesterId } });
  const borrower = roster.get(loan.requesterId);
  if (borrower?.active && borrower.openId !== actor.openId) {
    await enqueueSend({ tx, deps: ctx.deps }, { openId: borrower.openId }, { text: pick(i18n(`${actor.name} 已登记「${label.zh_cn}」归还。`, `${actor.name} recorded ${label.en_us} as returned.`), borrower.locale) });
  }
  return { label };
}

/** Loans still out, for the handover list (one line each, with the return day). */
export async function loansOut(q: Q, requesterIds: readonly string[]): Promise<{ id: string; data: SmallRequestData }[]> {
  if (!requesterIds.length) return [];
  return q
    .select({ id: smallRequests.id, data: smallRequests.data })
    .from(smallRequests)
    .innerJoin(approvalRequests, eq(approvalRequests.id, smallRequests.approvalId))
    .where(and(inArray(smallRequests.requesterId, [...requesterIds]), eq(smallRequests.kind, 'equipment'), eq(approvalRequests.status, 'approved'), isNull(smallRequests.returnedAt)));
}

/** The person's loans still out, as the `归还` card shows them (overdue ones marked). */
export async function loansCardFor(q: Q, member: Member, now: Date, timeZone: string, notice?: I18nText | null): Promise<Card> {
  const roster = await loadRosterMap(q);
  const today = ymd(now, timeZone);
  const loans = await openLoansFor(q, member.openId);
  return equipmentLoansCard({
    loans: loans.map((l) => ({
      id: l.id, label: l.label, returnDate: l.returnDate, overdue: !!l.returnDate && l.returnDate < today,
      borrowerName: l.requesterId === member.openId ? null : (roster.get(l.requesterId)?.name ?? l.requesterId),
    })),
    notice: notice ?? null,
  });
}
