/**
 * The drainer's half of the approval centre (outbox kind `approval`, written by
 * src/app/approval/centre-sync.ts): sends a request's latest wanted instance to
 * `approval/v4/external_instances` (UPDATE mode), defining its kind's external approval first if
 * that was never done, and answers the tick's check row (`external_instances/check`) by asking
 * again for what Lark lacks.
 *
 * Lark's rules, and what keeps them: every update_time rises with each change (the domain's
 * mapping), so a stale send that arrives late is skipped by Lark instead of undoing a newer one;
 * one sync per request at a time (the row is leased); Lark refuses the same instance again within
 * a short time (1395001, "短时间内不要同步相同的审批实例"), so a sync that soon after the last one
 * is not tried but put back on the queue for when it may go, and the pending row takes in every
 * change made meanwhile. Definitions: a create under a code Lark does not know makes a new one
 * under a code of Lark's, so that code is stored the first time and sent ever after.
 *
 * Feishu's own 审批 Bot sends nothing for an external instance unless asked (approval/v1/message/send,
 * 三方审批接入指南 step 3); the bot never asks: its card is the one notice.
 */
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Ids } from '../ids.js';
import { approvalCentreDefinitions, approvalCentreInstances, outbox } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import { centreDefinition, checkEntry, definitionBody, definitionHash, definitionKey, instanceBody, touched, type CentreInstance } from '../domain/approval/external-instance.js';
import type { RequestKind } from '../domain/approval/kinds.js';
import { CENTRE_CHECK_WINDOW_MS, CENTRE_KIND, CENTRE_SUBJECT, centreTarget } from '../app/approval/centre-sync.js';
import { enqueueSubjectSync } from '../app/outbox.js';
import type { CalendarSyncDeps } from './calendar-sync.js';
import { classifyThrown } from './errors.js';
import { limited, syncSubject } from './subject-sync.js';

export type CentreSyncDeps = CalendarSyncDeps & {
  /** The uuid of a re-sync the drift check queues. */
  ids: Ids;
  /** Quick approval in the centre (config LARK_APPROVAL_CALLBACK_URL/TOKEN); absent: card only. */
  centreCallback?: { url: string; token: string } | null;
};

/** Lark: the same instance synced again too soon ("降低请求频率，短时间内不要同步相同的审批实例"). */
export const TOO_SOON = 1395001;
/** How long after a sync the same instance is not sent again (Lark names no figure; the fake refuses within 2 s). */
export const RESYNC_GAP_MS = 3_000;
/** Instances asked about in one check (Lark names no limit; a tick's worth of a department is far fewer). */
export const CHECK_BATCH = 50;
const LIMITER_KEY = 'approval.external_instance';

/** The row was put back on the queue for later (not sent, not failed): the drainer leaves it be. */
export class Rescheduled extends Error {}

const rated = <T>(deps: CentreSyncDeps, fn: () => Promise<T>) => limited(deps.limiter, LIMITER_KEY, fn);

interface Row {
  id: number;
  attempts: number;
  subject_id: string | null;
}

async function reschedule(db: Db, row: Row, at: Date, why: string): Promise<never> {
  await db.update(outbox).set({ status: 'pending', attempts: row.attempts - 1, lockedUntil: null, nextAttemptAt: at, lastError: why }).where(eq(outbox.id, row.id));
  throw new Rescheduled(why);
}

/** One drainer defines a kind at a time (the drainer lease makes it one process). */
const defining = new WeakMap<Db, Map<string, Promise<string>>>();

async function definitionCode(deps: CentreSyncDeps, kind: RequestKind, link: string): Promise<string> {
  const def = centreDefinition(kind);
  const callback = deps.centreCallback ?? null;
  const hash = definitionHash(def, callback);
  const [stored] = await deps.db.select().from(approvalCentreDefinitions).where(eq(approvalCentreDefinitions.kind, kind));
  if (stored && stored.hash === hash) return stored.approvalCode;
  let flights = defining.get(deps.db);
  if (!flights) defining.set(deps.db, (flights = new Map()));
  const running = flights.get(kind);
  if (running) return running;
  const flight = (async () => {
    // Lark's docs: on an update the code answered may differ from the one sent; the one sent stays.
    const answered = await rated(deps, () => deps.lark.defineExternalApproval(definitionBody(def, stored?.approvalCode ?? definitionKey(kind), link, callback)));
    const code = stored?.approvalCode ?? answered;
    const now = deps.clock.now();
    await deps.db
      .insert(approvalCentreDefinitions)
      .values({ kind, approvalCode: code, hash, definedAt: now })
      .onConflictDoUpdate({ target: approvalCentreDefinitions.kind, set: { hash, definedAt: now } });
    deps.log.info('centre.defined', { kind, approvalCode: code, updated: Boolean(stored) });
    return code;
  })();
  flights.set(kind, flight);
  try {
    return await flight;
  } finally {
    flights.delete(kind);
  }
}

