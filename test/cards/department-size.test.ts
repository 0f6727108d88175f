/**
 * Every card the bot can send, built at a real department's size: a 200-person roster with
 * Feishu-length open_ids, 50 customers per person, the longest names and texts the forms allow
 * (and longer, for what arrives by free text), ten fully filled contacts. No card may need the
 * outbox's last-resort fitting (cards/fit.ts): each builder pages, cuts or summarises on its own
 * and says so. A new builder belongs in BUILT below.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { approvalRequestCard } from '../../cards/approval-request.js';
import { approvalStatusCard } from '../../cards/approval-status.js';
import { myRequestsListCard, pendingListCard } from '../../cards/approval-list.js';
import { holidayDataWarningCard } from '../../cards/calendar-warning.js';
import { customerArchiveCard, type ArchiveCardView } from '../../cards/customer-archive.js';
import { customerDuplicateCard } from '../../cards/customer-duplicate.js';
import { customerEditCard } from '../../cards/customer-edit.js';
import { categoryFormCard, RECORD_KINDS, recordFormCard, stageFormCard } from '../../cards/customer-forms.js';
import { customerListCard } from '../../cards/customer-list.js';
import { customerOwnerCard } from '../../cards/customer-owner.js';
import { openQuestionsCard } from '../../cards/customer-questions.js';
import { openFeedbackCard } from '../../cards/customer-feedback.js';
import { budgetCard } from '../../cards/budgets.js';
import { devPlanCard } from '../../cards/development-targets.js';
import { dutyCloseFormCard, dutyClosedCard } from '../../cards/duty-close.js';
import { customerPickCard } from '../../cards/customer-pick.js';
import { developmentFormCard } from '../../cards/development-form.js';
import { equipmentLoansCard } from '../../cards/equipment-return.js';
import { apiBudgetCard } from '../../cards/api-budget.js';
import { budgetStanding } from '../../src/domain/api-budget.js';
import { highValueCrossedCard } from '../../cards/high-value.js';
import { ADVANTAGES, DEVELOPMENT_METHODS, PURCHASE_FACTORS, SENSITIVITIES, TEAM_ROLES } from '../../src/domain/customer/development-labels.js';
import { digestCard, type DigestLine } from '../../cards/digest.js';
import { fitCard } from '../../cards/fit.js';
import { helpCard } from '../../cards/help.js';
import type { Card } from '../../cards/kit.js';
import { monthlyReportConfirmCard, monthlyReportDoneCard } from '../../cards/monthly-report-confirm.js';
import { monthlyReportFormCard } from '../../cards/monthly-report-form.js';
import type { ReportFields } from '../../cards/monthly-report-parts.js';
import { monthlyReportReviewCard } from '../../cards/monthly-report-review.js';
import { teamReportsCard } from '../../cards/monthly-reports-team.js';
import { progressFormCard, progressReportCard } from '../../cards/progress-report.js';
import { receptionCancelCard, receptionCard, receptionFormCard, receptionRescheduleCard } from '../../cards/reception-card.js';
import { reimbursementFiledCard, reimbursementFormCard, reimbursementGateCard, reimbursementPickCard } from '../../cards/reimbursement-form.js';
import { requestFiledCard, requestFormCard, requestKindCard, requestRecordedCard } from '../../cards/request-form.js';
import { settingsCard } from '../../cards/settings.js';
import { tripCancelForm, tripCustomersForm, tripsCard, tripShortenForm, type TripLine } from '../../cards/trip-card.js';
import { materialNoticeCard } from '../../cards/visit-material.js';
import { teamCard } from '../../cards/team.js';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.js';
import { targetChangeFiledCard, targetChangeFormCard, targetHistoryCard, targetHistoryPickCard, targetSetFormCard, targetsCard } from '../../cards/targets.js';
import { CARD_MAX_BYTES, validateCard } from '../../cards/validate.js';
import { visitCard, type VisitCardView } from '../../cards/visit-card.js';
import { draftEditCard, followUpFormCard } from '../../cards/visit-draft-form.js';
import { draftConfirmCard, draftPickCard } from '../../cards/visit-draft.js';
import { visitCancelCard, visitPlanFormCard, visitRescheduleCard } from '../../cards/visit-plan-form.js';
import type { ApprovalView, StepView } from '../../src/domain/approval/view.js';
import { colleaguesFor } from '../../src/domain/colleagues.js';
import type { Archive, Contact, Person } from '../../src/domain/customer/archive.js';
import { BUYER_ROLES } from '../../src/domain/customer/enums.js';
import { FIELD_KEYS } from '../../src/domain/customer/labels.js';
import { SECTIONS } from '../../src/domain/customer/sections.js';
import { i18n } from '../../src/domain/i18n.js';
import { SMALL_REQUEST_FIELDS, SMALL_REQUEST_KINDS, type FieldSpec } from '../../src/domain/requests/kinds.js';
import { COMMANDS } from '../../src/chat/commands/index.js';
import { rosterOf, type Member } from '../../src/domain/roster.js';
import { MATERIALS } from '../../src/domain/visit/types.js';

const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-11-30T02:00:00Z');

/** Feishu open_ids are "ou_" and 32 hex digits. */
const openId = (i: number): string => `ou_${(i * 2654435761).toString(16).padStart(8, '0').repeat(4).slice(0, 32)}`;
const SURNAMES = ['欧阳', '司马', '上官', '诸葛', '王', '李', '张', '刘', '陈', '杨'];
const nameOf = (i: number): string => (i % 7 === 0 ? `Alexandra Konstantinopoulou-${i}` : `${SURNAMES[i % SURNAMES.length]}${'建国明华'.slice(0, 1 + (i % 3))}${i}`);

