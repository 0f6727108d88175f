/**
 * The set-based KPI SQL (src/app/kpi/tallies.ts) against the pure rules (src/domain/kpi/tally.ts)
 * on the same rows: a handover mid-quarter, a transaction naming its person, a customer won,
 * lost and won again, a complaint on the day of a handover, questions on time / late / open,
 * follow-ups due, done, not yet due and cancelled, an approved claim, a visit to standard and
 * one still pending, feedback on time / late / open, a complaint naming the staff at fault,
 * members' budgets and planned new accounts per period. Seeded straight into the real tables (the chat paths have their own tests):
 * this checks that the SQL counts what the pure layer counts, on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvalRequests, customerComplaints, customerFeedback, customerOwnerHistory, customerQuestions, developmentTargets, serviceBudgets, customerStageHistory, customerTransactions, customers,
  obligations, reimbursements, salesTargets, salesTargetVersions, visits,
} from '../../db/schema/index.js';
import { tallyByPersonSql } from '../../src/app/kpi/tallies.js';
import { kpiReportSql } from '../../src/app/kpi/report.js';
import { figureOf, kpiReport, type KpiScope } from '../../src/domain/kpi/report.js';
import { completeness } from '../../src/domain/customer/completeness.js';
import { emptyFacts, type KpiFacts } from '../../src/domain/kpi/facts.js';
import { month, quarter, year, type Period } from '../../src/domain/kpi/period.js';
import { saleInstant } from '../../src/domain/kpi/ownership.js';
import { tallyByPerson } from '../../src/domain/kpi/tally.js';
import { ymd } from '../../src/domain/time.js';
import { createTestDb, type TestDb } from '../support/db.js';

const SH = 'Asia/Shanghai';
const NOW = new Date('2026-11-27T02:00:00Z');
const at = (iso: string) => new Date(iso);
let db: TestDb;
const facts: KpiFacts = emptyFacts();

beforeAll(async () => {
  db = await createTestDb();
  const q = db.db;
  for (const [id, name] of [['C1', '华东机械'], ['C2', '江南钢铁'], ['C3', '南方电网']] as const) {
    const owner = id === 'C3' ? 'S2' : id === 'C1' ? 'S2' : 'S1';
    await q.insert(customers).values({ id, archiveNo: `KA-2026-000${id[1]}`, archiveYear: 2026, archiveSeq: Number(id[1]), createdOn: '2026-01-05', name, coreName: name, ownerId: owner, archive: { name, contacts: [], sales: {} } as never, createdBy: 'S1', createdAt: at('2026-01-05T02:00:00Z'), updatedAt: NOW });
  }
  const spans = [
    { customerId: 'C1', ownerId: 'S1', fromAt: at('2026-01-05T02:00:00Z'), toAt: at('2026-11-15T01:00:00Z'), via: 'create' as const },
    { customerId: 'C1', ownerId: 'S2', fromAt: at('2026-11-15T01:00:00Z'), toAt: null, via: 'handover' as const },
    { customerId: 'C2', ownerId: 'S1', fromAt: at('2026-01-05T02:00:00Z'), toAt: null, via: 'create' as const },
    { customerId: 'C3', ownerId: 'S2', fromAt: at('2026-01-05T02:00:00Z'), toAt: null, via: 'create' as const },
  ];
  await q.insert(customerOwnerHistory).values(spans);
  facts.ownership = spans.map((s) => ({ customerId: s.customerId, ownerId: s.ownerId, from: s.fromAt, to: s.toAt }));

  const sales = [
    { customerId: 'C1', date: '2026-11-10', amountFen: 100, responsibleId: null },
    { customerId: 'C1', date: '2026-11-15', amountFen: 20, responsibleId: null }, // the handover day, 09:00: the successor's
    { customerId: 'C1', date: '2026-11-20', amountFen: 300, responsibleId: null },
    { customerId: 'C2', date: '2026-12-01', amountFen: 7, responsibleId: 'S9' },
    { customerId: 'C3', date: '2026-09-30', amountFen: 5000, responsibleId: null },
    { customerId: 'C9', date: '2026-10-01', amountFen: 1, responsibleId: null }, // nobody's
  ];
  await q.insert(customerTransactions).values(sales.map((s) => ({ ...s, recordedBy: 'S1', createdAt: NOW })));
  facts.sales = sales;

  const stages = [
    { customerId: 'C1', fromStage: 'negotiating', toStage: 'won', at: at('2026-06-01T02:00:00Z') },
    { customerId: 'C2', fromStage: 'negotiating', toStage: 'won', at: at('2026-10-20T02:00:00Z') },
    { customerId: 'C2', fromStage: 'won', toStage: 'churned', at: at('2026-11-25T02:00:00Z') },
    { customerId: 'C3', fromStage: 'negotiating', toStage: 'won', at: at('2026-10-03T02:00:00Z') },
    { customerId: 'C3', fromStage: 'won', toStage: 'churned', at: at('2026-10-09T02:00:00Z') },
    { customerId: 'C3', fromStage: 'churned', toStage: 'won', at: at('2026-11-03T02:00:00Z') },
  ] as const;
  await q.insert(customerStageHistory).values(stages.map((s) => ({ ...s, actorId: 'S1' })));
  facts.stages = stages.map((s) => ({ customerId: s.customerId, stage: s.toStage, at: s.at }));

  const complaints = [
    { customerId: 'C1', receivedOn: '2026-11-15', valid: true, staffId: null },
    { customerId: 'C2', receivedOn: '2026-10-02', valid: false, staffId: null },
    { customerId: 'C2', receivedOn: '2026-11-18', valid: true, staffId: 'S2' }, // S1's customer, S2 at fault
  ];
  await q.insert(customerComplaints).values(complaints.map((c) => ({ ...c, cause: '交货', recordedBy: 'S1', createdAt: NOW })));
  facts.complaints = complaints.map((c) => ({ customerId: c.customerId, at: saleInstant(c.receivedOn, SH), valid: c.valid, staffId: c.staffId }));

  const feedback = [
    { customerId: 'C1', raisedAt: at('2026-11-10T02:00:00Z'), dueAt: at('2026-11-12T02:00:00Z'), givenAt: at('2026-11-11T02:00:00Z') }, // S1's then
    { customerId: 'C1', raisedAt: at('2026-11-16T02:00:00Z'), dueAt: at('2026-11-17T02:00:00Z'), givenAt: at('2026-11-18T02:00:00Z') }, // S2's, late
    { customerId: 'C2', raisedAt: at('2026-11-20T02:00:00Z'), dueAt: at('2026-11-22T02:00:00Z'), givenAt: null }, // overdue
    { customerId: 'C3', raisedAt: at('2026-11-26T02:00:00Z'), dueAt: at('2026-11-29T02:00:00Z'), givenAt: null }, // not yet due
    { customerId: 'C3', raisedAt: at('2026-09-26T02:00:00Z'), dueAt: at('2026-09-28T02:00:00Z'), givenAt: at('2026-09-27T02:00:00Z') }, // Q3
  ];
  await q.insert(customerFeedback).values(feedback.map((f) => ({ ...f, body: '意见', standardHours: 48, recordedBy: 'S1', createdAt: NOW })));
  facts.feedback = feedback.map((f) => ({ customerId: f.customerId, raisedAt: f.raisedAt, dueAt: f.dueAt, answeredAt: f.givenAt }));

  // budgets: the members' go into the tallies; a team row replaces their sum in the report
  await q.insert(serviceBudgets).values([
    { year: 2026, scopeKind: 'member', scopeId: 'S1', amountFen: 20_000, setBy: 'M', setAt: NOW },
    { year: 2026, scopeKind: 'member', scopeId: 'S2', amountFen: 30_000, setBy: 'M', setAt: NOW },
    { year: 2025, scopeKind: 'member', scopeId: 'S1', amountFen: 99, setBy: 'M', setAt: NOW },
  ]);
  facts.budgets = [
    { year: 2026, scope: { kind: 'member', id: 'S1' }, amountFen: 20_000 },
    { year: 2026, scope: { kind: 'member', id: 'S2' }, amountFen: 30_000 },
    { year: 2025, scope: { kind: 'member', id: 'S1' }, amountFen: 99 },
  ];
  await q.insert(developmentTargets).values([
    { specialistId: 'S1', periodKey: '2026Q4', plannedNew: 2, setBy: 'M', setAt: NOW },
    { specialistId: 'S2', periodKey: '2026Q4', plannedNew: 4, setBy: 'M', setAt: NOW },
    { specialistId: 'S2', periodKey: '2026', plannedNew: 10, setBy: 'M', setAt: NOW },
  ]);
  facts.developmentPlans = [
    { specialistId: 'S1', period: quarter(2026, 4), plannedNewAccounts: 2 },
    { specialistId: 'S2', period: quarter(2026, 4), plannedNewAccounts: 4 },
    { specialistId: 'S2', period: year(2026), plannedNewAccounts: 10 },
  ];

  const questions = [
    { customerId: 'C1', askedAt: at('2026-11-01T02:00:00Z'), answeredAt: at('2026-11-01T04:00:00Z') },
    { customerId: 'C1', askedAt: at('2026-11-02T02:00:00Z'), answeredAt: at('2026-11-04T02:00:00Z') }, // 48 h: on time only by its stored 72-hour due
    { customerId: 'C2', askedAt: at('2026-11-26T00:00:00Z'), answeredAt: null }, // overdue, unanswered
    { customerId: 'C3', askedAt: at('2026-11-27T01:00:00Z'), answeredAt: null }, // open, not yet due
  ];
  // the last one was recorded under a 72-hour standard: its stored due, not today's setting, counts
  const due = (x: (typeof questions)[number], i: number) => new Date(x.askedAt.getTime() + (i === 1 ? 72 : 24) * 3600_000);
  await q.insert(customerQuestions).values(questions.map((x, i) => ({ ...x, dueAt: due(x, i), question: '?', recordedBy: 'S1', createdAt: NOW })));
  facts.questions = questions.map((x, i) => ({ customerId: x.customerId, raisedAt: x.askedAt, dueAt: due(x, i), answeredAt: x.answeredAt }));

  const followUps = [
    { ownerId: 'S1', dueAt: at('2026-11-10T01:00:00Z'), doneAt: at('2026-11-09T01:00:00Z'), cancelledAt: null, subjectId: 'v-a' },
    { ownerId: 'S1', dueAt: at('2026-11-20T01:00:00Z'), doneAt: null, cancelledAt: null, subjectId: 'v-b' },
    { ownerId: 'S1', dueAt: at('2026-12-05T01:00:00Z'), doneAt: null, cancelledAt: null, subjectId: 'v-c' }, // not yet due
    { ownerId: 'S2', dueAt: at('2026-11-01T01:00:00Z'), doneAt: null, cancelledAt: at('2026-10-30T01:00:00Z'), subjectId: 'v-d' },
  ];
  await q.insert(obligations).values(followUps.map((f) => ({ ...f, kind: 'follow_up' as const, subjectType: 'seed', anchorAt: f.dueAt })));
  facts.followUps = followUps.filter((f) => !f.cancelledAt).map((f) => ({ specialistId: f.ownerId, dueAt: f.dueAt, doneAt: f.doneAt }));

  const approval = (id: string, updatedAt: Date) => ({
    id, kind: 'visit_plan' as never, subjectType: 'seed', subjectId: id, requesterId: 'S1', status: 'approved' as const, round: 1, version: 3,
    currentStep: null, hasBudget: true, fields: [], summary: 'x', submittedAt: updatedAt, updatedAt,
  });
  await q.insert(approvalRequests).values([approval('a-claim', at('2026-11-03T02:00:00Z')), approval('a-v1', at('2026-11-04T02:00:00Z')), approval('a-v2', at('2026-11-25T02:00:00Z'))]);
  await q.insert(reimbursements).values({ id: 'r1', ownerId: 'S1', subjectType: 'visit', subjectId: 'v1', status: 'approved', totalFen: 5000, requestId: 'a-claim', createdAt: NOW, updatedAt: NOW });
  facts.costs = [{ claimantId: 'S1', date: ymd(at('2026-11-03T02:00:00Z'), SH), amountFen: 5000 }];

  const plan = {} as never;
  await q.insert(visits).values([
    { id: 'v1', customerId: 'C2', ownerId: 'S1', status: 'recorded', requestId: 'a-v1', visitAt: at('2026-11-05T02:00:00Z'), plan, recordedAt: at('2026-11-05T10:00:00Z'), followUp: { satisfaction: 4 } as never, followedUpAt: at('2026-11-10T02:00:00Z'), createdAt: NOW, updatedAt: NOW },
    { id: 'v2', customerId: 'C1', ownerId: 'S2', status: 'recorded', requestId: 'a-v2', visitAt: at('2026-11-24T02:00:00Z'), plan, recordedAt: at('2026-11-26T02:00:00Z'), createdAt: NOW, updatedAt: NOW },
  ]);
  await q.insert(obligations).values([
    { kind: 'visit_record', subjectType: 'visit', subjectId: 'v1', ownerId: 'S1', anchorAt: NOW, dueAt: at('2026-11-06T10:00:00Z'), doneAt: at('2026-11-05T10:00:00Z') },
    { kind: 'follow_up', subjectType: 'visit', subjectId: 'v1', ownerId: 'S1', anchorAt: NOW, dueAt: at('2026-11-12T01:00:00Z'), doneAt: at('2026-11-10T02:00:00Z') },
    { kind: 'visit_record', subjectType: 'visit', subjectId: 'v2', ownerId: 'S2', anchorAt: NOW, dueAt: at('2026-11-25T10:00:00Z'), doneAt: at('2026-11-26T02:00:00Z') },
    { kind: 'follow_up', subjectType: 'visit', subjectId: 'v2', ownerId: 'S2', anchorAt: NOW, dueAt: at('2026-12-01T01:00:00Z') },
  ]);
  // the visit follow-ups are follow-up duties too
  facts.followUps = [...facts.followUps, { specialistId: 'S1', dueAt: at('2026-11-12T01:00:00Z'), doneAt: at('2026-11-10T02:00:00Z') }];
  facts.visits = [
    { specialistId: 'S1', at: at('2026-11-05T02:00:00Z'), planApproved: true, recordOnTime: true, followUpOnTime: true, rating: 4 },
    { specialistId: 'S2', at: at('2026-11-24T02:00:00Z'), planApproved: true, recordOnTime: false, followUpOnTime: null },
  ];

  await q.insert(salesTargets).values([
    { id: 't1', keyId: 'S1|2026Q4||', specialistId: 'S1', periodKey: '2026Q4', createdBy: 'M', createdAt: NOW },
    { id: 't2', keyId: 'S2|2026Q3||', specialistId: 'S2', periodKey: '2026Q3', createdBy: 'M', createdAt: NOW },
    { id: 't3', keyId: 'S2|2026Q4||', specialistId: 'S2', periodKey: '2026Q4', createdBy: 'M', createdAt: NOW },
  ]);
  await q.insert(salesTargetVersions).values([
    { targetId: 't1', version: 1, amountFen: 1000, setBy: 'M', setAt: NOW, via: 'set' },
    { targetId: 't1', version: 2, amountFen: 800, setBy: 'S1', setAt: NOW, via: 'change', approvedBy: 'M' },
    { targetId: 't2', version: 1, amountFen: 300, setBy: 'M', setAt: NOW, via: 'set' },
    { targetId: 't3', version: 1, amountFen: 400, setBy: 'M', setAt: NOW, via: 'set' },
  ]);
  facts.targets = [
    { specialistId: 'S1', period: quarter(2026, 4), amountFen: 800 },
    { specialistId: 'S2', period: quarter(2026, 3), amountFen: 300 },
    { specialistId: 'S2', period: quarter(2026, 4), amountFen: 400 },
  ];
  const arch = { name: 'x', contacts: [], sales: {} } as never;
  const c = completeness(arch);
  facts.archives = [{ customerId: 'C1', ownerId: 'S2', filled: c.filled, required: c.required }, { customerId: 'C2', ownerId: 'S1', filled: c.filled, required: c.required }, { customerId: 'C3', ownerId: 'S2', filled: c.filled, required: c.required }];
});
afterAll(async () => db?.close());

const plain = (m: ReadonlyMap<string, unknown>) => Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)));

describe('the KPI SQL counts what the pure rules count', () => {
  it.each([['Q4 2026', quarter(2026, 4)], ['Nov 2026', month(2026, 11)], ['2026', year(2026)], ['Q3 2026', quarter(2026, 3)]] as [string, Period][])('%s', async (_, period) => {
    const sql = await tallyByPersonSql(db.db, period, { timeZone: SH, now: NOW });
    const pure = tallyByPerson(facts, { period, timeZone: SH, now: NOW });
    // archives are counted whatever the period, in both
    expect(plain(sql)).toEqual(plain(pure));
  });

  it('a pass for some people gives them the tallies the full pass gives them', async () => {
    for (const period of [quarter(2026, 4), year(2026)]) {
      const all = await tallyByPersonSql(db.db, period, { timeZone: SH, now: NOW });
      for (const people of [['S1'], ['S2', 'M'], []]) {
        const some = await tallyByPersonSql(db.db, period, { timeZone: SH, now: NOW, people });
        for (const id of people) expect(some.get(id) ?? null, `${id} in ${JSON.stringify(period)}`).toEqual(all.get(id) ?? null);
      }
    }
  });

  it('attributes as the rules say (Q4 spot checks)', async () => {
    const t = await tallyByPersonSql(db.db, quarter(2026, 4), { timeZone: SH, now: NOW });
    expect(t.get('S1')).toMatchObject({ salesFen: 100, targetFen: 800, questions: 3, questionsOnTime: 2, questionsOpen: 0, won: 1, churned: 1, keyAtStart: 1, followUpsDue: 3, followUpsDone: 2, costFen: 5000, visits: 1, visitsToStandard: 1, ratingSum: 4, ratingCount: 1 });
    expect(t.get('S2')).toMatchObject({ salesFen: 320, targetFen: 400, won: 1, churned: 1, validComplaints: 2, questions: 0, questionsOpen: 1, visitsPending: 1 });
    expect(t.get('S1')).toMatchObject({ complaints: 1, validComplaints: 0, feedbackDue: 2, feedbackOnTime: 1, feedbackOpen: 0, plannedNew: 2, budgetFen: null });
    expect(t.get('S2')).toMatchObject({ feedbackDue: 1, feedbackOnTime: 0, feedbackOpen: 1, plannedNew: 4 });
    expect(t.get('S9')).toMatchObject({ salesFen: 7 });
    expect(t.get('')).toMatchObject({ salesFen: 1 });
    const y = await tallyByPersonSql(db.db, year(2026), { timeZone: SH, now: NOW });
    expect(y.get('S2')).toMatchObject({ targetFen: 700, targetFromQuarters: true, plannedNew: 10, budgetFen: 30_000 });
    expect(y.get('S1')).toMatchObject({ budgetFen: 20_000, plannedNew: null });
  });
});

describe('the KPI card\'s report from the SQL equals the pure report', () => {
  it.each([['department', { kind: 'department' }], ['team', { kind: 'team', id: 'M' }], ['member', { kind: 'member', id: 'S1' }]] as [string, KpiScope][])('%s, the year and Q4', async (_, scope) => {
    facts.teams = [{ id: 'M', name: '钱经理', managerId: 'M' }];
    facts.members = [
      { id: 'M', name: '钱经理', role: 'manager', teamId: null },
      { id: 'S1', name: '李专员', role: 'specialist', teamId: 'M' },
      { id: 'S2', name: 'Wang Wei', role: 'specialist', teamId: 'M' },
    ];
    for (const period of [year(2026), quarter(2026, 4)]) {
      const ctx = { timeZone: SH, now: NOW };
      const fromSql = await kpiReportSql(db.db, { members: facts.members, teams: facts.teams, budgets: facts.budgets }, scope, period, ctx);
      const pure = kpiReport(facts, scope, period, ctx);
      expect(fromSql.rows).toEqual(pure.rows);
      expect(fromSql.members).toEqual(pure.members);
      // the months carry what the card draws: sales and the revisit rate
      const line = (r: typeof pure) => r.months.map((m) => [m.period, figureOf(m.figures, 'sales_plan').numerator, figureOf(m.figures, 'revisit').value]);
      expect(line(fromSql)).toEqual(line(pure));
    }
  });
});
