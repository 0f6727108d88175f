/**
 * The one module that reads and writes the obligations table (issue 16): workflows say what
 * happened to their duty — opened, done, cancelled, moved, suspended, handed over — and this
 * module decides the rows. Each verb runs in the caller's transaction, so the duty changes with
 * the workflow's own record or not at all. A verb that closes a duty marks the digests that
 * listed it stale (digests.ts), for the next tick to patch.
 */
import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { obligations } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { dueAtFor, draftObligation, type NewObligation, type ObligationDraft, type ObligationKind } from '../../domain/reminders/index.js';
import { loadReminderContext } from '../reminders/context.js';
import { markDigestsStale } from './digests.js';
import type { SettingsRows } from '../settings-rows.js';

export type ObligationRow = typeof obligations.$inferSelect;

export interface OpenResult {
  id: string;
  /** False when the duty already existed (a retried command, a second instance): nothing changed. */
  created: boolean;
}

export interface ObligationSubject {
  type: string;
  id: string;
}

// ── opening ──────────────────────────────────────────────────────────────────────────────

/** The row a draft becomes (single and bulk opening share it). */
const rowOf = (draft: ObligationDraft) => ({
  kind: draft.kind,
  subjectType: draft.subjectType,
  subjectId: draft.subjectId,
  ownerId: draft.ownerId,
  managerId: draft.managerId ?? null,
  assistantId: draft.assistantId ?? null,
  anchorAt: draft.anchorAt,
  dueAt: draft.dueAt,
  doneAt: draft.doneAt ?? null,
  meta: draft.meta ?? {},
});

/**
 * Opens a duty. Idempotent on the natural key (kind, subject, owner): opening it again returns
 * the existing row untouched, whatever its state — a done duty is not silently reopened (use
 * reopenObligation for that, e.g. a report returned for revision).
 */
export async function openObligation(q: Q, draft: ObligationDraft): Promise<OpenResult> {
  const inserted = await q
    .insert(obligations)
    .values(rowOf(draft))
    .onConflictDoNothing()
    .returning({ id: obligations.id });
  if (inserted[0]) return { id: String(inserted[0].id), created: true };
  const [existing] = await q
    .select({ id: obligations.id })
    .from(obligations)
    .where(
      and(
        eq(obligations.kind, draft.kind),
        eq(obligations.subjectType, draft.subjectType),
        eq(obligations.subjectId, draft.subjectId),
        eq(obligations.ownerId, draft.ownerId),
      ),
    );
  if (!existing) throw new Error(`openObligation: conflict without a row for ${draft.kind}:${draft.subjectType}:${draft.subjectId}`);
  return { id: String(existing.id), created: false };
}

/**
 * Opens many duties in one statement (the tick's monthly reports, a trip's days), each as
 * idempotent as openObligation. Returns how many were new.
 */
export async function openObligations(q: Q, drafts: readonly ObligationDraft[]): Promise<number> {
  if (!drafts.length) return 0;
  const created = await q
    .insert(obligations)
    .values(drafts.map(rowOf))
    .onConflictDoNothing()
    .returning({ id: obligations.id });
  return created.length;
}

/**
 * The usual entry for workflows: the due time is computed from the anchor with the stored
 * reminder settings and calendar (a visit at 15:00 → its record is due that evening).
 */
export async function openObligationFor(q: Q, timeZone: string, input: NewObligation, o: { settings?: SettingsRows } = {}): Promise<OpenResult> {
  const ctx = await loadReminderContext(q, { timeZone, ...o });
  return openObligation(q, draftObligation(input, ctx.settings, ctx.overrides));
}

// ── closing ──────────────────────────────────────────────────────────────────────────────

/** Rows of this kind and subject (optionally one owner's) that are still open. */
const openRowsOf = (kind: ObligationKind, subject: ObligationSubject, ownerId?: string) =>
  and(
    eq(obligations.kind, kind),
    eq(obligations.subjectType, subject.type),
    eq(obligations.subjectId, subject.id),
    ownerId ? eq(obligations.ownerId, ownerId) : undefined,
    isNull(obligations.doneAt),
    isNull(obligations.cancelledAt),
  );

/**
 * Marks the duty done: nobody is nudged about it again, and the KPIs (revisit rate, timeliness)
 * read doneAt against dueAt. Returns how many rows closed (0 when already done or never opened).
 */
