/**
 * The opening every subject sync of the drainer shares (src/lark/subject-sync.ts): the subject's
 * lease, nothing to do when the row is gone or its version synced, a retryable failure when the
 * sync runs elsewhere, a crashed holder's lease taken over once it runs out, and the lease given
 * back however the sync ends. On the real migrations, PGlite and the Postgres server.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { larkTasks } from '../../db/schema/index.js';
import { ManualClock } from '../../src/clock.js';
import { LarkApiError } from '../../src/lark/errors.js';
import { syncSubject } from '../../src/lark/subject-sync.js';
import { createTestDb, type TestDb } from '../support/db.js';

let t: TestDb;
let clock: ManualClock;
beforeEach(async () => {
  t = await createTestDb();
  clock = new ManualClock('2026-12-03T02:00:00Z');
});
afterEach(async () => t?.close());

const key = eq(larkTasks.obligationId, 7);
const subject = () => ({ table: larkTasks, key, name: 'task sync of task:7' });
const deps = () => ({ db: t.db, clock });
const row = async () => (await t.db.select().from(larkTasks).where(key))[0]!;

async function wantedAt(version: number, syncedVersion: number, syncingUntil: Date | null = null): Promise<void> {
  const now = clock.now();
  await t.db.insert(larkTasks).values({ obligationId: 7, wanted: null, version, syncedVersion, syncingUntil, createdAt: now, updatedAt: now });
}

describe('syncSubject: one sync per subject at a time', () => {
  it('runs the sync on the leased row at the lease’s time, and gives the lease back', async () => {
    await wantedAt(2, 1);
    const seen: unknown[] = [];
    const done = await syncSubject(deps(), subject(), async (claimed, now) => {
      seen.push(claimed.version, now.toISOString(), (await row()).syncingUntil?.toISOString());
      return { calls: 3 };
    });
    expect(done).toEqual({ calls: 3 });
    expect(seen).toEqual([2, '2026-12-03T02:00:00.000Z', '2026-12-03T02:01:00.000Z']);
    expect((await row()).syncingUntil).toBeNull();
  });

  it('nothing to do: no row, or its version synced already (the lease given back)', async () => {
    let ran = 0;
    const sync = async () => ({ calls: ++ran });
    expect(await syncSubject(deps(), subject(), sync)).toEqual({ calls: 0 });
    await wantedAt(2, 2);
    expect(await syncSubject(deps(), subject(), sync)).toEqual({ calls: 0 });
    expect(ran).toBe(0);
    expect((await row()).syncingUntil).toBeNull();
  });

  it('leased elsewhere: a retryable failure, the lease left to its holder; once it runs out (a crash), taken over', async () => {
    await wantedAt(2, 1, new Date('2026-12-03T02:00:30Z'));
    let ran = 0;
    const sync = async () => ({ calls: ++ran });
    const busy = await syncSubject(deps(), subject(), sync).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(LarkApiError);
    expect(busy).toMatchObject({ failure: 'retryable', message: 'task sync of task:7 is running elsewhere' });
    expect((await row()).syncingUntil?.toISOString()).toBe('2026-12-03T02:00:30.000Z');
    clock.advance(31_000);
    expect(await syncSubject(deps(), subject(), sync)).toEqual({ calls: 1 });
    expect((await row()).syncingUntil).toBeNull();
  });

  it('two at once: one syncs, the other finds it running; a failing sync still gives the lease back', async () => {
    await wantedAt(2, 1);
    let release!: () => void;
    const first = syncSubject(deps(), subject(), () => new Promise((r) => (release = () => r({ calls: 1 }))));
    await expect.poll(async () => (await row()).syncingUntil).not.toBeNull();
    await expect(syncSubject(deps(), subject(), async () => ({ calls: 1 }))).rejects.toThrow('running elsewhere');
    release();
    expect(await first).toEqual({ calls: 1 });
    await expect(syncSubject(deps(), subject(), () => Promise.reject(new Error('Lark said no')))).rejects.toThrow('Lark said no');
    expect((await row()).syncingUntil).toBeNull();
  });
});