/** Handles one `approval` outbox row: a request's sync, or the check. */
export async function syncCentreRow(deps: CentreSyncDeps, row: Row): Promise<{ calls: number }> {
  if (row.subject_id === 'check') return checkCentre(deps);
  return syncCentreInstance(deps, row);
}

async function syncCentreInstance(deps: CentreSyncDeps, row: Row): Promise<{ calls: number }> {
  const requestId = row.subject_id ?? '';
  const key = eq(approvalCentreInstances.requestId, requestId);
  return syncSubject(deps, { table: approvalCentreInstances, key, name: `approval-centre sync of ${requestId}` }, async (claimed, now) => {
    let calls = 0;
    const since = claimed.syncedAt ? now.getTime() - claimed.syncedAt.getTime() : Infinity;
    if (since < RESYNC_GAP_MS) await reschedule(deps.db, row, new Date(claimed.syncedAt!.getTime() + RESYNC_GAP_MS), 'waiting: Lark refuses a re-sync this soon');
    const wanted = claimed.wanted;
    const code = await definitionCode(deps, wanted.kind, wanted.link);
    calls++;
    try {
      await rated(deps, () => deps.lark.syncExternalInstance(instanceBody(wanted, code, claimed.synced, { quick: Boolean(deps.centreCallback) })));
    } catch (e) {
      if (classifyThrown(e).code === TOO_SOON) await reschedule(deps.db, row, new Date(now.getTime() + 2 * RESYNC_GAP_MS), 'waiting: Lark said too soon (1395001)');
      throw e;
    }
    await deps.db
      .update(approvalCentreInstances)
      .set({ synced: wanted, syncedVersion: claimed.version, syncedAt: deps.clock.now(), updatedAt: deps.clock.now() })
      .where(key);
    deps.log.info('centre.synced', { requestId, version: claimed.version, status: wanted.status, tasks: wanted.tasks.map((t) => t.status) });
    return { calls };
  });
}

/**
 * Asks Lark about the instances synced within the window; each one Lark lacks or holds older is
 * sent again with every part's time moved on (a resend at the old times would be skipped).
 */
async function checkCentre(deps: CentreSyncDeps): Promise<{ calls: number }> {
  const now = deps.clock.now();
  const recent = await deps.db
    .select({ requestId: approvalCentreInstances.requestId, synced: approvalCentreInstances.synced })
    .from(approvalCentreInstances)
    .where(and(gt(approvalCentreInstances.syncedAt, new Date(now.getTime() - CENTRE_CHECK_WINDOW_MS)), eq(approvalCentreInstances.syncedVersion, approvalCentreInstances.version)))
    .orderBy(desc(approvalCentreInstances.syncedAt))
    .limit(CHECK_BATCH);
  const asked = recent.filter((r): r is { requestId: string; synced: CentreInstance } => r.synced !== null);
  if (!asked.length) return { calls: 0 };
  const diff = await rated(deps, () => deps.lark.checkExternalInstances(asked.map((r) => checkEntry(r.synced))));
  const byInstance = new Map(asked.map((r) => [r.synced.instanceId, r.requestId]));
  for (const d of diff) {
    const requestId = byInstance.get(d.instanceId);
    if (!requestId) continue;
    await deps.db.transaction(async (tx) => {
      const key = eq(approvalCentreInstances.requestId, requestId);
      const [row] = await tx.select().from(approvalCentreInstances).where(key).for('update');
      if (!row) return;
      await tx.update(approvalCentreInstances).set({ wanted: touched(row.wanted, now.getTime()), version: sql`${approvalCentreInstances.version} + 1`, updatedAt: now }).where(key);
      await enqueueSubjectSync({ tx, deps }, { kind: CENTRE_KIND, target: centreTarget(requestId), subjectType: CENTRE_SUBJECT, subjectId: requestId });
    });
    deps.log.warn('centre.drift', { requestId, instanceId: d.instanceId });
  }
  return { calls: 1 };
}
