/** Shared pieces of the monthly-report cards: field labels, the month label, the field list. */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import type { MonthlyReportField } from '../src/domain/parse/monthly-report.js';
import { md, mdEscape, type CardElement } from './kit.js';

export type ReportFields = Record<MonthlyReportField, string | null>;

/** In the order of §3.5: the four parts of the report, then the market intelligence of art.11. */
export const REPORT_FIELDS: readonly { key: MonthlyReportField; label: I18nText }[] = [
  { key: 'summary', label: i18n('本月工作总结', "This month's summary") },
  { key: 'forecast', label: i18n('下月预测', "Next month's forecast") },
  { key: 'problems', label: i18n('存在问题', 'Problems') },
  { key: 'solutions', label: i18n('解决方案', 'Solutions') },
  { key: 'qualityFeedback', label: i18n('产品质量反馈', 'Product quality feedback') },
  { key: 'customerUsage', label: i18n('客户使用及满意度', 'Customer use and satisfaction') },
  { key: 'competitors', label: i18n('竞品情况', 'Competitor products') },
  { key: 'industryNews', label: i18n('行业动态', 'Industry news') },
];

/** The two parts a report cannot do without; the rest may honestly be "无". */
export const REQUIRED_FIELDS: readonly MonthlyReportField[] = ['summary', 'forecast'];

/** Longest text per field: a card input holds at most 1000 characters. */
export const FIELD_MAX = 1000;

export function monthLabel(month: string): I18nText {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const en = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1] ?? month;
  return i18n(`${y}年${m}月`, `${en} ${y}`);
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * Every field as a bold label (both languages) and the text as written, in its own markdown
 * element with no translations: the person's words are the same in both languages, and written
 * once instead of three times they leave room for a whole report in one card.
 */
export function fieldElements(fields: ReportFields, max = FIELD_MAX): CardElement[] {
  return REPORT_FIELDS.flatMap(({ key, label }) => {
    const v = fields[key];
    const head = md(i18n(`**${label.zh_cn}**`, `**${label.en_us}**`));
    if (!v) return [md(i18n(`**${label.zh_cn}**\n<font color='grey'>（未填写）</font>`, `**${label.en_us}**\n<font color='grey'>(empty)</font>`))];
    return [head, { tag: 'markdown', content: mdEscape(clip(v, max)) }];
  });
}

/** Whether any field is longer than `max` (the card then says the view is shortened). */
export const anyLonger = (fields: ReportFields, max: number): boolean => REPORT_FIELDS.some(({ key }) => (fields[key]?.length ?? 0) > max);

/** Every field as "**label**\ntext", empty ones marked; `max` clips long text (compiled views). */
export function fieldsElement(fields: ReportFields, max = FIELD_MAX): CardElement {
  const block = (lang: 'zh_cn' | 'en_us') =>
    REPORT_FIELDS.map(({ key, label }) => {
      const v = fields[key];
      const text = v ? mdEscape(clip(v, max)) : `<font color='grey'>${lang === 'zh_cn' ? '（未填写）' : '(empty)'}</font>`;
      return `**${label[lang]}**\n${text}`;
    }).join('\n\n');
  return md({ zh_cn: block('zh_cn'), en_us: block('en_us') });
}

export const emptyFields = (): ReportFields =>
  Object.fromEntries(REPORT_FIELDS.map((f) => [f.key, null])) as ReportFields;