/** Director, 8 managers, 4 assistants, finance, and specialists: 200 in all, teams of ~23. */
const MEMBERS: Member[] = Array.from({ length: 200 }, (_, i) => {
  const role = i === 0 ? 'director' : i <= 8 ? 'manager' : i <= 12 ? 'assistant' : i === 13 ? 'finance' : 'specialist';
  const managerId = role === 'director' || role === 'finance' ? null : role === 'manager' ? openId(0) : openId(1 + (i % 8));
  return { openId: openId(i), name: nameOf(i), role, managerId, locale: i % 5 === 0 ? 'en_us' : 'zh_cn', active: true } as Member;
});
const ROSTER = rosterOf(MEMBERS);
const SPECIALIST = MEMBERS[20]!;
const PEOPLE = colleaguesFor(ROSTER, SPECIALIST);

const long = (seed: string, n: number): string => seed.repeat(Math.ceil(n / seed.length)).slice(0, n);
/** 100 characters, the archive's name limit. */
const COMPANY = long('中国华能集团有限公司华东分公司（上海）电力设备采购与技术服务中心', 100);
const TEXT_1000 = long('客户对我们的方案总体满意，但对价格和交付周期有顾虑，需要在下次拜访时带上技术负责人做详细说明。', 1000);
const TEXT_2000 = long('本月重点跟进华东区域三家电网公司，完成拜访十二次，其中两家进入商务谈判阶段；竞争对手降价百分之十五。', 2000);

const person = (i: number): Person => ({
  name: long(`联系人${i}号欧阳`, 100), position: long('采购部副总经理兼技术中心主任', 100), education: TEXT_1000,
  birthDate: '1975-06-01', hobbies: TEXT_1000, family: TEXT_1000, phone: '+86 021-5555 1234 转 8888',
});
const contact = (i: number): Contact => ({ ...person(i), buyerRoles: [...BUYER_ROLES] } as Contact);
const ARCHIVE: Archive = {
  name: COMPANY, address: TEXT_1000, postcode: '200000', phone: '021-55551234', fax: '021-55551235', email: 'procurement@example.com',
  foundingDate: '1988-03-01', registeredCapitalFen: 99_999_999_999_00, majorShareholders: TEXT_1000, bank: long('中国工商银行上海分行营业部', 100),
  accountNumber: '6222 0210 0101 2345 678', legalRep: person(91), personInCharge: person(92), contacts: Array.from({ length: 10 }, (_, i) => contact(i)),
  employees: 9_999_999, chineseStaff: 9_000_000, foreignStaff: 999_999, nature: 'state_owned', industryPosition: 'leader',
  mainBusiness: TEXT_1000, additionalBusiness: TEXT_1000,
  sales: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [String(2016 + i), 123_456_789_00])), creditRating: 'AAA', ownerId: SPECIALIST.openId,
} as Archive;

const archiveView: ArchiveCardView = {
  customerId: 'c'.repeat(36), archiveNo: 'KA-2026-9999', createdOn: '2026-01-01', archive: ARCHIVE, personal: true, canEdit: true,
  stage: { stage: 'negotiating', screening: 'qualified' }, categories: ['important', 'high_value', 'group', 'strategic'], ownerName: SPECIALIST.name,
  completeness: { score: 40, filled: 8, required: 20, missing: [...FIELD_KEYS].slice(0, 12) }, nextMissing: { field: FIELD_KEYS[0]!, section: 'basic', label: i18n('地址', 'Address') },
  lifecycleActions: true, highValueHint: i18n('近一年交易额 ¥9,999,999.00', 'Sales of ¥9,999,999.00 in the last year'),
  // A page of history with the longest texts each row can carry (issue 15).
  history: {
    tab: 'changes', page: 999, pages: 9999, counts: { transactions: 99_999, visits: 99_999, complaints: 99_999, questions: 99_999, feedback: 99_999, changes: 99_999 },
    rows: Array.from({ length: 5 }, (_, i) => ({
      date: '2026-11-30', what: i18n(`阶段 开发申请中 → 谈判（不合格）${i}`, `Stage Applying → Negotiating (rejected) ${i}`), detail: TEXT_1000, by: nameOf(i * 7),
    })),
  },
};

