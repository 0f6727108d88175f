/**
 * Starting a reimbursement (费用报销) of a visit or reception. The gate comes first: a visit
 * without a confirmed record, or a reception without its report, is refused with exactly what
 * is missing and a button to send it — and nothing is stored. Past the gate the person's draft
 * for that record is created (or reused), so receipts sent as images attach to it.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { customers, receptions, reimbursements, visits } from '../../../db/schema/index.js';
import type { Q, Tx } from '../../../db/client.js';
import type { Card } from '../../../cards/kit.js';
import { reimbursementFormCard, reimbursementGateCard } from '../../../cards/reimbursement-form.js';
import { DomainError } from '../../domain/errors.js';
import { i18n } from '../../domain/i18n.js';
import type { Member } from '../../domain/roster.js';
import { formatFriendly } from '../../domain/time.js';
import { RECEPTION_STATUS_LABEL, VISIT_STATUS_LABEL } from '../../domain/visit/types.js';
import type { Ids } from '../../ids.js';

export type ReimbKind = 'visit' | 'reception';

export interface Reimbursable {
  t: ReimbKind;
  s: string;
  ownerId: string;
  customerName: string;
  at: Date;
  status: string;
  budgetFen: number;
}

export const reimbLabel = (r: Pick<Reimbursable, 't' | 'customerName' | 'at'>, tz: string): string =>
  `${r.t === 'visit' ? '拜访' : '接待'} · ${r.customerName} · ${formatFriendly(r.at, tz, 'zh_cn')}`;

export async function loadReimbursable(q: Q, t: ReimbKind, id: string): Promise<Reimbursable> {
  const table = t === 'visit' ? visits : receptions;
  const at = t === 'visit' ? visits.visitAt : receptions.receptionAt;
  const [row] = await q
    .select({ ownerId: table.ownerId, status: table.status, budgetFen: table.budgetFen, at, name: customers.name })
    .from(table)
    .innerJoin(customers, eq(customers.id, table.customerId))
    .where(eq(table.id, id));
  if (!row) throw new DomainError('NOT_FOUND', i18n('找不到要报销的拜访或接待。', 'That visit or reception was not found.'));
  return { t, s: id, ownerId: row.ownerId, customerName: row.name, at: row.at, status: row.status, budgetFen: row.budgetFen };
}

/** A claim in approval or paid: the visit or reception cannot be claimed again. A rejected or withdrawn one can. */
export const LIVE_CLAIM = ['submitted', 'approved'] as const;

/** The person's visits and receptions that may be reimbursed and have no live claim. */
export async function reimbursablesOf(q: Q, ownerId: string): Promise<Reimbursable[]> {
  const filed = await q
    .select({ s: reimbursements.subjectId })
    .from(reimbursements)
    .where(and(eq(reimbursements.ownerId, ownerId), inArray(reimbursements.status, [...LIVE_CLAIM])));
  const done = new Set(filed.map((f) => f.s));
  const vs = await q
    .select({ id: visits.id, status: visits.status, budgetFen: visits.budgetFen, at: visits.visitAt, name: customers.name })
    .from(visits)
    .innerJoin(customers, eq(customers.id, visits.customerId))
    .where(and(eq(visits.ownerId, ownerId), inArray(visits.status, ['approved', 'recorded'])));
  const rs = await q
    .select({ id: receptions.id, status: receptions.status, budgetFen: receptions.budgetFen, at: receptions.receptionAt, name: customers.name })
    .from(receptions)
    .innerJoin(customers, eq(customers.id, receptions.customerId))
    .where(and(eq(receptions.ownerId, ownerId), inArray(receptions.status, ['approved', 'reported'])));
  return [
    ...vs.map((v) => ({ t: 'visit' as const, s: v.id, ownerId, customerName: v.name, at: v.at, status: v.status, budgetFen: v.budgetFen })),
    ...rs.map((r) => ({ t: 'reception' as const, s: r.id, ownerId, customerName: r.name, at: r.at, status: r.status, budgetFen: r.budgetFen })),
  ]
    .filter((r) => !done.has(r.s))
    .sort((a, b) => b.at.getTime() - a.at.getTime());
}

/** The refusal card when the record or report is missing, else null. */
export function gateFor(r: Reimbursable, tz: string): Card | null {
  if (r.t === 'visit' && r.status !== 'recorded') {
    return reimbursementGateCard({ kind: 'visit', subjectId: r.s, subject: reimbLabel(r, tz), state: VISIT_STATUS_LABEL[r.status as keyof typeof VISIT_STATUS_LABEL] });
  }
  if (r.t === 'reception' && r.status !== 'reported') {
    return reimbursementGateCard({ kind: 'reception', subjectId: r.s, subject: reimbLabel(r, tz), state: RECEPTION_STATUS_LABEL[r.status as keyof typeof RECEPTION_STATUS_LABEL] });
  }
  return null;
}

/** Refused (the gate card) or the draft's form card. */
export async function startReimbursement(tx: Tx, input: { t: ReimbKind; s: string; actor: Member; now: Date; timeZone: string; ids: Ids }): Promise<{ refused: boolean; card: Card; id?: string }> {
  const r = await loadReimbursable(tx, input.t, input.s);
  if (r.ownerId !== input.actor.openId) throw new DomainError('FORBIDDEN', i18n('只能报销自己负责的拜访或接待。', 'You can only claim for your own visits and receptions.'));
  const gate = gateFor(r, input.timeZone);
  if (gate) return { refused: true, card: gate };
  const existing = await tx.select().from(reimbursements).where(and(eq(reimbursements.subjectType, r.t), eq(reimbursements.subjectId, r.s))).orderBy(desc(reimbursements.createdAt));
  if (existing.some((e) => (LIVE_CLAIM as readonly string[]).includes(e.status))) throw new DomainError('CONFLICT', i18n('这一项已经提交过报销。', 'A claim for this has already been filed.'));
  let draft = existing.find((e) => e.status === 'draft');
  if (!draft) {
    // Filed again after a rejection or withdrawal: the receipts already sent come along.
    const ended = existing.find((e) => e.status === 'rejected' || e.status === 'withdrawn');
    [draft] = await tx
      .insert(reimbursements)
      .values({ id: input.ids.newId(), ownerId: input.actor.openId, subjectType: r.t, subjectId: r.s, status: 'draft', receipts: ended?.receipts ?? [], createdAt: input.now, updatedAt: input.now })
      .returning();
  } else {
    // The newest draft is the one receipts attach to.
    await tx.update(reimbursements).set({ updatedAt: input.now }).where(eq(reimbursements.id, draft.id));
  }
  return { refused: false, id: draft!.id, card: reimbursementFormCard({ id: draft!.id, subject: reimbLabel(r, input.timeZone), budgetFen: r.budgetFen, receipts: draft!.receipts.length }) };
}
