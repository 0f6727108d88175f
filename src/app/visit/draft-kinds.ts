/**
 * What differs between the three reports sent by message (visit record, follow-up, reception
 * report): how the text is parsed, which records are waiting for one, how a draft is shown and
 * edited, and what Confirm does. The flow around them (take-report.ts) is shared.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { customers, visits } from '../../../db/schema/index.js';
import type { Q, Tx } from '../../../db/client.js';
import type { Card } from '../../../cards/kit.js';
import type { DraftKind } from '../../../cards/visit-draft.js';
import { followUpRows, recordRows, visitCard } from '../../../cards/visit-card.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import { parseFollowUp } from '../../domain/parse/follow-up.js';
import type { ParseOptions } from '../../domain/parse/prose.js';
import { parseVisitRecord, type VisitRecordDraft } from '../../domain/parse/visit-record.js';
import type { Member } from '../../domain/roster.js';
import { formatFriendly } from '../../domain/time.js';
import { fillFollowUpFromVisit, fillFromPlan, followUpFromDraft, recordFromDraft, recordOf } from '../../domain/visit/rules.js';
import { FOLLOW_UP_METHODS, OUTCOMES, VISIT_METHODS, type FollowUpDraftFields, type FollowUpFields, type VisitRecordDraftFields, type VisitRecordFields } from '../../domain/visit/types.js';
import type { Deps } from '../deps.js';
import { confirmVisitRecord, recordFollowUp } from './confirm-record.js';
import { fieldError as bad, readDateTime as dateTime, readText as text } from '../../domain/card-form.js';
import { refreshVisitCards, rememberCopy, visitSubject, visitView } from './store.js';

export interface Candidate {
  subjectId: string;
  customerName: string;
  at: Date;
}

export interface ConfirmCtx {
  deps: Deps;
  now: Date;
  actor: Member;
  messageId: string | null;
}

/** A report message read: its draft fields and the customer it names, if any. */
export interface ReadReport {
  fields: object;
  customer: string | null;
}

export interface DraftKindSpec {
  kind: DraftKind;
  subjectType: 'visit' | 'reception';
  parse(text: string, opts: ParseOptions): ReadReport;
  candidates(q: Q, ownerId: string): Promise<Candidate[]>;
  rows(fields: object, tz: string): [I18nText, I18nText | string][];
  missing(fields: object): I18nText[];
  /** Whether some values were guessed or taken from the plan (the preview says to check them). */
  guessed?(fields: object): boolean;
  /** The day the text says it happened, to compare with the planned day. */
  writtenDay?(fields: object): Date | null;
  /** Fills what the message left out from what is known about the record it is attached to. */
  complete?(q: Q, subjectId: string, fields: object): Promise<object>;
  fromForm(values: Record<string, unknown>, now: Date, tz: string): object;
  /** Makes it final; returns the card the confirm card turns into. */
  confirm(tx: Tx, subjectId: string, fields: object, ctx: ConfirmCtx): Promise<Card>;
  /** Said when nothing is waiting for this kind of report. */
  noneWaiting: I18nText;
}

export const candidateLabel = (c: Candidate, tz: string, locale: 'zh_cn' | 'en_us' = 'zh_cn'): string => `${c.customerName} · ${formatFriendly(c.at, tz, locale)}`;

async function visitCandidates(q: Q, ownerId: string, which: 'record' | 'follow_up'): Promise<Candidate[]> {
  const rows = await q
    .select({ id: visits.id, at: visits.visitAt, name: customers.name })
    .from(visits)
    .innerJoin(customers, eq(customers.id, visits.customerId))
    .where(and(eq(visits.ownerId, ownerId), which === 'record' ? eq(visits.status, 'approved') : and(eq(visits.status, 'recorded'), isNull(visits.followUp))))
    .orderBy(visits.visitAt);
  return rows.map((r) => ({ subjectId: r.id, customerName: r.name, at: r.at }));
}

const choice = <T extends string>(values: Record<string, unknown>, name: string, label: I18nText, allowed: readonly T[]): T | null => {
  const s = text(values, name, label, 40);
  if (s === null) return null;
  if (!(allowed as readonly string[]).includes(s)) throw bad(label, '选项无效', 'is not one of the options');
  return s as T;
};

async function visitCardAfter(tx: Tx, ctx: ConfirmCtx, visitId: string, row: Parameters<typeof visitView>[2]): Promise<Card> {
  await refreshVisitCards(tx, ctx.deps, row, ctx.now, { exceptMessageId: ctx.messageId });
  await rememberCopy(tx, visitSubject(visitId), ctx.messageId, ctx.actor.openId, ctx.now);
  return visitCard(await visitView(tx, ctx.deps, row));
}

/** A visit record already read (`parseVisitRecord`) as the report the draft flow takes. */
export const visitRecordReport = (d: VisitRecordDraft): ReadReport => ({ fields: recordFromDraft(d), customer: d.customerText ?? d.customerMention });

