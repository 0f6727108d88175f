/**
 * The visit record (客户拜访记录表, domain.md §3.2 step 3) as the specialist types it after the
 * visit: the labelled template, free prose, or a mix. The result is a draft for the confirm/edit
 * card, so it keeps every word the user typed somewhere and says which fields are still empty.
 */
import { detectMethod, detectOutcome, extractFailureReason, findPlace, type MeetingMethod, type Outcome } from './cues.js';
import { findCustomerMention } from './customer-mention.js';
import { findDates, type DateMatch } from './dates.js';
import { findPeople } from './people.js';
import { splitLabelled, type LabelDictionary } from './labels.js';
import { orNull, readProse, remainingClauses, takeClauses, type ParseOptions } from './prose.js';
import type { Clause } from './text.js';
import { stripTrigger, VISIT_TRIGGER, type Trigger } from './triggers.js';

export type { ParseOptions } from './prose.js';
export type VisitMethod = MeetingMethod;
export type VisitOutcome = Outcome;

export const VISIT_LABELS = {
  people: ['参加人员', '参会人员', '对方人员', '客户人员', '会见人员', '拜访对象', '接待人', '对接人', 'attendees', 'people met', 'met with'],
  customer: ['客户名称', '拜访客户', '拜访单位', '客户单位', '客户', 'customer', 'client', 'company'],
  time: ['拜访时间', '拜访日期', '时间', '日期', 'time', 'date', 'when'],
  place: ['拜访地点', '地点', '地址', '场所', 'place', 'location', 'venue', 'where'],
  method: ['拜访方式', '沟通方式', '方式', '形式', 'method', 'mode', 'how'],
  points: ['主要内容', '洽谈内容', '沟通内容', '谈话要点', '洽谈要点', '拜访要点', '会谈要点', '主要要点', '拜访内容', '内容', '要点', '纪要', 'main points', 'key points', 'points', 'discussion', 'notes'],
  customerView: ['客户想法', '客户意见', '客户反馈', '客户态度', '客户看法', '客户观点', '客户需求', '对方意见', '对方想法', '对方态度', "customer's view", 'customer view', 'customer feedback', 'customer opinion', 'feedback'],
  nextSteps: ['下一步建议', '下一步计划', '下一步', '下步', '后续计划', '后续安排', '后续跟进', '后续', '跟进计划', '建议', 'next steps', 'next step', 'follow-up plan', 'action items', 'suggestions'],
  nextVisit: ['下次拜访时间', '下次拜访', '下次见面', '下次', 'next visit', 'next meeting'],
  outcome: ['拜访结果', '结果', '是否成功', 'outcome', 'result'],
  failureReason: ['失败原因', '未成功原因', '原因', 'failure reason', 'reason'],
} as const satisfies LabelDictionary<string>;

type VisitLabel = keyof typeof VISIT_LABELS;

/** The fields the bot asks for when empty. */
export type VisitRecordField = 'time' | 'place' | 'method' | 'points' | 'customerView' | 'nextSteps' | 'failureReason';

export interface VisitRecordDraft {
  trigger: Trigger;
  /** Whether the template labels were used (at least one). */
  labelled: boolean;
  /** The labels found (VISIT_LABELS keys): every other filled field was read from prose. */
  labels: string[];
  /** The 客户 label's value as typed, if any. */
  customerText: string | null;
  /** The entry of options.customerNames the message is about, if any. */
  customerMention: string | null;
  time: Date | null;
  timeHasClock: boolean;
  /** The words the time came from (the label value, or the date phrase in prose). */
  timeText: string | null;
  place: string | null;
  method: VisitMethod | null;
  /** The customer's people met, as named ("王总", "采购部李经理"); null when nobody is named. */
  people: string[] | null;
  points: string | null;
  customerView: string | null;
  nextSteps: string | null;
  nextVisitAt: Date | null;
  nextVisitHasTime: boolean;
  /** The label value (e.g. "下周三下午，带上技术"), or the date phrase found in prose. */
  nextVisitText: string | null;
  outcome: VisitOutcome | null;
  failureReason: string | null;
  /** Unlabelled chatter around labelled fields that went nowhere else. */
  rest: string | null;
  missing: VisitRecordField[];
}

const METHOD_WORDS: ReadonlyArray<[VisitMethod, RegExp]> = [
  ['video', /会议|线上|远程|online/iu],
  ['in_person', /走访|visit/iu],
];

/** A 方式 label value to a method; anything unrecognised is 'other'. */
function methodFromLabel(value: string): VisitMethod {
  return detectMethod(value) ?? METHOD_WORDS.find(([, re]) => re.test(value))?.[0] ?? 'other';
}

