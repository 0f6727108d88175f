/**
 * The visit plan form (拜访计划, domain.md §3.2 step 1): when, where, why, who goes, whom we
 * meet (from the archive's contacts, with their buyer roles), the first-contact method when we
 * have never visited, the materials (§3.3.3 四.2(3)) and the budget. Also the reschedule form.
 */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { FIRST_CONTACTS, FIRST_CONTACT_LABEL, MATERIALS, MATERIAL_LABEL } from '../src/domain/visit/types.js';
import { button, card, form, input, md, note, plain, selectStatic, type Card, type CardElement } from './kit.js';
import { clip } from './customer-parts.js';
import { fitPeople, personMultiSelect, personSelect, shortlistNote } from './person-picker.js';
import { VISIT_ACTIONS as A } from './visit-parts.js';

export interface VisitPlanFormView {
  customerId: string;
  customerName: string;
  /** Active members who may go along or own a material, the most likely first (colleaguesFor). */
  people: readonly { openId: string; name: string }[];
  /** The archive's contacts: value is the contact's index, label its name and buyer roles. */
  contacts: readonly { value: string; label: I18nText }[];
  firstContact: boolean;
  /** Pre-filled values (a next visit planned from a record, or a plan being edited). */
  initial?: {
    at?: string;
    purpose?: string;
    contacts?: string[];
    place?: string;
    attendees?: string[];
    firstContact?: string;
    materials?: Partial<Record<string, { qty: string; due: string; owner: string | null }>>;
    budgetYuan?: string;
  };
  from?: string | null;
  /** Editing a rejected or returned plan: submitting sends the same request again, as a new round. */
  edit?: { visitId: string; requestId: string; version: number };
}

/** A date-and-time picker; the kit has only the date picker. Feishu sends "2026-12-03 14:30 +0800". */
export function dateTimePicker(name: string, placeholder: I18nText, initial?: string): CardElement {
  const el: CardElement = { tag: 'picker_datetime', name, placeholder: plain(placeholder), width: 'fill', required: true };
  if (initial) el.initial_datetime = initial;
  return el;
}

export function multiSelect(name: string, placeholder: I18nText, options: readonly { value: string; text: I18nText }[], selected: string[] = []): CardElement {
  const el: CardElement = { tag: 'multi_select_static', name, placeholder: plain(placeholder), width: 'fill', options: options.map((o) => ({ text: plain(o.text), value: o.value })) };
  const valid = selected.filter((s) => options.some((o) => o.value === s));
  if (valid.length) el.selected_values = valid;
  return el;
}

const row = (cols: CardElement[]): CardElement => ({
  tag: 'column_set',
  horizontal_spacing: '8px',
  columns: cols.map((c) => ({ tag: 'column', width: 'weighted', weight: 1, elements: [c] })),
});

/** Material owners are usually the planner, a teammate or the assistant: fewer candidates than attendees. */
const ownerCap = (cap: number): number => (cap === Infinity ? cap : Math.max(5, Math.floor(cap / 3)));

export function visitPlanFormCard(v: VisitPlanFormView): Card {
  return fitPeople(v.people.length, (cap) => buildPlanForm(v, cap));
}

