/**
 * What the bot understood from a report message or form, to confirm or edit; and the card it
 * becomes once submitted or discarded (buttons gone, so a second click has nothing to hit).
 */
import { i18n } from '../src/domain/i18n.js';
import { formatDateTime } from '../src/domain/time.js';
import { confirmValue, discardValue, editValue, monthValue } from './monthly-report-values.js';
import { button, buttonRow, card, md, mdEscape, note, type Card, type CardElement } from './kit.js';
import { anyLonger, FIELD_MAX, fieldElements, monthLabel, REPORT_FIELDS, type ReportFields } from './monthly-report-parts.js';
import { firstThatFits, shortenedNote } from './fit.js';

export interface ReportConfirmView {
  draftId: number;
  month: string;
  fields: ReportFields;
  /** Set when a submitted version exists: confirming replaces it (it is kept as history). */
  replacing: { version: number; submittedAt: Date } | null;
  /** Words that fitted no field, shown so nothing is silently dropped. */
  rest: string | null;
  /** Sections filled from unlabelled sentences: the card names them so they are checked first. */
  guessed?: readonly string[] | null;
  /** The message named no month and the date leaves it open: ask which, before Submit. */
  askMonth?: readonly string[] | null;
  timeZone: string;
}

/** How long each field may show, tried in turn until the card fits. */
export const REPORT_CLIPS = [FIELD_MAX, 600, 400, 250, 150] as const;

/** The report's fields, as long as the card allows, saying so when they were cut. */
export const reportBody = (fields: ReportFields, max: number): CardElement[] => [...fieldElements(fields, max), ...(anyLonger(fields, max) ? [shortenedNote(max)] : [])];

export function monthlyReportConfirmCard(v: ReportConfirmView): Card {
  return firstThatFits(REPORT_CLIPS, (max) => buildConfirm(v, max));
}

function buildConfirm(v: ReportConfirmView, max: number): Card {
  const missing = REPORT_FIELDS.filter((f) => !v.fields[f.key]);
  const elements: CardElement[] = reportBody(v.fields, max);
  const guessed = REPORT_FIELDS.filter((f) => v.guessed?.includes(f.key) && v.fields[f.key]);
  if (guessed.length) {
    elements.push(
      note(
        i18n(`推测归入（你没写栏目名，请先核对）：${guessed.map((f) => f.label.zh_cn).join('、')}`, `Guessed (no heading given; check these first): ${guessed.map((f) => f.label.en_us).join(', ')}`),
      ),
    );
  }
  if (v.rest) elements.push(note(i18n(`未归入任何栏目：${mdEscape(v.rest.slice(0, 300))}`, `Not placed in any field: ${mdEscape(v.rest.slice(0, 300))}`)));
  if (missing.length) {
    elements.push(note(i18n(`未填写：${missing.map((f) => f.label.zh_cn).join('、')}`, `Empty: ${missing.map((f) => f.label.en_us).join(', ')}`)));
  }
  if (v.replacing) {
    const at = formatDateTime(v.replacing.submittedAt, v.timeZone);
    elements.push(
      md(
        i18n(
          `**本月报告已于 ${at} 提交（第 ${v.replacing.version} 版）。确认后将替换为新版本，旧版本会保留。**`,
          `**You already submitted this month's report on ${at} (version ${v.replacing.version}). Confirming replaces it; the old version is kept.**`,
        ),
      ),
    );
  }
  if (v.askMonth?.length) {
    elements.push(md(i18n('**这是哪个月的月报？** 你没有写月份，请选择：', "**Which month is this report for?** You did not say; pick one:")));
    elements.push(buttonRow(v.askMonth.map((m) => button({ text: monthLabel(m), value: monthValue(v.draftId, m), type: 'primary' }))));
  }
  elements.push(
    buttonRow([
      ...(v.askMonth?.length
        ? []
        : [
            button({
              text: v.replacing ? i18n('替换已提交的报告', 'Replace the submitted report') : i18n('确认提交', 'Submit'),
              value: confirmValue(v.draftId, Boolean(v.replacing)),
              type: 'primary' as const,
            }),
          ]),
      button({ text: i18n('修改', 'Edit'), value: editValue(v.draftId) }),
      button({ text: i18n('取消', 'Cancel'), value: discardValue(v.draftId), type: 'text' }),
    ]),
  );
  return card({
    title: i18n('请确认月度报告', 'Please confirm your monthly report'),
    subtitle: v.askMonth?.length ? i18n('月份待选', 'Month to pick') : monthLabel(v.month),
    template: v.replacing ? 'orange' : 'blue',
    elements,
  });
}

export function monthlyReportDoneCard(v: { month: string; fields: ReportFields; outcome: 'submitted' | 'discarded'; version?: number }): Card {
  return firstThatFits(REPORT_CLIPS, (max) => buildDone(v, max));
}

function buildDone(v: { month: string; fields: ReportFields; outcome: 'submitted' | 'discarded'; version?: number }, max: number): Card {
  const submitted = v.outcome === 'submitted';
  return card({
    title: submitted ? i18n('月度报告已提交', 'Monthly report submitted') : i18n('已取消', 'Cancelled'),
    subtitle: monthLabel(v.month),
    template: submitted ? 'green' : 'grey',
    ...(submitted && v.version ? { tags: [{ text: i18n(`第 ${v.version} 版`, `Version ${v.version}`), color: 'green' as const }] } : {}),
    elements: submitted
      ? [...reportBody(v.fields, max), note(i18n('已发送给你的经理审阅。', 'Sent to your manager for review.'))]
      : [md(i18n('这份草稿没有提交。', 'This draft was not submitted.'))],
  });
}
