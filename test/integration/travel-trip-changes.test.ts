/**
 * An approved trip after its approval (issue 15): the traveller links the customers it serves
 * (on the application form and from the trip card), cuts it short or cancels it with a reason
 * (by card and by chat), the manager is told, and the days dropped no longer count as travel
 * days nor ask for check-ins; `出差天数` shows the running tally. All through the webhook and cards.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, obligations, trips } from '../../db/schema/index.js';
import { countTravelDays } from '../../src/app/travel/travel-days.js';
import { atZonedYmd } from '../../src/domain/time.js';
import { startHarness, type Harness } from '../support/harness.js';
import { button, click, lastCardTo } from './approval-helpers.js';
import { buttonOf, digestsSince, textOf, tickAt, TZ } from './deadlines-helpers.js';
import { approvedTrip, checkinObligations, say, textsTo } from './travel-helpers.js';
import { customerWithContacts, json } from './visit-helpers.js';

let h: Harness;
let huaneng = '';
let datang = '';
beforeAll(async () => {
  h = await startHarness({ now: '2026-12-07T01:00:00Z' }); // Mon 7 Dec 09:00 Shanghai
  huaneng = (await customerWithContacts(h, 'ou_spec1', '中国华能集团')).id;
  datang = (await customerWithContacts(h, 'ou_spec1', '中国大唐集团')).id;
  await customerWithContacts(h, 'ou_spec2', '国家电投集团');
});
afterAll(async () => h?.close());

const tripRow = async (id: string) => (await h.db.db.select().from(trips).where(eq(trips.id, id)))[0]!;
const openCheckins = async (who: string) => (await checkinObligations(h, who)).filter((o) => !o.doneAt && !o.cancelledAt).map((o) => o.subjectId.split(':')[1]);
const lastText = (who: string) => textsTo(h, who).at(-1) ?? '';

describe('the travel request form', () => {
  let tripId = '';

  it('offers the traveller’s own customers; the linked ones reach the manager and the trip', async () => {
    await say(h, 'ou_spec1', '出差申请');
    const form = lastCardTo(h, 'ou_spec1');
    const text = json(form.content);
    expect(text).toContain('关联客户');
    expect(text).toContain('中国华能集团');
    expect(text).not.toContain('国家电投集团'); // someone else's customer
    // a customer of someone else is refused, and nothing is filed
    const bad = await click(h, 'ou_spec1', form.messageId, button(form.content, 'request.submit'), {
      destinations: '北京', from: '2026-12-08 +0800', to: '2026-12-11 +0800', purpose: '拜访客户', customers: [huaneng, 'not-a-customer'],
    });
    expect(bad.toast?.type).toBe('error');
    expect(bad.toast?.i18n.zh_cn).toContain('只能关联您名下的客户');
    const ok = await click(h, 'ou_spec1', form.messageId, button(form.content, 'request.submit'), {
      destinations: '北京', from: '2026-12-08 +0800', to: '2026-12-11 +0800', purpose: '拜访客户', customers: [huaneng, datang],
    });
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    const approval = lastCardTo(h, 'ou_manager');
    expect(json(approval.content)).toContain('中国华能集团、中国大唐集团');
    const r = await click(h, 'ou_manager', approval.messageId, button(approval.content, 'approval.decide', { d: 'approve' }));
    expect(r.toast?.type).toBe('success');
    const [trip] = await h.db.db.select().from(trips).where(eq(trips.travellerId, 'ou_spec1'));
    expect(trip!.customerIds).toEqual([huaneng, datang]);
    tripId = trip!.id;
    expect(await openCheckins('ou_spec1')).toEqual(['2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11']);
  });

  it('`我的出差` shows it with its customers; the card relinks them, and a stranger cannot', async () => {
    await say(h, 'ou_spec1', '我的出差');
    const card = lastCardTo(h, 'ou_spec1');
    expect(json(card.content)).toContain('北京');
    expect(json(card.content)).toContain('关联客户：中国华能集团、中国大唐集团');
    const stranger = await click(h, 'ou_spec2', card.messageId, button(card.content, 'trip.customers', { t: tripId }));
    expect(stranger.toast?.type).toBe('error');
    const form = await click(h, 'ou_spec1', card.messageId, button(card.content, 'trip.customers', { t: tripId }));
    expect(json(form.card)).toContain('multi_select_static');
    expect(json(form.card)).toContain('selected_values');
    const saved = await click(h, 'ou_spec1', card.messageId, buttonOf(form.card!.data, 'trip.customers.save') as never, { customers: [datang] });
    expect(saved.toast?.type, saved.toast?.content).toBe('success');
    expect(json(saved.card)).toContain('关联客户：中国大唐集团');
    expect((await tripRow(tripId)).customerIds).toEqual([datang]);
  });

  it('cut short by card: new end and reason kept, the manager told, later days neither count nor ask for check-ins', async () => {
    await say(h, 'ou_spec1', 'trips');
    const card = lastCardTo(h, 'ou_spec1');
    const form = await click(h, 'ou_spec1', card.messageId, button(card.content, 'trip.shorten', { t: tripId }));
    expect(json(form.card)).toContain('提前结束出差');
    const save = buttonOf(form.card!.data, 'trip.shorten.save') as never;
    const noReason = await click(h, 'ou_spec1', card.messageId, save, { new_end: '2026-12-09 +0800', reason: ' ' });
    expect(noReason.toast?.type).toBe('error');
    const tooLate = await click(h, 'ou_spec1', card.messageId, save, { new_end: '2026-12-11 +0800', reason: '客户会议提前' });
    expect(tooLate.toast?.i18n.zh_cn).toContain('须早于原定的 2026-12-11');
    expect((await tripRow(tripId)).toDate).toBe('2026-12-11');

    const ok = await click(h, 'ou_spec1', card.messageId, save, { new_end: '2026-12-09 +0800', reason: '客户会议提前' });
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    expect(ok.toast?.i18n.zh_cn).toContain('之后的 2 天不再计入出差天数');
    const row = await tripRow(tripId);
    expect(row).toMatchObject({ status: 'approved', fromDate: '2026-12-08', toDate: '2026-12-09', plannedToDate: '2026-12-11', changeReason: '客户会议提前' });
    expect(await openCheckins('ou_spec1')).toEqual(['2026-12-08', '2026-12-09']);
    expect(lastText('ou_manager')).toContain('李专员 提前结束出差「北京」：返回日期 2026-12-11 → 2026-12-09。原因：客户会议提前');
    expect(await h.db.db.$count(auditLog, and(eq(auditLog.action, 'trip.shortened'), eq(auditLog.subjectId, tripId)))).toBe(1);
    expect((await countTravelDays(h.db.db, '2026-12')).get('ou_spec1')).toBe(2);
    expect(json(ok.card)).toContain('原定至 2026-12-11');
  });

  it('the 18:00 check-in reminder comes on a kept day and not on a dropped one', async () => {
    const kept = h.lark.sent().length;
    await tickAt(h, '2026-12-09', '18:05');
    expect(digestsSince(h, kept).filter((d) => d.to === 'ou_spec1' && textOf(d.card).includes('行程报备'))).toHaveLength(1);
    const dropped = h.lark.sent().length;
    await tickAt(h, '2026-12-10', '18:05');
    expect(digestsSince(h, dropped).filter((d) => d.to === 'ou_spec1' && textOf(d.card).includes('北京'))).toHaveLength(0);
    // the assistant's list of the day has nobody missing either, and a check-in that day is on no trip
    await say(h, 'ou_assistant', '今日报备');
    expect(lastText('ou_assistant')).toContain('出差中的人都已报备');
    await say(h, 'ou_spec1', '报备 北京朝阳');
    expect(lastText('ou_spec1')).toContain('没有已批准的出差申请');
  });
});

describe('cancelling by chat', () => {
  it('cancels the only trip with its reason; the manager is told and it counts nothing', async () => {
    h.clock.set(atZonedYmd('2026-12-10', TZ, 19));
    const trip = await approvedTrip(h, 'ou_spec2', '2026-12-14', '2026-12-16', 'Shanghai');
    await say(h, 'ou_spec2', 'cancel trip');
    expect(lastText('ou_spec2')).toContain('Please give a reason');
    expect((await tripRow(trip.id)).status).toBe('approved');
    await say(h, 'ou_spec2', 'cancel trip customer postponed the meeting');
    expect(lastText('ou_spec2')).toContain('Cancelled "Shanghai" (2026-12-14 → 2026-12-16); it counts no travel days.');
    expect(await tripRow(trip.id)).toMatchObject({ status: 'cancelled', changeReason: 'customer postponed the meeting', plannedToDate: '2026-12-16' });
    expect(await openCheckins('ou_spec2')).toEqual([]);
    expect(lastText('ou_manager')).toContain('Wang Wei 取消了已批准的出差「Shanghai」');
    expect((await countTravelDays(h.db.db, '2026-12')).get('ou_spec2')).toBeUndefined();
    await say(h, 'ou_spec2', 'cancel trip again');
    expect(lastText('ou_spec2')).toContain('no approved trip ahead');
  });

  it('a trip already checked in on is cut short, not cancelled; `提前结束出差` names the day back', async () => {
    h.clock.set(atZonedYmd('2026-12-14', TZ, 9));
    const trip = await approvedTrip(h, 'ou_spec1', '2026-12-14', '2026-12-18', '杭州');
    await say(h, 'ou_spec1', '报备 杭州西湖区');
    await say(h, 'ou_spec1', '取消出差 客户取消');
    expect(lastText('ou_spec1')).toContain('不能取消');
    expect((await tripRow(trip.id)).status).toBe('approved');
    await say(h, 'ou_spec1', '提前结束出差 明天 项目提前完成');
    expect(lastText('ou_spec1')).toContain('返回日期改为 2026-12-15');
    expect(await tripRow(trip.id)).toMatchObject({ toDate: '2026-12-15', changeReason: '项目提前完成' });
    const rows = await h.db.db.select().from(obligations).where(and(eq(obligations.kind, 'trip_checkin'), isNull(obligations.cancelledAt))).orderBy(asc(obligations.subjectId));
    expect(rows.filter((r) => r.subjectId.startsWith(trip.id)).map((r) => r.subjectId.split(':')[1])).toEqual(['2026-12-14', '2026-12-15']);
  });
});

describe('`出差天数`', () => {
  it('the specialist sees this month so far, the days ahead and the year; the manager each of the team', async () => {
    h.clock.set(atZonedYmd('2026-12-14', TZ, 20));
    await say(h, 'ou_spec1', '出差天数');
    const mine = lastText('ou_spec1');
    // Beijing 8–9 and Hangzhou 14 so far, the 15th still ahead; nothing earlier this year
    expect(mine).toContain('李专员：本月 3 天，另有已批准 1 天；今年 3 天（本月不足）');
    expect(mine).not.toContain('Wang Wei');
    await say(h, 'ou_manager', '出差天数');
    const team = lastText('ou_manager');
    expect(team).toContain('李专员：本月 3 天');
    expect(team).toContain('Wang Wei：本月 0 天');
    await say(h, 'ou_spec2', 'travel days');
    expect(lastText('ou_spec2')).toContain('Wang Wei: 0 days this month; 0 this year (short this month)');
  });
});
