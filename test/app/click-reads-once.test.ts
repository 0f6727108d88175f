/**
 * What a click does once rather than per use (issue 14): the settings rows it reads, and its
 * outbox rows, held and written in one statement. Neither may change what is read or written:
 * the snapshot answers as the table does, and a read of the outbox sees the rows held so far.
 * On the real migrations, PGlite and the Postgres server.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settings, outbox } from '../../db/schema/index.js';
import type { Q } from '../../db/client.js';
import { settingsOnce, settingRows } from '../../src/app/settings-rows.js';
import { settingIsOn, TASK_SYNC_KEY } from '../../src/app/settings.js';
import { loadReminderContext } from '../../src/app/reminders/context.js';
import { enqueueSend, enqueueSubjectSync, holdOutboxRows, writeHeldOutboxRows } from '../../src/app/outbox.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { SequentialIds } from '../support/ids.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => t?.close());

const NOW = new Date('2026-12-03T02:00:00Z');

/** Counts the statements run through `q` (drizzle's session), by wrapping its prepared queries. */
function counted(q: Q): { q: Q; statements: () => number } {
  let n = 0;
  const session = (q as unknown as { session: { prepareQuery: (...a: unknown[]) => { execute: (...a: unknown[]) => unknown } } }).session;
  const prepare = session.prepareQuery.bind(session);
  session.prepareQuery = (...a: unknown[]) => {
    const p = prepare(...a);
    const execute = p.execute.bind(p);
    p.execute = (...b: unknown[]) => {
      n++;
      return execute(...b);
    };
    return p;
  };
  return { q, statements: () => n };
}

describe('the settings a click reads', () => {
  it('are read once, on first use, and answer as the table does', async () => {
    await t.db.insert(settings).values([
      { key: TASK_SYNC_KEY, value: true, updatedAt: NOW },
      { key: 'reminders', value: { followUpDueDay: 9 }, updatedAt: NOW },
      { key: 'visits', value: { rescheduleFreeDays: 5 }, updatedAt: NOW },
    ]);
    await t.db.transaction(async (tx) => {
      const c = counted(tx);
      const once = settingsOnce(tx);
      expect(c.statements()).toBe(0);
      expect(await settingIsOn(tx, TASK_SYNC_KEY, once)).toBe(true);
      expect(await settingIsOn(tx, 'calendarSync', once)).toBe(false);
      const withSnapshot = await loadReminderContext(tx, { timeZone: 'Asia/Shanghai', settings: once });
      expect(c.statements()).toBe(1);
      expect(withSnapshot).toEqual(await loadReminderContext(tx, { timeZone: 'Asia/Shanghai' }));
      // A key outside the snapshot is read from the table.
      expect((await settingRows(tx, ['visits'], once)).get('visits')).toEqual({ rescheduleFreeDays: 5 });
    });
  });
});

describe("a click's outbox rows", () => {
  it('wait until written, and keep their order; a read of the outbox writes them first', async () => {
    const ids = new SequentialIds();
    await t.db.transaction(async (tx) => {
      holdOutboxRows(tx);
      await enqueueSend({ tx, deps: { ids } }, { openId: 'ou_a' }, { text: 'one' });
      await enqueueSend({ tx, deps: { ids } }, { openId: 'ou_b' }, { text: 'two' });
      expect(await tx.select().from(outbox)).toEqual([]);
      // The sync looks for a waiting row first: the held ones are written before it looks.
      await enqueueSubjectSync({ tx, deps: { ids } }, { kind: 'task', target: 'task:1', subjectType: 'obligation', subjectId: '1' });
      await enqueueSend({ tx, deps: { ids } }, { openId: 'ou_c' }, { text: 'three' });
      expect((await tx.select().from(outbox)).map((r) => r.target)).toEqual(['ou_a', 'ou_b', 'task:1']);
      await writeHeldOutboxRows(tx);
    });
    const rows = await t.db.select().from(outbox).orderBy(outbox.id);
    expect(rows.map((r) => r.target)).toEqual(['ou_a', 'ou_b', 'task:1', 'ou_c']);
  });

  it('go straight in where nothing holds them', async () => {
    await enqueueSend({ tx: t.db, deps: { ids: new SequentialIds() } }, { openId: 'ou_a' }, { text: 'one' });
    expect(await t.db.select().from(outbox)).toHaveLength(1);
  });
});
