/**
 * Visit records, follow-ups and a pending approval opened through the obligations API, walked
 * through a working week: the digests each person gets per run, the managers' one-off
 * escalations, nothing after the work is done, nothing outside working hours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { nudges } from '../../db/schema/index.js';
import { closeObligation, openObligationFor } from '../../src/app/obligations/index.js';
import { atZonedYmd } from '../../src/domain/time.js';
import { startHarness, type Harness } from '../support/harness.js';
import { buttons, days, digestsSince, textOf, tickAt, TZ } from './deadlines-helpers.js';

let h: Harness;
const log: { day: string; time: string; to: string | null; card: unknown }[] = [];
const at = (day: string, hh: number, mm = 0) => atZonedYmd(day, TZ, hh, mm);

async function open(kind: 'visit_record' | 'follow_up' | 'approval_step', subjectId: string, ownerId: string, managerId: string, anchorAt: Date, title: string) {
  await h.db.db.transaction((tx) =>
    openObligationFor(tx, TZ, {
      kind,
      subjectType: kind === 'approval_step' ? 'approval_step' : 'visit',
      subjectId,
      ownerId,
      managerId,
      anchorAt,
      // A handler nobody registered: the digest must not show a button for it.
      meta: { title, action: { k: 'visit.record', id: subjectId } },
    }),
  );
}

beforeAll(async () => {
  h = await startHarness({ now: '2026-11-08T16:00:00Z' }); // Mon 9 Nov, 00:00 Shanghai
  // The first tick makes October's monthly-report rows; close them so this file sees only its own.
  await tickAt(h, '2026-11-09', '00:10');
  for (const id of ['ou_spec1', 'ou_spec2']) await closeObligation(h.db.db, 'monthly_report', { type: 'month', id: '2026-10' }, h.clock.now(), { ownerId: id });

  await open('follow_up', 'v-old', 'ou_spec1', 'ou_manager', at('2026-11-04', 10), '大唐电力');
  await open('visit_record', 'v-a', 'ou_spec1', 'ou_manager', at('2026-11-09', 15), '华能集团');
  await open('visit_record', 'v-b', 'ou_spec1', 'ou_manager', at('2026-11-09', 16), '国家电网');
  await open('approval_step', 'step-1', 'ou_manager', 'ou_director', at('2026-11-09', 10), '差旅申请 · 李专员');
  // Opening the same duty again (a retried command) changes nothing.
  await open('visit_record', 'v-a', 'ou_spec1', 'ou_manager', at('2026-11-09', 15), '华能集团');

  for (const day of days('2026-11-09', '2026-11-13')) {
    for (const time of ['00:30', '09:05', '11:00', '18:10', '21:00']) {
      const before = h.lark.sent().length;
      await tickAt(h, day, time);
      for (const d of digestsSince(h, before)) log.push({ day, time, to: d.to, card: d.card });
      if (day === '2026-11-10' && time === '11:00') {
        await closeObligation(h.db.db, 'visit_record', { type: 'visit', id: 'v-a' }, at('2026-11-10', 12));
      }
    }
  }
});
afterAll(async () => h?.close());

const runs = (to: string) => log.filter((l) => l.to === to).map((l) => `${l.day} ${l.time}`);
const one = (to: string, day: string, time: string) => textOf(log.find((l) => l.to === to && l.day === day && l.time === time)!.card);

describe('the week of a specialist with two visits and a follow-up', () => {
  it('gets one digest per run, only in working hours', () => {
    expect(runs('ou_spec1')).toEqual([
      '2026-11-09 09:05', // follow-up day 5
      '2026-11-09 18:10', // both visit records: the evening of the visit
      '2026-11-10 09:05', // both records, next morning
      '2026-11-11 09:05', // record B + follow-up due today
      '2026-11-12 09:05', // record B + follow-up overdue
      '2026-11-13 09:05',
    ]);
  });

  it('groups everything due into one card, by kind', () => {
    const nov11 = one('ou_spec1', '2026-11-11', '09:05');
    expect(nov11).toContain('国家电网');
    expect(nov11).toContain('大唐电力');
    expect(nov11).toContain('今天截止');
    expect(one('ou_spec1', '2026-11-10', '09:05')).toContain('华能集团');
  });

  it('never nudges again about the record that was submitted', () => {
    for (const l of log.filter((x) => x.day >= '2026-11-11')) expect(textOf(l.card)).not.toContain('华能集团');
  });

  it('shows no button for an action no handler answers', () => {
    for (const l of log) expect(buttons(l.card).filter((b) => b.k === 'visit.record')).toEqual([]);
  });
});

describe('escalations', () => {
  it('the manager gets their own approval nudge after one working day, then one list of the team’s late work', () => {
    expect(runs('ou_manager')).toEqual(['2026-11-10 11:00', '2026-11-12 09:05']);
    const list = one('ou_manager', '2026-11-12', '09:05');
    expect(list).toContain('团队逾期事项');
    expect(list).toContain('国家电网');
    expect(list).toContain('大唐电力');
    expect(list).not.toContain('华能集团');
  });

  it("the approver's superior is told after three working days", () => {
    expect(runs('ou_director')).toEqual(['2026-11-12 11:00']);
    expect(one('ou_director', '2026-11-12', '11:00')).toContain('差旅申请');
  });

  it('records each step once however many ticks ran', async () => {
    const [row] = await h.db.db.select({ n: count() }).from(nudges);
    // spec1: day5, 2×evening, 2×morning(10th), morning B ×3 (11–13), day7, overdue ×2; manager: wd1, 2 escalations; director: 1.
    expect(row!.n).toBe(1 + 2 + 2 + 3 + 1 + 2 + 1 + 2 + 1);
  });
});
