/**
 * Loading and saving the approval aggregate. Every write after the first is gated by a
 * conditional update on `version`: the statement that bumps the version is the one that wins a
 * race, and a loser writes nothing.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { approvalAudit, approvalRequests, approvalSteps } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import type { ApprovalState, ApprovalStep, AuditEntry } from '../../domain/approval/index.js';
import type { FieldRow } from '../../domain/approval/view.js';
import type { I18nText } from '../../domain/i18n.js';

/** The aggregate plus what the cards need and the domain does not: the subject and the display fields. */
export interface StoredApproval {
  state: ApprovalState;
  subjectType: string;
  fields: FieldRow[];
  summary: I18nText | string;
}

type RequestRow = typeof approvalRequests.$inferSelect;
type StepRow = typeof approvalSteps.$inferSelect;

const toStep = (r: StepRow): ApprovalStep => ({
  index: r.idx,
  round: r.round,
  tier: r.tier,
  approverId: r.approverId,
  status: r.status,
  activatedAt: r.activatedAt,
  decidedBy: r.decidedBy,
  decidedAt: r.decidedAt,
  comment: r.comment,
  skipReason: r.skipReason,
  escalatedFrom: r.escalatedFrom,
  escalatedTo: r.escalatedTo,
  transferredTo: r.transferredTo,
});

const fromStep = (requestId: string, s: ApprovalStep): StepRow => ({
  requestId,
  idx: s.index,
  round: s.round,
  tier: s.tier,
  approverId: s.approverId,
  status: s.status,
  activatedAt: s.activatedAt,
  decidedBy: s.decidedBy,
  decidedAt: s.decidedAt,
  comment: s.comment,
  skipReason: s.skipReason,
  escalatedFrom: s.escalatedFrom,
  escalatedTo: s.escalatedTo,
  transferredTo: s.transferredTo,
});

function toStored(r: RequestRow, steps: StepRow[]): StoredApproval {
  return {
    state: {
      request: {
        id: r.id,
        kind: r.kind,
        subjectId: r.subjectId,
        requesterId: r.requesterId,
        status: r.status,
        round: r.round,
        version: r.version,
        currentStep: r.currentStep,
        hasBudget: r.hasBudget,
        submittedAt: r.submittedAt,
        updatedAt: r.updatedAt,
      },
      steps: steps.sort((a, b) => a.idx - b.idx).map(toStep),
    },
    subjectType: r.subjectType,
    fields: r.fields,
    summary: r.summary,
  };
}

/** The requests and their steps in one statement (every click on an approval card reads one). */
export async function loadApprovals(q: Q, ids: readonly string[]): Promise<StoredApproval[]> {
  if (!ids.length) return [];
  const rows = await q
    .select({ request: approvalRequests, step: approvalSteps })
    .from(approvalRequests)
    .leftJoin(approvalSteps, eq(approvalSteps.requestId, approvalRequests.id))
    .where(inArray(approvalRequests.id, [...ids]))
    .orderBy(asc(approvalSteps.idx));
  const found = new Map<string, { request: RequestRow; steps: StepRow[] }>();
  for (const { request, step } of rows) {
    const one = found.get(request.id) ?? found.set(request.id, { request, steps: [] }).get(request.id)!;
    if (step) one.steps.push(step);
  }
  const byId = new Map([...found].map(([id, f]) => [id, toStored(f.request, f.steps)]));
  return ids.map((id) => byId.get(id)).filter((x): x is StoredApproval => !!x);
}

export async function loadApproval(q: Q, id: string): Promise<StoredApproval | null> {
  return (await loadApprovals(q, [id]))[0] ?? null;
}

async function writeStepsAndAudit(q: Q, state: ApprovalState, audit: AuditEntry[]): Promise<void> {
  const rows = state.steps.map((s) => fromStep(state.request.id, s));
  if (rows.length) {
    // Indices only grow (a transfer shifts the waiting steps after it up by one), so an upsert covers every row.
    await q
      .insert(approvalSteps)
      .values(rows)
      .onConflictDoUpdate({
        target: [approvalSteps.requestId, approvalSteps.idx],
        set: Object.fromEntries(
          ['round', 'tier', 'approver_id', 'status', 'activated_at', 'decided_by', 'decided_at', 'comment', 'skip_reason', 'escalated_from', 'escalated_to', 'transferred_to'].map((c) => [
            c.replace(/_([a-z])/g, (_, x: string) => x.toUpperCase()),
            sql.raw(`excluded.${c}`),
          ]),
        ),
      });
  }
  if (audit.length) {
    await q.insert(approvalAudit).values(
      audit.map((a) => ({ requestId: a.requestId, round: a.round, stepIdx: a.stepIndex, action: a.action, actorId: a.actorId, onBehalfOf: a.onBehalfOf, at: a.at, comment: a.comment, detail: a.detail })),
    );
  }
}

export async function insertApproval(q: Q, stored: StoredApproval, audit: AuditEntry[]): Promise<void> {
  const r = stored.state.request;
  await q.insert(approvalRequests).values({ ...r, subjectType: stored.subjectType, fields: stored.fields, summary: stored.summary });
  await writeStepsAndAudit(q, stored.state, audit);
}

/**
 * Saves a transition made from the state at `prevVersion`. Returns false, having written
 * nothing, when another transition got there first.
 */
export async function saveTransition(
  q: Q,
  prevVersion: number,
  state: ApprovalState,
  audit: AuditEntry[],
  display?: { fields: FieldRow[]; summary: I18nText | string },
): Promise<boolean> {
  const r = state.request;
  const won = await q
    .update(approvalRequests)
    .set({ status: r.status, round: r.round, version: r.version, currentStep: r.currentStep, hasBudget: r.hasBudget, updatedAt: r.updatedAt, ...(display ?? {}) })
    .where(and(eq(approvalRequests.id, r.id), eq(approvalRequests.version, prevVersion)))
    .returning({ id: approvalRequests.id });
  if (!won.length) return false;
  await writeStepsAndAudit(q, state, audit);
  return true;
}
