/**
 * The visit record confirmed (拜访记录): stored on the visit, the record duty closed, the
 * follow-up (一周内回访) due 7 days after the visit, and the manager and director sent the visit
 * card so they can check (检查) it.
 */
import { and, eq } from 'drizzle-orm';
import { visits } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/client.js';
import { DomainError } from '../../domain/errors.js';
import { THING } from '../../domain/glossary.js';
import { i18n } from '../../domain/i18n.js';
import { directorOf, managerIdOf, reviewerOf, type Member, type Roster } from '../../domain/roster.js';
import { checkFollowUp, checkRecord } from '../../domain/visit/rules.js';
import type { FollowUpFields, VisitRecordFields } from '../../domain/visit/types.js';
import { VISIT_ACTIONS } from '../../../cards/visit-parts.js';
import { loadCustomer, loadRosterMap } from '../customer/store.js';
import type { Deps } from '../deps.js';
import { closeObligation, openObligationFor } from '../obligations/index.js';
import { assertOwner } from '../../domain/visit/rules.js';
import { cancelMaterialDuties } from './materials.js';
import { loadVisit, sendVisitCard, visitChanged, VISIT_SUBJECT, type VisitRow } from './store.js';
import { syncVisitTasks } from './task-sync.js';

interface Ctx {
  deps: Deps;
  now: Date;
  roster?: Roster;
}

export async function confirmVisitRecord(tx: Tx, input: { visitId: string; record: VisitRecordFields; actor: Member }, ctx: Ctx): Promise<VisitRow> {
  const before = await loadVisit(tx, input.visitId);
  assertOwner(before, input.actor, i18n('提交这次拜访的总结', 'send its summary'));
  if (before.status === 'recorded') throw new DomainError('CONFLICT', i18n('这次拜访的总结已经提交过了。', 'This visit already has its summary.'));
  if (before.status !== 'approved') throw new DomainError('PRECONDITION_FAILED', i18n('只有已批准的拜访可以提交拜访总结。', 'Only an approved visit takes a summary.'));
  checkRecord(input.record);
  const [visit] = await tx
    .update(visits)
    .set({ status: 'recorded', record: input.record, recordedAt: ctx.now, version: before.version + 1, updatedAt: ctx.now })
    .where(and(eq(visits.id, before.id), eq(visits.version, before.version), eq(visits.status, 'approved')))
    .returning();
  if (!visit) throw visitChanged();
  const subject = { type: VISIT_SUBJECT, id: visit.id };
  await closeObligation(tx, 'visit_record', subject, ctx.now);
  // The visit took place: materials nobody marked ready are no longer anyone's to prepare.
  await cancelMaterialDuties(tx, visit.id, ctx.now);
  const roster = await loadRosterMap(tx, ctx.roster);
  const owner = roster.get(visit.ownerId) ?? input.actor;
  const customer = await loadCustomer(tx, visit.customerId);
  // The follow-up counts from the day the visit happened: the record's time when it gives one.
  const visitedAt = visit.record?.time ? new Date(visit.record.time) : visit.visitAt;
  await openObligationFor(tx, ctx.deps.config.timeZone, {
    kind: 'follow_up', subjectType: VISIT_SUBJECT, subjectId: visit.id, ownerId: visit.ownerId, managerId: managerIdOf(roster, visit.ownerId), anchorAt: visitedAt,
    meta: { title: customer.name, action: { k: VISIT_ACTIONS.followUp, vi: visit.id } },
  });
  await syncVisitTasks(tx, ctx.deps, visit, ctx.now);
  const line = [reviewerOf(roster, owner), directorOf(roster, owner)].filter((m): m is Member => !!m && m.active && m.openId !== owner.openId);
  // One message each: the card itself, headed by who sent what (a text before it said the same twice).
  const notice = i18n(`${owner.name} 提交了「${customer.name}」的${THING.visitRecord.zh_cn}，请查看。`, `${owner.name} sent the ${THING.visitRecord.en_us} for ${customer.name}; please check it.`);
  for (const m of new Map(line.map((x) => [x.openId, x])).values()) await sendVisitCard(tx, ctx.deps, visit, m.openId, notice);
  return visit;
}

export async function recordFollowUp(tx: Tx, input: { visitId: string; followUp: FollowUpFields; actor: Member }, ctx: Ctx): Promise<VisitRow> {
  const before = await loadVisit(tx, input.visitId);
  assertOwner(before, input.actor, i18n('记录回访', 'record its follow-up'));
  if (before.followUp) throw new DomainError('CONFLICT', i18n('这次拜访的回访已经记录过了。', 'This visit already has its follow-up.'));
  if (before.status !== 'recorded') throw new DomainError('PRECONDITION_FAILED', i18n('请先提交这次拜访的总结，再记录回访。', 'Send the visit summary first, then the follow-up.'));
  checkFollowUp(input.followUp);
  const [visit] = await tx
    .update(visits)
    .set({ followUp: input.followUp, followedUpAt: ctx.now, version: before.version + 1, updatedAt: ctx.now })
    .where(and(eq(visits.id, before.id), eq(visits.version, before.version)))
    .returning();
  if (!visit) throw visitChanged();
  await closeObligation(tx, 'follow_up', { type: VISIT_SUBJECT, id: visit.id }, ctx.now);
  await syncVisitTasks(tx, ctx.deps, visit, ctx.now);
  return visit;
}
