/** The reception plan form (接待计划, domain.md §3.3) and the reception card. */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { formatYuan, yuanForInput } from '../src/domain/money.js';
import { canCancel, canReschedule } from '../src/domain/visit/lifecycle.js';
import { formatDateTime } from '../src/domain/time.js';
import { REQUEST_STATUS_LABEL } from '../src/domain/approval/labels.js';
import { RECEPTION_STATUS_LABEL, type DraftMarks, type ReceptionPlan, type ReceptionReportFields, type ReceptionReportKey } from '../src/domain/visit/types.js';
import { endedApproval, STATUS_TAG, STATUS_TEMPLATE, type PlanApproval } from './approval-parts.js';
import { resubmitValue } from './approval-values.js';
import { button, buttonRow, card, fields, form, hr, input, md, mdEscape, note, type Card, type CardElement } from './kit.js';
import { clip, same, shorten } from './customer-parts.js';
import { dateTimePicker, toleranceNote } from './visit-plan-form.js';
import { markedLabel, namesOf } from './visit-card.js';
import { fitPeople, personMultiSelect, personSelect, shortlistNote } from './person-picker.js';
import { VISIT_ACTIONS as A, orEmpty, when } from './visit-parts.js';

export const DEFAULT_VENUE = '商务室';

/** A rejected or returned plan being edited: its values, and the request its submit sends again. */
export interface ReceptionEdit {
  receptionId: string;
  requestId: string;
  version: number;
  /** "YYYY-MM-DD HH:mm" in the company zone. */
  at: string;
  plan: ReceptionPlan;
}

export interface ReceptionFormView {
  customerId: string;
  customerName: string;
  /** Possible hosts, the most likely first (colleaguesFor). */
  people: readonly { openId: string; name: string }[];
  /** Possible accompanying leaders (directors and managers). */
  leaders: readonly { openId: string; name: string }[];
  edit?: ReceptionEdit;
  /** A new plan's time as the person wrote it (`接待 华能 周二下午`), "YYYY-MM-DD HH:mm". */
  initialAt?: string;
}

export function receptionFormCard(v: ReceptionFormView): Card {
  return fitPeople(v.people.length, (cap) => buildReceptionForm(v, cap));
}

function buildReceptionForm(v: ReceptionFormView, cap: number): Card {
  const p = v.edit?.plan;
  const submit = v.edit
    ? button({ text: i18n('修改后重新提交', 'Submit the edited plan'), type: 'primary', formSubmit: true, name: 'rp_submit', value: { k: A.receptionResubmit, s: v.edit.receptionId, r: v.edit.requestId, ver: v.edit.version } })
    : button({ text: i18n('提交审批', 'Submit for approval'), type: 'primary', formSubmit: true, name: 'rp_submit', value: { k: A.receptionSubmit, c: v.customerId } });
  const people = v.people.map((x) => x.openId);
  const leaders = v.leaders.map((x) => x.openId);
  return card({
    title: v.edit ? i18n(`修改接待计划 · ${clip(v.customerName, 30)}`, `Edit the reception plan · ${clip(v.customerName, 30)}`) : i18n(`接待计划 · ${clip(v.customerName, 30)}`, `Reception plan · ${clip(v.customerName, 30)}`),
    template: 'blue',
    elements: [
      note(i18n('审批：经理 → 总监。接待后需提交接待报告，才能报销。', 'Approval: manager → director. Reimbursement waits for the reception report.')),
      form('reception_plan', [
        input({ name: 'rp_guests', label: i18n('来访人员（必填）', 'Guests (required)'), required: true, maxLength: 300, defaultValue: p?.guests }),
        note(i18n('来访时间（必填）', 'Date and time (required)')),
        dateTimePicker('rp_at', i18n('选择日期和时间', 'Pick the date and time'), v.edit?.at ?? v.initialAt),
        input({ name: 'rp_venue', label: i18n('接待地点', 'Venue'), maxLength: 100, defaultValue: p?.venue ?? DEFAULT_VENUE }),
        note(i18n('接待人员（经理和负责人；内勤协助）', 'Hosts (the manager and the lead; the assistant serves)')),
        personMultiSelect({ name: 'rp_hosts', placeholder: i18n('选择接待人员', 'Pick hosts'), candidates: people, cap, selected: p?.hosts ?? [] }),
        ...(cap < people.length ? [shortlistNote(cap, people.length)] : []),
        input({ name: 'rp_meals', label: i18n('外出用餐安排', 'Meals outside'), maxLength: 300, defaultValue: p?.meals ?? undefined }),
        personSelect({ name: 'rp_leader', placeholder: i18n('陪同领导', 'Accompanying leader'), candidates: leaders.length ? leaders : people, cap, initial: p?.leaderId ?? null }),
        input({ name: 'rp_lodging', label: i18n('住宿标准', 'Lodging standard'), maxLength: 200, defaultValue: p?.lodging ?? undefined }),
        input({ name: 'rp_budget', label: i18n('预算（元）', 'Budget (yuan)'), maxLength: 30, defaultValue: p?.budgetFen ? yuanForInput(p.budgetFen) : undefined }),
        submit,
      ]),
    ],
  });
}

