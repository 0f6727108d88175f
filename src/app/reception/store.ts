/** Loading receptions and keeping their cards true (one card per reception, like visits). */
import { eq } from 'drizzle-orm';
import { receptions } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { receptionCard } from '../../../cards/reception-card.js';
import type { Card } from '../../../cards/kit.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import { enqueueSend, refreshCards, type Subject } from '../outbox.js';
import { loadCustomer, loadRosterMap } from '../customer/store.js';
import type { Deps } from '../deps.js';
import { planApproval } from '../visit/store.js';

export type ReceptionRow = typeof receptions.$inferSelect;
export const RECEPTION_SUBJECT = 'reception';
export const receptionSubject = (id: string): Subject => ({ type: RECEPTION_SUBJECT, id });

export const receptionChanged = (): DomainError =>
  new DomainError('CONFLICT', i18n('这次接待刚被修改过，请看最新的卡片。', 'The reception was just changed; see the latest card.'));

export async function loadReception(q: Q, id: string): Promise<ReceptionRow> {
  const [row] = await q.select().from(receptions).where(eq(receptions.id, id));
  if (!row) throw new DomainError('NOT_FOUND', i18n('找不到该接待。', 'That reception was not found.'));
  return row;
}

export async function receptionCardOf(q: Q, deps: Deps, row: ReceptionRow, notice?: I18nText | null): Promise<Card> {
  const roster = await loadRosterMap(q);
  const customer = await loadCustomer(q, row.customerId);
  const { approvalNote, approval } = await planApproval(q, row);
  return receptionCard({
    id: row.id, customerName: customer.name, ownerName: roster.get(row.ownerId)?.name ?? row.ownerId, status: row.status, at: row.receptionAt,
    plan: row.plan, report: row.report, cancelReason: row.cancelReason, nameOf: (id) => roster.get(id)?.name ?? id, timeZone: deps.config.timeZone,
    notice: notice ?? null, approvalNote, approval,
  });
}

/** Patches every recorded copy of the reception's card (except the one a click is replacing); a notice says what just changed. */
export async function refreshReceptionCards(q: Q, deps: Deps, row: ReceptionRow, now: Date, exceptMessageId?: string | null, notice?: I18nText | null): Promise<Card> {
  const card = await receptionCardOf(q, deps, row, notice);
  await refreshCards({ tx: q, deps }, receptionSubject(row.id), card, now, exceptMessageId ? { exceptMessageId } : {});
  return card;
}

export async function sendReceptionCard(q: Q, deps: Deps, row: ReceptionRow, openId: string, notice?: I18nText | null): Promise<void> {
  await enqueueSend({ tx: q, deps }, { openId }, { card: await receptionCardOf(q, deps, row, notice) }, { subject: receptionSubject(row.id) });
}
