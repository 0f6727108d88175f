/**
 * The monthly report end to end: message → confirm card → submitted (obligation closed, the
 * manager gets the card); a second submission asks to replace; the manager returns it with a
 * required reason (the specialist is told, the reminders resume); the form path; the director's
 * compiled card; and bad input changing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { monthlyReports, obligations } from '../../db/schema/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { onPostgresServer } from '../support/db.js';
import { buttonOf, digestsSince, textOf, tickAt, titleOf } from './deadlines-helpers.js';

let h: Harness;
beforeAll(async () => {
  // The team has been on the roster since early November, so it owes November's report.
  h = await startHarness({ now: '2026-11-02T02:00:00Z' });
  h.clock.set('2026-12-02T02:00:00Z'); // Wed 2 Dec, 10:00 Shanghai
  await tickAt(h, '2026-12-02', '10:00'); // creates November's report rows
});
afterAll(async () => h?.close());

async function say(openId: string, text: string) {
  const before = h.lark.sent().length;
  await h.sender.message(openId, text);
  await h.settle();
  return h.lark.sent().slice(before);
}
const reportObligation = async (ownerId: string) =>
  (await h.db.db.select().from(obligations).where(and(eq(obligations.kind, 'monthly_report'), eq(obligations.ownerId, ownerId), eq(obligations.subjectId, '2026-11'))))[0]!;
const click = async (openId: string, m: { messageId: string; content: unknown }, k: string, formValue?: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
  const r = await h.sender.cardAction(openId, m.messageId, { ...buttonOf(m.content, k), ...extra }, formValue ? { formValue } : {});
  await h.settle();
  return JSON.stringify(r.body);
};

describe('submitting by message', () => {
  let managerCard: { messageId: string; content: unknown };

  it('shows what was understood, then submits on confirm: obligation closed, manager gets the card', async () => {
    const out = await say('ou_spec1', '11月月报\n本月总结：拜访8家，华能签约\n下月预测：再签两单\n竞品：友商降价10%');
    const confirm = out.find((m) => titleOf(m) === '请确认月度报告')!;
    expect(textOf(confirm.content)).toContain('华能签约');
    expect(textOf(confirm.content)).toContain('友商降价10%');
    expect((await reportObligation('ou_spec1')).doneAt).toBeNull();

    const before = h.lark.sent().length;
    expect(await click('ou_spec1', confirm, 'report.confirm')).toContain('月报已提交');
    expect((await reportObligation('ou_spec1')).doneAt).not.toBeNull();
    managerCard = h.lark.sent().slice(before).find((m) => m.receiverOpenId === 'ou_manager')!;
    expect(titleOf(managerCard)).toBe('月度市场分析报告 · 李专员');
    // A second click on the same confirm button changes nothing.
    expect(await click('ou_spec1', confirm, 'report.confirm')).toContain('已提交或已取消');
  });

  it('asks before replacing a submitted report, and keeps both versions', async () => {
    const out = await say('ou_spec1', '月报 11月\n本月总结：拜访9家\n下月预测：再签三单');
    const confirm = out.find((m) => titleOf(m) === '请确认月度报告')!;
    expect(textOf(confirm.content)).toContain('第 1 版');
    expect(textOf(confirm.content)).toContain('替换已提交的报告');
    // A button from before the first submission (replace=false) is turned into the question.
    expect(await click('ou_spec1', confirm, 'report.confirm', undefined, { replace: false })).toContain('确认要替换吗');
    expect(await click('ou_spec1', confirm, 'report.confirm')).toContain('月报已提交');
    const rows = await h.db.db.select().from(monthlyReports).where(eq(monthlyReports.ownerId, 'ou_spec1'));
    expect(rows.filter((r) => r.status === 'replaced')).toHaveLength(1);
    expect(rows.find((r) => r.version === 2)?.status).toBe('submitted');
    // The first version's manager card now says it was replaced, and lost its buttons.
    const patched = h.lark.messages.get(managerCard.messageId)!;
    expect(JSON.stringify(patched.content)).toContain('已被新版本替换');
  });

  it('lets the manager return it only with a reason; the specialist is told and reminded again', async () => {
    const latest = h.lark.sent().filter((m) => m.receiverOpenId === 'ou_manager' && titleOf(m).startsWith('月度市场分析报告')).at(-1)!;
    expect(await click('ou_spec2', latest, 'report.review', { text: '不行' })).toContain('只有该专员的经理或总监');
    expect(await click('ou_manager', latest, 'report.review', { text: '  ' }, { a: 'return' })).toContain('退回需要填写原因');
    expect((await reportObligation('ou_spec1')).doneAt).not.toBeNull();
    const r = await h.sender.cardAction('ou_manager', latest.messageId, { ...buttonOf(latest.content, 'report.review'), a: 'return' }, { formValue: { text: '请补充竞品分析' } });
    expect(JSON.stringify(r.body)).toContain('已退回');
    await h.settle();
    const notice = h.lark.sent().filter((m) => m.receiverOpenId === 'ou_spec1').at(-1)!;
    expect(textOf(notice.content)).toContain('请补充竞品分析');
    expect(buttonOf(notice.content, 'report.form')).toMatchObject({ m: '2026-11' });
    expect((await reportObligation('ou_spec1')).doneAt).toBeNull();
    // Back on the reminder ladder: the 4th's nudge reaches them.
    const before = h.lark.sent().length;
    await tickAt(h, '2026-12-04', '09:05');
    expect(digestsSince(h, before).map((d) => d.to).sort()).toEqual(['ou_spec1', 'ou_spec2']);
  });
});

describe('the card form', () => {
  it('refuses an over-long field and a future month, then submits', async () => {
    const out = await say('ou_spec2', '/report form');
    const form = out.find((m) => titleOf(m) === '月度市场分析报告')!;
    expect(await click('ou_spec2', form, 'report.save', { month: '2026-11', summary: 'x'.repeat(1001), forecast: 'y' })).toContain('at most 1000 characters');
    expect(await click('ou_spec2', form, 'report.save', { month: '2027-01', summary: 'a', forecast: 'b' })).toContain('future month');
    expect(await h.db.db.select().from(monthlyReports).where(eq(monthlyReports.ownerId, 'ou_spec2'))).toEqual([]);
    const saved = await h.sender.cardAction('ou_spec2', form.messageId, buttonOf(form.content, 'report.save'), {
      formValue: { month: '2026-11', summary: 'Visited 5 customers', forecast: 'Two contracts', competitors: 'none' },
    });
    const confirmCard = (saved.body as { card: { data: unknown } }).card.data;
    const r = await h.sender.cardAction('ou_spec2', form.messageId, buttonOf(confirmCard, 'report.confirm'));
    expect(JSON.stringify(r.body)).toContain('Report submitted');
    await h.settle();
    expect((await reportObligation('ou_spec2')).doneAt).not.toBeNull();
  });
});

describe("the director's compiled card", () => {
  it('lists the team for the month, who is missing, and each report', async () => {
    const out = await say('ou_director', '月报汇总 11月');
    const c = out.find((m) => titleOf(m) === '月度市场分析报告汇总')!;
    const text = textOf(c.content);
    expect(text).toContain('已提交 **1** / 2 人');
    expect(text).toContain('李专员'); // returned: listed as being revised
    expect(text).toContain('Visited 5 customers');
  });

  it('is not available to specialists', async () => {
    const out = await say('ou_spec1', '/reports 2026-11');
    expect(out.some((m) => titleOf(m) === '月度市场分析报告汇总')).toBe(false);
  });
});

describe.skipIf(!onPostgresServer)('double click on confirm (Postgres server)', () => {
  it('submits once', async () => {
    const out = await say('ou_spec2', '月报 10月\n本月总结：ok\n下月预测：ok');
    const confirm = out.find((m) => titleOf(m) === '请确认月度报告')!;
    const value = buttonOf(confirm.content, 'report.confirm');
    await Promise.all([h.sender.cardAction('ou_spec2', confirm.messageId, value), h.sender.cardAction('ou_spec2', confirm.messageId, value)]);
    await h.settle();
    const rows = await h.db.db.select().from(monthlyReports).where(and(eq(monthlyReports.ownerId, 'ou_spec2'), eq(monthlyReports.month, '2026-10')));
    expect(rows.map((r) => [r.version, r.status])).toEqual([[1, 'submitted']]);
  });
});
