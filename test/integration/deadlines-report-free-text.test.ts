/**
 * The monthly report without its trigger word: a labelled report, or one starting with a month
 * the command words do not cover ("2026年11月月报 …"), goes into the same draft-and-confirm flow
 * as `月报 …` and, once confirmed, closes the month's obligation. Other text still gets help.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthlyReports, obligations } from '../../db/schema/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { buttonOf, tickAt, titleOf } from './deadlines-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-11-02T02:00:00Z' });
  await tickAt(h, '2026-12-02', '10:00'); // creates November's report rows
});
afterAll(async () => h?.close());

async function say(openId: string, text: string) {
  const before = h.lark.sent().length;
  await h.sender.message(openId, text);
  await h.settle();
  return h.lark.sent().slice(before);
}

const LABELLED = ['本月总结：完成华能项目签约', '下月预测：预计新增两家客户', '存在问题：回款慢', '解决方案：加强催收'].join('\n');

describe('monthly report free text', () => {
  it('a labelled report without the trigger word becomes a draft on the confirm card; confirming closes the obligation', async () => {
    const out = await say('ou_spec1', LABELLED);
    expect(out.map(titleOf)).toEqual(['请确认月度报告']);
    expect(JSON.stringify(out[0]!.content)).toContain('完成华能项目签约');
    const [draft] = await h.db.db.select().from(monthlyReports).where(eq(monthlyReports.ownerId, 'ou_spec1'));
    expect(draft).toMatchObject({ month: '2026-11', status: 'draft', source: 'message' });

    const r = await h.sender.cardAction('ou_spec1', out[0]!.messageId, buttonOf(out[0]!.content, 'report.confirm'));
    await h.settle();
    expect(JSON.stringify(r.body)).toContain('success');
    const [ob] = await h.db.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.kind, 'monthly_report'), eq(obligations.ownerId, 'ou_spec1'), eq(obligations.subjectId, '2026-11')));
    expect(ob!.doneAt).not.toBeNull();
  });

  it('"2026年10月月报 …" is read as October\'s report', async () => {
    const out = await say('ou_spec2', `2026年10月月报\n${LABELLED}`);
    expect(out.map(titleOf)).toEqual(['请确认月度报告']);
    const [draft] = await h.db.db.select().from(monthlyReports).where(eq(monthlyReports.ownerId, 'ou_spec2'));
    expect(draft).toMatchObject({ month: '2026-10', status: 'draft' });
  });

  it('from someone who does not write reports, or unrelated text, it is not taken (one short answer)', async () => {
    const fromManager = await say('ou_manager', LABELLED);
    expect(fromManager).toHaveLength(1);
    expect(fromManager[0]!.msgType).toBe('text');
    const chatter = await say('ou_spec1', '今天天气不错');
    expect(chatter).toHaveLength(1);
    expect(JSON.stringify(chatter[0]!.content)).toContain('没听懂');
    expect(await h.db.db.$count(monthlyReports)).toBe(2);
  });
});