export const VISIT_RECORD_KIND: DraftKindSpec = {
  kind: 'visit_record',
  subjectType: 'visit',
  parse: (t, opts) => visitRecordReport(parseVisitRecord(t, opts)),
  candidates: (q, ownerId) => visitCandidates(q, ownerId, 'record'),
  rows: (f, tz) => recordRows(f as VisitRecordDraftFields, tz, (f as VisitRecordDraftFields).marks),
  guessed: (f) => Boolean((f as VisitRecordDraftFields).marks?.guessed.length || (f as VisitRecordDraftFields).marks?.fromPlan.length),
  writtenDay: (f) => ((f as VisitRecordFields).time ? new Date((f as VisitRecordFields).time!) : null),
  async complete(q, visitId, f) {
    const [row] = await q.select({ plan: visits.plan }).from(visits).where(eq(visits.id, visitId));
    return row ? fillFromPlan(f as VisitRecordDraftFields, row.plan) : f;
  },
  missing(f) {
    const r = f as VisitRecordFields;
    const out: I18nText[] = [];
    if (!r.points) out.push(i18n('要点', 'main points'));
    if (!r.customerView) out.push(i18n('客户想法', "customer's view"));
    if (!r.nextSteps) out.push(i18n('下一步', 'next steps'));
    if (r.outcome === 'failed' && !r.failureReason) out.push(i18n('失败原因', 'failure reason'));
    return out;
  },
  fromForm(v, now, tz): VisitRecordFields {
    const next = text(v, 'f_next_visit', i18n('下次拜访', 'Next visit'), 60);
    return {
      time: dateTime(v, 'f_time', i18n('时间', 'Time'), { now, timeZone: tz, direction: 'past' })?.toISOString() ?? null,
      place: text(v, 'f_place', i18n('地点', 'Place'), 200),
      method: choice(v, 'f_method', i18n('方式', 'Method'), VISIT_METHODS),
      people: text(v, 'f_people', i18n('见了谁', 'People met'), 200),
      points: text(v, 'f_points', i18n('要点', 'Main points'), 1000),
      customerView: text(v, 'f_view', i18n('客户想法', "Customer's view"), 1000),
      nextSteps: text(v, 'f_next', i18n('下一步', 'Next steps'), 1000),
      nextVisitAt: dateTime(v, 'f_next_visit', i18n('下次拜访', 'Next visit'), { now, timeZone: tz })?.toISOString() ?? null,
      nextVisitText: next,
      outcome: choice(v, 'f_outcome', i18n('结果', 'Outcome'), OUTCOMES),
      failureReason: text(v, 'f_reason', i18n('失败原因', 'Failure reason'), 1000),
    };
  },
  async confirm(tx, visitId, fields, ctx) {
    const row = await confirmVisitRecord(tx, { visitId, record: recordOf(fields as VisitRecordDraftFields), actor: ctx.actor }, ctx);
    return visitCardAfter(tx, ctx, visitId, row);
  },
  noneWaiting: i18n('你目前没有等待提交总结的拜访（只有已批准的拜访计划需要拜访总结）。先发送「拜访 客户名称」做计划。', 'You have no approved visit waiting for its summary. Plan one with "/visit <customer>".'),
};

export const FOLLOW_UP_KIND: DraftKindSpec = {
  kind: 'follow_up',
  subjectType: 'visit',
  parse(t, opts) {
    const d = parseFollowUp(t, opts);
    return { fields: followUpFromDraft(d), customer: d.customerText ?? d.customerMention };
  },
  candidates: (q, ownerId) => visitCandidates(q, ownerId, 'follow_up'),
  rows: (f) => followUpRows(f as FollowUpDraftFields, (f as FollowUpDraftFields).marks),
  guessed: (f) => Boolean((f as FollowUpDraftFields).marks?.guessed.length || (f as FollowUpDraftFields).marks?.fromPlan.length),
  async complete(q, visitId, f) {
    const [row] = await q.select({ plan: visits.plan, record: visits.record }).from(visits).where(eq(visits.id, visitId));
    return row ? fillFollowUpFromVisit(f as FollowUpDraftFields, row) : f;
  },
  missing(f) {
    const r = f as FollowUpFields;
    return [...(r.method ? [] : [i18n('回访方式', 'how')]), ...(r.opinion ? [] : [i18n('客户意见', "customer's opinion")])];
  },
  fromForm(v): FollowUpFields {
    const sat = text(v, 'f_satisfaction', i18n('满意度', 'Satisfaction'), 2);
    if (sat !== null && !/^[1-5]$/.test(sat)) throw bad(i18n('满意度', 'Satisfaction'), '应为 1–5', 'must be 1–5');
    return {
      method: choice(v, 'f_method', i18n('回访方式', 'How'), FOLLOW_UP_METHODS),
      opinion: text(v, 'f_opinion', i18n('客户意见', "Customer's opinion"), 1000),
      satisfaction: sat === null ? null : Number(sat),
      people: text(v, 'f_people', i18n('回访对象', 'Spoke with'), 200),
    };
  },
  async confirm(tx, visitId, fields, ctx) {
    const row = await recordFollowUp(tx, { visitId, followUp: recordOf(fields as FollowUpDraftFields), actor: ctx.actor }, ctx);
    return visitCardAfter(tx, ctx, visitId, row);
  },
  noneWaiting: i18n('你目前没有等待回访的拜访（拜访总结确认后才需要回访）。', 'You have no visit waiting for a follow-up (it is due once a visit summary is confirmed).'),
};
