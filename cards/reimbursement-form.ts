/**
 * Reimbursement cards (费用报销): the items form of a draft (receipts arrive as images or files
 * sent to the bot), the card once filed, and the refusal when the visit has no record or the
 * reception no report (§3.3.3 四.7, 五.2: 无拜访总结不得报销).
 */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { formatYuan, yuanForInput } from '../src/domain/money.js';
import { sendThing, THING } from '../src/domain/glossary.js';
import type { ReimbursementItem } from '../src/domain/visit/types.js';
import { button, buttonRow, card, fields, form, input, md, note, type Card, type CardElement } from './kit.js';
import { clip, shorten } from './customer-parts.js';
import { VISIT_ACTIONS as A } from './visit-parts.js';

export const ITEM_ROWS = 5;

export interface ReimbursementFormView {
  id: string;
  /** "拜访 · 中国华能 · 12月3日 周四 14:30" */
  subject: string;
  budgetFen: number;
  receipts: number;
  /** The items to start from: a rejected or returned claim being edited. */
  items?: ReimbursementItem[];
  /** Editing a rejected or returned claim: its submit sends request `requestId` again (a new round). */
  edit?: { requestId: string; version: number; reason?: string | null };
}

const row = (cols: CardElement[]): CardElement => ({
  tag: 'column_set',
  horizontal_spacing: '8px',
  columns: cols.map((c, i) => ({ tag: 'column', width: 'weighted', weight: i === 0 ? 2 : 1, elements: [c] })),
});

export function reimbursementFormCard(v: ReimbursementFormView): Card {
  const rows: CardElement[] = [];
  for (let i = 1; i <= ITEM_ROWS; i++) {
    const start = v.items?.[i - 1];
    rows.push(
      row([
        input({ name: `ri_item_${i}`, label: i18n(`费用项目 ${i}`, `Item ${i}`), placeholder: i18n('如 交通、餐费、礼品', 'e.g. travel, meals, gifts'), maxLength: 100, defaultValue: start?.item }),
        input({ name: `ri_amount_${i}`, label: i18n('金额（元）', 'Amount (yuan)'), maxLength: 20, defaultValue: start ? yuanForInput(start.amountFen) : undefined }),
      ]),
    );
  }
  const submit = v.edit
    ? button({ text: i18n('修改后重新提交', 'Submit the edited claim'), type: 'primary', formSubmit: true, name: 'ri_submit', value: { k: A.reimbResubmit, r: v.id, q: v.edit.requestId, ver: v.edit.version } })
    : button({ text: i18n('提交报销', 'Submit the claim'), type: 'primary', formSubmit: true, name: 'ri_submit', value: { k: A.reimbSubmit, r: v.id } });
  const why = v.edit?.reason ? [md(i18n(`**退回原因：**${clip(v.edit.reason, 300)}`, `**Reason given:** ${clip(v.edit.reason, 300)}`))] : [];
  return card({
    title: v.edit ? i18n('费用报销 · 修改', 'Reimbursement · edit') : i18n('费用报销', 'Reimbursement'),
    subtitle: { zh_cn: clip(v.subject, 60), en_us: clip(v.subject, 60) },
    template: 'blue',
    elements: [
      ...why,
      fields([
        [i18n('批准预算', 'Approved budget'), v.budgetFen ? formatYuan(v.budgetFen) : i18n('无', 'None')],
        [i18n('已附票据', 'Receipts attached'), i18n(`${v.receipts} 张`, String(v.receipts))],
      ]),
      note(i18n('发票、收据可直接以图片或文件发给我，会自动附到这张报销单。审批：经理 → 财务。', 'Send receipts to me as images or files; they are attached to this claim. Approval: manager → finance.')),
      form('reimbursement', [
        ...rows,
        submit,
      ]),
    ],
  });
}

export function reimbursementFiledCard(v: { subject: string; items: ReimbursementItem[]; totalFen: number; budgetFen: number; receipts: number }): Card {
  const over = v.totalFen > v.budgetFen;
  const elements: CardElement[] = [
    fields([
      ...v.items.map((it): [I18nText, string] => [{ zh_cn: shorten(it.item, 40), en_us: shorten(it.item, 40) }, formatYuan(it.amountFen)]),
      [i18n('合计', 'Total'), formatYuan(v.totalFen)],
      [i18n('批准预算', 'Approved budget'), v.budgetFen ? formatYuan(v.budgetFen) : i18n('无', 'None')],
      [i18n('票据', 'Receipts'), i18n(`${v.receipts} 张`, String(v.receipts))],
    ]),
  ];
  if (over) elements.push(md(i18n(`⚠️ **超出预算 ${formatYuan(v.totalFen - v.budgetFen)}**`, `⚠️ **Over budget by ${formatYuan(v.totalFen - v.budgetFen)}**`)));
  elements.push(note(i18n('已提交，等待经理和财务审批。', 'Submitted; waiting for the manager and finance.')));
  return card({ title: i18n('费用报销 · 已提交', 'Reimbursement · submitted'), subtitle: { zh_cn: clip(v.subject, 60), en_us: clip(v.subject, 60) }, template: 'green', elements });
}

export function reimbursementGateCard(v: { kind: 'visit' | 'reception'; subjectId: string; subject: string; state: I18nText }): Card {
  const visit = v.kind === 'visit';
  return card({
    title: i18n('暂不能报销', 'Cannot reimburse yet'),
    subtitle: { zh_cn: clip(v.subject, 60), en_us: clip(v.subject, 60) },
    template: 'red',
    elements: [
      md(
        visit
          ? i18n('这次拜访**还没有确认的拜访总结**。按规定，无拜访总结不得报销费用。', 'This visit **has no confirmed visit summary yet**. No summary, no reimbursement.')
          : i18n('这次接待**还没有接待报告**。按规定，无接待报告不得报销。', 'This reception **has no report yet**. No report, no reimbursement.'),
      ),
      fields([[i18n('当前状态', 'Now'), v.state]]),
      note(
        visit
          ? i18n('把拜访总结直接发给我（文字即可），确认后再发「报销」。', 'Send me the visit summary as a message, confirm it, then send "/reimburse" again.')
          : i18n('把接待报告直接发给我（文字即可），确认后再发「报销」。', 'Send me the reception report as a message, confirm it, then send "/reimburse" again.'),
      ),
      buttonRow([
        visit
          ? button({ text: sendThing(THING.visitRecord), type: 'primary', value: { k: A.recordStart, vi: v.subjectId } })
          : button({ text: i18n('提交接待报告', 'Send the reception report'), type: 'primary', value: { k: A.receptionReportStart, s: v.subjectId } }),
      ]),
    ],
  });
}

export function reimbursementPickCard(options: { t: 'visit' | 'reception'; s: string; label: string }[]): Card {
  return card({
    title: i18n('报销哪一项？', 'Reimburse which one?'),
    template: 'blue',
    elements: [
      md(i18n('请选择要报销的拜访或接待：', 'Pick the visit or reception to reimburse:')),
      ...options.slice(0, 10).map((o) => button({ text: { zh_cn: clip(o.label, 60), en_us: clip(o.label, 60) }, value: { k: A.reimbStart, t: o.t, s: o.s } })),
    ],
  });
}
