/**
 * The follow-up (回访, domain.md §3.2 step 4): within a week of a visit the specialist phones or
 * re-visits the customer and records their opinion, optionally with a 1–5 satisfaction score.
 */
import { detectMethod } from './cues.js';
import { findCustomerMention } from './customer-mention.js';
import { findDates } from './dates.js';
import { findPeople } from './people.js';
import { splitLabelled, type LabelDictionary } from './labels.js';
import { orNull, type ParseOptions } from './prose.js';
import { findSatisfaction, parseSatisfactionValue, type Satisfaction } from './satisfaction.js';
import { joinClauses, splitClauses } from './text.js';
import { FOLLOW_UP_TRIGGER, stripTrigger, type Trigger } from './triggers.js';

export type FollowUpMethod = 'phone' | 'visit' | 'other';
export type FollowUpField = 'method' | 'opinion';

export const FOLLOW_UP_LABELS = {
  customer: ['客户名称', '回访客户', '客户', 'customer', 'client'],
  time: ['回访时间', '回访日期', '时间', '日期', 'time', 'date'],
  method: ['回访方式', '方式', 'method', 'how', 'via'],
  satisfaction: ['客户满意度', '满意度', '满意程度', '评分', '打分', 'satisfaction', 'score', 'rating'],
  people: ['回访对象', '联系人', '受访人', 'contact person'],
  opinion: ['客户意见', '客户反馈', '客户评价', '客户想法', '客户看法', '意见', '反馈', '评价', "customer's opinion", 'customer opinion', 'customer feedback', 'opinion', 'feedback', 'comments'],
} as const satisfies LabelDictionary<string>;

export type FollowUpLabel = keyof typeof FOLLOW_UP_LABELS;

export interface FollowUpDraft {
  trigger: Trigger;
  labelled: boolean;
  /** The labels found (FOLLOW_UP_LABELS keys): every other filled field was read from prose. */
  labels: FollowUpLabel[];
  customerText: string | null;
  customerMention: string | null;
  /** When the follow-up happened, if said (昨天, 11月26日); past-leaning. */
  time: Date | null;
  timeText: string | null;
  method: FollowUpMethod | null;
  /** The customer's people spoken to ("电话联系了王总", "回访对象：李经理"). */
  people: string[] | null;
  opinion: string | null;
  satisfaction: Satisfaction | null;
  /** The words the score came from ("满意度4分", "非常满意"). */
  satisfactionText: string | null;
  missing: FollowUpField[];
}

function toFollowUpMethod(text: string): FollowUpMethod | null {
  const m = detectMethod(text);
  if (m === 'phone') return 'phone';
  if (m === 'in_person') return 'visit';
  if (m) return 'other';
  return /上门|再访|走访|visit/iu.test(text) ? 'visit' : null;
}

// A clause that says only how or how much ("电话回访", "满意度5分") adds nothing to the opinion.
const NOISE = /回访|follow[\s-]?up|电话|打了?|通了?|上门|拜访|面谈|微信|视频|了|过|一下|今天|昨天|刚才|刚刚|by phone|called|visited|[\s\p{P}]/giu;

/** Parses a follow-up message; see FollowUpDraft. */
export function parseFollowUp(text: string, opts: ParseOptions): FollowUpDraft {
  const { trigger } = stripTrigger(text, FOLLOW_UP_TRIGGER);
  const body = trigger.body;
  const split = splitLabelled<FollowUpLabel>(body, FOLLOW_UP_LABELS);
  const f = split.fields;
  const prose = split.labelled ? split.rest : body;

  const sat = f.satisfaction ? parseSatisfactionValue(f.satisfaction) : findSatisfaction(prose);
  // "Follow-up call …": the trigger itself may say how.
  const method = f.method ? (toFollowUpMethod(f.method) ?? 'other') : toFollowUpMethod(`${trigger.word ?? ''} ${prose}`);
  const customerMention = opts.customerNames?.length ? findCustomerMention(body, opts.customerNames) : null;

  // A numeric score ("满意度4分", "4/5") is cut out of the prose before reading opinion and date
  // (chrono reads "4/5" as 5 April); a worded one ("客户非常满意") is the opinion itself.
  let cleaned = prose;
  if (f.satisfaction) {
    // "满意度：五分 客户说培训很到位": what follows the score under its label is opinion.
    const extra = sat ? f.satisfaction.slice(0, sat.index) + f.satisfaction.slice(sat.index + sat.text.length) : '';
    if (sat?.kind !== 'words' && extra.replace(/[\s\p{P}分]/gu, '')) cleaned = `${prose}\n${extra.trim()}`;
  } else if (sat && sat.kind !== 'words') {
    cleaned = prose.slice(0, sat.index) + prose.slice(sat.index + sat.text.length);
  }
  const opinion =
    orNull(f.opinion) ?? orNull(joinClauses(splitClauses(cleaned).filter((c) => c.text.replace(NOISE, '') !== '')));

  const timeText = orNull(f.time);
  const time = findDates(timeText ?? cleaned, opts.now, opts.timeZone, { direction: 'past' })[0] ?? null;

  const missing: FollowUpField[] = [];
  if (!method) missing.push('method');
  if (!opinion) missing.push('opinion');
  const people = f.people ? f.people.split(/[、，,和及]/u).map((x) => x.trim()).filter(Boolean) : findPeople(cleaned);
  return {
    trigger,
    labelled: split.labelled,
    labels: split.order.filter((k) => orNull(f[k])),
    customerText: orNull(f.customer),
    customerMention,
    time: time?.at ?? null,
    timeText: timeText ?? time?.text ?? null,
    method,
    people: people?.length ? people : null,
    opinion,
    satisfaction: sat?.score ?? null,
    satisfactionText: sat?.text.trim() ?? null,
    missing,
  };
}
