/**
 * Loads one page of a customer's history for the archive card: transactions, visits,
 * complaints, questions, feedback, or stage and category changes (from customer_stage_history and
 * customer_category_history, which record who and when). Rows carry only what every viewer of
 * the archive may see (no contact's birth date, hobbies or family: those live in the archive,
 * scoped by visibleArchive, never in these tables' one-line summaries).
 */
import { desc, eq, sql } from 'drizzle-orm';
import type { AnyPgColumn, AnyPgTable } from 'drizzle-orm/pg-core';
import {
  customerCategoryHistory, customerComplaints, customerFeedback, customerQuestions, customerStageHistory, customerTransactions, visits,
} from '../../../db/schema/index.js';
import { rows, type Q } from '../../../db/client.js';
import { CATEGORY_LABEL } from '../../domain/customer/categories.js';
import { historyPage, newestFirst, HISTORY_PAGE_SIZE, HISTORY_TABS, type HistoryRow, type HistoryTab, type HistoryView } from '../../domain/customer/history.js';
import { SCREENING_LABEL, STAGE_LABEL } from '../../domain/customer/lifecycle.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import { formatYuan } from '../../domain/money.js';
import type { Roster } from '../../domain/roster.js';
import { ymd } from '../../domain/time.js';
import { OUTCOME_LABEL, VISIT_STATUS_LABEL } from '../../domain/visit/types.js';

const nameOf = (roster: Roster, id: string | null): string | null => (id ? (roster.get(id)?.name ?? id) : null);
const same = (s: string): I18nText => i18n(s, s);

async function counts(q: Q, customerId: string): Promise<Record<HistoryTab, number>> {
  // One statement for the seven counts: each is an index look-up, and a round trip apiece was most
  // of the archive card's statements (bench:webhook:answers).
  const n = (table: AnyPgTable, column: AnyPgColumn) => sql`(select count(*) from ${table} where ${column} = ${customerId})::int`;
  const [row] = await rows<{ transactions: number; visits: number; complaints: number; questions: number; feedback: number; stages: number; cats: number }>(
    q,
    sql`select ${n(customerTransactions, customerTransactions.customerId)} as transactions, ${n(visits, visits.customerId)} as visits,
               ${n(customerComplaints, customerComplaints.customerId)} as complaints, ${n(customerQuestions, customerQuestions.customerId)} as questions,
               ${n(customerFeedback, customerFeedback.customerId)} as feedback,
               ${n(customerStageHistory, customerStageHistory.customerId)} as stages, ${n(customerCategoryHistory, customerCategoryHistory.customerId)} as cats`,
  );
  const c = (x: number | undefined) => Number(x ?? 0);
  return { transactions: c(row?.transactions), visits: c(row?.visits), complaints: c(row?.complaints), questions: c(row?.questions), feedback: c(row?.feedback), changes: c(row?.stages) + c(row?.cats) };
}

