/**
 * The visit card (拜访): the plan, its state, and — once written — the record and follow-up.
 * One card for everyone who holds a copy (the specialist, and the manager and director once the
 * record is in); buttons are offered by state, and every click is re-checked against the roster.
 */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { REQUEST_STATUS_LABEL } from '../src/domain/approval/labels.js';
import { endedApproval, STATUS_TAG, STATUS_TEMPLATE, type PlanApproval } from './approval-parts.js';
import { resubmitValue } from './approval-values.js';
import { checkThing, sendThing, THING } from '../src/domain/glossary.js';
import { formatYuan } from '../src/domain/money.js';
import { canCancel, canReschedule } from '../src/domain/visit/lifecycle.js';
import {
  FIRST_CONTACT_LABEL, FOLLOW_UP_METHOD_LABEL, MATERIAL_LABEL, OUTCOME_LABEL, VISIT_METHOD_LABEL, VISIT_STATUS_LABEL,
  type DraftMarks, type FollowUpFields, type FollowUpKey, type VisitPlan, type VisitRecordFields, type VisitRecordKey,
} from '../src/domain/visit/types.js';
import { button, buttonRow, card, fields, hr, md, note, type Card, type CardElement, type HeaderColor } from './kit.js';
import { clip, same, shorten } from './customer-parts.js';
import { VISIT_ACTIONS as A, joinText, orEmpty, when } from './visit-parts.js';

export interface VisitCardView {
  id: string;
  version: number;
  customerId: string;
  customerName: string;
  ownerName: string;
  status: 'pending' | 'approved' | 'recorded' | 'cancelled';
  /** The approval request's state when it is not simply pending/approved (rejected, returned, withdrawn). */
  approvalNote: I18nText | null;
  /** The plan's approval request while the visit is pending: what the header says and which buttons make sense. */
  approval?: PlanApproval | null;
  visitAt: Date;
  plan: VisitPlan;
  nameOf(openId: string): string;
  record: VisitRecordFields | null;
  followUp: FollowUpFields | null;
  cancelReason: string | null;
  timeZone: string;
  /** Shown when the plan went back to approval after a reschedule. */
  notice?: I18nText | null;
}

const COLOR: Record<VisitCardView['status'], HeaderColor> = { pending: 'blue', approved: 'turquoise', recorded: 'green', cancelled: 'grey' };

/** Names listed before the rest is counted: a visit may take a whole team along. */
const NAMES_MAX = 20;

export function namesOf(ids: readonly string[], nameOf: (id: string) => string): I18nText {
  if (!ids.length) return same('—');
  const shown = ids.slice(0, NAMES_MAX).map((id) => shorten(clip(nameOf(id), 30), 30));
  const more = ids.length - shown.length;
  return i18n(`${shown.join('、')}${more > 0 ? ` 等 ${ids.length} 人` : ''}`, `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`);
}

export function planRows(v: Pick<VisitCardView, 'visitAt' | 'plan' | 'nameOf' | 'timeZone'>): [I18nText, I18nText | string][] {
  const p = v.plan;
  const rows: [I18nText, I18nText | string][] = [
    [i18n('时间', 'When'), when(v.visitAt, v.timeZone)],
    [i18n('地点', 'Place'), shorten(p.place, 80)],
    [i18n('目的', 'Purpose'), shorten(p.purpose, 200)],
    [i18n('我方人员', 'Our attendees'), namesOf(p.attendees, v.nameOf)],
    [
      i18n('拜访对象', 'Meeting'),
      joinText(p.contacts.map((c) => i18n(`${shorten(c.name, 20)}${c.roles.length ? `（${c.roles.join('、')}）` : ''}`, `${shorten(c.name, 20)}${c.roles.length ? ` (${c.roles.join(', ')})` : ''}`))),
    ],
  ];
  if (p.firstContact) rows.push([i18n('首次接触方式', 'First contact by'), FIRST_CONTACT_LABEL[p.firstContact]]);
  if (p.materials.length) {
    rows.push([
      i18n('物料', 'Materials'),
      joinText(
        p.materials.map((m) => {
          const extra = [m.dueOn, m.ownerId ? v.nameOf(m.ownerId) : null].filter(Boolean).join(' · ');
          return i18n(`${MATERIAL_LABEL[m.item].zh_cn}×${m.quantity}${extra ? `（${extra}）` : ''}`, `${MATERIAL_LABEL[m.item].en_us} ×${m.quantity}${extra ? ` (${extra})` : ''}`);
        }),
      ),
    ]);
  }
  rows.push([i18n('预算', 'Budget'), p.budgetFen ? formatYuan(p.budgetFen) : i18n('无（无需财务审批）', 'None (no finance step)')]);
  return rows;
}

