/** Every visit, reception and reimbursement card passes the Feishu 2.0 rules, in both states that matter. */
import { describe, expect, it } from 'vitest';
import { validateCard } from '../../cards/validate.js';
import { visitCard, type VisitCardView } from '../../cards/visit-card.js';
import { visitCancelCard, visitPlanFormCard, visitRescheduleCard } from '../../cards/visit-plan-form.js';
import { draftConfirmCard, draftPickCard } from '../../cards/visit-draft.js';
import { draftEditCard, followUpFormCard } from '../../cards/visit-draft-form.js';
import { receptionCancelCard, receptionCard, receptionFormCard } from '../../cards/reception-card.js';
import { reimbursementFiledCard, reimbursementFormCard, reimbursementGateCard, reimbursementPickCard } from '../../cards/reimbursement-form.js';
import { i18n } from '../../src/domain/i18n.js';

const tz = 'Asia/Shanghai';
const base: VisitCardView = {
  id: 'v1', version: 1, customerId: 'c1', customerName: '中国华能集团有限公司', ownerName: '李专员', status: 'approved', approvalNote: null,
  visitAt: new Date('2026-12-01T06:30:00Z'),
  plan: { place: '华能总部', purpose: '介绍方案', attendees: ['ou_a'], contacts: [{ name: '王总', roles: ['经济买家'] }], firstContact: 'phone', materials: [{ item: 'brochure', quantity: 20, dueOn: '2026-11-30', ownerId: 'ou_a' }], budgetFen: 300_000 },
  nameOf: (id) => (id === 'ou_a' ? '孙内勤' : id), record: null, followUp: null, cancelReason: null, timeZone: tz,
};
const record = { time: '2026-12-01T06:30:00Z', place: '华能总部', method: 'in_person' as const, points: '谈了价格 *重点*', customerView: '偏高', nextSteps: '发报价', nextVisitAt: '2026-12-09T06:00:00Z', nextVisitText: '下周三', outcome: 'failed' as const, failureReason: '已有供应商' };

const cards = {
  visitApproved: visitCard(base),
  visitPending: visitCard({ ...base, status: 'pending' }),
  visitRecorded: visitCard({ ...base, status: 'recorded', record, followUp: { method: 'phone', opinion: '满意', satisfaction: 5 } }),
  visitCancelled: visitCard({ ...base, status: 'cancelled', cancelReason: '客户出差' }),
  planForm: visitPlanFormCard({ customerId: 'c1', customerName: '华能', people: [{ openId: 'ou_a', name: '孙内勤' }], contacts: [{ value: '0', label: i18n('王总（经济买家）', 'Wang (economic buyer)') }], firstContact: true, initial: { at: '2026-12-09 00:00', contacts: ['0'] } }),
  reschedule: visitRescheduleCard({ visitId: 'v1', version: 2, customerName: '华能', at: '2026-12-01 14:30', budgetYuan: '3000', freeDays: 2, budgetPct: 10 }),
  cancel: visitCancelCard({ visitId: 'v1', version: 2, customerName: '华能', at: '2026-12-01 14:30' }),
  confirm: draftConfirmCard({ id: 1, kind: 'visit_record', subject: '华能 · 12月1日', rows: [[i18n('要点', 'Points'), 'x']], missing: [i18n('客户想法', "customer's view")], state: 'open' }),
  pick: draftPickCard({ id: 1, kind: 'visit_record', options: [{ subjectId: 'a', label: '华能 · 12月1日' }, { subjectId: 'b', label: '国网 · 12月2日' }] }),
  editRecord: draftEditCard({ id: 1, kind: 'visit_record', subject: '华能', fields: record, timeZone: tz }),
  editFollowUp: draftEditCard({ id: 1, kind: 'follow_up', subject: '华能', fields: { method: 'phone', opinion: null, satisfaction: 4 }, timeZone: tz }),
  followUpForm: followUpFormCard({ visitId: 'v1', subject: '华能' }),
  receptionForm: receptionFormCard({ customerId: 'c1', customerName: '三一', people: [{ openId: 'ou_a', name: 'A' }], leaders: [] }),
  reception: receptionCard({ id: 'r1', customerName: '三一', ownerName: '李', status: 'approved', at: new Date('2026-12-03T06:00:00Z'), plan: { guests: '王总一行', venue: '商务室', hosts: [], meals: null, leaderId: null, lodging: null, budgetFen: 0 }, report: null, cancelReason: null, nameOf: (x) => x, timeZone: tz }),
  receptionCancelled: receptionCard({ id: 'r1', customerName: '三一', ownerName: '李', status: 'cancelled', at: new Date('2026-12-03T06:00:00Z'), plan: { guests: '王总一行', venue: '商务室', hosts: [], meals: null, leaderId: null, lodging: null, budgetFen: 0 }, report: null, cancelReason: '客户改期到*明年*', nameOf: (x) => x, timeZone: tz }),
  receptionCancel: receptionCancelCard({ id: 'r1', version: 2, customerName: '三一', at: new Date('2026-12-03T06:00:00Z'), timeZone: tz }),
  reimbForm: reimbursementFormCard({ id: 'x', subject: '拜访 · 华能', budgetFen: 300_000, receipts: 2 }),
  reimbFiled: reimbursementFiledCard({ subject: '拜访 · 华能', items: [{ item: '交通', amountFen: 400_000 }], totalFen: 400_000, budgetFen: 300_000, receipts: 1 }),
  gate: reimbursementGateCard({ kind: 'visit', subjectId: 'v1', subject: '拜访 · 华能', state: i18n('已批准', 'Approved') }),
  reimbPick: reimbursementPickCard([{ t: 'visit', s: 'v1', label: '拜访 · 华能' }]),
};

describe('visit cards', () => {
  it.each(Object.entries(cards))('%s is a valid 2.0 card', (_, c) => expect(validateCard(c)).toEqual([]));

  it('offers buttons by state and escapes user text', () => {
    const ks = (c: unknown) => [...JSON.stringify(c).matchAll(/"k":"([^"]+)"/g)].map((m) => m[1]);
    expect(ks(cards.visitApproved)).toEqual(['visit.record.start', 'reimb.start', 'visit.reschedule', 'visit.cancel']);
    // in approval: 改期 is always refused there (canReschedule), so only 取消 is offered
    expect(ks(cards.visitPending)).toEqual(['visit.cancel']);
    expect(ks(cards.visitRecorded)).toEqual(['visit.record.view', 'visit.plan', 'reimb.start']);
    expect(ks(cards.visitCancelled)).toEqual([]);
    expect(JSON.stringify(cards.visitRecorded)).toContain('谈了价格 \\\\*重点\\\\*');
    expect(JSON.stringify(cards.reimbFiled)).toContain('超出预算 ¥1,000.00');
  });
});

describe('times on visit cards', () => {
  it('shows a day without an hour as a date, and a real time with its minutes', async () => {
    const { when } = await import('../../cards/visit-parts.js');
    expect(when('2026-11-30T16:00:00.000Z', 'Asia/Shanghai')).toBe('2026-12-01'); // 今天 / 下周三: 00:00 in Shanghai
    expect(when('2026-12-01T06:30:00.000Z', 'Asia/Shanghai')).toBe('2026-12-01 14:30');
    expect(when(null, 'Asia/Shanghai')).toBe('—');
  });
});
