/** The monthly report as a card form: a month and the eight fields, prefilled when editing. */
import { i18n } from '../src/domain/i18n.js';
import { saveValue } from './monthly-report-values.js';
import { button, card, form, input, note, selectStatic, type Card } from './kit.js';
import { firstThatFits } from './fit.js';
import { FIELD_MAX, monthLabel, REPORT_FIELDS, REQUIRED_FIELDS, type ReportFields } from './monthly-report-parts.js';

export interface ReportFormView {
  /** The draft being edited, or null for a new report. */
  draftId: number | null;
  month: string;
  /** Months offered, newest last. */
  months: string[];
  fields: ReportFields;
}

/**
 * Eight full fields are about all a card holds: a prefilled box drops its (invisible) placeholder,
 * and a report longer still shows each field's start, the label saying so.
 */
export function monthlyReportFormCard(v: ReportFormView): Card {
  return firstThatFits([FIELD_MAX, 800, 600, 400], (max) => buildForm(v, max));
}

function buildForm(v: ReportFormView, max: number): Card {
  const clip = (s: string | null) => (s ? s.slice(0, max) : undefined);
  const label = (f: (typeof REPORT_FIELDS)[number]) =>
    (v.fields[f.key]?.length ?? 0) > max ? i18n(`${f.label.zh_cn}（原文较长，仅显示前 ${max} 字）`, `${f.label.en_us} (long: the first ${max} characters)`) : f.label;
  return card({
    title: i18n('月度市场分析报告', 'Monthly market analysis report'),
    subtitle: monthLabel(v.month),
    template: 'blue',
    elements: [
      form('report_form', [
        selectStatic({
          name: 'month',
          placeholder: i18n('报告月份', 'Month'),
          options: v.months.map((m) => ({ value: m, text: monthLabel(m) })),
          initial: v.month,
          required: true,
        }),
        ...REPORT_FIELDS.map((f) =>
          input({
            name: f.key,
            label: label(f),
            multiline: true,
            maxLength: FIELD_MAX,
            required: REQUIRED_FIELDS.includes(f.key),
            ...(clip(v.fields[f.key]) ? { defaultValue: clip(v.fields[f.key]) } : {}),
            ...(clip(v.fields[f.key]) ? {} : { placeholder: REQUIRED_FIELDS.includes(f.key) ? f.label : i18n('没有可写“无”', 'Write "none" if nothing') }),
          }),
        ),
        button({ text: i18n('预览并提交', 'Preview and submit'), value: saveValue(v.draftId, v.month), type: 'primary', name: 'report_save', formSubmit: true }),
      ]),
      note(i18n('每月5号前提交上月报告。也可以直接发消息：「月报」加内容。', 'Due by the 5th for the previous month. You can also send a message starting with "monthly report".')),
    ],
  });
}
