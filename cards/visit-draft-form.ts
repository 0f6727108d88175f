/** The Edit forms of the message drafts, pre-filled with what the bot understood. */
import { i18n } from '../src/domain/i18n.js';
import {
  FOLLOW_UP_METHODS, FOLLOW_UP_METHOD_LABEL, OUTCOMES, OUTCOME_LABEL, VISIT_METHODS, VISIT_METHOD_LABEL,
  type FollowUpFields, type ReceptionReportFields, type VisitRecordFields,
} from '../src/domain/visit/types.js';
import { button, card, form, input, note, selectStatic, type Card, type CardElement } from './kit.js';
import { clip } from './customer-parts.js';
import { DRAFT_TITLE, type DraftKind } from './visit-draft.js';
import { VISIT_ACTIONS as A, when } from './visit-parts.js';

/**
 * A box pre-filled with what the bot understood. A free-text summary may be longer than a card
 * input can hold (Feishu refuses a default longer than max_length): the box shows the start and
 * its label says so, since saving the form keeps what the box holds.
 */
function text(name: string, zh: string, en: string, value: string | null, multiline = false, max = 1000): CardElement {
  const long = value !== null && [...value].length > max;
  const label = long ? i18n(`${zh}（原文较长，仅显示前 ${max} 字）`, `${en} (long: the first ${max} characters)`) : i18n(zh, en);
  return input({ name, label, maxLength: max, multiline, defaultValue: long ? [...value].slice(0, max).join('') : (value ?? undefined) });
}

function recordBoxes(r: VisitRecordFields, tz: string): CardElement[] {
  return [
    text('f_time', '时间（如 今天下午3点、2026-12-03 14:00）', 'Time (e.g. 2026-12-03 14:00)', r.time ? when(r.time, tz) : null, false, 40),
    text('f_place', '地点', 'Place', r.place, false, 200),
    selectStatic({ name: 'f_method', placeholder: i18n('方式', 'Method'), options: VISIT_METHODS.map((m) => ({ value: m, text: VISIT_METHOD_LABEL[m] })), initial: r.method ?? undefined }),
    text('f_people', '见了谁（客户方人员）', "People met (the customer's side)", r.people ?? null, false, 200),
    text('f_points', '要点', 'Main points', r.points, true),
    text('f_view', '客户想法', "Customer's view", r.customerView, true),
    text('f_next', '下一步', 'Next steps', r.nextSteps, true),
    text('f_next_visit', '下次拜访（如 下周三、12月3日）', 'Next visit (e.g. next Wednesday, 2026-12-03)', r.nextVisitAt ? when(r.nextVisitAt, tz) : r.nextVisitText, false, 40),
    selectStatic({ name: 'f_outcome', placeholder: i18n('结果', 'Outcome'), options: OUTCOMES.map((o) => ({ value: o, text: OUTCOME_LABEL[o] })), initial: r.outcome ?? undefined }),
    text('f_reason', '失败原因（未成功时必填）', 'Failure reason (required if it failed)', r.failureReason, true),
  ];
}

function followUpBoxes(f: FollowUpFields): CardElement[] {
  return [
    selectStatic({ name: 'f_method', placeholder: i18n('回访方式', 'How'), options: FOLLOW_UP_METHODS.map((m) => ({ value: m, text: FOLLOW_UP_METHOD_LABEL[m] })), initial: f.method ?? undefined }),
    text('f_people', '回访对象（客户方人员）', "Spoke with (the customer's side)", f.people ?? null, false, 200),
    text('f_opinion', '客户意见', "Customer's opinion", f.opinion, true),
    selectStatic({
      name: 'f_satisfaction',
      placeholder: i18n('满意度（可选）', 'Satisfaction (optional)'),
      options: [1, 2, 3, 4, 5].map((n) => ({ value: String(n), text: i18n(`${n} 分`, `${n} / 5`) })),
      initial: f.satisfaction ? String(f.satisfaction) : undefined,
    }),
  ];
}

function receptionBoxes(r: ReceptionReportFields, tz: string): CardElement[] {
  return [
    text('f_guests', '来访人员', 'Guests', r.guests, false, 200),
    text('f_hosts', '陪同人员', 'Hosts', r.hosts, false, 200),
    text('f_time', '接待时间', 'Time', r.time ? when(r.time, tz) : null, false, 40),
    text('f_place', '接待地点', 'Venue', r.place, false, 200),
    text('f_points', '接待内容', 'Points', r.points, true),
    text('f_view', '客户意见', "Customer's view", r.customerView, true),
    text('f_next', '下一步', 'Next steps', r.nextSteps, true),
  ];
}

export function draftEditCard(v: { id: number; kind: DraftKind; subject: string; fields: unknown; timeZone: string }): Card {
  const boxes =
    v.kind === 'visit_record'
      ? recordBoxes(v.fields as VisitRecordFields, v.timeZone)
      : v.kind === 'follow_up'
        ? followUpBoxes(v.fields as FollowUpFields)
        : receptionBoxes(v.fields as ReceptionReportFields, v.timeZone);
  const t = DRAFT_TITLE[v.kind];
  return card({
    title: i18n(`修改${t.zh_cn}`, `Edit the ${t.en_us.toLowerCase()}`),
    template: 'orange',
    elements: [
      note(i18n(clip(v.subject, 60), clip(v.subject, 60))),
      form('draft_edit', [...boxes, button({ text: i18n('保存并预览', 'Save and preview'), type: 'primary', formSubmit: true, name: 'f_submit', value: { k: A.draftSave, d: v.id } })]),
    ],
  });
}

/** The follow-up form from the visit card's button: saved at once, the form is the confirmation. */
export function followUpFormCard(v: { visitId: string; subject: string }): Card {
  return card({
    title: i18n('记录回访', 'Record the follow-up'),
    template: 'blue',
    elements: [
      note(i18n(clip(v.subject, 60), clip(v.subject, 60))),
      form('follow_up', [
        ...followUpBoxes({ method: null, opinion: null, satisfaction: null }),
        button({ text: i18n('提交', 'Submit'), type: 'primary', formSubmit: true, name: 'f_submit', value: { k: A.followUpSave, vi: v.visitId } }),
      ]),
    ],
  });
}
