/**
 * The small forms around an archive: change the stage, set or clear a category, record a
 * transaction, a complaint, a question or research material. Each submits one button whose
 * value names the customer; the handler re-checks who may act and validates every box.
 */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { CATEGORIES, CATEGORY_LABEL, type Category } from '../src/domain/customer/categories.js';
import { allowedNextStages, SCREENING_LABEL, SCREENINGS, STAGE_LABEL, stageText, type StageState } from '../src/domain/customer/lifecycle.js';
import { button, card, datePicker, form, input, md, note, selectStatic, type Card, type CardElement } from './kit.js';
import { CUSTOMER_MORE_ACTIONS, categoryText, clip, same } from './customer-parts.js';
import { fitPeople, personSelect } from './person-picker.js';

export type RecordKind = 'transaction' | 'complaint' | 'question' | 'research';
export const RECORD_KINDS: readonly RecordKind[] = ['transaction', 'complaint', 'question', 'research'];

const submit = (text: I18nText, value: Record<string, string | number | boolean | null> & { k: string }): CardElement =>
  button({ text, type: 'primary', name: 'customer_form_submit', formSubmit: true, value });

export function stageFormCard(v: { customerId: string; name: string; stage: StageState; version: number; viaApproval: readonly string[] }): Card {
  const next = allowedNextStages(v.stage).filter((s) => !v.viaApproval.includes(s));
  const elements: CardElement[] = [md(i18n(`当前阶段：**${stageText(v.stage).zh_cn}**`, `Current stage: **${stageText(v.stage).en_us}**`))];
  if (!next.length) {
    elements.push(note(i18n('当前阶段需通过开发申请的审批推进。', 'From here the customer moves on through the development application and its approval.')));
  } else {
    elements.push(form('customer_stage_form', [
      selectStatic({ name: 'st_stage', placeholder: i18n('转到阶段', 'Move to'), required: true, options: next.map((s) => ({ value: s, text: STAGE_LABEL[s] })) }),
      selectStatic({ name: 'st_screening', placeholder: i18n('筛选结果（转到筛选评价时必选）', 'Screening outcome (for Screened)'), options: SCREENINGS.map((s) => ({ value: s, text: SCREENING_LABEL[s] })) }),
      input({ name: 'st_reason', label: i18n('原因（失败、流失、不合格时必填）', 'Reason (required for lost, churned, rejected)'), maxLength: 1000, multiline: true }),
      submit(i18n('确定', 'Confirm'), { k: CUSTOMER_MORE_ACTIONS.stageSave, c: v.customerId, ver: v.version }),
    ]));
  }
  return card({ title: i18n('变更客户阶段', 'Change the stage'), subtitle: same(clip(v.name, 40)), template: 'wathet', elements });
}

export function categoryFormCard(v: { customerId: string; name: string; categories: readonly Category[]; preselect?: Category | null; hint?: I18nText | null }): Card {
  const elements: CardElement[] = [md(i18n(`当前分类：**${categoryText(v.categories).zh_cn}**`, `Current categories: **${categoryText(v.categories).en_us}**`))];
  if (v.hint) elements.push(note(v.hint));
  elements.push(form('customer_category_form', [
    selectStatic({ name: 'cat_category', placeholder: i18n('分类', 'Category'), required: true, options: CATEGORIES.map((c) => ({ value: c, text: CATEGORY_LABEL[c] })), initial: v.preselect ?? undefined }),
    selectStatic({
      name: 'cat_action', placeholder: i18n('设置或取消', 'Set or clear'), required: true,
      options: [{ value: 'set', text: i18n('设置', 'Set') }, { value: 'clear', text: i18n('取消', 'Clear') }],
      initial: v.preselect ? 'set' : undefined,
    }),
    input({ name: 'cat_reason', label: i18n('原因（必填）', 'Reason (required)'), required: true, maxLength: 500, multiline: true }),
    submit(i18n('保存', 'Save'), { k: CUSTOMER_MORE_ACTIONS.categorySave, c: v.customerId }),
  ]));
  return card({ title: i18n('客户分类', 'Customer categories'), subtitle: same(clip(v.name, 40)), template: 'wathet', elements });
}