/** A draft row's label, saying where its value came from: 来自计划 (the plan) or 推测 (read from prose). */
export function markedLabel<K extends string>(marks: DraftMarks<K> | undefined, key: K, t: I18nText): I18nText {
  if (marks?.fromPlan.includes(key)) return i18n(`${t.zh_cn}（来自计划）`, `${t.en_us} (from the plan)`);
  if (marks?.guessed.includes(key)) return i18n(`${t.zh_cn}（推测）`, `${t.en_us} (guessed)`);
  return t;
}

/**
 * The record's rows. With `marks` (a draft's preview) a value read from unlabelled text says
 * 推测 and one filled from the plan says 来自计划, so the person checks those first.
 */
export function recordRows(r: VisitRecordFields, tz: string, marks?: DraftMarks): [I18nText, I18nText | string][] {
  const label = (key: VisitRecordKey, t: I18nText) => markedLabel(marks, key, t);
  const rows: [I18nText, I18nText | string][] = [
    [label('time', i18n('时间', 'Time')), r.time ? when(r.time, tz) : orEmpty(null)],
    [label('place', i18n('地点', 'Place')), orEmpty(r.place && shorten(r.place, 80))],
    [label('method', i18n('方式', 'Method')), r.method ? VISIT_METHOD_LABEL[r.method] : orEmpty(null)],
  ];
  if (r.people) rows.push([label('people', i18n('见了谁', 'People met')), shorten(r.people, 120)]);
  rows.push(
    [label('points', i18n('要点', 'Main points')), orEmpty(r.points && shorten(r.points, 400))],
    [label('customerView', i18n('客户想法', "Customer's view")), orEmpty(r.customerView && shorten(r.customerView, 300))],
    [label('nextSteps', i18n('下一步', 'Next steps')), orEmpty(r.nextSteps && shorten(r.nextSteps, 300))],
    [label('nextVisitAt', i18n('下次拜访', 'Next visit')), r.nextVisitAt ? when(r.nextVisitAt, tz) : orEmpty(null)],
  );
  if (r.outcome) rows.push([label('outcome', i18n('结果', 'Outcome')), OUTCOME_LABEL[r.outcome]]);
  if (r.outcome === 'failed') rows.push([label('failureReason', i18n('失败原因', 'Failure reason')), orEmpty(r.failureReason && shorten(r.failureReason, 200))]);
  return rows;
}

/** The follow-up's rows; with `marks` (a draft's preview) guessed and visit-filled values say so, as on a visit summary. */
export function followUpRows(f: FollowUpFields, marks?: DraftMarks<FollowUpKey>): [I18nText, I18nText | string][] {
  const label = (key: FollowUpKey, t: I18nText) => markedLabel(marks, key, t);
  const rows: [I18nText, I18nText | string][] = [[label('method', i18n('回访方式', 'How')), f.method ? FOLLOW_UP_METHOD_LABEL[f.method] : orEmpty(null)]];
  if (f.people) rows.push([label('people', i18n('回访对象', 'Spoke with')), shorten(f.people, 120)]);
  rows.push(
    [label('opinion', i18n('客户意见', "Customer's opinion")), orEmpty(f.opinion && shorten(f.opinion, 300))],
    [label('satisfaction', i18n('满意度', 'Satisfaction')), f.satisfaction ? `${'★'.repeat(f.satisfaction)}${'☆'.repeat(5 - f.satisfaction)} ${f.satisfaction}/5` : orEmpty(null)],
  );
  return rows;
}

