/**
 * Borrowed equipment still out (`归还` / `return`): one line per loan with its return day and a
 * button that records it as given back. The same button (without `l`) rides the digest line.
 */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { button, buttonRow, card, md, mdEscape, note, type Card, type CardElement } from './kit.js';
import { firstThatFits } from './fit.js';

/** { r: loan id, l?: 1 when clicked on this list (the answer is the list again) }. */
export const EQUIPMENT_RETURN = 'equipment.return';

export interface LoanLine {
  id: string;
  label: I18nText;
  returnDate: string | null;
  /** Set when the line is someone else's loan (a handover's successor follows it up). */
  borrowerName?: string | null;
  overdue: boolean;
}

const clip = (s: string, n: number) => mdEscape(s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function equipmentLoansCard(v: { loans: readonly LoanLine[]; notice?: I18nText | null }): Card {
  return firstThatFits([40, 20, 10], (max) => build(v, max));
}

function build(v: { loans: readonly LoanLine[]; notice?: I18nText | null }, max: number): Card {
  const elements: CardElement[] = [];
  if (v.notice) elements.push(note(v.notice));
  if (!v.loans.length) elements.push(md(i18n('没有待归还的借用设备。', 'No borrowed equipment is waiting to be returned.')));
  for (const l of v.loans.slice(0, max)) {
    const who = l.borrowerName ? { zh: `（${clip(l.borrowerName, 20)} 借用）`, en: ` (borrowed by ${clip(l.borrowerName, 20)})` } : { zh: '', en: '' };
    const due = l.returnDate ? { zh: `应于 ${l.returnDate} 归还`, en: `due back ${l.returnDate}` } : { zh: '未约定归还日期', en: 'no return day agreed' };
    const late = l.overdue ? { zh: "　<font color='red'>已逾期</font>", en: " <font color='red'>Overdue</font>" } : { zh: '', en: '' };
    elements.push(
      md(i18n(`**${clip(l.label.zh_cn, 80)}**${who.zh}　${due.zh}${late.zh}`, `**${clip(l.label.en_us, 80)}**${who.en} — ${due.en}${late.en}`)),
      buttonRow([button({ text: i18n('登记归还', 'Record the return'), type: 'primary', value: { k: EQUIPMENT_RETURN, r: l.id, l: 1 } })]),
    );
  }
  if (v.loans.length > max) elements.push(note(i18n(`另有 ${v.loans.length - max} 件未列出`, `${v.loans.length - max} more not listed`)));
  return card({
    title: i18n('借用设备归还', 'Borrowed equipment'),
    subtitle: i18n(`待归还 ${v.loans.length} 件`, `${v.loans.length} to return`),
    template: v.loans.some((l) => l.overdue) ? 'orange' : 'blue',
    elements,
  });
}
