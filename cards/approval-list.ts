/**
 * The two list cards: "my pending approvals" (one-tap Approve per row, and a button that posts
 * the full card) and "my requests". Both page at PAGE_SIZE rows: a row costs about six card
 * elements, and Feishu caps a card at 200 elements and 30 KB, so 50 rows would not fit.
 */
import type { PendingItem, RequestItem } from '../src/domain/approval/list-items.js';
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { safe, STATUS_TAG } from './approval-parts.js';
import { decideValue, listValue, viewValue } from './approval-values.js';
import { button, buttonRow, card, hr, md, mdEscape, note, type Card, type CardElement } from './kit.js';

export const PAGE_SIZE = 10;
const SUMMARY_MAX = 120;

const summaryText = (s: I18nText | string): I18nText =>
  typeof s === 'string' ? i18n(safe(s, SUMMARY_MAX), safe(s, SUMMARY_MAX)) : i18n(safe(s.zh_cn, SUMMARY_MAX), safe(s.en_us, SUMMARY_MAX));

interface Page<T> {
  rows: T[];
  page: number;
  pages: number;
  before: number;
  after: number;
}

function pageOf<T>(items: readonly T[], page: number): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  const p = Math.min(Math.max(0, Math.trunc(page)), pages - 1);
  const rows = items.slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE);
  return { rows, page: p, pages, before: p * PAGE_SIZE, after: Math.max(0, items.length - (p + 1) * PAGE_SIZE) };
}

function pager(list: 'pending' | 'mine', pg: Page<unknown>): CardElement[] {
  if (pg.pages <= 1) return [];
  const out: CardElement[] = [];
  if (pg.after > 0) out.push(note(i18n(`还有 ${pg.after} 项未显示`, `${pg.after} more not shown`)));
  const nav: CardElement[] = [];
  if (pg.page > 0) nav.push(button({ text: i18n('上一页', 'Previous'), value: listValue(list, pg.page - 1), type: 'text' }));
  if (pg.after > 0) nav.push(button({ text: i18n('下一页', 'Next'), value: listValue(list, pg.page + 1), type: 'text' }));
  out.push(buttonRow(nav));
  out.push(note(i18n(`第 ${pg.page + 1} / ${pg.pages} 页`, `Page ${pg.page + 1} of ${pg.pages}`)));
  return out;
}

export function pendingListCard(items: readonly PendingItem[], page = 0): Card {
  const pg = pageOf(items, page);
  const elements: CardElement[] = [];
  if (!items.length) elements.push(md(i18n('目前没有等待你审批的申请。', 'Nothing is waiting for your approval.')));
  pg.rows.forEach((it, i) => {
    if (i > 0) elements.push(hr());
    const summary = summaryText(it.summary);
    const who = mdEscape(it.requesterName);
    elements.push(
      md(
        i18n(
          `**${it.kindLabel.zh_cn}** · ${who}\n${summary.zh_cn}\n<font color='grey'>等待自 ${it.waitingSince}</font>`,
          `**${it.kindLabel.en_us}** · ${who}\n${summary.en_us}\n<font color='grey'>Waiting since ${it.waitingSince}</font>`,
        ),
      ),
      buttonRow([
        button({ text: i18n('同意', 'Approve'), value: decideValue(it.requestId, it.stepIndex, it.version, 'approve', { page: pg.page }), type: 'primary' }),
        button({ text: i18n('查看详情', 'Open'), value: viewValue(it.requestId), type: 'default' }),
      ]),
    );
  });
  elements.push(...pager('pending', pg));
  return card({
    title: i18n(`待我审批（${items.length}）`, `Waiting for my approval (${items.length})`),
    template: items.length ? 'blue' : 'green',
    elements,
  });
}

export function myRequestsListCard(items: readonly RequestItem[], page = 0): Card {
  const pg = pageOf(items, page);
  const elements: CardElement[] = [];
  if (!items.length) elements.push(md(i18n('你还没有提交过申请。', 'You have not submitted any requests.')));
  pg.rows.forEach((it, i) => {
    if (i > 0) elements.push(hr());
    const summary = summaryText(it.summary);
    const who = it.currentApproverName ? mdEscape(it.currentApproverName) : null;
    const colour = STATUS_TAG[it.status] === 'neutral' ? 'grey' : STATUS_TAG[it.status];
    elements.push(
      md(
        i18n(
          `**${it.kindLabel.zh_cn}** · <font color='${colour}'>${it.statusLabel.zh_cn}</font>${who ? ` · 当前：${who}` : ''}\n${summary.zh_cn}\n<font color='grey'>提交于 ${it.submittedAt}</font>`,
          `**${it.kindLabel.en_us}** · <font color='${colour}'>${it.statusLabel.en_us}</font>${who ? ` · with ${who}` : ''}\n${summary.en_us}\n<font color='grey'>Submitted ${it.submittedAt}</font>`,
        ),
      ),
      button({ text: i18n('查看', 'Open'), value: viewValue(it.requestId), type: 'default' }),
    );
  });
  elements.push(...pager('mine', pg));
  return card({ title: i18n(`我的申请（${items.length}）`, `My requests (${items.length})`), template: 'blue', elements });
}
