/**
 * The trip fixes of issue 17, through the /apply card and messages: a trip entirely in the past
 * is refused (the form says 出差前提交) and stores nothing; a 4-day trip counts 4 travel days, and
 * a check-in the day after it (no trip) counts none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallRequests, trips } from '../../db/schema/index.js';
import { countTravelDays } from '../../src/app/travel/travel-days.js';
import { atZonedYmd } from '../../src/domain/time.js';
import { startHarness, type Harness } from '../support/harness.js';
import { button, click, lastCardTo } from './approval-helpers.js';
import { TZ } from './deadlines-helpers.js';
import { approvedTrip, say, textsTo } from './travel-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-12-07T01:00:00Z' }); // Mon 7 Dec 09:00 Shanghai
});
afterAll(async () => h?.close());

describe('a travel request', () => {
  it('for a trip already over is refused naming the return date, and stores nothing', async () => {
    await say(h, 'ou_spec1', '申请');
    const picker = lastCardTo(h, 'ou_spec1');
    const form = await click(h, 'ou_spec1', picker.messageId, button(picker.content, 'request.form', { kind: 'travel' }));
    const before = await h.db.db.$count(smallRequests);
    const r = await click(h, 'ou_spec1', picker.messageId, button(form.card!.data, 'request.submit'), {
      destinations: '杭州', from: '2026-12-01 +0800', to: '2026-12-04 +0800', purpose: '拜访客户',
    });
    expect(r.toast?.type).toBe('error');
    expect(r.toast?.i18n.zh_cn).toContain('返回日期');
    expect(r.toast?.i18n.zh_cn).toContain('出差前');
    expect(await h.db.db.$count(smallRequests)).toBe(before);
    // a trip under way (left yesterday) may still be filed
    const ok = await click(h, 'ou_spec1', picker.messageId, button(form.card!.data, 'request.submit'), {
      destinations: '杭州', from: '2026-12-06 +0800', to: '2026-12-08 +0800', purpose: '拜访客户',
    });
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
  });

  it('for 4 days counts 4 travel days; a check-in with no trip counts none', async () => {
    await approvedTrip(h, 'ou_spec2', '2026-12-09', '2026-12-12', '上海、苏州');
    for (const [day, place] of [['2026-12-09', '上海浦东'], ['2026-12-12', '苏州工业园区'], ['2026-12-13', '南京']] as const) {
      h.clock.set(atZonedYmd(day, TZ, 10));
      await say(h, 'ou_spec2', `报备 ${place}`);
    }
    expect(textsTo(h, 'ou_spec2').at(-1)).toContain('no approved trip');
    expect((await countTravelDays(h.db.db, '2026-12')).get('ou_spec2')).toBe(4);
    expect(await h.db.db.$count(trips)).toBe(1);
  });
});