const JUST_NOW = /^(?:刚|刚刚|刚才|just\b)/iu;

/** Parses a visit record message; see VisitRecordDraft. */
export function parseVisitRecord(text: string, opts: ParseOptions): VisitRecordDraft {
  const { trigger } = stripTrigger(text, VISIT_TRIGGER);
  const body = trigger.body;
  const split = splitLabelled<VisitLabel>(body, VISIT_LABELS);
  const f = split.fields;
  const dates = (s: string, direction: 'past' | 'future'): DateMatch | null =>
    findDates(s, opts.now, opts.timeZone, { direction })[0] ?? null;

  // Prose: the whole body when unlabelled, else the chatter around the labels. Its clauses about
  // the customer's view and next steps fill those fields when they have no label.
  const prose = readProse(split.labelled ? split.rest : body, opts);
  const used = new Set<Clause>();
  const customerView = orNull(f.customerView) ?? takeClauses(prose, ['view'], used);
  const nextSteps = orNull(f.nextSteps) ?? takeClauses(prose, ['step', 'next_visit'], used);
  const remainder = remainingClauses(prose, used);
  const labelledPoints = orNull(f.points);
  const points = labelledPoints ?? remainder;

  let time: DateMatch | null = null;
  let timeText = orNull(f.time);
  if (timeText) time = dates(timeText, 'past');
  else if (prose.happenedAt) ({ time, timeText } = { time: prose.happenedAt, timeText: prose.happenedAt.text });
  else if (JUST_NOW.test(split.labelled ? split.rest : body)) {
    // "刚从招行出来…": today, no clock.
    const today = dates('今天', 'past');
    if (today) ({ time, timeText } = { time: { ...today, hasTime: false }, timeText: null });
  }

  let nextVisitText = orNull(f.nextVisit);
  let nextVisit = nextVisitText ? dates(nextVisitText, 'future') : null;
  if (!nextVisitText) {
    // Prose first, then a next visit mentioned under 下一步 ("下一步：下周三带技术再去").
    nextVisit = prose.nextVisit ?? (f.nextSteps ? readProse(f.nextSteps, opts).nextVisit : null);
    nextVisitText = nextVisit?.text ?? null;
  }

  // Method and place come from what happened, not from plans for the next visit.
  const happened = prose.clauses.filter((d) => d.kind !== 'next_visit').map((d) => d.clause.text).join('');
  let method: VisitMethod | null = f.method ? methodFromLabel(f.method) : detectMethod(`${happened}\n${f.points ?? ''}`);
  // A call or a video meeting has no place of its own ("在公司给刘工打电话").
  const place = orNull(f.place) ?? (method === 'phone' || method === 'video' ? null : findPlace(happened));
  if (!method && place && !/线上|网上|电话|视频|online|remote/iu.test(place)) method = 'in_person';

  const outcome = detectOutcome(f.outcome ?? body);
  let failureReason = orNull(f.failureReason);
  if (outcome === 'failed' && !failureReason) {
    failureReason = (f.outcome ? extractFailureReason(f.outcome) : null) ?? extractFailureReason(body);
  }

  const draft: VisitRecordDraft = {
    trigger,
    labelled: split.labelled,
    labels: split.order.filter((k) => orNull(f[k])),
    customerText: orNull(f.customer),
    customerMention: opts.customerNames?.length ? findCustomerMention(body, opts.customerNames) : null,
    time: time?.at ?? null,
    timeHasClock: time?.hasTime ?? false,
    timeText,
    place,
    method,
    people: f.people ? f.people.split(/[、，,;；和]|\s+and\s+/u).map((x) => x.trim()).filter(Boolean) : findPeople(body),
    points,
    customerView,
    nextSteps,
    nextVisitAt: nextVisit?.at ?? null,
    nextVisitHasTime: nextVisit?.hasTime ?? false,
    nextVisitText,
    outcome,
    failureReason,
    rest: labelledPoints ? remainder : null,
    missing: [],
  };
  draft.missing = missingVisitFields(draft);
  return draft;
}

/** Important fields still empty (failureReason only matters for a failed visit). */
function missingVisitFields(d: VisitRecordDraft): VisitRecordField[] {
  const missing: VisitRecordField[] = [];
  if (!d.time) missing.push('time');
  if (!d.place && d.method !== 'phone' && d.method !== 'video') missing.push('place');
  if (!d.method) missing.push('method');
  if (!d.points) missing.push('points');
  if (!d.customerView) missing.push('customerView');
  if (!d.nextSteps) missing.push('nextSteps');
  if (d.outcome === 'failed' && !d.failureReason) missing.push('failureReason');
  return missing;
}
