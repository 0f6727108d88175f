/**
 * Telling a reception's people their part (domain/visit/reception-parties.ts): the hosts, the
 * accompanying leader and the assistant (the department's, as for check-ins) each get one text
 * when the plan is approved, and another when it moves or is cancelled. The report, once
 * confirmed, goes to the lead's manager and director to check, as a visit record does: the
 * reception card, one message each.
 */
import { and, eq } from 'drizzle-orm';
import { approvalRequests } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { THING } from '../../domain/glossary.js';
import { i18n, pick, type I18nText } from '../../domain/i18n.js';
import { directorOf, reviewerOf, type Member, type Roster } from '../../domain/roster.js';
import { receptionBriefing, receptionCancelled, receptionMoved, receptionParties, type ReceptionFacts, type ReceptionPart } from '../../domain/visit/reception-parties.js';
import { enqueueSend } from '../outbox.js';
import { loadCustomer, loadRosterMap } from '../customer/store.js';
import type { Deps } from '../deps.js';
import { assistantFor } from '../travel/people.js';
import { RECEPTION_SUBJECT, sendReceptionCard, type ReceptionRow } from './store.js';

export type PartiesNews =
  | { type: 'approved' }
  | { type: 'moved'; from: Date; reapproval: boolean; reason: string | null }
  | { type: 'cancelled'; reason: string };

function partiesOf(roster: Roster, row: ReceptionRow): { openId: string; parts: ReceptionPart[]; member: Member }[] {
  const lead = roster.get(row.ownerId);
  const assistant = lead ? assistantFor(roster, lead) : null;
  return receptionParties(row.plan, row.ownerId, assistant?.openId ?? null)
    .map((p) => ({ ...p, member: roster.get(p.openId)! }))
    .filter((p) => p.member?.active);
}

/** One text to each person with a part in the reception. */
export async function tellReceptionParties(q: Q, deps: Deps, row: ReceptionRow, news: PartiesNews): Promise<void> {
  const roster = await loadRosterMap(q);
  const parties = partiesOf(roster, row);
  if (!parties.length) return;
  const customer = await loadCustomer(q, row.customerId);
  const f: ReceptionFacts = { customerName: customer.name, at: row.receptionAt, plan: row.plan, leadName: roster.get(row.ownerId)?.name ?? row.ownerId, timeZone: deps.config.timeZone };
  for (const p of parties) {
    const text: I18nText =
      news.type === 'approved' ? receptionBriefing(f, p.parts)
      : news.type === 'moved' ? receptionMoved(f, news.from, p.parts, news.reapproval, news.reason)
      : receptionCancelled(f, news.reason);
    await enqueueSend({ tx: q, deps }, { openId: p.openId }, { text: pick(text, p.member.locale) });
  }
}

/**
 * Whether the people were ever told of this reception: some plan of it was approved (the
 * current one, or the one before a reschedule that went back to approval).
 */
export async function partiesWereTold(q: Q, receptionId: string): Promise<boolean> {
  const [hit] = await q
    .select({ id: approvalRequests.id })
    .from(approvalRequests)
    .where(and(eq(approvalRequests.subjectType, RECEPTION_SUBJECT), eq(approvalRequests.subjectId, receptionId), eq(approvalRequests.status, 'approved')))
    .limit(1);
  return !!hit;
}

/** The confirmed report to the lead's manager and director, to check: the reception card, one each. */
export async function sendReportForCheck(q: Q, deps: Deps, row: ReceptionRow): Promise<void> {
  const roster = await loadRosterMap(q);
  const lead = roster.get(row.ownerId);
  if (!lead) return;
  const customer = await loadCustomer(q, row.customerId);
  const line = [reviewerOf(roster, lead), directorOf(roster, lead)].filter((m): m is Member => !!m && m.active && m.openId !== lead.openId);
  const notice = i18n(
    `${lead.name} 提交了「${customer.name}」的${THING.receptionReport.zh_cn}，请查看。`,
    `${lead.name} sent the ${THING.receptionReport.en_us} for ${customer.name}; please check it.`,
  );
  for (const m of new Map(line.map((x) => [x.openId, x])).values()) await sendReceptionCard(q, deps, row, m.openId, notice);
}