function buildPlanForm(v: VisitPlanFormView, cap: number): Card {
  const people = v.people.map((p) => p.openId);
  const body: CardElement[] = [
    note(i18n('拜访时间（必填）', 'Date and time (required)')),
    dateTimePicker('vp_at', i18n('选择拜访日期和时间', 'Pick the date and time'), v.initial?.at),
    input({ name: 'vp_place', label: i18n('地点（必填）', 'Place (required)'), required: true, maxLength: 200, defaultValue: v.initial?.place }),
    input({ name: 'vp_purpose', label: i18n('拜访目的（必填）', 'Purpose (required)'), required: true, maxLength: 1000, multiline: true, defaultValue: v.initial?.purpose }),
    note(i18n('我方参加人员', 'Our attendees')),
    personMultiSelect({ name: 'vp_attendees', placeholder: i18n('选择同事', 'Pick colleagues'), candidates: people, cap, selected: v.initial?.attendees }),
  ];
  if (cap < people.length) body.push(shortlistNote(cap, people.length));
  if (v.contacts.length) {
    body.push(note(i18n('拜访对象（客户档案中的联系人；重点：经济买家、教练买家）', "Whom we meet (the archive's contacts; focus on the economic buyer and the coach)")));
    body.push(multiSelect('vp_contacts', i18n('选择联系人', 'Pick contacts'), v.contacts.map((c) => ({ value: c.value, text: c.label })), v.initial?.contacts));
  } else {
    body.push(note(i18n('客户档案中还没有联系人，可在档案卡片上添加。', 'The archive has no contacts yet; add them on the archive card.')));
  }
  if (v.firstContact) {
    body.push(
      selectStatic({
        name: 'vp_first',
        placeholder: i18n('首次接触方式（必填：信函/电话/邮件）', 'First contact by (required: letter / phone / email)'),
        required: true,
        options: FIRST_CONTACTS.map((f) => ({ value: f, text: FIRST_CONTACT_LABEL[f] })),
        initial: v.initial?.firstContact,
      }),
    );
  }
  body.push(md(i18n('**物料准备**（不需要的留空）', '**Materials** (leave blank if not needed)')));
  for (const m of MATERIALS) {
    const had = v.initial?.materials?.[m];
    body.push(
      row([
        input({ name: `mat_${m}_qty`, label: i18n(`${MATERIAL_LABEL[m].zh_cn} 数量`, `${MATERIAL_LABEL[m].en_us}: qty`), maxLength: 6, defaultValue: had?.qty }),
        input({ name: `mat_${m}_due`, label: i18n('完成日期', 'Ready by'), placeholder: i18n('如 12-02', 'e.g. 12-02'), maxLength: 20, defaultValue: had?.due }),
        personSelect({ name: `mat_${m}_owner`, placeholder: i18n('负责人', 'Owner'), candidates: people, cap: ownerCap(cap), initial: had?.owner }),
      ]),
    );
  }
  body.push(
    input({ name: 'vp_budget', label: i18n('预算（元，无预算留空则不经财务）', 'Budget (yuan; blank = no finance step)'), maxLength: 30, defaultValue: v.initial?.budgetYuan }),
    v.edit
      ? button({ text: i18n('重新提交审批', 'Submit again'), type: 'primary', formSubmit: true, name: 'vp_submit', value: { k: A.resubmit, vi: v.edit.visitId, r: v.edit.requestId, ver: v.edit.version } })
      : button({ text: i18n('提交审批', 'Submit for approval'), type: 'primary', formSubmit: true, name: 'vp_submit', value: { k: A.submit, c: v.customerId } }),
  );
  return card({
    title: i18n(`拜访计划 · ${clip(v.customerName, 30)}`, `Visit plan · ${clip(v.customerName, 30)}`),
    template: 'blue',
    elements: [
      note(i18n('审批：经理 → 总监 → 财务（有预算时）', 'Approval: manager → director → finance (with a budget)')),
      form('visit_plan', body),
    ],
  });
}

export interface RescheduleFormView {
  visitId: string;
  version: number;
  customerName: string;
  at: string;
  budgetYuan: string;
  freeDays: number;
  budgetPct: number;
}

/** What a reschedule may change without going back to approval (visits and receptions share the setting). */
export const toleranceNote = (freeDays: number, budgetPct: number): CardElement =>
  note(
    i18n(
      `改动超过 ${freeDays} 天或预算增加超过 ${budgetPct}% 需重新审批。`,
      `Moving it more than ${freeDays} days or raising the budget more than ${budgetPct}% goes back to approval.`,
    ),
  );

export function visitRescheduleCard(v: RescheduleFormView): Card {
  return card({
    title: i18n(`改期 · ${clip(v.customerName, 30)}`, `Reschedule · ${clip(v.customerName, 30)}`),
    template: 'orange',
    elements: [
      toleranceNote(v.freeDays, v.budgetPct),
      form('visit_reschedule', [
        dateTimePicker('vr_at', i18n('新的拜访时间', 'New date and time'), v.at),
        input({ name: 'vr_budget', label: i18n('预算（元）', 'Budget (yuan)'), maxLength: 30, defaultValue: v.budgetYuan }),
        input({ name: 'vr_reason', label: i18n('改期原因', 'Reason'), maxLength: 200 }),
        button({ text: i18n('保存', 'Save'), type: 'primary', formSubmit: true, name: 'vr_submit', value: { k: A.rescheduleSave, vi: v.visitId, ver: v.version } }),
      ]),
    ],
  });
}

export function visitCancelCard(v: { visitId: string; version: number; customerName: string; at: string }): Card {
  return card({
    title: i18n(`取消拜访 · ${clip(v.customerName, 30)}`, `Cancel visit · ${clip(v.customerName, 30)}`),
    template: 'red',
    elements: [
      md(i18n(`原定 ${v.at}。取消后相关待办一并取消。`, `Planned for ${v.at}. Its open duties are cancelled with it.`)),
      form('visit_cancel', [
        input({ name: 'vc_reason', label: i18n('取消原因（必填）', 'Reason (required)'), required: true, maxLength: 200 }),
        button({ text: i18n('确认取消', 'Cancel the visit'), type: 'danger', formSubmit: true, name: 'vc_submit', value: { k: A.cancelSave, vi: v.visitId, ver: v.version } }),
      ]),
    ],
  });
}