const TITLES: Record<RecordKind, I18nText> = {
  transaction: i18n('记录交易', 'Record a transaction'),
  complaint: i18n('记录投诉', 'Record a complaint'),
  question: i18n('记录客户问题', 'Record a customer question'),
  research: i18n('添加调研资料', 'Add research material'),
};

function recordFields(r: RecordKind, staff: readonly string[], cap: number): CardElement[] {
  switch (r) {
    case 'transaction':
      return [
        input({ name: 'tx_amount', label: i18n('金额（元，必填；退款填负数）', 'Amount in yuan (required; negative for a refund)'), required: true, maxLength: 30, placeholder: i18n('例如 120万', 'e.g. 1200000') }),
        note(i18n('日期（默认今天）', 'Date (default today)')),
        datePicker({ name: 'tx_date', placeholder: i18n('日期', 'Date') }),
        input({ name: 'tx_number', label: i18n('合同编号', 'Contract number'), maxLength: 100 }),
        input({ name: 'tx_place', label: i18n('地点', 'Place'), maxLength: 100 }),
        selectStatic({ name: 'tx_breach', placeholder: i18n('是否有违约', 'Breach of contract'), options: [{ value: 'no', text: i18n('无违约', 'No breach') }, { value: 'yes', text: i18n('有违约', 'Breach') }] }),
        input({ name: 'tx_note', label: i18n('备注', 'Note'), maxLength: 1000, multiline: true }),
      ];
    case 'complaint':
      return [
        selectStatic({ name: 'cp_valid', placeholder: i18n('是否有效投诉（由我方人员或公司原因造成）', 'Valid (our staff or company at fault)?'), required: true, options: [{ value: 'valid', text: i18n('有效投诉', 'Valid') }, { value: 'invalid', text: i18n('无效投诉', 'Not valid') }] }),
        input({ name: 'cp_cause', label: i18n('原因（必填）', 'Cause (required)'), required: true, maxLength: 1000, multiline: true }),
        input({ name: 'cp_desc', label: i18n('投诉内容', 'What the customer said'), maxLength: 1000, multiline: true }),
        ...(staff.length
          ? [
              note(i18n('责任人（有效投诉选填：计入其「有效投诉次数」；不选则计入当时的客户负责人）', 'Staff at fault (optional, valid complaints only: it counts for them; otherwise for the owner at the time)')),
              personSelect({ name: 'cp_staff', placeholder: i18n('责任人', 'Staff at fault'), candidates: staff, cap }),
            ]
          : []),
        note(i18n('投诉日期（默认今天）', 'Date received (default today)')),
        datePicker({ name: 'cp_date', placeholder: i18n('投诉日期', 'Date received') }),
      ];
    case 'question':
      return [
        input({ name: 'q_text', label: i18n('问题（必填）', 'Question (required)'), required: true, maxLength: 1000, multiline: true }),
        note(i18n('提问日期（默认今天）', 'Asked on (default today)')),
        datePicker({ name: 'q_asked', placeholder: i18n('提问日期', 'Asked on') }),
        note(i18n('解答日期（未解答请留空）', 'Answered on (blank if not yet)')),
        datePicker({ name: 'q_answered', placeholder: i18n('解答日期', 'Answered on') }),
        input({ name: 'q_answer', label: i18n('解答', 'Answer'), maxLength: 1000, multiline: true }),
      ];
    case 'research':
      return [input({ name: 'rs_text', label: i18n('资料内容（必填）', 'Material (required)'), required: true, maxLength: 1000, multiline: true })];
  }
}

/** `staff`: who a complaint may name as at fault (open ids, most relevant first). */
export function recordFormCard(v: { customerId: string; name: string; kind: RecordKind; staff?: readonly string[] }): Card {
  const staff = v.kind === 'complaint' ? (v.staff ?? []) : [];
  return fitPeople(staff.length, (cap) => card({
    title: TITLES[v.kind],
    subtitle: same(clip(v.name, 40)),
    template: 'wathet',
    elements: [form(`customer_${v.kind}_form`, [...recordFields(v.kind, staff, cap), submit(i18n('保存', 'Save'), { k: CUSTOMER_MORE_ACTIONS.recordSave, c: v.customerId, r: v.kind })])],
  }));
}

export const RECORD_TITLE = TITLES;
