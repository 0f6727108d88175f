/**
 * Patches the digests whose items closed since they were sent (marked by markDigestsStale): the
 * done lines lose their deadline words and buttons. One patch per digest per tick, however many
 * of its items closed: a digest still waiting in the outbox has its content replaced instead (no
 * call at all), and one past Lark's edit window is left as it is.
 */
import type { Ids } from '../../ids.js';
import { and, eq, inArray, isNotNull, lte } from 'drizzle-orm';
import { digestCards, nudges, obligations, outbox } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { digestCard, type DigestLine, type DigestView } from '../../../cards/digest.js';
import type { Card } from '../../../cards/kit.js';
import { CARD_PATCH_WINDOW_MS, writeHeldOutboxRows } from '../outbox.js';

/** At most this many per tick; the rest wait for the next one (they stay marked). */
const BATCH = 200;

type Stored = Omit<DigestView, 'own' | 'oversight'> & { own: { kind: DigestLine['kind']; lines: StoredLine[] }[]; oversight: StoredLine[] };
type StoredLine = Omit<DigestLine, 'dueAt'> & { dueAt: string | Date };

/** The stored views with each line that has closed since marked done or cancelled (no deadline, no button). */
async function withClosedLines(q: Q, stored: readonly unknown[]): Promise<DigestView[]> {
  const views = stored as Stored[];
  const ids = [...new Set(views.flatMap((v) => [...v.own.flatMap((s) => s.lines), ...v.oversight]).map((l) => Number(l.obligationId)).filter(Number.isSafeInteger))];
  const rows = ids.length ? await q.select({ id: obligations.id, doneAt: obligations.doneAt, cancelledAt: obligations.cancelledAt }).from(obligations).where(inArray(obligations.id, ids)) : [];
  const closedOf = new Map(rows.filter((r) => r.doneAt || r.cancelledAt).map((r) => [String(r.id), r.doneAt ? ('done' as const) : ('cancelled' as const)]));
  const mark = (l: StoredLine): DigestLine => {
    const closed = l.obligationId ? closedOf.get(l.obligationId) : undefined;
    return { ...l, dueAt: new Date(l.dueAt), ...(closed ? { closed } : {}) };
  };
  return views.map((v) => ({ ...v, own: v.own.map((s) => ({ kind: s.kind, lines: s.lines.map(mark) })), oversight: v.oversight.map(mark) }));
}

/**
 * The digest a clicked button sits on, brought up to date at once (the click's answer replaces
 * the card, so it needs no patch and no tick): null when the message is not a digest.
 */
export async function digestAnswerFor(q: Q, messageId: string | null): Promise<Card | null> {
  if (!messageId) return null;
  const [found] = await q
    .select({ uuid: digestCards.uuid, view: digestCards.view })
    .from(digestCards)
    .innerJoin(outbox, eq(outbox.uuid, digestCards.uuid))
    .where(eq(outbox.resultMessageId, messageId))
    .limit(1);
  if (!found) return null;
  const [view] = await withClosedLines(q, [found.view]);
  // Up to date now: the tick has nothing left to patch on this one.
  await q.update(digestCards).set({ view: view!, staleAt: null }).where(eq(digestCards.uuid, found.uuid));
  return digestCard(view!);
}

/**
 * The stale digests patched now (the tick's batch), or only those that listed the given duties
 * (a button that must show at once on every digest carrying its line, not at the next tick).
 */
export async function refreshStaleDigests(q: Q, now: Date, ids: Ids, o: { obligationIds?: readonly number[] } = {}): Promise<number> {
  if (o.obligationIds && !o.obligationIds.length) return 0;
  const only = o.obligationIds ? inArray(digestCards.uuid, q.select({ uuid: nudges.outboxUuid }).from(nudges).where(inArray(nudges.obligationId, [...o.obligationIds]))) : undefined;
  const stale = await q.select().from(digestCards).where(and(isNotNull(digestCards.staleAt), only)).orderBy(digestCards.staleAt).limit(BATCH);
  if (!stale.length) return 0;
  const views = await withClosedLines(q, stale.map((d) => d.view));
  await writeHeldOutboxRows(q);
  const carriers = await q
    .select({ uuid: outbox.uuid, id: outbox.id, status: outbox.status, messageId: outbox.resultMessageId, sentAt: outbox.sentAt })
    .from(outbox)
    .where(inArray(outbox.uuid, stale.map((d) => d.uuid)));
  const byUuid = new Map(carriers.map((c) => [c.uuid, c]));
  let patched = 0;
  for (const [i, d] of stale.entries()) {
    const view = views[i]!;
    const card = digestCard(view);
    const carrier = byUuid.get(d.uuid);
    if (carrier?.status === 'pending') {
      await q.update(outbox).set({ content: card }).where(eq(outbox.id, carrier.id));
    } else if (carrier?.status === 'sent' && carrier.messageId && now.getTime() - (carrier.sentAt ?? d.sentAt).getTime() < CARD_PATCH_WINDOW_MS) {
      await q.insert(outbox).values({ kind: 'patch', target: carrier.messageId, targetType: 'message_id', msgType: 'interactive', content: card, uuid: ids.newId() });
      patched++;
    }
    // Marked again after `now` (a duty closed while this ran): left marked for the next tick. Through
    // the column (lte), not a raw sql`${now}`: postgres.js, unlike PGlite, cannot bind a bare Date.
    await q.update(digestCards).set({ view, staleAt: null }).where(and(eq(digestCards.uuid, d.uuid), lte(digestCards.staleAt, now)));
  }
  return patched;
}
