/**
 * Pure rules of the visit feature: when free text is taken as a visit summary and how a parsed
 * message becomes the stored fields (a plan's cancel and reschedule rules: lifecycle.ts).
 */
import { DomainError } from '../errors.js';
import { i18n, type I18nText } from '../i18n.js';
import type { Member } from '../roster.js';
import type { FollowUpDraft, FollowUpLabel } from '../parse/follow-up.js';
import type { ReceptionLabel, ReceptionReportDraft } from '../parse/reception-report.js';
import { normalizeText } from '../parse/text.js';
import { ymd } from '../time.js';
import type { VisitRecordDraft } from '../parse/visit-record.js';
import type {
  DraftMarks, FollowUpDraftFields, FollowUpFields, FollowUpKey, ReceptionPlan, ReceptionReportDraftFields, ReceptionReportFields, ReceptionReportKey, VisitPlan, VisitRecordDraftFields, VisitRecordFields, VisitRecordKey,
} from './types.js';

/** What a summary typed without a trigger must carry besides its length. */
const SUMMARY_MIN_CHARS = 15;

/**
 * Whether untriggered text from someone with a visit awaiting its record is that record. Asked
 * only after no command matched, so 帮助/团队 never get here. The text must be a few sentences
 * long, not a question, and the parser must have found at least two things a visit record says
 * (where, how, when, the customer's view, next steps, the next visit, the outcome): a chat line
 * such as "明天再说" or "帮我看看华能的档案" is left for the help card.
 */
export function looksLikeVisitSummary(text: string, d: VisitRecordDraft): boolean {
  const t = normalizeText(text).replace(/\s+/g, '');
  if ([...t].length < SUMMARY_MIN_CHARS) return false;
  if (/[?？]$/.test(t) || /^(?:请问|怎么|如何|能不能|可以|帮我|帮忙|how|what|can you|please)/iu.test(t)) return false;
  const cues = [d.place, d.method, d.time, d.customerView, d.nextSteps, d.nextVisitAt, d.outcome].filter((x) => x !== null && x !== undefined);
  return cues.length >= 2;
}

// The plan lifecycle (statuses, cancel, reschedule and its tolerance) lives in lifecycle.ts; named here too for older callers.
export { canCancel, canReschedule, DEFAULT_TOLERANCE, needsReapproval, type PlannedStatus, type RescheduleTolerance } from './lifecycle.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

// Which label feeds which record field.
const LABEL_OF: Record<VisitRecordKey, string> = {
  time: 'time', place: 'place', method: 'method', people: 'people', points: 'points', customerView: 'customerView',
  nextSteps: 'nextSteps', nextVisitAt: 'nextVisit', outcome: 'outcome', failureReason: 'failureReason',
};

export function recordFromDraft(d: VisitRecordDraft): VisitRecordDraftFields {
  const fields: VisitRecordFields = {
    time: iso(d.time),
    place: d.place,
    method: d.method,
    people: d.people?.join('、') ?? null,
    points: [d.points, d.rest].filter(Boolean).join('\n') || null,
    customerView: d.customerView,
    nextSteps: d.nextSteps,
    nextVisitAt: iso(d.nextVisitAt),
    nextVisitText: d.nextVisitText,
    outcome: d.outcome,
    failureReason: d.failureReason,
  };
  return { ...fields, marks: { guessed: guessedKeys(fields, LABEL_OF, d.labels), fromPlan: [] } };
}

/** The filled fields whose label was not written: read from prose, so the preview marks them 推测. */
function guessedKeys<K extends string>(fields: Partial<Record<K, unknown>>, labelOf: Record<K, string>, labels: readonly string[]): K[] {
  return (Object.keys(labelOf) as K[]).filter((k) => fields[k] && !labels.includes(labelOf[k]));
}

/**
 * What the approved plan knows fills what the message left out: where the visit was planned
 * and the customer's people it was to meet. Those values are marked as from the plan.
 */
export function fillFromPlan(f: VisitRecordDraftFields, plan: Pick<VisitPlan, 'place' | 'contacts'>): VisitRecordDraftFields {
  const marks: DraftMarks = { guessed: [...(f.marks?.guessed ?? [])], fromPlan: [...(f.marks?.fromPlan ?? [])] };
  const out: VisitRecordDraftFields = { ...f, marks };
  const remote = f.method === 'phone' || f.method === 'video';
  if (!f.place && plan.place.trim() && !remote) {
    out.place = plan.place.trim();
    marks.fromPlan.push('place');
  }
  if (!f.people && plan.contacts.length) {
    out.people = plan.contacts.map((c) => c.name).join('、');
    marks.fromPlan.push('people');
  }
  return out;
}

/** The stored record or report: the draft without its marks. */
export function recordOf(f: VisitRecordDraftFields): VisitRecordFields;
export function recordOf(f: ReceptionReportDraftFields): ReceptionReportFields;
export function recordOf(f: FollowUpDraftFields): FollowUpFields;
export function recordOf(f: VisitRecordDraftFields | ReceptionReportDraftFields | FollowUpDraftFields): VisitRecordFields | ReceptionReportFields | FollowUpFields {
  const { marks: _marks, ...record } = f;
  return record;
}

