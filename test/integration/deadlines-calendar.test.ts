/**
 * Admin calendar overrides move deadlines and the send window; a non-admin is refused; and two
 * ticks racing on the Postgres server send each nudge once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { nudges, obligations, settings } from '../../db/schema/index.js';
import { tick } from '../../src/scheduler/tick.js';
import { claimNudges } from '../../src/app/reminders/claim.js';
import { openObligationFor } from '../../src/app/obligations/index.js';
import { atZonedYmd } from '../../src/domain/time.js';
import type { NudgeIntent } from '../../src/domain/reminders/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { onPostgresServer } from '../support/db.js';
import { digestsSince, tickAt, TZ } from './deadlines-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-11-20T02:00:00Z' });
});
afterAll(async () => h?.close());

async function say(openId: string, text: string): Promise<string> {
  const before = h.lark.sent().length;
  await h.sender.message(openId, text);
  await h.settle();
  return h.lark.sent().slice(before).map((m) => JSON.stringify(m.content)).join('\n');
}

describe('calendar overrides', () => {
  it('refuses non-admins and bad dates, storing nothing', async () => {
    expect(await say('ou_manager', '/holiday add 2026-12-07 公司假日')).toContain('仅限管理员');
    expect(await say('ou_admin', '/holiday add 2026-02-30 x')).toContain('2026-02-30');
    expect(await h.db.db.select().from(settings).where(eq(settings.key, 'calendar.overrides'))).toEqual([]);
  });

  it('a company holiday on the due day moves the monthly report to the next working day', async () => {
    expect(await say('ou_admin', '/holiday add 2026-12-07 公司假日')).toContain('已将 2026-12-07 设为休息日');
    expect(await say('ou_admin', '/workday add 2026-12-05 调休')).toContain('工作日');
    expect(await say('ou_admin', '/holiday list 2026')).toContain('2026-12-07 公司假日');
    // 5 Dec (a Saturday) is now a working day, so the report is due on the 5th itself.
    await tickAt(h, '2026-12-01', '08:00');
    const [row] = await h.db.db.select().from(obligations).where(and(eq(obligations.kind, 'monthly_report'), eq(obligations.ownerId, 'ou_spec1')));
    expect(row!.dueAt.toISOString()).toBe(atZonedYmd('2026-12-05', TZ, 18, 0).toISOString());
    // And nothing is sent on the company holiday.
    const before = h.lark.sent().length;
    await tickAt(h, '2026-12-07', '09:05');
    expect(digestsSince(h, before)).toEqual([]);
    await tickAt(h, '2026-12-08', '09:05');
    expect(digestsSince(h, before).map((d) => d.to).sort()).toEqual(['ou_manager', 'ou_spec1', 'ou_spec2']);
  });
});

describe.skipIf(!onPostgresServer)('concurrency (Postgres server)', () => {
  it('two ticks at once send each nudge once', async () => {
    for (let i = 0; i < 20; i++) {
      await openObligationFor(h.db.db, TZ, { kind: 'visit_record', subjectType: 'visit', subjectId: `race-${i}`, ownerId: i % 2 ? 'ou_spec1' : 'ou_spec2', managerId: 'ou_manager', anchorAt: atZonedYmd('2026-12-08', TZ, 10) });
    }
    h.clock.set(atZonedYmd('2026-12-08', TZ, 18, 5));
    const before = h.lark.sent().length;
    const results = await Promise.all([tick(h.deps, h.clock.now()), tick(h.deps, h.clock.now()), tick(h.deps, h.clock.now())]);
    await h.settle();
    expect(results.filter((r) => !r.skipped).length).toBeGreaterThanOrEqual(1);
    expect(results.reduce((n, r) => n + r.claimed, 0)).toBe(20);
    expect(digestsSince(h, before).map((d) => d.to).sort()).toEqual(['ou_spec1', 'ou_spec2']);
  });

  it('even without the lock, the unique key lets only one claim win', async () => {
    const intent = (i: number): NudgeIntent => ({
      obligationId: `race-claim-${i}`, kind: 'follow_up', ownerId: 'ou_spec1', subjectType: 'visit', subjectId: String(i),
      recipientId: 'ou_spec1', recipientRole: 'owner', step: 'day5', urgency: 'upcoming', dueAt: h.clock.now(), notBefore: h.clock.now(),
    });
    const batch = Array.from({ length: 200 }, (_, i) => intent(i));
    const claim = () => h.db.db.transaction((tx) => claimNudges(tx, batch, h.clock.now(), () => crypto.randomUUID()));
    const [a, b] = await Promise.all([claim(), claim()]);
    expect(a.length + b.length).toBe(200);
    const stored = await h.db.db.select().from(nudges).where(eq(nudges.step, 'day5'));
    expect(stored.filter((n) => n.obligationKey.startsWith('race-claim-'))).toHaveLength(200);
  });
});
