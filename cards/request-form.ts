/**
 * The /apply cards: pick a kind, then that kind's form (built from the field list in
 * src/domain/requests/kinds.ts), and the confirmation that replaces the form once filed. The
 * same form, pre-filled and carrying the request id, is how a rejected request is edited.
 */
import { kindLabel } from '../src/domain/approval/kinds.js';
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { monthOptions, SMALL_REQUEST_FIELDS, SMALL_REQUEST_KINDS, type FieldSpec, type SmallRequestKind } from '../src/domain/requests/kinds.js';
import { phoneBillHint } from '../src/domain/requests/phone-bill.js';
import type { ActionValue } from './action-value.js';
import { button, buttonRow, card, datePicker, form, input, md, mdEscape, note, selectStatic, type Card, type CardElement } from './kit.js';
import { multiSelect } from './visit-plan-form.js';
import { customerChoices } from './trip-card.js';

/** The traveller's customers a trip may serve (出差关联客户), and those already linked. */
export interface TripCustomerChoice {
  options: readonly { value: string; text: I18nText }[];
  selected: string[];
}

export const REQUEST_FORM = 'request.form';
export const REQUEST_SUBMIT = 'request.submit';

const HINT: Record<SmallRequestKind, I18nText> = {
  travel: i18n('出差前提交，经理审批；通过后计入出差天数。行程有变可发送「我的出差」提前结束或取消。', 'File it before you leave; your manager approves it and it counts towards travel days. If plans change, send "trips" to cut it short or cancel it.'),
  purchase: i18n('非常规采购，经理审批；紧急物品可先行采购。', 'Non-routine purchase, approved by your manager; urgent items may be bought first.'),
  phone_bill: i18n('每月话费标准以内直接登记，超出部分经理审批。', 'Within the monthly limit a bill is recorded at once; the amount over it needs your manager’s approval.'),
  equipment: i18n('借用相机、录音笔、电脑等设备，经理审批，请按时归还。', 'Borrow a camera, recorder, computer…; your manager approves; return it on time.'),
  target_change: i18n('期间内调整销售目标需经理批准，否则仍按原目标考核。', 'Changing a target within its period needs your manager’s approval; otherwise the original target counts.'),
};

export function requestKindCard(): Card {
  return card({
    title: i18n('发起申请', 'New request'),
    elements: [
      md(i18n('选择申请类型：', 'What would you like to request?')),
      buttonRow(SMALL_REQUEST_KINDS.map((k) => button({ text: kindLabel(k), value: { k: REQUEST_FORM, kind: k }, type: 'default' }))),
    ],
  });
}

const AMOUNT_HINT = i18n('例如 1200 或 1.2万', 'e.g. 1200 or 1.2万');

function fieldElements(spec: FieldSpec, value: string | undefined, now: Date, timeZone: string): CardElement[] {
  const label = spec.required ? spec.label : i18n(`${spec.label.zh_cn}（选填）`, `${spec.label.en_us} (optional)`);
  const caption = md(i18n(`**${label.zh_cn}**`, `**${label.en_us}**`));
  switch (spec.type) {
    case 'date':
      return [caption, datePicker({ name: spec.name, placeholder: i18n('选择日期', 'Pick a date'), required: spec.required, ...(value ? { initialDate: value } : {}) })];
    case 'month':
    case 'select': {
      const options = spec.type === 'month' ? monthOptions(now, timeZone) : (spec.options ?? []);
      return [caption, selectStatic({ name: spec.name, placeholder: i18n('请选择', 'Choose'), options: options.map((o) => ({ value: o.value, text: o.label })), required: spec.required, ...(value ? { initial: value } : {}) })];
    }
    default:
      return [
        input({
          name: spec.name,
          label,
          required: spec.required,
          maxLength: spec.type === 'amount' ? 20 : spec.max,
          multiline: spec.type === 'multiline',
          ...(spec.type === 'amount' ? { placeholder: AMOUNT_HINT } : {}),
          ...(value ? { defaultValue: value } : {}),
        }),
      ];
  }
}

/** The form for `kind`. With `edit`, it is pre-filled and resubmits that request (at that version). */
export function requestFormCard(
  kind: SmallRequestKind,
  o: { now: Date; timeZone: string; values?: Record<string, string>; edit?: { requestId: string; version: number }; phoneBillLimitFen?: number; customers?: TripCustomerChoice },
): Card {
  const label = kindLabel(kind);
  const submit: ActionValue = o.edit ? { k: REQUEST_SUBMIT, kind, r: o.edit.requestId, ver: o.edit.version } : { k: REQUEST_SUBMIT, kind };
  const elements: CardElement[] = [note(kind === 'phone_bill' && o.phoneBillLimitFen !== undefined ? phoneBillHint(o.phoneBillLimitFen) : HINT[kind])];
  const body = SMALL_REQUEST_FIELDS[kind].flatMap((s) => fieldElements(s, o.values?.[s.name], o.now, o.timeZone));
  if (kind === 'travel' && o.customers?.options.length) {
    body.push(md(i18n('**关联客户**（选填，可多选）', '**Customers this trip serves** (optional, any number)')), multiSelect('customers', i18n('选择客户', 'Choose customers'), customerChoices(o.customers.options, o.customers.selected), o.customers.selected));
  }
  body.push(button({ text: o.edit ? i18n('重新提交', 'Submit again') : i18n('提交', 'Submit'), value: submit, type: 'primary_filled', name: 'request_submit', formSubmit: true }));
  elements.push(form('request_form', body));
  if (!o.edit) elements.push(button({ text: i18n('换一种申请', 'Choose another kind'), value: { k: REQUEST_FORM }, type: 'text' }));
  return card({ title: o.edit ? i18n(`修改${label.zh_cn}`, `Edit ${label.en_us.toLowerCase()}`) : label, template: o.edit ? 'orange' : 'blue', elements });
}

/** Replaces the form once filed, so the form cannot be sent twice from the same card. */
export function requestFiledCard(kind: SmallRequestKind, summary: I18nText): Card {
  const label = kindLabel(kind);
  return card({
    title: i18n(`已提交：${label.zh_cn}`, `Submitted: ${label.en_us}`),
    template: 'green',
    elements: [
      md(i18n(mdEscape(summary.zh_cn), mdEscape(summary.en_us))),
      note(i18n('审批进度卡片已单独发给你，审批结果会及时通知你。', 'A progress card has been sent to you separately; you will be told the outcome.')),
    ],
  });
}

/** Replaces the form of a phone bill within the monthly limit: recorded, no approval. */
export function requestRecordedCard(kind: SmallRequestKind, summary: I18nText, notice: I18nText): Card {
  const label = kindLabel(kind);
  return card({
    title: i18n(`已登记：${label.zh_cn}`, `Recorded: ${label.en_us}`),
    template: 'green',
    elements: [md(i18n(mdEscape(summary.zh_cn), mdEscape(summary.en_us))), note(notice)],
  });
}
