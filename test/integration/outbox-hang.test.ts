/**
 * A Lark that hangs on one person never holds up anyone else's reminders: the tick runs and
 * writes its digests, the sweep returns, and everyone else's digests go out while the hung
 * request is still waiting — on this tick and on the next one, with the clock moved a day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { obligations, outbox } from '../../db/schema/index.js';
import { tick } from '../../src/scheduler/tick.js';
import type { OrgMember } from '../../src/app/org-file.js';
import { ROSTER, startHarness, type Harness } from '../support/harness.js';
import { waitFor } from '../support/bot-process.js';
import { digestsSince } from './deadlines-helpers.js';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹';
const SPECIALISTS: OrgMember[] = Array.from({ length: 30 }, (_, i) => ({
  openId: `ou_s${i}`,
  name: `${SURNAMES[i]}${i % 2 ? '静' : '伟'}`,
  role: 'specialist',
  managerId: 'ou_manager',
  locale: 'zh_cn',
}));
const HUNG = 'ou_s0';
const OTHERS = SPECIALISTS.map((m) => m.openId).filter((id) => id !== HUNG);
// Tuesday 10:00 in Shanghai; the visits were yesterday afternoon and have no record yet.
const TUESDAY = '2026-12-08T02:00:00Z';
const WEDNESDAY = '2026-12-09T02:00:00Z';

let h: Harness;
beforeAll(async () => {
  // The client waits a minute before giving up, so the hang outlasts everything below.
  h = await startHarness({ now: TUESDAY, roster: [...ROSTER, ...SPECIALISTS], larkTimeoutMs: 60_000 });
  await h.db.db.insert(obligations).values(
    SPECIALISTS.map((m, i) => ({
      kind: 'visit_record' as const,
      subjectType: 'visit',
      subjectId: `visit-hang-${i}`,
      ownerId: m.openId,
      managerId: 'ou_manager',
      anchorAt: new Date('2026-12-07T07:00:00Z'),
      dueAt: new Date('2026-12-07T15:59:59Z'),
      meta: { title: `拜访 客户${i}` },
    })),
  );
});
afterAll(async () => {
  h?.lark.releaseHangs();
  await h?.close();
});

const digestsTo = (from: number, to: string) => digestsSince(h, from).filter((d) => d.to === to).length;

describe('a hanging Lark', () => {
  it('delays nobody else’s reminders, this tick or the next', async () => {
    h.lark.injectFault({ api: 'message.create', kind: 'hang', receiveId: HUNG, times: 100 });

    const first = await tick(h.deps, h.clock.now());
    expect(first).toMatchObject({ skipped: false });
    expect(first.digests).toBeGreaterThanOrEqual(SPECIALISTS.length);
    await waitFor('everyone else’s Tuesday digest', () => OTHERS.every((id) => digestsTo(0, id) === 1), 30_000);
    // Arrived at Lark is not yet marked sent: moving the clock a day before the mark would end
    // those rows' lease and send them again (a real clock never jumps a day mid-send).
    await waitFor('their sends marked', async () => (await h.db.db.select().from(outbox).where(eq(outbox.status, 'sending'))).every((r) => r.target === HUNG), 30_000);
    expect(h.lark.held).toBe(1);
    expect(digestsTo(0, HUNG)).toBe(0);

    // The sweep node-cron runs every 5 s returns rather than waiting on the hung send.
    const swept = await Promise.race([h.sweep().then(() => 'returned'), new Promise((r) => setTimeout(() => r('blocked'), 10_000))]);
    expect(swept).toBe('returned');

    // A day later, still hung: the tick runs and everyone else hears again.
    h.clock.set(WEDNESDAY);
    const before = h.lark.sent().length;
    const second = await tick(h.deps, h.clock.now());
    expect(second).toMatchObject({ skipped: false });
    expect(second.digests).toBeGreaterThanOrEqual(OTHERS.length);
    await waitFor('everyone else’s Wednesday digest', () => OTHERS.every((id) => digestsTo(before, id) === 1), 30_000);
    expect(h.lark.held).toBe(1);
    const hungRows = await h.db.db.select().from(outbox).where(eq(outbox.target, HUNG));
    expect(hungRows.map((r) => r.status).sort()).toEqual(['sending', 'sending']);

    // Lark recovers: the hung person gets both digests, once each.
    h.lark.faults.length = 0;
    h.lark.releaseHangs();
    await waitFor('the hung send to fail over', async () => (await h.db.db.select().from(outbox).where(eq(outbox.target, HUNG))).some((r) => r.status !== 'sending'), 30_000);
    for (let i = 0; i < 5 && digestsTo(0, HUNG) < 2; i++) {
      h.clock.advance(60_000);
      await h.settle();
    }
    expect(digestsTo(0, HUNG)).toBe(2);
    for (const id of OTHERS) expect(digestsTo(0, id)).toBe(2);
  }, 180_000);
});
