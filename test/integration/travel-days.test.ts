/**
 * Month-end travel days (§2.2 art.13): on the month's last working day each manager gets one
 * list of their specialists under 15 travel days, counted from approved trips (clipped to the
 * month) and check-ins, once however often the tick runs; a manager whose team is all above 15
 * gets nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trips } from '../../db/schema/index.js';
import { countTravelDays } from '../../src/app/travel/travel-days.js';
import { tick } from '../../src/scheduler/tick.js';
import { atZonedYmd } from '../../src/domain/time.js';
import { ROSTER, startHarness, type Harness } from '../support/harness.js';
import { digestsSince, textOf, tickAt, TZ } from './deadlines-helpers.js';
import { say } from './travel-helpers.js';

let h: Harness;
const ROSTER_3 = [
  ...ROSTER,
  { openId: 'ou_manager2', name: '冯经理', role: 'manager' as const, managerId: 'ou_director', locale: 'zh_cn' as const },
  { openId: 'ou_spec3', name: '陈专员', role: 'specialist' as const, managerId: 'ou_manager2', locale: 'zh_cn' as const },
];

async function trip(travellerId: string, fromDate: string, toDate: string, status: 'approved' | 'cancelled' = 'approved') {
  const id = crypto.randomUUID();
  await h.db.db.insert(trips).values({ id, requestId: `req-${id}`, travellerId, fromDate, toDate, destinations: '华东', purpose: null, status, createdAt: h.clock.now() });
}

beforeAll(async () => {
  h = await startHarness({ now: '2026-10-31T16:00:00Z', roster: ROSTER_3 }); // Sun 1 Nov 00:00 Shanghai
  // 李专员: 5 days of a trip from October + 5 more = 10 (a check-in on a trip day adds nothing, one with no trip is not a travel day; a cancelled trip counts nothing).
  await trip('ou_spec1', '2026-10-25', '2026-11-05');
  await trip('ou_spec1', '2026-11-09', '2026-11-13');
  await trip('ou_spec1', '2026-11-23', '2026-11-28', 'cancelled');
  // Wang Wei: 16 days. 陈专员 (the other manager's team): 20 days.
  await trip('ou_spec2', '2026-11-03', '2026-11-18');
  await trip('ou_spec3', '2026-11-01', '2026-11-20');
  for (const [day, place] of [['2026-11-10', '苏州'], ['2026-11-20', '无锡'], ['2026-11-21', '常州']] as const) {
    h.clock.set(atZonedYmd(day, TZ, 10));
    await say(h, 'ou_spec1', `报备 ${place}`);
  }
});
afterAll(async () => h?.close());

describe('travel days counted for November 2026', () => {
  it('from approved trips clipped to the month, each day once; a check-in with no trip is not a travel day', async () => {
    const days = await countTravelDays(h.db.db, '2026-11');
    expect(Object.fromEntries(days)).toEqual({ ou_spec1: 10, ou_spec2: 16, ou_spec3: 20 });
    expect(Object.fromEntries(await countTravelDays(h.db.db, '2026-10'))).toEqual({ ou_spec1: 7 });
  });
});

describe('the month-end list (last working day: Mon 30 Nov)', () => {
  const travelLists = (from: number) => digestsSince(h, from).filter((d) => textOf(d.card).includes('少于 15 天'));

  it('is not sent before the last working day, nor before working hours on it', async () => {
    const before = h.lark.sent().length;
    await tickAt(h, '2026-11-27', '10:00');
    await tickAt(h, '2026-11-30', '08:30');
    expect(travelLists(before)).toEqual([]);
  });

  it('goes to the manager once, naming only who is under 15; nothing to a manager whose team is above', async () => {
    const before = h.lark.sent().length;
    h.clock.set(atZonedYmd('2026-11-30', TZ, 9, 5));
    // Two ticks at once (two instances), then later ones: still one list.
    await Promise.all([tick(h.deps, h.clock.now()), tick(h.deps, h.clock.now())]);
    await h.settle();
    await tickAt(h, '2026-11-30', '09:10');
    await tickAt(h, '2026-11-30', '15:00');
    await tickAt(h, '2026-12-01', '09:05'); // the previous month is looked at again, and claimed already
    const lists = travelLists(before);
    expect(lists.map((l) => l.to)).toEqual(['ou_manager']);
    const text = textOf(lists[0]!.card);
    expect(text).toContain('李专员');
    expect(text).toContain('出差 10 天，少于 15 天');
    expect(text).not.toContain('Wang Wei');
    expect(digestsSince(h, before).filter((d) => d.to === 'ou_manager2')).toEqual([]);
  });
});