const step = (index: number, round: number, status: StepView['status']): StepView => ({
  index, round, tier: 'manager', tierLabel: i18n('经理', 'Manager'), status, statusLabel: i18n('已驳回', 'Rejected'), icon: '✗',
  approverName: nameOf(index), decidedByName: nameOf(index + 1), decidedAt: '2026-11-30 10:00', activatedAt: '2026-11-29 09:00',
  comment: long('请补充竞争对手的报价明细以及客户决策链中技术买家的意见，', 500), note: i18n(long('已转交，', 60), long('Transferred, ', 60)),
});
const approvalView = (canDecide: boolean): ApprovalView => ({
  requestId: 'r'.repeat(36), kind: 'visit_plan', kindLabel: i18n('拜访计划', 'Visit plan'), status: canDecide ? 'pending' : 'rejected',
  statusLabel: i18n('审批中', 'Pending'), round: 6, version: 40, requesterName: SPECIALIST.name, submittedAt: '2026-11-30 09:00',
  fields: Array.from({ length: 12 }, (_, i) => ({ label: i18n(`字段${i}`, `Field ${i}`), value: long(`${COMPANY}，`, 200) })),
  steps: [step(0, 6, 'approved'), step(1, 6, canDecide ? 'pending' : 'rejected'), step(2, 6, 'waiting')],
  history: Array.from({ length: 5 }, (_, r) => ({ round: r + 1, steps: [step(0, r + 1, 'approved'), step(1, r + 1, 'rejected'), step(2, r + 1, 'cancelled')] })),
  current: canDecide ? step(1, 6, 'pending') : null,
  outcome: canDecide ? null : { status: 'rejected', byName: nameOf(3), at: '2026-11-30 10:00', reason: long('预算过高，', 500) },
  viewer: { canDecide, asAdmin: canDecide, isRequester: !canDecide, canWithdraw: false, canResubmit: !canDecide },
  transferCandidates: MEMBERS.filter((m) => m.role === 'manager' || m.role === 'specialist').map((m) => ({ id: m.openId, name: m.name })),
});

const REPORT: ReportFields = {
  summary: TEXT_2000, forecast: TEXT_2000, problems: TEXT_2000, solutions: TEXT_2000,
  qualityFeedback: TEXT_2000, customerUsage: TEXT_2000, competitors: TEXT_2000, industryNews: TEXT_2000,
};
const RECORD = {
  time: '2026-11-30T06:30:00Z', place: TEXT_1000, method: 'in_person' as const, points: TEXT_2000, customerView: TEXT_2000, nextSteps: TEXT_2000,
  nextVisitAt: '2026-12-09T06:00:00Z', nextVisitText: long('下周三下午两点半在客户总部', 200), outcome: 'failed' as const, failureReason: TEXT_1000,
};
const VISIT: VisitCardView = {
  id: 'v'.repeat(36), version: 40, customerId: 'c'.repeat(36), customerName: COMPANY, ownerName: SPECIALIST.name, status: 'recorded',
  approvalNote: i18n('经理已退回修改：请补充拜访目的', 'Returned by the manager: add the purpose'), visitAt: NOW,
  plan: {
    place: long('上海市浦东新区世纪大道100号环球金融中心', 200), purpose: TEXT_1000, attendees: PEOPLE.slice(0, 60).map((p) => p.openId),
    contacts: ARCHIVE.contacts.map((c) => ({ name: c.name, roles: ['经济买家', '技术买家', '使用买家', '实际买家', '教练买家'] })), firstContact: 'phone',
    materials: MATERIALS.map((item) => ({ item, quantity: 99999, dueOn: '2026-12-01', ownerId: PEOPLE[3]!.openId })), budgetFen: 99_999_999_99,
  },
  nameOf: (id) => ROSTER.get(id)?.name ?? id, record: RECORD, followUp: { method: 'phone', opinion: TEXT_2000, satisfaction: 5 }, cancelReason: TEXT_1000, timeZone: TZ,
  notice: i18n('改期超过 2 天，已重新送审。', 'Moved more than 2 days: back to approval.'),
};

const line = (i: number, withAction: boolean): DigestLine => ({
  kind: 'visit_record', urgency: 'overdue', dueAt: NOW, title: `${COMPANY} · 12月${i}日`, ownerName: nameOf(i),
  ...(withAction ? { action: { value: { k: 'visit.record.start', v: 'v'.repeat(36) }, label: i18n('提交拜访总结', 'Send the visit summary') } } : {}),
});

const customers = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `c${i}`.padEnd(36, '0'), name: `${COMPANY.slice(0, 90)}${i}`, archiveNo: `KA-2026-${String(i).padStart(4, '0')}`,
    stage: { stage: 'negotiating' as const, screening: null }, categories: ['important', 'high_value', 'group', 'strategic'] as const, completeness: 55, ownerName: nameOf(i % 200),
  }));

/** The longest value a stored request holds for the field (an edit form is pre-filled with it). */
const requestValue = (f: FieldSpec): string =>
  f.type === 'date' ? '2026-12-01' : f.type === 'amount' ? '99999999.99' : f.type === 'month' ? '2026-11' : f.type === 'select' ? f.options![0]!.value : long('上海浦东新区陆家嘴', f.max ?? 100);

