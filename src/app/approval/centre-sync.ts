/**
 * Keeping Feishu's approval centre (审批中心, setting `approvalCentre`, issue 13) true about every
 * request: carryOut calls this at the end of every transition — submit, approve, reject, return,
 * resubmit, withdraw, transfer, and the skips they cause — in the transition's transaction. The
 * wanted instance is written to `approval_centre_instances` and one outbox row (kind 'approval')
 * asks the drainer to send it, so the sync exists if and only if the transition committed. A row
 * already waiting for the request carries the new state too: changes before a drain (or while
 * Lark refuses a re-sync this soon) become one sync of the latest.
 *
 * Turned off, nothing new is put in the centre, but requests already there are kept true: a
 * 待办 left open for a request that was decided would nag in the wrong place.
 */
import { and, eq, gt, sql } from 'drizzle-orm';
import { approvalCentreInstances } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { centreInstance, type CentreInstance } from '../../domain/approval/external-instance.js';
import { botChatLink } from '../../domain/visit/lark-task.js';
import { APPROVAL_CENTRE_KEY, settingIsOn } from '../settings.js';
import { enqueueSubjectSync } from '../outbox.js';
import type { HookContext } from './hooks.js';
import type { RenderEnv } from './render.js';
import type { StoredApproval } from './store.js';
import type { Ids } from '../../ids.js';

export const CENTRE_KIND = 'approval' as const;
export const CENTRE_SUBJECT = 'approval_centre';
export const centreTarget = (requestId: string) => `approval:${requestId}`;
/** The one row that asks for a check of the recently synced instances against Lark. */
export const CENTRE_CHECK_TARGET = 'approval:check';
/** What a check looks at: instances Lark took within this long (Lark's guide: the last 5 minutes, every 5 minutes). */
export const CENTRE_CHECK_WINDOW_MS = 10 * 60_000;

export async function syncCentreInstance(ctx: HookContext, env: RenderEnv, after: StoredApproval): Promise<void> {
  const q = ctx.tx;
  const r = after.state.request;
  const key = eq(approvalCentreInstances.requestId, r.id);
  const on = await settingIsOn(q, APPROVAL_CENTRE_KEY, ctx.settings);
  const [had] = await q.select().from(approvalCentreInstances).where(key).for('update');
  if (!had && !on) return;
  const wanted = centreInstance(
    {
      state: after.state,
      summary: after.summary,
      requesterName: env.roster.get(r.requesterId)?.name ?? r.requesterId,
      link: botChatLink(ctx.deps.config.lark.appId ?? ''),
      nowMs: ctx.now.getTime(),
    },
    had?.wanted ?? null,
  );
  if (had && had.wanted.updateTime === wanted.updateTime) return;
  if (had) await q.update(approvalCentreInstances).set({ wanted, version: sql`${approvalCentreInstances.version} + 1`, updatedAt: ctx.now }).where(key);
  else await q.insert(approvalCentreInstances).values({ requestId: r.id, wanted, version: 1, createdAt: ctx.now, updatedAt: ctx.now });
  await enqueueSubjectSync({ tx: q, deps: ctx.deps }, { kind: CENTRE_KIND, target: centreTarget(r.id), subjectType: CENTRE_SUBJECT, subjectId: r.id });
}

/**
 * From the scheduler's tick: when some instance was synced within the window, one outbox row asks
 * the drainer to check them against Lark (one call for up to a batch); it repairs what drifted.
 * Nothing synced lately (or the centre never used): no row, no call.
 */
export async function queueCentreCheck(q: Q, now: Date, ids: Ids): Promise<number> {
  const since = new Date(now.getTime() - CENTRE_CHECK_WINDOW_MS);
  const [recent] = await q
    .select({ id: approvalCentreInstances.requestId })
    .from(approvalCentreInstances)
    .where(and(gt(approvalCentreInstances.syncedAt, since), eq(approvalCentreInstances.syncedVersion, approvalCentreInstances.version)))
    .limit(1);
  if (!recent) return 0;
  await enqueueSubjectSync({ tx: q, deps: { ids } }, { kind: CENTRE_KIND, target: CENTRE_CHECK_TARGET, subjectType: CENTRE_SUBJECT, subjectId: 'check' });
  return 1;
}

export type { CentreInstance };
