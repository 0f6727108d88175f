/**
 * The monthly report ladder through December 2026 with the fake Lark: the November report is
 * due on the 5th, a Saturday, so it moves to Monday the 7th. Ticks run three times a day (and at
 * night) to prove each step goes out once, in working hours, on the expected days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { buttonOf, days, digestsSince, textOf, tickAt, titleOf } from './deadlines-helpers.js';

let h: Harness;
// Who got a digest on which day, and the step-bearing text of each.
const log: { day: string; to: string | null; card: unknown }[] = [];
const warnings: string[] = [];

async function runDay(day: string, after?: (day: string) => Promise<void>): Promise<void> {
  for (const t of ['00:30', '09:05', '11:00', '18:10', '21:00']) {
    const before = h.lark.sent().length;
    await tickAt(h, day, t);
    for (const d of digestsSince(h, before)) log.push({ day, to: d.to, card: d.card });
    for (const m of h.lark.sent().slice(before)) if (titleOf(m).includes('节假日安排尚未录入')) warnings.push(`${day} ${m.receiverOpenId}`);
    if (t === '09:05' && after) await after(day);
  }
}

async function submitBySpec1(): Promise<void> {
  h.clock.set('2026-12-04T02:00:00Z'); // 10:00 Shanghai
  const before = h.lark.sent().length;
  await h.sender.message('ou_spec1', '月报 11月\n本月总结：拜访了8家客户，华能签约\n下月预测：再签两单\n存在问题：交期长');
  await h.settle();
  const confirmCard = h.lark.sent().slice(before).find((m) => titleOf(m) === '请确认月度报告')!;
  const r = await h.sender.cardAction('ou_spec1', confirmCard.messageId, buttonOf(confirmCard.content, 'report.confirm'));
  expect(JSON.stringify(r.body)).toContain('月报已提交');
  await h.settle();
}

beforeAll(async () => {
  // The team has been on the roster since early November, so it owes November's report.
  h = await startHarness({ now: '2026-11-02T02:00:00Z' });
  h.clock.set('2026-11-30T16:00:00Z'); // Dec 1, 00:00 in Shanghai
  for (const day of days('2026-12-01', '2026-12-15')) await runDay(day, day === '2026-12-04' ? submitBySpec1 : undefined);
});
afterAll(async () => h?.close());

const daysOf = (to: string) => log.filter((l) => l.to === to).map((l) => l.day);

describe('monthly report by the 5th (Saturday → Monday 7 Dec)', () => {
  it('nudges the specialist who never submits on the 1st, the 4th, the moved due day and five working mornings after', () => {
    // Then the ladder turns weekly (the next would be Mon 21 Dec), so the 15th is quiet.
    expect(daysOf('ou_spec2')).toEqual([
      '2026-12-01', '2026-12-04', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-14',
    ]);
  });

  it('stops nudging the specialist who submitted on the 4th', () => {
    expect(daysOf('ou_spec1')).toEqual(['2026-12-01', '2026-12-04']);
  });

  it('sends the manager one late list, the day after the deadline, naming only who is late', () => {
    // No tick ran on Mon 30 Nov, November's last working day, so its travel-days list (§2.2
    // art.13: nobody travelled) catches up on the 1st, once; the late list is its own digest.
    const manager = log.filter((l) => l.to === 'ou_manager');
    expect(manager.map((l) => l.day)).toEqual(['2026-12-01', '2026-12-08']);
    expect(textOf(manager[0]!.card)).toContain('出差 0 天，少于 15 天');
    const text = textOf(manager[1]!.card);
    expect(text).toContain('Wang Wei');
    expect(text).not.toContain('李专员');
    expect(text).toContain('团队逾期事项');
  });

  it("offers a working 'write the report' button on the specialist's digest", () => {
    const dec8 = log.find((l) => l.to === 'ou_spec2' && l.day === '2026-12-08')!;
    expect(buttonOf(dec8.card, 'report.form')).toMatchObject({ m: '2026-11' });
    expect(textOf(dec8.card)).toContain('已逾期');
  });

  it('nobody else is nudged', () => {
    expect(new Set(log.map((l) => l.to))).toEqual(new Set(['ou_spec1', 'ou_spec2', 'ou_manager']));
  });

  it('warns the admins that 2027 has no holiday data, once a week', () => {
    expect(warnings).toEqual(['2026-12-01 ou_admin', '2026-12-08 ou_admin', '2026-12-15 ou_admin']);
  });
});
