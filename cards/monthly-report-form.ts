/** The monthly report as a card form: a month and the eight fields, prefilled when editing. */
import { i18n } from '../src/domain/i18n.js';
import { saveValue } from '../src/app/monthly-report/values.js';
import { button, card, form, input, note, selectStatic, type Card } from './kit.js';
import { FIELD_MAX, monthLabel, REPORT_FIELDS, REQUIRED_FIELDS, type ReportFields } from './monthly-report-parts.js';

export interface ReportFormView {
  /** The draft being edited, or null for a new report. */
  draftId: number | null;
  month: string;
  /** Months offered, newest last. */
  months: string[];
  fields: ReportFields;
}

export function monthlyReportFormCard(v: ReportFormView): Card {
  const clip = (s: string | null) => (s ? s.slice(0, FIELD_MAX) : undefined);
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
            label: f.label,
            multiline: true,
            maxLength: FIELD_MAX,
            required: REQUIRED_FIELDS.includes(f.key),
            ...(clip(v.fields[f.key]) ? { defaultValue: clip(v.fields[f.key]) } : {}),
            placeholder: REQUIRED_FIELDS.includes(f.key) ? f.label : i18n('没有可写“无”', 'Write "none" if nothing'),
          }),
        ),
        button({ text: i18n('预览并提交', 'Preview and submit'), value: saveValue(v.draftId, v.month), type: 'primary', name: 'report_save', formSubmit: true }),
      ]),
      note(i18n('每月5号前提交上月报告。也可以直接发消息：「月报」加内容。', 'Due by the 5th for the previous month. You can also send a message starting with "monthly report".')),
    ],
  });
}
