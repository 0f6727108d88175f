/**
 * Issue 12, feedback (意见反馈) and the question standard time, end to end through the webhook:
 * `反馈 华东机械 …` records feedback due after the standard time in force (setting 意见反馈时限),
 * `已反馈 华东机械` or the open-feedback card's button marks it given; a later change of the
 * setting leaves what was recorded before due as it was. A question's due is stored when it is
 * asked (setting 问题解答时限). The KPI card then shows both rates with their basis. An unknown
 * customer, a stranger and a second mark change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { customerFeedback, customerQuestions } from '../../db/schema/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { button, cardsTo, click, json, lastArchive, newCustomer, say, textsTo } from './customer-helpers.js';

let h: Harness;
let customerId = '';
const feedback = () => h.db.db.select().from(customerFeedback).where(eq(customerFeedback.customerId, customerId)).orderBy(asc(customerFeedback.id));
const lastText = (who: string) => textsTo(h, who).at(-1) ?? '';
const kpiCard = (who: string) => json(cardsTo(h, who).filter((m) => json(m.content).includes('绩效 KPI · ')).at(-1)?.content);
const hours = (n: number) => n * 3_600_000;

beforeAll(async () => {
  h = await startHarness({ now: '2026-11-23T02:00:00Z' }); // Mon 23 Nov, 10:00 Shanghai
  customerId = (await newCustomer(h, 'ou_spec1', '华东机械制造有限公司')).id;
});
afterAll(async () => h?.close());

describe('recording feedback', () => {
  it('an unknown customer, a stranger and an empty text record nothing', async () => {
    await say(h, 'ou_spec1', '反馈 不存在的公司 希望缩短交货周期');
    expect(lastText('ou_spec1')).toMatch(/找不到|没有找到|不存在/);
    await say(h, 'ou_spec2', 'feedback 华东机械 shorter lead times please');
    expect(lastText('ou_spec2')).toContain('Only the owner');
    await say(h, 'ou_spec1', '反馈');
    expect(lastText('ou_spec1')).toContain('用法');
    expect(await feedback()).toEqual([]);
  });

  it('is due after the standard time in force, stored with it; the owner hears when someone else records it', async () => {
    await say(h, 'ou_admin', '设置 反馈时限 24');
    expect(lastText('ou_admin')).toMatch(/24/);
    await say(h, 'ou_manager', '反馈 华东机械 希望缩短交货周期，来电催问两次');
    expect(lastText('ou_manager')).toContain('已记录「华东机械制造有限公司」的意见反馈，须在 2026-11-24 10:00 前反馈（标准 24 小时）');
    expect(lastText('ou_spec1')).toContain('钱经理 记录了「华东机械制造有限公司」的意见反馈');
    const [f1] = await feedback();
    expect(f1).toMatchObject({ body: '希望缩短交货周期，来电催问两次', raisedAt: new Date('2026-11-23T02:00:00Z'), dueAt: new Date('2026-11-24T02:00:00Z'), standardHours: 24, givenAt: null, recordedBy: 'ou_manager' });
  });

  it('已反馈 with one open marks it given on time; a second mark finds nothing open', async () => {
    h.clock.set(new Date(h.clock.now().getTime() + hours(3)).toISOString());
    await say(h, 'ou_spec1', '已反馈 华东机械：已答复可缩短至 20 天');
    expect(lastText('ou_spec1')).toContain('已按时反馈');
    const [f1] = await feedback();
    expect(f1).toMatchObject({ givenAt: new Date('2026-11-23T05:00:00Z'), givenBy: 'ou_spec1', reply: '已答复可缩短至 20 天' });
    await say(h, 'ou_spec1', '已反馈 华东机械');
    expect(lastText('ou_spec1')).toContain('没有待反馈的意见');
  });

  it('a setting changed later leaves earlier feedback due as it was; with two open the card asks which', async () => {
    await say(h, 'ou_spec1', '反馈 华东机械 对售后响应速度不满意'); // 23 Nov 13:00, due 24 Nov 13:00
    await say(h, 'ou_admin', '设置 反馈时限 3天');
    h.clock.set('2026-11-24T07:00:00Z'); // 15:00 on the 24th: the first is late now
    await say(h, 'ou_spec1', '反馈 华东机械 希望提供备件清单'); // due 27 Nov 15:00
    const [, f2, f3] = await feedback();
    expect(f2).toMatchObject({ dueAt: new Date('2026-11-24T05:00:00Z'), standardHours: 24 });
    expect(f3).toMatchObject({ dueAt: new Date('2026-11-27T07:00:00Z'), standardHours: 72 });

    await say(h, 'ou_spec1', '已反馈 华东机械');
    expect(textsTo(h, 'ou_spec1').at(-1)).toContain('有 2 条待反馈的意见');
    const c = cardsTo(h, 'ou_spec1').at(-1)!;
    expect(json(c.content)).toContain('待反馈的客户意见（2）');
    expect(json(c.content)).toContain('已超时');
    const give = button(c.content, 'customer.feedback.give', { f: f2!.id });
    const stranger = await click(h, 'ou_spec2', c.messageId, give, {});
    expect(stranger.toast?.type).toBe('error');
    expect((await feedback())[1]!.givenAt).toBeNull();
    const ok = await click(h, 'ou_spec1', c.messageId, give, { [`fb_reply_${f2!.id}`]: '已安排服务经理上门' });
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    expect(ok.toast?.i18n.zh_cn).toContain('已超过标准时间');
    expect(json(ok.card)).toContain('待反馈的客户意见（1）');
    const twice = await click(h, 'ou_spec1', c.messageId, give, {});
    expect(twice.toast?.i18n.zh_cn).toContain('已经反馈过了');
    expect((await feedback())[1]).toMatchObject({ givenAt: new Date('2026-11-24T07:00:00Z'), reply: '已安排服务经理上门' });
  });
});

describe('the question standard time', () => {
  it('is stored with each question when it is asked', async () => {
    await say(h, 'ou_admin', '设置 解答时限 8小时');
    await say(h, 'ou_spec1', '客户 华东机械');
    const { messageId, card } = lastArchive(h, 'ou_spec1');
    const form = await click(h, 'ou_spec1', messageId, button(card, 'customer.record', { r: 'question' }));
    const ok = await click(h, 'ou_spec1', messageId, button(form.card!.data, 'customer.record.save'), { q_text: '保修期多久？' });
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    await say(h, 'ou_admin', '设置 解答时限 24');
    const [q] = await h.db.db.select().from(customerQuestions).where(eq(customerQuestions.customerId, customerId));
    expect(q).toMatchObject({ askedAt: new Date('2026-11-24T07:00:00Z'), dueAt: new Date('2026-11-24T15:00:00Z') });
    // answered 10 hours later: late by its own 8-hour standard, though today's setting is 24
    h.clock.set('2026-11-24T17:00:00Z');
    await say(h, 'ou_spec1', '解答 华东机械：整机保修两年');
  });
});

describe('the KPI card', () => {
  it('shows feedback timeliness and answer timeliness from the stored dues', async () => {
    await say(h, 'ou_spec1', '绩效 本季度');
    const card = kpiCard('ou_spec1');
    // two given (one on time, one late), one open and not yet due
    expect(card).toContain('需反馈 2 次，按时 1 次（另有 1 次未到期）');
    expect(card).toContain('问题 1 个，按时解答 0 个');
    const en = await say(h, 'ou_spec2', 'kpi this quarter');
    expect(json(en)).toContain('KPIs · Wang Wei');
  });

  it('the archive keeps the feedback in its history', async () => {
    await say(h, 'ou_spec1', '客户 华东机械');
    const { messageId } = lastArchive(h, 'ou_spec1');
    const tab = await click(h, 'ou_spec1', messageId, { v: 1, k: 'customer.history', c: customerId, t: 'feedback', p: 1 });
    const text = json(tab.card);
    expect(text).toContain('意见反馈 3');
    expect(text).toContain('2026-11-24 已反馈（超时）');
    expect(text).toContain('待反馈，2026-11-27 到期');
  });
});
