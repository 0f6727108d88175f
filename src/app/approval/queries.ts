/** The two lists: what waits for me, and what I asked for. */
import { and, desc, eq } from 'drizzle-orm';
import { approvalRequests, approvalSteps } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/client.js';
import { pendingItemOf, requestItemOf, type PendingItem, type RequestItem } from '../../domain/approval/index.js';
import type { RenderEnv } from './render.js';
import { loadApprovals } from './store.js';

/** Enough for any realistic backlog; the list card pages through them ten at a time. */
const LIST_MAX = 200;

export async function pendingFor(tx: Tx, env: RenderEnv, approverId: string): Promise<PendingItem[]> {
  const ids = await tx
    .select({ id: approvalSteps.requestId })
    .from(approvalSteps)
    .innerJoin(approvalRequests, eq(approvalRequests.id, approvalSteps.requestId))
    .where(and(eq(approvalSteps.approverId, approverId), eq(approvalSteps.status, 'pending'), eq(approvalRequests.status, 'pending')))
    .orderBy(approvalSteps.activatedAt)
    .limit(LIST_MAX);
  const stored = await loadApprovals(tx, ids.map((r) => r.id));
  return stored.map((s) => pendingItemOf(s.state, env.roster, s.summary, env.config.timeZone)).filter((x): x is PendingItem => !!x);
}

export async function requestsOf(tx: Tx, env: RenderEnv, requesterId: string): Promise<RequestItem[]> {
  const ids = await tx
    .select({ id: approvalRequests.id })
    .from(approvalRequests)
    .where(eq(approvalRequests.requesterId, requesterId))
    .orderBy(desc(approvalRequests.updatedAt), desc(approvalRequests.submittedAt))
    .limit(LIST_MAX);
  const stored = await loadApprovals(tx, ids.map((r) => r.id));
  return stored.map((s) => requestItemOf(s.state, env.roster, s.summary, env.config.timeZone));
}