/** One page of one tab, newest first; a page past the end shows the last one. */
export async function loadHistory(
  q: Q,
  customerId: string,
  o: { tab?: HistoryTab | null; page?: number; roster: Roster; timeZone: string },
): Promise<HistoryView> {
  const all = await counts(q, customerId);
  // Unasked, the first tab with something in it opens.
  const tab = o.tab && (HISTORY_TABS as readonly string[]).includes(o.tab) ? o.tab : (HISTORY_TABS.find((t) => all[t] > 0) ?? 'transactions');
  const { page, pages, offset } = historyPage(o.page ?? 1, all[tab]);
  const limit = HISTORY_PAGE_SIZE;
  const who = (id: string | null) => nameOf(o.roster, id);
  let rows: HistoryRow[] = [];
  if (tab === 'transactions') {
    const t = customerTransactions;
    const list = await q.select().from(t).where(eq(t.customerId, customerId)).orderBy(desc(t.date), desc(t.id)).limit(limit).offset(offset);
    rows = list.map((r) => ({
      date: r.date,
      what: r.breach ? i18n(`${formatYuan(r.amountFen)}（违约）`, `${formatYuan(r.amountFen)} (breach)`) : same(formatYuan(r.amountFen)),
      detail: [r.number, r.place, r.note].filter(Boolean).join(' · ') || null,
      by: who(r.responsibleId ?? r.recordedBy),
    }));
  } else if (tab === 'visits') {
    const list = await q.select().from(visits).where(eq(visits.customerId, customerId)).orderBy(desc(visits.visitAt), desc(visits.id)).limit(limit).offset(offset);
    rows = list.map((r) => {
      const status = VISIT_STATUS_LABEL[r.status];
      const outcome = r.status === 'recorded' && r.record?.outcome ? OUTCOME_LABEL[r.record.outcome] : null;
      return {
        date: ymd(r.visitAt, o.timeZone),
        what: outcome ? i18n(`${status.zh_cn}·${outcome.zh_cn}`, `${status.en_us}, ${outcome.en_us.toLowerCase()}`) : status,
        detail: r.plan.purpose || null,
        by: who(r.ownerId),
      };
    });
  } else if (tab === 'complaints') {
    const t = customerComplaints;
    const list = await q.select().from(t).where(eq(t.customerId, customerId)).orderBy(desc(t.receivedOn), desc(t.id)).limit(limit).offset(offset);
    rows = list.map((r) => ({
      date: r.receivedOn,
      what: !r.valid ? i18n('非有效投诉', 'Not valid') : r.staffId ? i18n(`有效投诉（责任人 ${who(r.staffId)}）`, `Valid (at fault: ${who(r.staffId)})`) : i18n('有效投诉', 'Valid'),
      detail: [r.cause, r.description].filter(Boolean).join('：') || null,
      by: who(r.recordedBy),
    }));
  } else if (tab === 'questions') {
    const t = customerQuestions;
    const list = await q.select().from(t).where(eq(t.customerId, customerId)).orderBy(desc(t.askedAt), desc(t.id)).limit(limit).offset(offset);
    rows = list.map((r) => ({
      date: ymd(r.askedAt, o.timeZone),
      what: r.answeredAt ? i18n(`${ymd(r.answeredAt, o.timeZone)} 已答复`, `answered ${ymd(r.answeredAt, o.timeZone)}`) : i18n('未答复', 'Open'),
      detail: r.question,
      by: who(r.recordedBy),
    }));
  } else if (tab === 'feedback') {
    const t = customerFeedback;
    const list = await q.select().from(t).where(eq(t.customerId, customerId)).orderBy(desc(t.raisedAt), desc(t.id)).limit(limit).offset(offset);
    rows = list.map((r) => {
      const late = (r.givenAt ?? null) !== null && r.givenAt!.getTime() > r.dueAt.getTime();
      return {
        date: ymd(r.raisedAt, o.timeZone),
        what: r.givenAt
          ? i18n(`${ymd(r.givenAt, o.timeZone)} 已反馈${late ? '（超时）' : ''}`, `answered ${ymd(r.givenAt, o.timeZone)}${late ? ' (late)' : ''}`)
          : i18n(`待反馈，${ymd(r.dueAt, o.timeZone)} 到期`, `open, due ${ymd(r.dueAt, o.timeZone)}`),
        detail: r.reply ? `${r.body}：${r.reply}` : r.body,
        by: who(r.givenBy ?? r.recordedBy),
      };
    });
  } else {
    // Two tables, merged: each has few rows per customer, so both are read up to this page's end.
    const upTo = offset + limit;
    const s = customerStageHistory;
    const c = customerCategoryHistory;
    const stages = await q.select().from(s).where(eq(s.customerId, customerId)).orderBy(desc(s.at), desc(s.id)).limit(upTo);
    const cats = await q.select().from(c).where(eq(c.customerId, customerId)).orderBy(desc(c.at), desc(c.id)).limit(upTo);
    const merged = newestFirst([
      ...stages.map((r) => ({ at: r.at, seq: r.id, row: {
        date: ymd(r.at, o.timeZone),
        what: i18n(
          `阶段 ${STAGE_LABEL[r.fromStage].zh_cn} → ${STAGE_LABEL[r.toStage].zh_cn}${r.screening ? `（${SCREENING_LABEL[r.screening].zh_cn}）` : ''}`,
          `Stage ${STAGE_LABEL[r.fromStage].en_us} → ${STAGE_LABEL[r.toStage].en_us}${r.screening ? ` (${SCREENING_LABEL[r.screening].en_us})` : ''}`,
        ),
        detail: r.reason,
        by: who(r.actorId),
      } })),
      ...cats.map((r) => ({ at: r.at, seq: r.id, row: {
        date: ymd(r.at, o.timeZone),
        what: r.set ? i18n(`设为${CATEGORY_LABEL[r.category].zh_cn}`, `Marked ${CATEGORY_LABEL[r.category].en_us}`) : i18n(`取消${CATEGORY_LABEL[r.category].zh_cn}`, `Cleared ${CATEGORY_LABEL[r.category].en_us}`),
        detail: r.reason || null,
        by: who(r.actorId),
      } })),
    ]);
    rows = merged.slice(offset, upTo).map((m) => m.row);
  }
  return { tab, page, pages, counts: all, rows };
}