/** The reason form for cancelling a reception that will not take place. */
export function receptionCancelCard(v: { id: string; version: number; customerName: string; at: Date; timeZone: string }): Card {
  return card({
    title: i18n(`取消接待 · ${clip(v.customerName, 30)}`, `Cancel reception · ${clip(v.customerName, 30)}`),
    subtitle: same(when(v.at, v.timeZone)),
    template: 'red',
    elements: [
      note(i18n('审批中的接待计划会同时撤回；接待报告的提醒随之取消。', 'A plan still in approval is withdrawn with it; the report reminders stop.')),
      form('reception_cancel', [
        input({ name: 'rc_reason', label: i18n('取消原因（必填）', 'Reason (required)'), required: true, maxLength: 200 }),
        button({ text: i18n('确认取消', 'Cancel the reception'), type: 'danger', formSubmit: true, name: 'rc_submit', value: { k: A.receptionCancelSave, s: v.id, ver: v.version } }),
      ]),
    ],
  });
}

export interface ReceptionRescheduleFormView {
  id: string;
  version: number;
  customerName: string;
  at: Date;
  budgetYuan: string;
  freeDays: number;
  budgetPct: number;
  timeZone: string;
}

/** The reschedule form (改期): the new time, the budget and a reason, under the same tolerance as visits. */
export function receptionRescheduleCard(v: ReceptionRescheduleFormView): Card {
  return card({
    title: i18n(`接待改期 · ${clip(v.customerName, 30)}`, `Reschedule reception · ${clip(v.customerName, 30)}`),
    subtitle: same(when(v.at, v.timeZone)),
    template: 'orange',
    elements: [
      toleranceNote(v.freeDays, v.budgetPct),
      form('reception_reschedule', [
        dateTimePicker('rr_at', i18n('新的接待时间', 'New date and time'), formatDateTime(v.at, v.timeZone)),
        input({ name: 'rr_budget', label: i18n('预算（元）', 'Budget (yuan)'), maxLength: 30, defaultValue: v.budgetYuan }),
        input({ name: 'rr_reason', label: i18n('改期原因', 'Reason'), maxLength: 200 }),
        button({ text: i18n('保存', 'Save'), type: 'primary', formSubmit: true, name: 'rr_submit', value: { k: A.receptionRescheduleSave, s: v.id, ver: v.version } }),
      ]),
    ],
  });
}

export interface ReceptionCardView {
  id: string;
  customerName: string;
  ownerName: string;
  status: 'pending' | 'approved' | 'reported' | 'cancelled';
  at: Date;
  plan: ReceptionPlan;
  report: ReceptionReportFields | null;
  cancelReason: string | null;
  nameOf(openId: string): string;
  timeZone: string;
  /** Shown after a reschedule: what moved, and whether it went back to approval. */
  notice?: I18nText | null;
  /** The approval request's state when it is not simply pending/approved (rejected, returned, withdrawn). */
  approvalNote?: I18nText | null;
  /** The plan's approval request while the reception is pending: what the header says and which buttons make sense. */
  approval?: PlanApproval | null;
}