export async function closeObligation(q: Q, kind: ObligationKind, subject: ObligationSubject, now: Date, o: { ownerId?: string } = {}): Promise<number> {
  const closed = await q.update(obligations).set({ doneAt: now }).where(openRowsOf(kind, subject, o.ownerId)).returning({ id: obligations.id });
  await markDigestsStale(q, closed.map((r) => r.id), now);
  return closed.length;
}

/** closeObligation over many subjects of one type at once (every decided step of a request). */
export const closeObligationsOf = (q: Q, kind: ObligationKind, subjectType: string, subjectIds: readonly string[], now: Date): Promise<number> =>
  endOpenRowsOf(q, { doneAt: now }, kind, subjectType, subjectIds, now);

/** The open rows of these subjects, done or cancelled in one statement; their digests marked stale. */
async function endOpenRowsOf(q: Q, set: { doneAt: Date } | { cancelledAt: Date }, kind: ObligationKind, subjectType: string, subjectIds: readonly string[], now: Date): Promise<number> {
  if (!subjectIds.length) return 0;
  const rows = await q
    .update(obligations)
    .set(set)
    .where(
      and(
        eq(obligations.kind, kind),
        eq(obligations.subjectType, subjectType),
        inArray(obligations.subjectId, [...subjectIds]),
        isNull(obligations.doneAt),
        isNull(obligations.cancelledAt),
      ),
    )
    .returning({ id: obligations.id });
  await markDigestsStale(q, rows.map((r) => r.id), now);
  return rows.length;
}

/**
 * The owner did this one duty, named by its id (a progress period picked from their own list).
 * False when it is no longer open or not theirs: the caller answers that it was already done.
 * The digests that listed it are marked stale, as closeObligation does: a digest must not go
 * on asking for a report that is in.
 */
export async function completeOwnDuty(q: Q, id: number, ownerId: string, now: Date): Promise<boolean> {
  const closed = await q
    .update(obligations)
    .set({ doneAt: now })
    .where(and(eq(obligations.id, id), eq(obligations.ownerId, ownerId), isNull(obligations.doneAt), isNull(obligations.cancelledAt)))
    .returning({ id: obligations.id });
  await markDigestsStale(q, closed.map((r) => r.id), now);
  return closed.length > 0;
}

/**
 * The duty no longer applies (a visit cancelled, an approval withdrawn): no more nudges, and
 * it is not counted as late or done in the KPIs.
 */
export async function cancelObligation(q: Q, kind: ObligationKind, subject: ObligationSubject, now: Date, o: { ownerId?: string } = {}): Promise<number> {
  const rows = await q.update(obligations).set({ cancelledAt: now }).where(openRowsOf(kind, subject, o.ownerId)).returning({ id: obligations.id });
  await markDigestsStale(q, rows.map((r) => r.id), now);
  return rows.length;
}

/** cancelObligation over many subjects of one type at once (a shortened trip's dropped days). */
export const cancelObligationsOf = (q: Q, kind: ObligationKind, subjectType: string, subjectIds: readonly string[], now: Date): Promise<number> =>
  endOpenRowsOf(q, { cancelledAt: now }, kind, subjectType, subjectIds, now);

/**
 * The subject's duties wait for a new approval (a plan sent back): every row not already
 * cancelled is set aside, done ones included, so approving it again starts a fresh round.
 */
export async function suspendObligations(q: Q, kind: ObligationKind, subject: ObligationSubject, now: Date): Promise<number> {
  const rows = await q
    .update(obligations)
    .set({ cancelledAt: now })
    .where(and(eq(obligations.kind, kind), eq(obligations.subjectType, subject.type), eq(obligations.subjectId, subject.id), isNull(obligations.cancelledAt)))
    .returning({ id: obligations.id });
  await markDigestsStale(q, rows.map((r) => r.id), now);
  return rows.length;
}

// ── reopening and moving ─────────────────────────────────────────────────────────────────

/**
 * Opens a done duty again (a monthly report returned for revision). Its due time is kept, so a
 * report returned after the 5th is overdue at once and the daily nudges resume; steps already
 * sent are not repeated (their keys are unique).
 */
export async function reopenObligation(q: Q, kind: ObligationKind, subject: ObligationSubject, ownerId: string): Promise<number> {
  const rows = await q
    .update(obligations)
    .set({ doneAt: null })
    .where(
      and(
        eq(obligations.kind, kind),
        eq(obligations.subjectType, subject.type),
        eq(obligations.subjectId, subject.id),
        eq(obligations.ownerId, ownerId),
        isNotNull(obligations.doneAt),
        isNull(obligations.cancelledAt),
      ),
    )
    .returning({ id: obligations.id });
  return rows.length;
}

