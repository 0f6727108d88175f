/**
 * `考核` and the quarterly assessment digest (§1.2.1), through the real tick and outbox with the
 * clock moved across quarter boundaries: on a quarter's first working day (4 Jan 2026 is a 调休
 * Sunday after 元旦) each manager gets their team's assessment of the quarter just ended and the
 * director every team's — once, with two instances ticking, later ticks, and a tick that runs
 * days late — and nothing mid-quarter. The command: a manager their team, the director any team
 * or all, a specialist refused; a month, a future quarter or an unknown name answered clearly,
 * nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, like } from 'drizzle-orm';
import { nudges } from '../../db/schema/index.js';
import { tick } from '../../src/scheduler/tick.js';
import { assessmentCardFor } from '../../src/app/kpi/assessment.js';
import { loadRosterMap } from '../../src/app/customer/store.js';
import { atZonedYmd } from '../../src/domain/time.js';
import { ROSTER, startHarness, type Harness } from '../support/harness.js';
import { button, cardsTo, click, json, newCustomer, recordOnArchive, say } from './customer-helpers.js';
import { tickAt, titleOf, TZ } from './deadlines-helpers.js';

let h: Harness;
// 冯经理 leads a team with nobody in it yet.
const ROSTER_2 = [...ROSTER, { openId: 'ou_manager2', name: '冯经理', role: 'manager' as const, managerId: 'ou_director', locale: 'zh_cn' as const }];

beforeAll(async () => {
  h = await startHarness({ now: '2025-12-26T02:00:00Z', roster: ROSTER_2 });
});
afterAll(async () => h?.close());

const assessments = (from: number) =>
  h.lark.sent().slice(from).filter((m) => m.msgType === 'interactive' && titleOf(m).startsWith('季度考核'))
    .map((m) => ({ to: m.receiverOpenId, title: titleOf(m), text: json(m.content) }));

const assessmentNudges = async () => (await h.db.db.select({ n: count() }).from(nudges).where(like(nudges.obligationKey, 'assessment:%')))[0]!.n;

const record = (who: string, name: string, r: string, values: Record<string, unknown>) => recordOnArchive(h, who, name, r, values);

describe('Q4 2025 as recorded', () => {
  it('a sale of ¥600,000 against a ¥1,000,000 target for 李专员', async () => {
    await newCustomer(h, 'ou_spec1', '华东机械制造有限公司');
    await record('ou_spec1', '华东机械', 'transaction', { tx_amount: '60万', tx_date: '2025-12-22 +0800' });
    await say(h, 'ou_manager', '指标');
    const list = cardsTo(h, 'ou_manager').at(-1)!;
    const form = await click(h, 'ou_manager', list.messageId, button(list.content, 'target.form'));
    const set = await click(h, 'ou_manager', list.messageId, button(form.card!.data, 'target.set'), { tg_specialist: 'ou_spec1', tg_period: '2025Q4', tg_amount: '100万' });
    expect(set.toast?.type, set.toast?.content).toBe('success');
  });
});

describe('the quarterly digest', () => {
  it('nothing mid-quarter, on the New Year holidays, or before 09:00 on the first working day', async () => {
    const before = h.lark.sent().length;
    await tickAt(h, '2025-12-29', '10:00');
    await tickAt(h, '2025-12-31', '17:00');
    await tickAt(h, '2026-01-01', '10:00'); // 元旦
    await tickAt(h, '2026-01-02', '10:00');
    await tickAt(h, '2026-01-04', '08:30'); // the 调休 Sunday, before working hours
    expect(assessments(before)).toEqual([]);
    expect(await assessmentNudges()).toBe(0);
  });

  it('on the first working day: each manager their team, the director every team, once with two instances and later ticks', async () => {
    const before = h.lark.sent().length;
    h.clock.set(atZonedYmd('2026-01-04', TZ, 9, 5));
    const [a, b] = await Promise.all([tick(h.deps, h.clock.now()), tick(h.deps, h.clock.now())]);
    expect([a!.assessments, b!.assessments].sort()).toEqual([0, 3]);
    await h.settle();
    await tickAt(h, '2026-01-04', '09:10');
    await tickAt(h, '2026-01-04', '15:00');
    await tickAt(h, '2026-01-05', '09:05');
    const sent = assessments(before);
    expect(sent.map((s) => s.to).sort()).toEqual(['ou_director', 'ou_manager', 'ou_manager2']);
    const of = (to: string) => sent.find((s) => s.to === to)!;
    expect(of('ou_manager').title).toBe('季度考核 · 钱经理 团队');
    for (const s of ['2025年第四季度', '李专员', 'Wang Wei', '60.0%', '大客户流失率']) expect(of('ou_manager').text).toContain(s);
    expect(of('ou_manager').text).not.toContain('本季度尚未结束');
    expect(of('ou_manager2').title).toBe('季度考核 · 冯经理 团队');
    expect(of('ou_manager2').text).toContain('本团队暂无专员');
    expect(of('ou_director').title).toBe('季度考核 · 大客户部');
    for (const s of ['钱经理 团队', '冯经理 团队', '李专员', '60.0%']) expect(of('ou_director').text).toContain(s);
    expect(await assessmentNudges()).toBe(3);
  });

  it('a tick that runs late (the bot was down on 1–2 April) still sends Q1, once', async () => {
    const before = h.lark.sent().length;
    await tickAt(h, '2026-03-31', '10:00');
    expect(assessments(before)).toEqual([]);
    await tickAt(h, '2026-04-03', '10:00');
    await tickAt(h, '2026-04-03', '10:05');
    const sent = assessments(before);
    expect(sent.map((s) => s.to).sort()).toEqual(['ou_director', 'ou_manager', 'ou_manager2']);
    expect(sent.every((s) => s.text.includes('2026年第一季度'))).toBe(true);
    const rows = await h.db.db.select({ to: nudges.recipientId }).from(nudges).where(eq(nudges.obligationKey, 'assessment:2026Q1'));
    expect(rows).toHaveLength(3);
  });

  it('nothing mid-quarter', async () => {
    const before = h.lark.sent().length;
    await tickAt(h, '2026-05-20', '10:00');
    await tickAt(h, '2026-06-30', '17:00');
    expect(assessments(before)).toEqual([]);
  });
});

describe('考核 / assessment', () => {
  const reply = async (who: string, text: string) => json(await say(h, who, text));
  const lastAssessment = (who: string) => assessments(0).filter((s) => s.to === who).at(-1)!;

  it('the manager: their team, one of their specialists, not another team or the department', async () => {
    await say(h, 'ou_manager', '考核 2025Q4');
    expect(lastAssessment('ou_manager').title).toBe('季度考核 · 钱经理 团队');
    expect(lastAssessment('ou_manager').text).toContain('60.0%');
    await say(h, 'ou_manager', '考核 上季度 李专员');
    const one = lastAssessment('ou_manager').text;
    expect(one).toContain('2026年第一季度');
    expect(one).toContain('李专员');
    expect(one).not.toContain('Wang Wei');
    expect(await reply('ou_manager', '考核 冯经理')).toContain('季度考核是对经理（团队）的考核');
    expect(await reply('ou_manager', '考核 部门')).toContain('季度考核是对经理（团队）的考核');
  });

  it('the director and the assistant: all teams, or any one', async () => {
    await say(h, 'ou_director', '考核');
    expect(lastAssessment('ou_director').title).toBe('季度考核 · 大客户部');
    expect(lastAssessment('ou_director').text).toContain('本季度尚未结束'); // Q2 2026, running
    await say(h, 'ou_director', '考核 2025年第四季度 冯经理');
    expect(lastAssessment('ou_director').title).toBe('季度考核 · 冯经理 团队');
    await say(h, 'ou_assistant', 'assessment Q4 2025 钱经理');
    expect(lastAssessment('ou_assistant').text).toContain('60.0%');
  });

  it('a specialist and finance are refused by role, in their language', async () => {
    expect(await reply('ou_spec1', '考核 2025Q4')).toContain('您的角色不能使用「季度考核」');
    expect(await reply('ou_spec2', 'assessment')).toContain('\\"Quarterly assessment\\" is not available to your role');
    expect(await reply('ou_finance', '考核')).toContain('您的角色不能使用「季度考核」');
    expect(assessments(0).filter((s) => ['ou_spec1', 'ou_spec2', 'ou_finance'].includes(s.to!))).toEqual([]);
    // behind the role gate, the use case refuses a specialist on its own and points them to 绩效
    const spec = (await loadRosterMap(h.db.db)).get('ou_spec1')!;
    await expect(assessmentCardFor(h.db.db, spec, { text: '考核' }, { now: h.clock.now(), timeZone: TZ })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a month, a future quarter, an unknown name: a clear answer and nothing written', async () => {
    const before = await assessmentNudges();
    const sent = h.lark.sent().length;
    expect(await reply('ou_manager', '考核 11月')).toContain('不是一个季度');
    expect(await reply('ou_director', 'assessment 2026Q3')).toContain('还没有开始');
    expect(await reply('ou_director', '考核 张三丰')).toContain('名册中没有「张三丰」');
    expect(await reply('ou_director', '考核 Wang')).toContain('名册中没有「Wang」');
    expect(assessments(sent)).toEqual([]);
    expect(await assessmentNudges()).toBe(before);
  });
});
