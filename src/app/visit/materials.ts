/**
 * Visit materials (拜访物料, domain.md §3.2): when a plan with materials is approved, each owner
 * gets one message saying what to prepare for which visit and by when, with 已备好; the duty
 * ('visit_material', one per owner and visit) rides the digest and is reminded once on its due
 * morning if not ready. Approved again after a change, it starts a new round (reopened, its
 * reminder owed afresh, the owner told again); a reschedule moves the due day with the visit;
 * a cancelled visit cancels it. 已备好 closes it and answers with the clicked card up to date.
 */
import type { Q, Tx } from '../../../db/client.js';
import { MATERIAL_READY, materialNoticeCard, type MaterialNotice } from '../../../cards/visit-material.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import { draftObligation, dueAtFor } from '../../domain/reminders/index.js';
import type { Roster } from '../../domain/roster.js';
import { atZonedYmd, formatDateTime, ymd } from '../../domain/time.js';
import { materialDuties, materialsText, type MaterialDuty } from '../../domain/visit/materials.js';
import { enqueueSend, type OutboxTx } from '../outbox.js';
import type { Ids } from '../../ids.js';
import { loadCustomer, loadRosterMap, type CustomerRow } from '../customer/store.js';
import type { SettingsRows } from '../settings-rows.js';
import { cancelObligation, closeObligation, obligationsOf, openObligation, startNewRound, suspendObligations, type ObligationRow } from '../obligations/index.js';
import { loadReminderContext } from '../reminders/context.js';
import { loadVisit, VISIT_SUBJECT, type VisitRow } from './store.js';

const dutiesOfVisit = (q: Q, visitId: string) => obligationsOf(q, 'visit_material', { type: VISIT_SUBJECT, id: visitId });

/** The plan's duties, a line whose owner has left (inactive) falling to the planner. */
const dutiesFor = (visit: VisitRow, roster: Roster, timeZone: string): MaterialDuty[] =>
  materialDuties(
    visit.plan.materials.map((m) => (m.ownerId && !roster.get(m.ownerId)?.active ? { ...m, ownerId: null } : m)),
    visit.ownerId,
    ymd(visit.visitAt, timeZone),
  );

const roundOf = (row: Pick<ObligationRow, 'meta'>): number => (typeof row.meta.round === 'number' ? row.meta.round : 1);

function metaFor(visit: VisitRow, customerName: string, d: MaterialDuty, round: number): Record<string, unknown> {
  return { title: `${customerName}：${materialsText(d.items).zh_cn}`, action: { k: MATERIAL_READY, vi: visit.id }, round, dueOn: d.dueOn };
}

function notice(visit: VisitRow, customerName: string, roster: Roster, d: MaterialDuty, timeZone: string, change: I18nText | null): MaterialNotice {
  return {
    visitId: visit.id,
    customerName,
    plannerName: roster.get(visit.ownerId)?.name ?? visit.ownerId,
    visitAt: formatDateTime(visit.visitAt, timeZone),
    place: visit.plan.place,
    items: materialsText(d.items),
    dueOn: d.dueOn,
    change,
  };
}

async function tell(out: OutboxTx, roster: Roster, ownerId: string, n: MaterialNotice): Promise<void> {
  const owner = roster.get(ownerId);
  if (!owner?.active) return;
  await enqueueSend(out, { openId: owner.openId }, { card: materialNoticeCard(n) });
}

/**
 * The plan was approved (first time or again): each owner's duty opened — or, approved again,
 * reopened as a new round with the plan's current lines and day — and each owner told. Owners
 * no longer in the plan have their duty cancelled; a line whose owner has left is the planner's.
 */
export async function openMaterialDuties(
  tx: Tx,
  timeZone: string,
  visit: VisitRow,
  now: Date,
  ids: Ids,
  known: { roster?: Roster | undefined; customer?: CustomerRow; settings?: SettingsRows | undefined } = {},
): Promise<void> {
  const existing = await dutiesOfVisit(tx, visit.id);
  if (!visit.plan.materials.length && !existing.length) return;
  const roster = await loadRosterMap(tx, known.roster);
  const duties = dutiesFor(visit, roster, timeZone);
  const customer = known.customer ?? (await loadCustomer(tx, visit.customerId));
  const ctx = await loadReminderContext(tx, { timeZone, ...(known.settings ? { settings: known.settings } : {}) });
  const keep = new Set(duties.map((d) => d.ownerId));
  for (const row of existing) if (!keep.has(row.ownerId)) await cancelObligation(tx, 'visit_material', { type: VISIT_SUBJECT, id: visit.id }, now, { ownerId: row.ownerId });
  for (const d of duties) {
    const anchorAt = atZonedYmd(d.dueOn, timeZone);
    const before = existing.find((r) => r.ownerId === d.ownerId);
    if (!before) {
      // The reminder rules read above: openObligationFor would read them again.
      await openObligation(tx, draftObligation({ kind: 'visit_material', subjectType: VISIT_SUBJECT, subjectId: visit.id, ownerId: d.ownerId, anchorAt, meta: metaFor(visit, customer.name, d, 1) }, ctx.settings, ctx.overrides));
      await tell({ tx, deps: { ids } }, roster, d.ownerId, notice(visit, customer.name, roster, d, timeZone, null));
      continue;
    }
    await startNewRound(tx, before.id, { anchorAt, dueAt: dueAtFor('visit_material', anchorAt, ctx.settings, ctx.overrides), meta: metaFor(visit, customer.name, d, roundOf(before) + 1), reopen: true }, now);
    await tell({ tx, deps: { ids } }, roster, d.ownerId, notice(visit, customer.name, roster, d, timeZone, i18n('拜访计划有变动并已重新批准，请按以下内容重新确认准备。', 'The visit plan changed and was approved again; please check what to prepare.')));
  }
}

