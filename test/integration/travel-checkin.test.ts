/**
 * Travel check-ins (行踪报备, domain.md §3.4): an approved trip owes a check-in per day; a
 * location message or `报备 / checkin / 到达 <place>` logs it, closes the day's duty and tells the
 * assistant; no check-in by 18:00 → the traveller is nudged and the assistant gets the day's list;
 * a check-in without a trip is logged and the traveller is told it is not linked.
 */
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIns } from '../../db/schema/index.js';
import { atZonedYmd } from '../../src/domain/time.js';
import { startHarness, type Harness } from '../support/harness.js';
import { digestsSince, textOf, TZ } from './deadlines-helpers.js';
import { approvedTrip, checkinObligations, say, sendLocation, textsTo, tickAt } from './travel-helpers.js';

let h: Harness;
let tripA: { id: string };
const at = (day: string, hh: number, mm = 0) => atZonedYmd(day, TZ, hh, mm);

beforeAll(async () => {
  h = await startHarness({ now: '2026-11-09T01:00:00Z' }); // Mon 9 Nov 09:00 Shanghai
  tripA = await approvedTrip(h, 'ou_spec1', '2026-11-10', '2026-11-12', '南京、苏州');
  await approvedTrip(h, 'ou_spec2', '2026-11-10', '2026-11-11', 'Suzhou'); // a second traveller, whose check-ins must not mix with A's
});
afterAll(async () => h?.close());

const lastText = (who: string) => textsTo(h, who).at(-1) ?? '';

describe('an approved trip', () => {
  it('owes one check-in per trip day, due 18:00, with the manager and the assistant set', async () => {
    const rows = await checkinObligations(h, 'ou_spec1');
    expect(rows.map((r) => [r.subjectType, r.subjectId, r.dueAt.toISOString(), r.managerId, r.assistantId])).toEqual(
      ['2026-11-10', '2026-11-11', '2026-11-12'].map((d) => ['trip_day', `${tripA.id}:${d}`, at(d, 18).toISOString(), 'ou_manager', 'ou_assistant']),
    );
    expect(await checkinObligations(h, 'ou_spec2')).toHaveLength(2);
  });
});

describe('checking in', () => {
  it('by a location message: logged, the day closed, the assistant told', async () => {
    h.clock.set(at('2026-11-10', 10, 30));
    await sendLocation(h, 'ou_spec1', { name: '南京市鼓楼区中山路', longitude: '118.78', latitude: '32.06' });
    expect(lastText('ou_spec1')).toContain('已报备');
    expect(lastText('ou_spec1')).toContain('南京市鼓楼区中山路');
    expect(lastText('ou_assistant')).toContain('李专员');
    expect(lastText('ou_assistant')).toContain('南京市鼓楼区中山路');
    const [row] = await h.db.db.select().from(checkIns).where(eq(checkIns.memberId, 'ou_spec1'));
    expect(row).toMatchObject({ tripId: tripA.id, day: '2026-11-10', source: 'location', place: '南京市鼓楼区中山路', longitude: 118.78, latitude: 32.06 });
    const [first, second] = await checkinObligations(h, 'ou_spec1');
    expect(first!.doneAt).toEqual(at('2026-11-10', 10, 30));
    expect(second!.doneAt).toBeNull();
  });

  it('nobody who checked in is nudged at 18:00; the one who did not is, and the assistant gets the list — once', async () => {
    const before = h.lark.sent().length;
    await tickAt(h, '2026-11-10', '17:55');
    expect(digestsSince(h, before)).toEqual([]);
    await tickAt(h, '2026-11-10', '18:05');
    await tickAt(h, '2026-11-10', '18:10');
    const sent = digestsSince(h, before);
    expect(sent.map((d) => d.to).sort()).toEqual(['ou_assistant', 'ou_spec2']);
    const own = textOf(sent.find((d) => d.to === 'ou_spec2')!.card);
    expect(own).toContain('Travel check-ins');
    expect(own).toContain('Suzhou');
    const list = textOf(sent.find((d) => d.to === 'ou_assistant')!.card);
    expect(list).toContain('Wang Wei');
    expect(list).not.toContain('李专员');
  });

  it('by text, in either language: 报备 / 到达 / checkin', async () => {
    h.clock.set(at('2026-11-11', 11));
    await say(h, 'ou_spec1', '报备 苏州工业园区');
    expect(lastText('ou_spec1')).toContain('苏州工业园区');
    expect(lastText('ou_assistant')).toContain('苏州工业园区');
    await say(h, 'ou_spec2', '/checkin Suzhou Industrial Park');
    expect(lastText('ou_spec2')).toContain('Checked in');
    expect(lastText('ou_assistant')).toContain('Wang Wei');
    h.clock.set(at('2026-11-12', 9, 30));
    await say(h, 'ou_spec1', '到达 无锡');
    const open = (await checkinObligations(h, 'ou_spec1')).filter((r) => r.doneAt === null);
    expect(open).toEqual([]);
    expect((await checkinObligations(h, 'ou_spec2')).map((r) => r.doneAt === null)).toEqual([true, false]); // 10th missed, 11th done
    const before = h.lark.sent().length;
    await tickAt(h, '2026-11-11', '18:05');
    await tickAt(h, '2026-11-12', '18:05');
    expect(digestsSince(h, before)).toEqual([]);
  });

  it('an empty place is refused with nothing logged', async () => {
    const before = await h.db.db.$count(checkIns);
    await say(h, 'ou_spec1', '报备');
    expect(lastText('ou_spec1')).toContain('请写上地点');
    await say(h, 'ou_spec2', 'check in');
    expect(lastText('ou_spec2')).toContain('Please name the place');
    expect(await h.db.db.$count(checkIns)).toBe(before);
  });

  it('without an approved trip that day: logged anyway, and the traveller is told politely in their language', async () => {
    h.clock.set(at('2026-11-13', 10));
    await say(h, 'ou_spec1', '报备 上海浦东');
    const reply = lastText('ou_spec1');
    expect(reply).toContain('未关联到出差行程');
    expect(reply).not.toContain('not linked to a trip');
    const rows = await h.db.db.select().from(checkIns).where(eq(checkIns.memberId, 'ou_spec1')).orderBy(asc(checkIns.id));
    expect(rows.at(-1)).toMatchObject({ tripId: null, day: '2026-11-13', place: '上海浦东', source: 'text' });
    expect(rows.map((r) => r.day)).toEqual(['2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13']);
  });
});