/**
 * A day the message says the visit (or reception) happened that is not the day it was planned
 * for ("今天上午拜访了…" for a visit two days away): the summary may be for another one. The
 * shared report flow (take-report.ts) asks which one before attaching, and warns on the card.
 */
export function dayContradicts(written: Date | null, plannedAt: Date, timeZone: string): boolean {
  return written !== null && ymd(written, timeZone) !== ymd(plannedAt, timeZone);
}

// Each follow-up field is fed by the label of the same name.
const FOLLOW_UP_LABEL_OF: Record<FollowUpKey, FollowUpLabel> = { method: 'method', opinion: 'opinion', satisfaction: 'satisfaction', people: 'people' };

export function followUpFromDraft(d: FollowUpDraft): FollowUpDraftFields {
  const fields: FollowUpFields = { method: d.method, opinion: d.opinion, satisfaction: d.satisfaction, people: d.people?.join('、') ?? null };
  return { ...fields, marks: { guessed: guessedKeys(fields, FOLLOW_UP_LABEL_OF, d.labels), fromPlan: [] } };
}

/**
 * What the visit knows fills who the follow-up was with when the message names nobody: the
 * customer's people its summary says were met, else those its plan was to meet. Marked as from
 * the plan, like a summary's gaps.
 */
export function fillFollowUpFromVisit(f: FollowUpDraftFields, visit: { plan: Pick<VisitPlan, 'contacts'>; record: Pick<VisitRecordFields, 'people'> | null }): FollowUpDraftFields {
  const marks: DraftMarks<FollowUpKey> = { guessed: [...(f.marks?.guessed ?? [])], fromPlan: [...(f.marks?.fromPlan ?? [])] };
  const out: FollowUpDraftFields = { ...f, marks };
  const known = visit.record?.people?.trim() || visit.plan.contacts.map((c) => c.name).join('、');
  if (!f.people && known) {
    out.people = known;
    marks.fromPlan.push('people');
  }
  return out;
}

// Each report field is fed by the label of the same name.
const RECEPTION_LABEL_OF: Record<ReceptionReportKey, ReceptionLabel> = {
  guests: 'guests', hosts: 'hosts', time: 'time', place: 'place', points: 'points', customerView: 'customerView', nextSteps: 'nextSteps',
};

export function receptionReportFromDraft(d: ReceptionReportDraft): ReceptionReportDraftFields {
  const fields: ReceptionReportFields = {
    guests: d.guests,
    hosts: d.hosts,
    time: iso(d.time),
    place: d.place,
    points: [d.points, d.rest].filter(Boolean).join('\n') || null,
    customerView: d.customerView,
    nextSteps: d.nextSteps,
  };
  return { ...fields, marks: { guessed: guessedKeys(fields, RECEPTION_LABEL_OF, d.labels), fromPlan: [] } };
}

/**
 * What the approved reception plan knows fills what the report left out: who came, where, and
 * our hosts (their names, given by the caller). Those values are marked as from the plan.
 */
export function fillReceptionFromPlan(f: ReceptionReportDraftFields, plan: Pick<ReceptionPlan, 'guests' | 'venue'>, hostNames: readonly string[]): ReceptionReportDraftFields {
  const marks: DraftMarks<ReceptionReportKey> = { guessed: [...(f.marks?.guessed ?? [])], fromPlan: [...(f.marks?.fromPlan ?? [])] };
  const out: ReceptionReportDraftFields = { ...f, marks };
  const fill = (key: 'guests' | 'place' | 'hosts', value: string) => {
    if (f[key] || !value.trim()) return;
    out[key] = value.trim();
    marks.fromPlan.push(key);
  };
  fill('guests', plan.guests);
  fill('place', plan.venue);
  fill('hosts', hostNames.join('、'));
  return out;
}

/** A record is final only with its main points; a failed visit must say why (§3.3.3 六.3). */
export function checkRecord(r: VisitRecordFields): void {
  if (!r.points) throw new DomainError('VALIDATION', i18n('拜访总结还缺少「要点」（谈了什么），请点「修改」补上。', 'The visit summary has no main points yet (what was discussed); press Edit to add them.'));
  if (r.outcome === 'failed' && !r.failureReason) {
    throw new DomainError('VALIDATION', i18n('拜访未成功时需要写明失败原因，请点「修改」补上。', 'A failed visit needs the reason it failed; press Edit to add it.'));
  }
}

export function checkFollowUp(f: FollowUpFields): void {
  if (!f.method || !f.opinion) {
    throw new DomainError('VALIDATION', i18n('回访需要写明方式（电话/上门）和客户意见，请点「修改」补上。', 'A follow-up needs how (phone / visit) and the customer\'s opinion; press Edit to add them.'));
  }
}

export function checkReceptionReport(r: ReceptionReportFields): void {
  if (!r.points) throw new DomainError('VALIDATION', i18n('接待报告还缺少「接待内容」，请点「修改」补上。', 'The report has no points yet; press Edit to add them.'));
}

/** Only the specialist who planned a visit (or reception) changes it. */
export function assertOwner(visit: { ownerId: string }, actor: Member, what: I18nText): void {
  if (visit.ownerId !== actor.openId) throw new DomainError('FORBIDDEN', i18n(`只有提交计划的专员可以${what.zh_cn}。`, `Only the specialist who planned it can ${what.en_us}.`));
}
