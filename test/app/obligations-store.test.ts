/**
 * The obligations' owner module keeps the digests true: every verb that takes a duty off
 * someone's list (done, handed over, dropped in a handover) marks the digests that listed it
 * stale, so the next tick patches them. On the real migrations, PGlite and the Postgres server.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { digestCards, nudges } from '../../db/schema/index.js';
import { completeOwnDuty, handOverDuties, openObligation } from '../../src/app/obligations/store.js';
import { createTestDb, type TestDb } from '../support/db.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => t?.close());

const NOW = new Date('2026-12-03T02:00:00Z');
const LATER = new Date('2026-12-03T03:00:00Z');

/** A duty of `ownerId` and a digest sent to them that lists it. */
async function listedDuty(ownerId: string, subjectId: string, digest: string): Promise<number> {
  const { id } = await openObligation(t.db, {
    kind: 'progress_report', ownerId, managerId: 'ou_manager', subjectType: 'development', subjectId, anchorAt: NOW, dueAt: LATER,
  });
  await t.db.insert(digestCards).values({ uuid: digest, recipientId: ownerId, view: {}, sentAt: NOW });
  await t.db.insert(nudges).values({ obligationKey: id, obligationId: Number(id), kind: 'progress_report', recipientId: ownerId, step: 'due', urgency: 'due', sentAt: NOW, outboxUuid: digest });
  return Number(id);
}
const staleAt = async (uuid: string) => (await t.db.select().from(digestCards).where(eq(digestCards.uuid, uuid)))[0]!.staleAt;

describe('digests after a duty leaves a list', () => {
  it('a progress report handed in marks its digest stale; one not theirs leaves it alone', async () => {
    const id = await listedDuty('ou_spec1', 'dev-1', 'digest-a');
    expect(await completeOwnDuty(t.db, id, 'ou_spec2', LATER)).toBe(false);
    expect(await staleAt('digest-a')).toBeNull();
    expect(await completeOwnDuty(t.db, id, 'ou_spec1', LATER)).toBe(true);
    expect(await staleAt('digest-a')).toEqual(LATER);
  });

  it('a handover marks the leaver’s digests stale, for duties taken over and for those the successor already had', async () => {
    await listedDuty('ou_spec1', 'dev-1', 'digest-moved');
    await listedDuty('ou_spec1', 'dev-2', 'digest-dropped');
    // The successor already owes dev-2: the leaver's row is cancelled, not moved.
    await openObligation(t.db, { kind: 'progress_report', ownerId: 'ou_spec2', subjectType: 'development', subjectId: 'dev-2', anchorAt: NOW, dueAt: LATER });
    await t.db.insert(digestCards).values({ uuid: 'digest-other', recipientId: 'ou_spec3', view: {}, sentAt: NOW });

    expect(await handOverDuties(t.db, { fromId: 'ou_spec1', toId: 'ou_spec2', toManagerId: 'ou_manager', now: LATER })).toBe(1);
    expect(await staleAt('digest-moved')).toEqual(LATER);
    expect(await staleAt('digest-dropped')).toEqual(LATER);
    expect(await staleAt('digest-other')).toBeNull();
  });
});
