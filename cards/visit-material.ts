/**
 * What a material's owner is told when a visit plan is approved (拜访物料): what to prepare, for
 * which visit, by when, with 已备好 / Ready. The same button rides the owner's digest and to-do
 * lines (without `n`); clicked here (`n: 1`) the answer is this card marked ready.
 */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { button, card, fields, md, mdEscape, note, type Card, type CardElement } from './kit.js';

/** { vi: visit id, n?: 1 when clicked on the notice itself }. */
export const MATERIAL_READY = 'visit.material_ready';

export interface MaterialNotice {
  visitId: string;
  customerName: string;
  plannerName: string;
  /** 'YYYY-MM-DD HH:mm' in the company zone. */
  visitAt: string;
  place: string;
  items: I18nText;
  dueOn: string;
  /** Why the owner hears again: the plan approved again, the visit moved. */
  change?: I18nText | null;
  ready?: boolean;
}

export function materialNoticeCard(v: MaterialNotice): Card {
  const elements: CardElement[] = [];
  if (v.change) elements.push(note(v.change));
  elements.push(
    md(
      i18n(
        `${mdEscape(v.plannerName)} 拜访「${mdEscape(v.customerName)}」的计划已批准，请您准备以下物料：`,
        `${mdEscape(v.plannerName)}'s visit to ${mdEscape(v.customerName)} is approved; please prepare these materials:`,
      ),
    ),
    fields([
      [i18n('物料', 'Materials'), i18n(mdEscape(v.items.zh_cn), mdEscape(v.items.en_us))],
      [i18n('截止', 'Ready by'), i18n(`${v.dueOn}（拜访前）`, `${v.dueOn} (before the visit)`)],
      [i18n('拜访时间', 'Visit'), `${v.visitAt}`],
      [i18n('地点', 'Place'), mdEscape(v.place)],
    ]),
  );
  if (v.ready) elements.push(md(i18n("<font color='green'>已备好，谢谢！</font>", "<font color='green'>Ready. Thank you!</font>")));
  else {
    elements.push(
      note(i18n('截止当天早上如仍未备好，会再提醒您一次。', 'If it is not ready by the morning of that day, you will be reminded once.')),
      button({ text: i18n('已备好', 'Ready'), type: 'primary_filled', value: { k: MATERIAL_READY, vi: v.visitId, n: 1 } }),
    );
  }
  return card({ title: i18n('拜访物料准备', 'Visit materials to prepare'), template: v.ready ? 'green' : 'blue', elements });
}
