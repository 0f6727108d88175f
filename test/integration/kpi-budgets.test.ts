/**
 * Issue 12, service-cost budgets (服务费用预算) end to end: `预算` shows each scope's budget
 * against approved spending; a manager sets them for the team's members, the director and
 * finance for a team or the department, and the team's or the department's own budget replaces
 * its members' sum in the service-cost KPI (shown on the KPI card with its basis). A specialist,
 * a scope beyond the role, a negative or absurd amount are refused and nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { approvalRequests, auditLog, reimbursements, serviceBudgets } from '../../db/schema/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { button, cardsTo, click, json, say, textsTo } from './customer-helpers.js';

let h: Harness;
const budgets = () => h.db.db.select().from(serviceBudgets).orderBy(asc(serviceBudgets.scopeKind), asc(serviceBudgets.scopeId));
const budgetCardTo = (who: string) => cardsTo(h, who).filter((m) => json(m.content).includes('服务费用预算 · ')).at(-1)!;
const kpiCard = (who: string) => json(cardsTo(h, who).filter((m) => json(m.content).includes('绩效 KPI · ')).at(-1)?.content);

async function setBudget(who: string, scope: string, amount: string) {
  const c = budgetCardTo(who);
  return click(h, who, c.messageId, button(c.content, 'budget.set'), { bg_scope: scope, bg_amount: amount });
}

beforeAll(async () => {
  h = await startHarness({ now: '2026-11-27T02:00:00Z' });
  // Approved claims (the reimbursement flow has its own tests): ¥12,000 for 李专员, ¥3,000 for Wang Wei.
  const approved = (id: string, at: string) => ({
    id, kind: 'reimbursement' as never, subjectType: 'seed', subjectId: id, requesterId: 'ou_spec1', status: 'approved' as const, round: 1, version: 2,
    currentStep: null, hasBudget: false, fields: [], summary: 'x', submittedAt: new Date(at), updatedAt: new Date(at),
  });
  await h.db.db.insert(approvalRequests).values([approved('a-1', '2026-03-10T02:00:00Z'), approved('a-2', '2026-10-10T02:00:00Z')]);
  await h.db.db.insert(reimbursements).values([
    { id: 'r1', ownerId: 'ou_spec1', subjectType: 'visit', subjectId: 'v1', status: 'approved', totalFen: 1_200_000, requestId: 'a-1', createdAt: h.clock.now(), updatedAt: h.clock.now() },
    { id: 'r2', ownerId: 'ou_spec2', subjectType: 'visit', subjectId: 'v2', status: 'approved', totalFen: 300_000, requestId: 'a-2', createdAt: h.clock.now(), updatedAt: h.clock.now() },
  ]);
});
afterAll(async () => h?.close());

describe('who may set a budget', () => {
  it('a specialist sees their own line and no form; a forged save is refused', async () => {
    await say(h, 'ou_spec1', '预算');
    const c = budgetCardTo('ou_spec1');
    expect(json(c.content)).toContain('服务费用预算 · 2026 年');
    expect(json(c.content)).toContain('已报销 ¥12,000.00');
    expect(json(c.content)).not.toContain('budget.set');
    const forged = await click(h, 'ou_spec1', c.messageId, { v: 1, k: 'budget.set', y: 2026 }, { bg_scope: 'member:ou_spec1', bg_amount: '100万' });
    expect(forged.toast?.type).toBe('error');
    expect(forged.toast?.i18n.zh_cn).toContain('服务费用预算由经理为本团队成员设定');
    expect(await budgets()).toEqual([]);
  });

  it('a manager is refused a negative, an absurd amount and a team budget; nothing is stored', async () => {
    await say(h, 'ou_manager', '预算');
    expect(json(budgetCardTo('ou_manager').content)).toContain('budget.set');
    const negative = await setBudget('ou_manager', 'member:ou_spec1', '-5000');
    expect(negative.toast?.i18n.zh_cn).toContain('须大于 0');
    const absurd = await setBudget('ou_manager', 'member:ou_spec1', '50000000000');
    expect(absurd.toast?.i18n.zh_cn).toContain('超过上限');
    const words = await setBudget('ou_manager', 'member:ou_spec1', '五万');
    expect(words.toast?.i18n.en_us).toContain('is not an amount');
    const team = await setBudget('ou_manager', 'team:ou_manager', '10万');
    expect(team.toast?.i18n.zh_cn).toContain('没有设定这一预算的权限');
    const other = await setBudget('ou_manager', 'member:ou_director', '1万');
    expect(other.toast?.type).toBe('error');
    expect(await budgets()).toEqual([]);
    await say(h, 'ou_manager', '预算 2030');
    expect(textsTo(h, 'ou_manager').at(-1)).toContain('预算按年度设定');
  });
});

describe('budgets in the KPI', () => {
  it('the members’ budgets sum for the team; the KPI card shows spend against budget', async () => {
    const s1 = await setBudget('ou_manager', 'member:ou_spec1', '5万');
    expect(s1.toast?.type, s1.toast?.content).toBe('success');
    expect(json(s1.card)).toContain('李专员　预算 ¥50,000.00　已报销 ¥12,000.00　24.0%');
    await setBudget('ou_manager', 'member:ou_spec2', '30000');
    expect(await budgets()).toMatchObject([
      { year: 2026, scopeKind: 'member', scopeId: 'ou_spec1', amountFen: 5_000_000, setBy: 'ou_manager' },
      { year: 2026, scopeKind: 'member', scopeId: 'ou_spec2', amountFen: 3_000_000 },
    ]);
    const audits = await h.db.db.select().from(auditLog).where(eq(auditLog.action, 'budget.set'));
    expect(audits.map((a) => a.detail)).toEqual([{ old: null, new: 5_000_000 }, { old: null, new: 3_000_000 }]);

    await say(h, 'ou_spec1', '绩效 2026年');
    expect(kpiCard('ou_spec1')).toContain('已报销 ¥12,000.00 / 预算 ¥50,000.00');
    expect(kpiCard('ou_spec1')).toContain('24.0%');
    await say(h, 'ou_manager', '绩效 2026年');
    expect(kpiCard('ou_manager')).toContain('已报销 ¥15,000.00 / 预算 ¥80,000.00');
  });

  it('a team’s and the department’s own budgets replace the sums below them', async () => {
    await say(h, 'ou_director', '预算');
    const team = await setBudget('ou_director', 'team:ou_manager', '10万');
    expect(team.toast?.type, team.toast?.content).toBe('success');
    expect(json(team.card)).toContain('钱经理 团队**　预算 ¥100,000.00');
    await say(h, 'ou_manager', '绩效 2026年');
    expect(kpiCard('ou_manager')).toContain('已报销 ¥15,000.00 / 预算 ¥100,000.00');
    await say(h, 'ou_director', 'KPI 2026年');
    expect(kpiCard('ou_director')).toContain('已报销 ¥15,000.00 / 预算 ¥100,000.00');

    await say(h, 'ou_finance', 'budget');
    const dept = await setBudget('ou_finance', 'department', '200000');
    expect(dept.toast?.type, dept.toast?.content).toBe('success');
    await say(h, 'ou_director', 'KPI 2026年');
    expect(kpiCard('ou_director')).toContain('已报销 ¥15,000.00 / 预算 ¥200,000.00');
    // a member's own figure is still judged by their own budget
    await say(h, 'ou_spec1', '绩效 2026年');
    expect(kpiCard('ou_spec1')).toContain('预算 ¥50,000.00');
    // changing one records the old amount
    await say(h, 'ou_manager', '预算');
    await setBudget('ou_manager', 'member:ou_spec1', '6万');
    const last = (await h.db.db.select().from(auditLog).where(eq(auditLog.action, 'budget.set')).orderBy(asc(auditLog.id))).at(-1)!;
    expect(last.detail).toEqual({ old: 5_000_000, new: 6_000_000 });
  });
});