const BUILT: Record<string, () => Card> = {
  visitPlanForm: () =>
    visitPlanFormCard({
      customerId: 'c'.repeat(36), customerName: COMPANY, people: PEOPLE,
      contacts: ARCHIVE.contacts.map((c, i) => ({ value: String(i), label: i18n(`${c.name}（经济买家、技术买家）`.slice(0, 60), `${c.name} (economic, technical buyer)`.slice(0, 60)) })),
      firstContact: true,
      initial: {
        at: '2026-12-09 14:30', purpose: TEXT_1000, place: long('上海市浦东新区', 200), contacts: ['0', '1', '2'], attendees: PEOPLE.slice(150, 190).map((p) => p.openId), firstContact: 'phone',
        materials: Object.fromEntries(MATERIALS.map((m) => [m, { qty: '99999', due: '2026-12-01', owner: PEOPLE.at(-1)!.openId }])), budgetYuan: '99999999.99',
      },
      edit: { visitId: 'v'.repeat(36), requestId: 'r'.repeat(36), version: 40 },
    }),
  visitReschedule: () => visitRescheduleCard({ visitId: 'v'.repeat(36), version: 40, customerName: COMPANY, at: '2026-12-09 14:30', budgetYuan: '99999999.99', freeDays: 2, budgetPct: 10 }),
  visitCancel: () => visitCancelCard({ visitId: 'v'.repeat(36), version: 40, customerName: COMPANY, at: '2026-12-09 14:30' }),
  visitRecorded: () => visitCard(VISIT),
  visitCancelled: () => visitCard({ ...VISIT, status: 'cancelled' }),
  draftConfirm: () => draftConfirmCard({ id: 99, kind: 'visit_record', subject: `${COMPANY} · 12月3日 周四 14:30`, rows: Array.from({ length: 10 }, (_, i) => [i18n(`字段${i}`, `Field ${i}`), TEXT_2000]), missing: [i18n('客户想法', "customer's view")], state: 'open' }),
  draftPick: () => draftPickCard({ id: 99, kind: 'visit_record', options: Array.from({ length: 60 }, (_, i) => ({ subjectId: `v${i}`.padEnd(36, '0'), label: `${COMPANY} · 12月${i}日` })) }),
  draftEditRecord: () => draftEditCard({ id: 99, kind: 'visit_record', subject: COMPANY, fields: RECORD, timeZone: TZ }),
  draftEditReception: () => draftEditCard({ id: 99, kind: 'reception_report', subject: COMPANY, fields: { guests: TEXT_1000, hosts: TEXT_1000, time: RECORD.time, place: TEXT_1000, points: TEXT_2000, customerView: TEXT_2000, nextSteps: TEXT_2000 }, timeZone: TZ }),
  followUpForm: () => followUpFormCard({ visitId: 'v'.repeat(36), subject: COMPANY }),
  receptionForm: () => receptionFormCard({ customerId: 'c'.repeat(36), customerName: COMPANY, people: PEOPLE, leaders: MEMBERS.filter((m) => m.role === 'director' || m.role === 'manager') }),
  receptionReported: () =>
    receptionCard({
      id: 's'.repeat(36), customerName: COMPANY, ownerName: SPECIALIST.name, status: 'reported', at: NOW,
      plan: { guests: TEXT_1000, venue: TEXT_1000, hosts: PEOPLE.slice(0, 60).map((p) => p.openId), meals: TEXT_1000, leaderId: openId(0), lodging: TEXT_1000, budgetFen: 99_999_999_99 },
      report: { guests: TEXT_1000, hosts: TEXT_1000, time: RECORD.time, place: TEXT_1000, points: TEXT_2000, customerView: TEXT_2000, nextSteps: TEXT_2000 },
      cancelReason: TEXT_1000, nameOf: (id) => ROSTER.get(id)?.name ?? id, timeZone: TZ, notice: i18n(long('改期', 200), long('Moved', 200)),
    }),
  receptionRejected: () =>
    receptionCard({
      id: 's'.repeat(36), customerName: COMPANY, ownerName: SPECIALIST.name, status: 'pending', at: NOW,
      plan: { guests: TEXT_1000, venue: TEXT_1000, hosts: PEOPLE.slice(0, 60).map((p) => p.openId), meals: TEXT_1000, leaderId: openId(0), lodging: TEXT_1000, budgetFen: 99_999_999_99 },
      report: null, cancelReason: null, nameOf: (id) => ROSTER.get(id)?.name ?? id, timeZone: TZ, notice: i18n(long('改期', 200), long('Moved', 200)),
      approvalNote: i18n('计划被驳回，可修改后重新提交。', 'The plan was rejected; edit and resubmit it.'), approval: { requestId: 'r'.repeat(36), status: 'rejected', version: 99 },
    }),
  receptionCancel: () => receptionCancelCard({ id: 's'.repeat(36), version: 40, customerName: COMPANY, at: NOW, timeZone: TZ }),
  receptionReschedule: () => receptionRescheduleCard({ id: 's'.repeat(36), version: 40, customerName: COMPANY, at: NOW, budgetYuan: '99999999.99', freeDays: 2, budgetPct: 10, timeZone: TZ }),
  reimbursementForm: () => reimbursementFormCard({ id: 'x'.repeat(36), subject: `拜访 · ${COMPANY} · 12月3日 周四 14:30`, budgetFen: 99_999_999_99, receipts: 99 }),
  reimbursementFiled: () => reimbursementFiledCard({ subject: `拜访 · ${COMPANY}`, items: Array.from({ length: 20 }, (_, i) => ({ item: long(`交通费用明细${i}`, 100), amountFen: 99_999_99 })), totalFen: 99_999_999_99, budgetFen: 1, receipts: 99 }),
  reimbursementGate: () => reimbursementGateCard({ kind: 'visit', subjectId: 'v'.repeat(36), subject: `拜访 · ${COMPANY}`, state: i18n('已批准', 'Approved') }),
  reimbursementPick: () => reimbursementPickCard(Array.from({ length: 100 }, (_, i) => ({ t: 'visit' as const, s: `v${i}`.padEnd(36, '0'), label: `拜访 · ${COMPANY} · 12月${i}日` }))),
  approvalMain: () => approvalRequestCard(approvalView(true), 'main'),
  approvalReject: () => approvalRequestCard(approvalView(true), 'reject'),
  approvalTransfer: () => approvalRequestCard(approvalView(true), 'transfer'),
  approvalDecided: () => approvalRequestCard(approvalView(false), 'main'),
  approvalStatus: () => approvalStatusCard(approvalView(false)),
  pendingList: () =>
    pendingListCard(Array.from({ length: 500 }, (_, i) => ({ requestId: `r${i}`.padEnd(36, '0'), stepIndex: 9, version: 40, kindLabel: i18n('拜访计划', 'Visit plan'), requesterName: nameOf(i % 200), summary: i18n(long(COMPANY, 300), long('Visit ', 300)), waitingSince: '2026-11-30 09:00' })), 3),
  myRequests: () =>
    myRequestsListCard(Array.from({ length: 500 }, (_, i) => ({ requestId: `r${i}`.padEnd(36, '0'), version: 40, kindLabel: i18n('拜访计划', 'Visit plan'), status: 'pending' as const, statusLabel: i18n('审批中', 'Pending'), summary: long(COMPANY, 300), submittedAt: '2026-11-30 09:00', currentApproverName: nameOf(i % 200) })), 3),
  archive: () => customerArchiveCard(archiveView),
  archiveHistoryPage: () => customerArchiveCard({ ...archiveView, historyFocus: true }),
  settings: () => settingsCard({
    values: { ...DEFAULT_SETTINGS, highValueThreshold: 100_000_000_000, requiredArchiveFields: [...FIELD_KEYS], monthlyReportNudgeDays: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
    recent: Array.from({ length: 5 }, (_, i) => ({
      key: 'requiredArchiveFields' as const, at: '2026-11-30 10:00', byName: nameOf(i * 7),
      old: i18n(long('客户名称、地址、', 1000), long('Name, address, ', 1000)), new: i18n(long('联系人（经济买家）、', 1000), long('Contact (economic buyer), ', 1000)),
    })),
    notice: i18n(long('✅ 已保存：档案必填字段', 300), long('Saved: required fields', 300)),
  }),
  archiveWithoutPersonal: () => customerArchiveCard({ ...archiveView, personal: false, canEdit: false, lifecycleActions: false }),
  ...Object.fromEntries(
    SECTIONS.map((s) => [`edit_${s}`, () => customerEditCard({ customerId: 'c'.repeat(36), customerName: COMPANY, section: s, archive: ARCHIVE, currentYear: 2026, includePersonal: true, contactIndex: s === 'contacts' ? 9 : null, version: 40 })]),
  ),
  stageForm: () => stageFormCard({ customerId: 'c'.repeat(36), name: COMPANY, stage: { stage: 'negotiating', screening: 'qualified' }, version: 40, viaApproval: ['applying'] }),
  categoryForm: () => categoryFormCard({ customerId: 'c'.repeat(36), name: COMPANY, categories: ['important', 'high_value', 'group', 'strategic'], preselect: 'high_value', hint: i18n(long('近一年交易额', 200), long('Sales', 200)) }),
  ...Object.fromEntries(RECORD_KINDS.map((k) => [`record_${k}`, () => recordFormCard({ customerId: 'c'.repeat(36), name: COMPANY, kind: k })])),
  myCustomers: () => customerListCard({ scope: 'mine', items: customers(50) }),
  allCustomers: () => customerListCard({ scope: 'all', items: customers(200 * 50) }),
  customerPick: () => customerPickCard({ query: COMPANY, matches: customers(60) }),
  customerDuplicate: () => customerDuplicateCard({ name: COMPANY, duplicates: customers(30).map((c) => ({ ...c, kind: 'same_name' as const })) }),
  development: () => developmentFormCard({ customerId: 'c'.repeat(36), name: COMPANY, categories: ['important', 'high_value', 'group', 'strategic'], people: colleaguesFor(ROSTER, SPECIALIST, ['finance', 'admin']), warnings: [i18n(long('缺少经济买家', 100), long('No economic buyer', 100)), i18n(long('缺少教练买家', 100), long('No coach', 100))] }),
  developmentEdit: () =>
    developmentFormCard({
      customerId: 'c'.repeat(36), name: COMPANY, categories: ['important', 'high_value', 'group', 'strategic'], people: colleaguesFor(ROSTER, SPECIALIST, ['finance', 'admin']),
      warnings: [i18n(long('缺少经济买家', 100), long('No economic buyer', 100)), i18n(long('缺少教练买家', 100), long('No coach', 100))],
      edit: {
        planId: 'p'.repeat(36), requestId: 'r'.repeat(36), version: 40, reason: TEXT_1000,
        plan: {
          customerId: 'c'.repeat(36), categories: [],
          analysis: { directNeeds: TEXT_1000, latentNeeds: TEXT_1000, decisionProcess: TEXT_1000, decisionDepartments: TEXT_1000, finances: TEXT_1000, yearlyBudgetFen: 99_999_999_99, sensitivity: SENSITIVITIES[0] },
          advantages: [...ADVANTAGES], purchaseFactors: [...PURCHASE_FACTORS], purchaseFactorNotes: TEXT_1000,
          forecast: { expectedSalesFen: 99_999_999_99, expectedProfitFen: -99_999_999_99, staffCostFen: 99_999_999_99, travelCostFen: 99_999_999_99, risk: 'medium' },
          methods: [...DEVELOPMENT_METHODS], team: TEAM_ROLES.map((role, i) => ({ role, memberId: openId(190 + i) })),
        },
      },
    }),
  digest: () =>
    digestCard({
      timeZone: TZ, urgency: 'escalation',
      own: (['visit_record', 'follow_up', 'reception_report', 'monthly_report', 'approval_step', 'trip_checkin', 'progress_report', 'equipment_return', 'visit_material'] as const).map((kind) => ({ kind, lines: Array.from({ length: 60 }, (_, i) => ({ ...line(i, true), kind })) })),
      oversight: Array.from({ length: 500 }, (_, i) => line(i, false)),
    }),
  help: () => helpCard({ name: nameOf(7), roleLabel: i18n('管理员', 'Admin'), items: COMMANDS.map((c) => ({ name: c.name, title: c.title, usage: c.usage, examples: c.examples ?? { zh_cn: [long('客户', 30)], en_us: [long('customer', 30)] }, button: true })) }),
  monthlyForm: () => monthlyReportFormCard({ draftId: 99, month: '2026-11', months: Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`), fields: REPORT }),
  monthlyConfirm: () => monthlyReportConfirmCard({ draftId: 99, month: '2026-11', fields: REPORT, replacing: { version: 40, submittedAt: NOW }, rest: TEXT_2000, timeZone: TZ }),
  monthlyDone: () => monthlyReportDoneCard({ month: '2026-11', fields: REPORT, outcome: 'submitted', version: 40 }),
  monthlyReview: () => monthlyReportReviewCard({ reportId: 99, ownerName: SPECIALIST.name, month: '2026-11', version: 40, status: 'returned', submittedAt: NOW, fields: REPORT, comment: TEXT_1000, returnReason: TEXT_1000, reviewerName: nameOf(1), actionable: true, timeZone: TZ }),
  teamReports: () =>
    teamReportsCard({ month: '2026-11', timeZone: TZ, rows: MEMBERS.map((m, i) => ({ name: m.name, report: i % 9 === 0 ? null : { version: 40, status: i % 5 === 0 ? ('returned' as const) : ('submitted' as const), submittedAt: NOW, fields: REPORT } })) }),
  progressForm: () => progressFormCard({ customerName: COMPANY, dueAt: NOW, timeZone: TZ, submit: { k: 'progress.submit', o: 99999 } }),
  progressReport: () => progressReportCard({ customerName: COMPANY, reporterName: SPECIALIST.name, at: NOW, body: TEXT_2000, nextDueAt: NOW, timeZone: TZ }),
  requestKind: () => requestKindCard(),
  ...Object.fromEntries(
    SMALL_REQUEST_KINDS.map((k) => [
      `request_${k}`,
      () => requestFormCard(k, { now: NOW, timeZone: TZ, values: Object.fromEntries(SMALL_REQUEST_FIELDS[k].map((f) => [f.name, requestValue(f)])), edit: { requestId: 'r'.repeat(36), version: 40 } }),
    ]),
  ),
  requestFiled: () => requestFiledCard('travel', i18n(TEXT_2000, TEXT_2000)),
  team: () => teamCard(MEMBERS.map((m) => ({ name: m.name, roleLabel: i18n('大客户专员', 'Key-account specialist'), managerName: nameOf(1), active: true }))),
  holidayWarning: () => holidayDataWarningCard(2027),
  customerOwner: () =>
    customerOwnerCard({ customerId: 'c'.repeat(36), customerName: COMPANY, archiveNo: 'KA-2026-99999', version: 40, currentOwnerName: nameOf(7), candidates: MEMBERS.filter((m) => m.role === 'specialist' || m.role === 'manager').map((m) => m.openId), justCreated: true }),
  openQuestions: () => openQuestionsCard({ customerName: COMPANY, timeZone: TZ, questions: Array.from({ length: 50 }, (_, i) => ({ id: 100_000 + i, question: TEXT_1000, askedAt: NOW })) }),
  dutyCloseForm: () => dutyCloseFormCard({ obligationId: 'o'.repeat(36), title: long(`拜访总结 · ${COMPANY}`, 300) }),
  dutyClosed: () => dutyClosedCard({ title: long(`拜访总结 · ${COMPANY}`, 300), reason: TEXT_1000 }),
  equipmentLoans: () =>
    equipmentLoansCard({
      loans: Array.from({ length: 200 }, (_, i) => ({ id: `l${i}`.padEnd(36, '0'), label: i18n(`其他 ${long('投影仪', 100)}`, `Other ${long('投影仪', 100)}`), returnDate: '2026-12-31', borrowerName: nameOf(i % 200), overdue: i % 2 === 0 })),
      notice: i18n(`已登记「其他 ${long('投影仪', 100)}」归还。`, `Other ${long('投影仪', 100)} recorded as returned.`),
    }),
  highValueCrossed: () =>
    highValueCrossedCard({ customerId: 'c'.repeat(36), name: COMPANY, archiveNo: 'KA-2026-99999', ownerName: nameOf(7), reason: i18n(`近12个月交易额 ¥999,999,999,999.00，达到高值客户标准 ¥5,000,000.00`, 'Transactions in the last 12 months: ¥999,999,999,999.00, reaching the high-value threshold of ¥5,000,000.00') }),
  apiBudget: () =>
    apiBudgetCard({
      ...budgetStanding(9_999_999, 10_000, NOW, TZ),
      byApi: Array.from({ length: 40 }, (_, i) => ({ api: `${long('im.message.create', 200)}.${i}`, calls: 9_999_999 - i })),
    }),
  requestRecorded: () => requestRecordedCard('phone_bill', i18n(TEXT_2000, TEXT_2000), i18n(TEXT_1000, TEXT_1000)),
  targets: () =>
    targetsCard({
      periodKey: '2026Q4', periodLabel: i18n('2026年第四季度', 'Q4 2026'), showTeams: true, canSet: true, canChange: true,
      periods: [['2026Q4', 'Q4 2026'], ['2027Q1', 'Q1 2027'], ['2026', '2026'], ['2027', '2027']].map(([key, en]) => ({ key: key!, label: i18n(en!, en!) })),
      notice: i18n(TEXT_1000.slice(0, 200), TEXT_1000.slice(0, 200)),
      teams: MEMBERS.filter((m) => m.role === 'manager').map((lead) => ({
        name: lead.name,
        specialists: MEMBERS.filter((m) => m.role === 'specialist' && m.managerId === lead.openId).map((s, i) => ({
          id: s.openId, name: s.name, actualFen: 123_456_789_00, targetFen: 99_999_999_900, pct: 123.4,
          items: [0, 1].map((j) => ({
            id: `t-${i}-${j}-`.padEnd(36, '0'), label: i18n(`2026年第四季度 · ${long('华东', 50)} · ${long('设备', 50)}`, `Q4 2026 · ${long('华东', 50)} · ${long('设备', 50)}`), amountFen: 99_999_999_900, version: 40,
            pending: { amountFen: 88_888_888_800, reason: TEXT_1000.slice(0, 500), requesterName: nameOf(7) },
          })),
        })),
      })),
    }),
  targetSetForm: () => targetSetFormCard({ specialists: MEMBERS.filter((m) => m.role === 'specialist').map((m) => m.openId), periods: [{ key: '2026Q4', label: i18n('2026年第四季度', 'Q4 2026') }], periodKey: '2026Q4' }),
  targetChangeForm: () =>
    targetChangeFormCard({ targets: MEMBERS.filter((m) => m.role === 'specialist').map((m, i) => ({ id: `t-${i}-`.padEnd(36, '0'), label: i18n(`${m.name} · 2026年第四季度 · ${long('华东', 50)}`, `${m.name} · Q4 2026 · ${long('华东', 50)}`), amountFen: 99_999_999_900 })) }),
  targetChangeEdit: () =>
    targetChangeFormCard({ targets: [{ id: 't'.repeat(36), label: i18n('2026年第四季度', 'Q4 2026'), amountFen: 99_999_999_900 }], edit: { approvalId: 'a'.repeat(36), version: 40, amountFen: 88_888_888_800, reason: TEXT_1000.slice(0, 500) } }),
  targetChangeFiled: () => targetChangeFiledCard({ label: i18n(long('华东', 100), long('华东', 100)), fromFen: 99_999_999_900, toFen: 88_888_888_800, applied: false }),
  targetHistoryPick: () => targetHistoryPickCard({ targets: MEMBERS.map((m, i) => ({ id: `t-${i}-`.padEnd(36, '0'), label: i18n(`${m.name} · 2026年第四季度 · ${long('华东', 50)}`, `${m.name} · Q4 2026 · ${long('华东', 50)}`) })) }),
  targetHistory: () =>
    targetHistoryCard({
      label: i18n('2026年第四季度', 'Q4 2026'), specialistName: nameOf(7),
      versions: Array.from({ length: 100 }, (_, i) => ({ version: i + 1, amountFen: 99_999_999_900, setByName: nameOf(i), setAt: '2026-11-30 10:00', reason: TEXT_1000.slice(0, 500), approvedByName: nameOf(1) })),
      changes: Array.from({ length: 50 }, (_, i) => ({ amountFen: 88_888_888_800, status: i18n('已驳回', 'Rejected'), requesterName: nameOf(i), reason: TEXT_1000.slice(0, 500), note: TEXT_1000.slice(0, 500) })),
    }),
};

const TRIP: TripLine = {
  id: 't'.repeat(36), destinations: long('上海、苏州、杭州、南京', 100), fromDate: '2026-12-01', toDate: '2026-12-20', plannedToDate: '2026-12-31',
  purpose: long('拜访客户', 500), customers: Array.from({ length: 100 }, () => COMPANY), underway: true,
};
const CUSTOMER_OPTIONS = Array.from({ length: 100 }, (_, i) => ({ value: `c${String(i).padStart(35, '0')}`, text: i18n(COMPANY, COMPANY) }));
Object.assign(BUILT, {
  trips: () => tripsCard({ trips: Array.from({ length: 200 }, (_, i) => ({ ...TRIP, id: `t${String(i).padStart(35, '0')}` })), notice: i18n(`已提前结束「${TRIP.destinations}」：返回日期改为 2026-12-20，之后的 11 天不再计入出差天数。已通知${nameOf(1)}。`, `Cut "${TRIP.destinations}" short: back on 2026-12-20; the 11 days after it no longer count. ${nameOf(1)} has been told.`) }),
  tripShorten: () => tripShortenForm(TRIP, '2026-12-05'),
  tripCancel: () => tripCancelForm(TRIP),
  tripCustomers: () => tripCustomersForm(TRIP, CUSTOMER_OPTIONS, CUSTOMER_OPTIONS.map((o) => o.value)),
  travelFormWithCustomers: () => requestFormCard('travel', { now: NOW, timeZone: TZ, customers: { options: CUSTOMER_OPTIONS, selected: CUSTOMER_OPTIONS.slice(0, 50).map((o) => o.value) } }),
  materialNotice: () =>
    materialNoticeCard({
      visitId: 'v'.repeat(36), customerName: COMPANY, plannerName: nameOf(3), visitAt: '2026-12-03 14:30', place: long('华能总部 12 楼会议室', 200),
      items: i18n('宣传册×99999、折扣确认书×99999、小礼品×99999、车辆×99999、贵重礼品×99999、手提袋×99999', 'Brochures ×99999, Discount confirmation ×99999, Small gifts ×99999, Vehicle ×99999, Premium gifts ×99999, Tote bags ×99999'),
      dueOn: '2026-12-02', change: i18n('拜访计划有变动并已重新批准，请按以下内容重新确认准备。', 'The visit plan changed and was approved again; please check what to prepare.'),
    }),
});

Object.assign(BUILT, {
  openFeedback: () => openFeedbackCard({ customerName: COMPANY, timeZone: TZ, now: NOW, items: Array.from({ length: 50 }, (_, i) => ({ id: 100_000 + i, body: TEXT_1000, raisedAt: NOW, dueAt: NOW })) }),
  complaintWithStaff: () => recordFormCard({ customerId: 'c'.repeat(36), name: COMPANY, kind: 'complaint', staff: MEMBERS.map((m) => m.openId) }),
  budgets: () =>
    budgetCard({
      year: 2026,
      lines: MEMBERS.map((m, i) => ({ level: i % 20 === 0 ? 'team' as const : 'member' as const, name: m.name, budgetFen: 9_999_999_999, summed: i % 40 === 0, spentFen: 99_999_999_999 })),
      options: [{ value: 'department', text: i18n('全部门', 'The department') }, ...MEMBERS.slice(0, 150).map((m) => ({ value: `member:${m.openId}`, text: i18n(m.name, m.name) }))],
      years: [2025, 2026, 2027],
      notice: i18n(`已保存：${nameOf(1)} 2026 年服务费用预算 ¥99,999,999.99（原 ¥1.00）。`, `Saved: ${nameOf(1)}'s 2026 service-cost budget ¥99,999,999.99 (was ¥1.00).`),
    }),
  devPlan: () =>
    devPlanCard({
      periodKey: '2026Q4', periodLabel: i18n('2026年第四季度', 'Q4 2026'),
      rows: MEMBERS.map((m) => ({ name: m.name, planned: 200, won: 9999 })),
      settable: MEMBERS.map((m) => m.openId),
      periods: [{ key: '2026Q4', label: i18n('2026年第四季度', 'Q4 2026') }, { key: '2027Q1', label: i18n('2027年第一季度', 'Q1 2027') }, { key: '2026', label: i18n('2026年', '2026') }, { key: '2027', label: i18n('2027年', '2027') }],
      notice: i18n(`已保存：${nameOf(1)} 2026年第四季度计划开发新客户 200 个（原 1 个）。`, `Saved: ${nameOf(1)}, Q4 2026, 200 new key accounts planned (was 1).`),
    }),
});

