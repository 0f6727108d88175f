/**
 * 月报汇总 counts the people who owed the month's report and marks a late one (issue 17): a
 * specialist who joined after November owes no November report, and one confirmed after the
 * due day (Sat 5 Dec → Mon 7 Dec) is listed as late.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { members } from '../../db/schema/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { buttonOf, textOf, tickAt, titleOf } from './deadlines-helpers.js';
import { say } from './customer-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-11-02T02:00:00Z' }); // the team joined on 2 Nov
  await tickAt(h, '2026-12-02', '10:00');
});
afterAll(async () => h?.close());

async function submitReport(openId: string, text: string) {
  const out = await say(h, openId, text);
  const confirm = out.find((m) => titleOf(m) === '请确认月度报告' || titleOf(m) === 'Confirm the monthly report')!;
  expect(confirm, JSON.stringify(out.map(titleOf))).toBeTruthy();
  await h.sender.cardAction(openId, confirm.messageId, buttonOf(confirm.content, 'report.confirm'));
  await h.settle();
}

describe('月报汇总 for November', () => {
  it('leaves out who joined in December and marks the report confirmed after the due day', async () => {
    // 陈专员 joins on 3 Dec: November's report is not theirs to owe
    h.clock.set('2026-12-03T02:00:00Z');
    await h.db.db.insert(members).values({ openId: 'ou_spec3', name: '陈专员', role: 'specialist', managerId: 'ou_manager', locale: 'zh_cn', createdAt: h.clock.now(), updatedAt: h.clock.now() });
    h.clock.set('2026-12-04T02:00:00Z'); // Fri 4 Dec: on time
    await submitReport('ou_spec2', '月报 11月\n本月总结：Visited 5 customers\n下月预测：Two contracts');
    h.clock.set('2026-12-08T02:00:00Z'); // Tue 8 Dec: due was Mon 7 Dec
    await submitReport('ou_spec1', '月报 11月\n本月总结：拜访了华能和国网，推进两个项目\n下月预测：签一个合同');

    const out = await say(h, 'ou_director', '月报汇总 11月');
    const c = out.find((m) => titleOf(m) === '月度市场分析报告汇总')!;
    const text = textOf(c.content);
    expect(text).toContain('已提交 **2** / 2 人');
    expect(text).not.toContain('陈专员');
    expect(text).toContain('逾期提交：李专员');
    expect(text).toContain('李专员 · 第 1 版（逾期提交）');
    expect(text).not.toContain('Wang Wei · 第 1 版（逾期提交）');
  });
});
