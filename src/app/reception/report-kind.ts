/** The reception report (接待报告) sent by message: same attach-and-confirm flow as the visit record; confirmed, it goes to the manager and director to check. */
import { and, eq } from 'drizzle-orm';
import { customers, receptions } from '../../../db/schema/index.js';
import { receptionReportRows } from '../../../cards/reception-card.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import { parseReceptionReport } from '../../domain/parse/reception-report.js';
import { checkReceptionReport, fillReceptionFromPlan, receptionReportFromDraft, recordOf } from '../../domain/visit/rules.js';
import type { ReceptionReportDraftFields, ReceptionReportFields } from '../../domain/visit/types.js';
import { closeObligation } from '../obligations/index.js';
import type { DraftKindSpec } from '../visit/draft-kinds.js';
import { readDateTime as dateTime, readText as text } from '../../domain/card-form.js';
import { rememberCopy } from '../visit/store.js';
import { loadRosterMap } from '../customer/store.js';
import { sendReportForCheck } from './parties.js';
import { loadReception, receptionCardOf, receptionSubject, refreshReceptionCards, RECEPTION_SUBJECT } from './store.js';

export const RECEPTION_REPORT_KIND: DraftKindSpec = {
  kind: 'reception_report',
  subjectType: 'reception',
  parse(t, opts) {
    const d = parseReceptionReport(t, opts);
    return { fields: receptionReportFromDraft(d), customer: d.customerMention };
  },
  async candidates(q, ownerId) {
    const rows = await q
      .select({ id: receptions.id, at: receptions.receptionAt, name: customers.name })
      .from(receptions)
      .innerJoin(customers, eq(customers.id, receptions.customerId))
      .where(and(eq(receptions.ownerId, ownerId), eq(receptions.status, 'approved')))
      .orderBy(receptions.receptionAt);
    return rows.map((r) => ({ subjectId: r.id, customerName: r.name, at: r.at }));
  },
  rows: (f, tz) => receptionReportRows(f as ReceptionReportDraftFields, tz, (f as ReceptionReportDraftFields).marks),
  guessed: (f) => Boolean((f as ReceptionReportDraftFields).marks?.guessed.length || (f as ReceptionReportDraftFields).marks?.fromPlan.length),
  writtenDay: (f) => ((f as ReceptionReportFields).time ? new Date((f as ReceptionReportFields).time!) : null),
  async complete(q, receptionId, f) {
    const [row] = await q.select({ plan: receptions.plan }).from(receptions).where(eq(receptions.id, receptionId));
    if (!row) return f;
    const roster = await loadRosterMap(q);
    return fillReceptionFromPlan(f as ReceptionReportDraftFields, row.plan, row.plan.hosts.map((id) => roster.get(id)?.name ?? id));
  },
  missing(f) {
    const r = f as ReceptionReportFields;
    const out: I18nText[] = [];
    if (!r.points) out.push(i18n('接待内容', 'points'));
    if (!r.customerView) out.push(i18n('客户意见', "customer's view"));
    return out;
  },
  fromForm(v, now, tz): ReceptionReportFields {
    return {
      guests: text(v, 'f_guests', i18n('来访人员', 'Guests'), 200),
      hosts: text(v, 'f_hosts', i18n('陪同人员', 'Hosts'), 200),
      time: dateTime(v, 'f_time', i18n('接待时间', 'Time'), { now, timeZone: tz, direction: 'past' })?.toISOString() ?? null,
      place: text(v, 'f_place', i18n('接待地点', 'Venue'), 200),
      points: text(v, 'f_points', i18n('接待内容', 'Points'), 1000),
      customerView: text(v, 'f_view', i18n('客户意见', "Customer's view"), 1000),
      nextSteps: text(v, 'f_next', i18n('下一步', 'Next steps'), 1000),
    };
  },
  async confirm(tx, receptionId, fields, ctx) {
    const before = await loadReception(tx, receptionId);
    if (before.ownerId !== ctx.actor.openId) throw new DomainError('FORBIDDEN', i18n('只有接待负责人可以提交接待报告。', 'Only the reception lead can send its report.'));
    if (before.status === 'reported') throw new DomainError('CONFLICT', i18n('这次接待的报告已经提交过了。', 'This reception already has its report.'));
    if (before.status !== 'approved') throw new DomainError('PRECONDITION_FAILED', i18n('只有已批准的接待可以提交报告。', 'Only an approved reception takes a report.'));
    const report = recordOf(fields as ReceptionReportDraftFields);
    checkReceptionReport(report);
    const [row] = await tx
      .update(receptions)
      .set({ status: 'reported', report, reportedAt: ctx.now, version: before.version + 1, updatedAt: ctx.now })
      .where(and(eq(receptions.id, receptionId), eq(receptions.version, before.version)))
      .returning();
    if (!row) throw new DomainError('CONFLICT', i18n('这次接待刚被修改过，请重试。', 'This reception changed meanwhile; please try again.'));
    await closeObligation(tx, 'reception_report', { type: RECEPTION_SUBJECT, id: row.id }, ctx.now);
    await refreshReceptionCards(tx, ctx.deps, row, ctx.now, ctx.messageId);
    await rememberCopy(tx, receptionSubject(row.id), ctx.messageId, ctx.actor.openId, ctx.now);
    // The manager and the director check (检查) it, as they do a visit record.
    await sendReportForCheck(tx, ctx.deps, row);
    return receptionCardOf(tx, ctx.deps, row);
  },
  noneWaiting: i18n('你目前没有等待提交报告的接待（只有已批准的接待计划需要报告）。先发送「接待 客户名称」做计划。', 'You have no approved reception waiting for its report. Plan one with "/reception <customer>".'),
};
