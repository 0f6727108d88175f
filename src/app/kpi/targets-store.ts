/**
 * Sales targets in the database: one sales_targets row per key, its versions and its changes,
 * read into the domain's SalesTarget and written back as a diff (new versions appended, changes
 * inserted or updated), so every version stays as it was set.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { salesTargetChanges, salesTargets, salesTargetVersions } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { periodFromKey, periodKey } from '../../domain/kpi/period.js';
import { targetKeyId, type SalesTarget, type TargetChange, type TargetKey } from '../../domain/kpi/targets.js';

type TargetRow = typeof salesTargets.$inferSelect;

async function assemble(q: Q, rows: TargetRow[]): Promise<SalesTarget[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const versions = await q.select().from(salesTargetVersions).where(inArray(salesTargetVersions.targetId, ids)).orderBy(asc(salesTargetVersions.version));
  const changes = await q.select().from(salesTargetChanges).where(inArray(salesTargetChanges.targetId, ids)).orderBy(asc(salesTargetChanges.requestedAt), asc(salesTargetChanges.id));
  return rows.map((r) => ({
    id: r.id,
    key: { specialistId: r.specialistId, period: periodFromKey(r.periodKey)!, region: r.region, product: r.product } as TargetKey,
    versions: versions.filter((v) => v.targetId === r.id).map((v) => ({
      version: v.version, amountFen: v.amountFen, setBy: v.setBy, setAt: v.setAt, reason: v.reason, via: v.via, changeId: v.changeId, approvedBy: v.approvedBy,
    })),
    changes: changes.filter((c) => c.targetId === r.id).map((c): TargetChange => ({
      id: c.id, amountFen: c.amountFen, fromFen: c.fromFen, reason: c.reason, requestedBy: c.requestedBy, requestedAt: c.requestedAt,
      status: c.status, decidedBy: c.decidedBy, decidedAt: c.decidedAt, decisionNote: c.decisionNote,
    })),
  }));
}

export async function loadTarget(q: Q, id: string): Promise<SalesTarget | null> {
  const rows = await q.select().from(salesTargets).where(eq(salesTargets.id, id));
  return (await assemble(q, rows))[0] ?? null;
}

export async function loadTargetByKey(q: Q, key: TargetKey): Promise<SalesTarget | null> {
  const rows = await q.select().from(salesTargets).where(eq(salesTargets.keyId, targetKeyId(key)));
  return (await assemble(q, rows))[0] ?? null;
}

/** The targets of these periods (and, if given, these specialists). */
export async function loadTargets(q: Q, periodKeys: readonly string[], specialistIds?: readonly string[]): Promise<SalesTarget[]> {
  if (!periodKeys.length || (specialistIds && !specialistIds.length)) return [];
  const where = specialistIds
    ? and(inArray(salesTargets.periodKey, [...periodKeys]), inArray(salesTargets.specialistId, [...specialistIds]))
    : inArray(salesTargets.periodKey, [...periodKeys]);
  return assemble(q, await q.select().from(salesTargets).where(where).orderBy(asc(salesTargets.specialistId), asc(salesTargets.createdAt)));
}

/** The change and its target, by the change id (the approval request's subject). */
export async function changeById(q: Q, changeId: string): Promise<{ target: SalesTarget; change: TargetChange; approvalId: string | null } | null> {
  const [row] = await q.select().from(salesTargetChanges).where(eq(salesTargetChanges.id, changeId));
  if (!row) return null;
  const target = await loadTarget(q, row.targetId);
  const change = target?.changes.find((c) => c.id === changeId);
  return target && change ? { target, change, approvalId: row.approvalId } : null;
}

/**
 * Writes `after` given what was loaded (`before`, null for a new target). Versions are only ever
 * appended (the primary key refuses a second version N from a race); changes are inserted or
 * have their state updated.
 */
export async function saveTarget(
  q: Q,
  before: SalesTarget | null,
  after: SalesTarget,
  extra: { actorId: string; now: Date; approvalIds?: Record<string, string>; formMessageId?: string | null },
): Promise<void> {
  if (!before) {
    await q.insert(salesTargets).values({
      id: after.id, keyId: targetKeyId(after.key), specialistId: after.key.specialistId, periodKey: periodKey(after.key.period),
      region: after.key.region, product: after.key.product, createdBy: extra.actorId, createdAt: extra.now,
    });
  }
  const newVersions = after.versions.slice(before?.versions.length ?? 0);
  if (newVersions.length) {
    await q.insert(salesTargetVersions).values(newVersions.map((v) => ({ targetId: after.id, ...v })));
  }
  for (const c of after.changes) {
    const old = before?.changes.find((x) => x.id === c.id);
    if (!old) {
      await q.insert(salesTargetChanges).values({ targetId: after.id, ...c, approvalId: extra.approvalIds?.[c.id] ?? null, formMessageId: extra.formMessageId ?? null });
    } else if (old.status !== c.status || old.amountFen !== c.amountFen || old.reason !== c.reason) {
      await q
        .update(salesTargetChanges)
        .set({ status: c.status, amountFen: c.amountFen, fromFen: c.fromFen, reason: c.reason, decidedBy: c.decidedBy, decidedAt: c.decidedAt, decisionNote: c.decisionNote })
        .where(eq(salesTargetChanges.id, c.id));
    }
  }
}

export async function setChangeApproval(q: Q, changeId: string, approvalId: string): Promise<void> {
  await q.update(salesTargetChanges).set({ approvalId }).where(eq(salesTargetChanges.id, changeId));
}