/** Sized in their own tests (test/cards/kpi.test.ts builds them for a 50-specialist department). */
const SIZED_ELSEWHERE = new Set(['kpi', 'kpi-assessment']);

describe('every card at a 200-person department', () => {
  it('covers every builder module in cards/ (a new one must join BUILT)', () => {
    const helpers = new Set(['action-value', 'approval-parts', 'approval-values', 'customer-parts', 'fit', 'kit', 'kpi-chart', 'monthly-report-parts', 'monthly-report-values', 'person-picker', 'validate', 'visit-parts']);
    const modules = readdirSync(new URL('../../cards/', import.meta.url)).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).filter((m) => !helpers.has(m) && !SIZED_ELSEWHERE.has(m));
    expect(modules.sort()).toEqual([
      'api-budget', 'approval-list', 'approval-request', 'approval-status', 'budgets', 'calendar-warning', 'customer-archive', 'customer-duplicate', 'customer-edit', 'customer-feedback', 'customer-forms',
      'customer-list', 'customer-owner', 'customer-pick', 'customer-questions', 'development-form', 'development-targets', 'digest', 'duty-close', 'equipment-return', 'help', 'high-value', 'monthly-report-confirm', 'monthly-report-form', 'monthly-report-review',
      'monthly-reports-team', 'progress-report', 'reception-card', 'reimbursement-form', 'request-form', 'settings', 'targets', 'team', 'trip-card', 'visit-card', 'visit-draft', 'visit-draft-form', 'visit-material', 'visit-plan-form',
    ]);
  });

  it('an archive that fills the card alone keeps its history a tap away, and the history page folds the archive', () => {
    const opened = JSON.stringify(BUILT.archive!());
    expect(opened).toContain('查看历史记录');
    expect(opened).toContain('"k":"customer.history"');
    const paged = JSON.stringify(BUILT.archiveHistoryPage!());
    expect(paged).toContain('第 999/9999 页');
    expect(paged).toContain('完整档案');
  });

  it.each(Object.entries(BUILT))('%s fits on its own, under 30 KB and 200 elements, and is a valid 2.0 card', (_, build) => {
    const card = build();
    expect(validateCard(card)).toEqual([]);
    const f = fitCard(card);
    expect(f.degraded, `${f.bytes} bytes`).toBeNull();
    expect(f.bytes).toBeLessThan(CARD_MAX_BYTES);
  });
});