/**
 * The event the duty is about moved (a visit or reception rescheduled): the same row gets the
 * new anchor and due time — the natural key allows one row per duty — and, when the move sends
 * the plan back to approval, is suspended until approved again (or unsuspended when it is not).
 */
export async function rescheduleObligation(
  q: Q,
  timeZone: string,
  d: { kind: ObligationKind; subject: ObligationSubject; anchorAt: Date; now: Date; suspended: boolean },
  o: { settings?: SettingsRows } = {},
): Promise<number> {
  const ctx = await loadReminderContext(q, { timeZone, ...o });
  const rows = await q
    .update(obligations)
    .set({ anchorAt: d.anchorAt, dueAt: dueAtFor(d.kind, d.anchorAt, ctx.settings, ctx.overrides), cancelledAt: d.suspended ? d.now : null })
    .where(and(eq(obligations.kind, d.kind), eq(obligations.subjectType, d.subject.type), eq(obligations.subjectId, d.subject.id), isNull(obligations.doneAt)))
    .returning({ id: obligations.id });
  return rows.length;
}

/**
 * One duty starts a new round (visit materials after a change): new anchor, due time and
 * display facts; with `reopen` it is open again whatever it was (done, suspended). The digests
 * that listed it are marked stale.
 */
export async function startNewRound(q: Q, id: number, r: { anchorAt: Date; dueAt: Date; meta: Record<string, unknown>; reopen: boolean }, now: Date): Promise<void> {
  await q
    .update(obligations)
    .set({ anchorAt: r.anchorAt, dueAt: r.dueAt, meta: r.meta, ...(r.reopen ? { doneAt: null, cancelledAt: null } : {}) })
    .where(eq(obligations.id, id));
  await markDigestsStale(q, [id], now);
}

/**
 * Handover: the leaving member's open duties become the successor's (with the successor's
 * manager), except where the successor already holds the same duty — those are cancelled, the
 * successor's own row carries on. Returns how many were taken over. The leaver's digests that
 * listed them are marked stale: they are no longer the leaver's to do.
 */
export async function handOverDuties(q: Q, h: { fromId: string; toId: string; toManagerId: string | null; now: Date }): Promise<number> {
  const open = and(eq(obligations.ownerId, h.fromId), isNull(obligations.doneAt), isNull(obligations.cancelledAt));
  const taken = await q
    .update(obligations)
    .set({ ownerId: h.toId, managerId: h.toManagerId })
    .where(and(open, sql`not exists (select 1 from obligations o2 where o2.kind = ${obligations.kind} and o2.subject_type = ${obligations.subjectType} and o2.subject_id = ${obligations.subjectId} and o2.owner_id = ${h.toId})`))
    .returning({ id: obligations.id });
  const dropped = await q.update(obligations).set({ cancelledAt: h.now }).where(open).returning({ id: obligations.id });
  await markDigestsStale(q, [...taken, ...dropped].map((r) => r.id), h.now);
  return taken.length;
}

// ── reading ──────────────────────────────────────────────────────────────────────────────

/** Every duty of this kind on the subject, whatever its state (one per owner). */
export const obligationsOf = (q: Q, kind: ObligationKind, subject: ObligationSubject): Promise<ObligationRow[]> =>
  q.select().from(obligations).where(and(eq(obligations.kind, kind), eq(obligations.subjectType, subject.type), eq(obligations.subjectId, subject.id)));

/** obligationsOf for several kinds in one read (a visit's record and follow-up duties). */
export const obligationsOfKinds = (q: Q, kinds: readonly ObligationKind[], subject: ObligationSubject): Promise<ObligationRow[]> =>
  q.select().from(obligations).where(and(inArray(obligations.kind, [...kinds]), eq(obligations.subjectType, subject.type), eq(obligations.subjectId, subject.id)));

/** The owner's open duties of one kind, earliest due first. */
export const openDutiesOfOwner = (q: Q, kind: ObligationKind, ownerId: string): Promise<ObligationRow[]> =>
  q
    .select()
    .from(obligations)
    .where(and(eq(obligations.kind, kind), eq(obligations.ownerId, ownerId), isNull(obligations.doneAt), isNull(obligations.cancelledAt)))
    .orderBy(obligations.dueAt);

/** One duty's due time (null when no such row). */
export async function dueAtOf(q: Q, id: number): Promise<Date | null> {
  const [row] = await q.select({ dueAt: obligations.dueAt }).from(obligations).where(eq(obligations.id, id));
  return row?.dueAt ?? null;
}
