/**
 * Setting or transferring a customer's owner (负责人): a Lark person picker limited to the people
 * who can own accounts (open_ids only, so the card stays small at any roster size and Lark shows
 * each person's own name and avatar), an optional reason, and save. Sent to a creator who is not
 * a specialist ("whom does it belong to?") and opened from the archive card.
 */
import { i18n } from '../src/domain/i18n.js';
import { button, card, fields, form, input, md, note, type Card } from './kit.js';
import { clip, CUSTOMER_OWNER_ACTIONS as A } from './customer-parts.js';
import { personSelect } from './person-picker.js';

export interface OwnerFormView {
  customerId: string;
  customerName: string;
  archiveNo: string;
  version: number;
  currentOwnerName: string | null;
  /** open_ids of the people who may own it. */
  candidates: string[];
  /** True right after creation: the card asks rather than offers. */
  justCreated?: boolean;
}

export function customerOwnerCard(v: OwnerFormView): Card {
  const transfer = v.currentOwnerName !== null;
  const subtitle = clip(`${v.customerName} · ${v.archiveNo}`, 60);
  return card({
    title: transfer ? i18n('转交客户负责人', 'Transfer the customer') : i18n('这个客户由谁负责？', 'Who owns this customer?'),
    subtitle: { zh_cn: subtitle, en_us: subtitle },
    template: transfer ? 'blue' : 'orange',
    elements: [
      ...(v.justCreated
        ? [md(i18n('客户已建档，但还没有负责人：没有负责人就不能提交开发申请，提醒也无人接收。请选择负责的专员。', 'The customer is created but has no owner yet: without one nobody can file its development application or receive its reminders. Pick the specialist responsible.'))]
        : []),
      fields([[i18n('当前负责人', 'Current owner'), v.currentOwnerName ? clip(v.currentOwnerName, 40) : i18n('未指定', 'Unassigned')]]),
      form('customer_owner', [
        personSelect({ name: 'ow_to', placeholder: i18n('选择负责人', 'Pick the owner'), candidates: v.candidates, required: true }),
        input({ name: 'ow_reason', label: i18n('原因（可选）', 'Reason (optional)'), placeholder: i18n('如 区域调整、工作量平衡', 'e.g. territory change, workload'), maxLength: 200 }),
        button({ text: transfer ? i18n('确认转交', 'Transfer') : i18n('确认负责人', 'Set the owner'), type: 'primary', formSubmit: true, name: 'ow_save', value: { k: A.ownerSave, c: v.customerId, ver: v.version } }),
      ]),
      note(i18n('新旧负责人都会收到通知；每次变更都有记录。', 'The new and the previous owner are both told; every change is recorded.')),
    ],
  });
}