/** The report's rows; with `marks` (a draft's preview) guessed and plan-filled values say so, as on a visit record. */
export function receptionReportRows(r: ReceptionReportFields, tz: string, marks?: DraftMarks<ReceptionReportKey>): [I18nText, I18nText | string][] {
  const label = (key: ReceptionReportKey, t: I18nText) => markedLabel(marks, key, t);
  return [
    [label('guests', i18n('来访人员', 'Guests')), orEmpty(r.guests && shorten(r.guests, 100))],
    [label('hosts', i18n('陪同人员', 'Hosts')), orEmpty(r.hosts && shorten(r.hosts, 100))],
    [label('time', i18n('接待时间', 'Time')), r.time ? when(r.time, tz) : orEmpty(null)],
    [label('place', i18n('接待地点', 'Venue')), orEmpty(r.place && shorten(r.place, 100))],
    [label('points', i18n('接待内容', 'Points')), orEmpty(r.points && shorten(r.points, 400))],
    [label('customerView', i18n('客户意见', "Customer's view")), orEmpty(r.customerView && shorten(r.customerView, 300))],
    [label('nextSteps', i18n('下一步', 'Next steps')), orEmpty(r.nextSteps && shorten(r.nextSteps, 300))],
  ];
}

export function receptionCard(v: ReceptionCardView): Card {
  const p = v.plan;
  const elements: CardElement[] = [];
  if (v.notice) elements.push(note(v.notice));
  elements.push(
    fields([
      [i18n('负责人', 'Lead'), same(clip(v.ownerName, 30))],
      [i18n('来访人员', 'Guests'), shorten(p.guests, 200)],
      [i18n('时间', 'When'), when(v.at, v.timeZone)],
      [i18n('地点', 'Venue'), shorten(p.venue, 100)],
      [i18n('接待人员', 'Hosts'), namesOf(p.hosts, v.nameOf)],
      [i18n('外出用餐', 'Meals outside'), orEmpty(p.meals && shorten(p.meals, 200))],
      [i18n('陪同领导', 'Accompanying leader'), p.leaderId ? same(v.nameOf(p.leaderId)) : orEmpty(null)],
      [i18n('住宿标准', 'Lodging'), orEmpty(p.lodging && shorten(p.lodging, 200))],
      [i18n('预算', 'Budget'), p.budgetFen ? formatYuan(p.budgetFen) : i18n('无', 'None')],
    ]),
  );
  if (v.approvalNote) elements.push(note(v.approvalNote));
  if (v.report) elements.push(hr(), md(i18n('**接待报告**', '**Reception report**')), fields(receptionReportRows(v.report, v.timeZone)));
  if (v.status === 'approved') {
    elements.push(note(i18n('接待结束后，直接发消息「接待报告 …」给我即可（可回复本卡片）。', 'After the reception, send me "reception report …" (or reply to this card).')));
  }
  if (v.status === 'cancelled') {
    elements.push(md(i18n(`**已取消**：${mdEscape(shorten(v.cancelReason ?? '', 200))}`, `**Cancelled**: ${mdEscape(shorten(v.cancelReason ?? '', 200))}`)));
  }
  const actions: CardElement[] = [];
  if (v.status === 'approved' || v.status === 'reported') actions.push(button({ text: i18n('费用报销', 'Reimburse'), value: { k: A.reimbStart, t: 'reception', s: v.id } }));
  // A plan whose request ended without approval is not 审批中: it says how it ended, and offers what is left to do.
  const ended = endedApproval(v.status === 'pending', v.approval);
  if (ended && (ended.status === 'rejected' || ended.status === 'returned')) {
    actions.push(button({ text: i18n('修改并重新提交', 'Edit & resubmit'), type: 'primary', value: resubmitValue(ended.requestId, ended.version) }));
  }
  // The same rules as the handlers: 改期 only once approved (a plan in its chain is withdrawn instead).
  if (canReschedule(v.status)) actions.push(button({ text: i18n('改期', 'Reschedule'), value: { k: A.receptionReschedule, s: v.id } }));
  if (canCancel(v.status)) actions.push(button({ text: i18n('取消接待', 'Cancel'), type: 'danger', value: { k: A.receptionCancel, s: v.id } }));
  if (actions.length) elements.push(buttonRow(actions));
  return card({
    title: i18n(`接待 · ${clip(v.customerName, 30)}`, `Reception · ${clip(v.customerName, 30)}`),
    subtitle: same(when(v.at, v.timeZone)),
    template: ended ? STATUS_TEMPLATE[ended.status] : v.status === 'reported' ? 'green' : v.status === 'cancelled' ? 'grey' : 'blue',
    tags: [
      ended
        ? { text: REQUEST_STATUS_LABEL[ended.status], color: STATUS_TAG[ended.status] }
        : { text: RECEPTION_STATUS_LABEL[v.status], color: v.status === 'reported' ? 'green' : v.status === 'cancelled' ? 'neutral' : 'blue' },
    ],
    elements,
  });
}