export function visitCard(v: VisitCardView): Card {
  const elements: CardElement[] = [];
  if (v.notice) elements.push(note(v.notice));
  elements.push(fields([[i18n('专员', 'Specialist'), same(clip(v.ownerName, 30))], ...planRows(v)]));
  if (v.approvalNote) elements.push(note(v.approvalNote));
  if (v.status === 'cancelled') elements.push(md(i18n(`**已取消**：${shorten(v.cancelReason ?? '', 200)}`, `**Cancelled**: ${shorten(v.cancelReason ?? '', 200)}`)));
  if (v.record) {
    elements.push(hr(), md(i18n(`**${THING.visitRecordTitle.zh_cn}**`, `**${THING.visitRecordTitle.en_us}**`)), fields(recordRows(v.record, v.timeZone)));
  }
  if (v.followUp) elements.push(hr(), md(i18n(`**${THING.followUpTitle.zh_cn}**`, `**${THING.followUpTitle.en_us}**`)), fields(followUpRows(v.followUp)));

  const buttons: CardElement[] = [];
  if (v.status === 'approved') {
    buttons.push(button({ text: sendThing(THING.visitRecord), type: 'primary', value: { k: A.recordStart, vi: v.id } }));
  }
  if (v.status === 'recorded') {
    buttons.push(button({ text: checkThing(THING.visitRecord), value: { k: A.recordView, vi: v.id } }));
    if (!v.followUp) buttons.push(button({ text: i18n('记录回访', 'Record the follow-up'), type: 'primary', value: { k: A.followUp, vi: v.id } }));
    if (v.record?.nextVisitAt) buttons.push(button({ text: i18n('计划下次拜访', 'Plan the next visit'), value: { k: A.plan, c: v.customerId, from: v.id } }));
  }
  if (v.status === 'approved' || v.status === 'recorded') {
    buttons.push(button({ text: i18n('费用报销', 'Reimburse'), value: { k: A.reimbStart, t: 'visit', s: v.id } }));
  }
  // A plan whose request ended without approval is not 审批中: it says how it ended, and offers what is left to do.
  const ended = endedApproval(v.status === 'pending', v.approval);
  if (ended && (ended.status === 'rejected' || ended.status === 'returned')) {
    buttons.push(button({ text: i18n('修改并重新提交', 'Edit & resubmit'), type: 'primary', value: resubmitValue(ended.requestId, ended.version) }));
  }
  // The same rules as the handlers: 改期 only once approved (a plan in its chain is withdrawn instead).
  if (canReschedule(v.status)) {
    buttons.push(button({ text: i18n('改期', 'Reschedule'), value: { k: A.reschedule, vi: v.id } }));
  }
  if (canCancel(v.status)) {
    buttons.push(button({ text: i18n('取消拜访', 'Cancel visit'), type: 'danger', value: { k: A.cancel, vi: v.id } }));
  }
  if (buttons.length) elements.push(buttonRow(buttons));

  return card({
    title: i18n(`拜访 · ${clip(v.customerName, 30)}`, `Visit · ${clip(v.customerName, 30)}`),
    subtitle: i18n(when(v.visitAt, v.timeZone), when(v.visitAt, v.timeZone)),
    template: ended ? STATUS_TEMPLATE[ended.status] : COLOR[v.status],
    tags: [
      ended
        ? { text: REQUEST_STATUS_LABEL[ended.status], color: STATUS_TAG[ended.status] }
        : { text: VISIT_STATUS_LABEL[v.status], color: v.status === 'cancelled' ? 'neutral' : v.status === 'recorded' ? 'green' : 'blue' },
    ],
    elements,
  });
}
