/** To admins from November on: next year's official holiday schedule is not loaded yet. */
import { i18n } from '../src/domain/i18n.js';
import { card, md, note, type Card } from './kit.js';

export function holidayDataWarningCard(year: number): Card {
  return card({
    title: i18n(`${year} 年节假日安排尚未录入`, `${year} holiday schedule not loaded`),
    template: 'orange',
    elements: [
      md(
        i18n(
          `系统还没有 ${year} 年的法定节假日和调休数据，届时截止日期和提醒只会按周一至周五计算。\n国务院公布安排后，请逐天录入：\n\`/holiday add ${year}-01-01 元旦\`\n\`/workday add ${year}-02-07 春节调休\``,
          `There is no official ${year} holiday or make-up working day data yet, so deadlines and reminders would count Monday–Friday only.\nOnce the State Council publishes the schedule, enter it day by day:\n\`/holiday add ${year}-01-01 New Year\`\n\`/workday add ${year}-02-07 Spring Festival make-up\``,
        ),
      ),
      note(i18n('录入任意一天或升级日历数据后不再提醒；此提醒每周最多一次。', 'This stops once any day is entered or the calendar data is updated; it is sent at most once a week.')),
    ],
  });
}