/**
 * The visit moved. Sent back to approval: the duties wait (suspended) for the new approval,
 * which reopens them. Within the tolerance: each due day moves with the visit (the plan's lines
 * already moved), a new round owes the reminder for the new day, and an owner not yet ready is
 * told the new day.
 */
export async function moveMaterialDuties(tx: Tx, timeZone: string, visit: VisitRow, now: Date, suspended: boolean, ids: Ids): Promise<void> {
  const existing = (await dutiesOfVisit(tx, visit.id)).filter((r) => !r.cancelledAt);
  if (!existing.length) return;
  if (suspended) {
    await suspendObligations(tx, 'visit_material', { type: VISIT_SUBJECT, id: visit.id }, now);
    return;
  }
  const customer = await loadCustomer(tx, visit.customerId);
  const roster = await loadRosterMap(tx);
  const ctx = await loadReminderContext(tx, { timeZone });
  const duties = dutiesFor(visit, roster, timeZone);
  for (const row of existing) {
    const d = duties.find((x) => x.ownerId === row.ownerId);
    if (!d || row.meta.dueOn === d.dueOn) continue;
    const anchorAt = atZonedYmd(d.dueOn, timeZone);
    await startNewRound(tx, row.id, { anchorAt, dueAt: dueAtFor('visit_material', anchorAt, ctx.settings, ctx.overrides), meta: metaFor(visit, customer.name, d, roundOf(row) + 1), reopen: false }, now);
    if (!row.doneAt) {
      await tell({ tx, deps: { ids } }, roster, d.ownerId, notice(visit, customer.name, roster, d, timeZone, i18n(`拜访已改期，物料截止日期改为 ${d.dueOn}。`, `The visit moved; the materials are now due ${d.dueOn}.`)));
    }
  }
}

/** The visit will not happen: nobody prepares anything for it. */
export async function cancelMaterialDuties(q: Q, visitId: string, now: Date): Promise<void> {
  await cancelObligation(q, 'visit_material', { type: VISIT_SUBJECT, id: visitId }, now);
}

/** 已备好: the clicker's own duty for the visit, closed. Returns what the notice card shows. */
export async function markMaterialsReady(tx: Tx, input: { visitId: string; actorId: string }, ctx: { now: Date; timeZone: string }): Promise<{ notice: MaterialNotice & { ready: true }; obligationId: number }> {
  const visit = await loadVisit(tx, input.visitId);
  const [row] = (await dutiesOfVisit(tx, visit.id)).filter((r) => r.ownerId === input.actorId);
  if (!row) throw new DomainError('FORBIDDEN', i18n('这次拜访没有需要您准备的物料。', 'There are no materials for you to prepare for this visit.'));
  if (row.cancelledAt) throw new DomainError('PRECONDITION_FAILED', i18n('这次拜访已取消或正在重新审批，暂不需要准备物料。', 'This visit is cancelled or back in approval; nothing to prepare for now.'));
  if (row.doneAt) throw new DomainError('CONFLICT', i18n('已标记为备好。', 'Already marked as ready.'));
  await closeObligation(tx, 'visit_material', { type: VISIT_SUBJECT, id: visit.id }, ctx.now, { ownerId: input.actorId });
  const customer = await loadCustomer(tx, visit.customerId);
  const roster = await loadRosterMap(tx);
  const d = dutiesFor(visit, roster, ctx.timeZone).find((x) => x.ownerId === input.actorId);
  const items = d ? d : { ownerId: input.actorId, items: [], dueOn: String(row.meta.dueOn ?? ymd(row.dueAt, ctx.timeZone)) };
  return { notice: { ...notice(visit, customer.name, roster, items, ctx.timeZone, null), ready: true }, obligationId: row.id };
}
