/**
 * The reception report (接待报告, domain.md §3.3): after a customer visits us, who came, when,
 * where, what was covered, what they thought and what happens next. Reimbursement waits for it.
 */
import { findPlace } from './cues.js';
import { findCustomerMention } from './customer-mention.js';
import { findDates, type DateMatch } from './dates.js';
import { splitLabelled, type LabelDictionary } from './labels.js';
import { orNull, readProse, remainingClauses, takeClauses, type ParseOptions } from './prose.js';
import type { Clause } from './text.js';
import { RECEPTION_TRIGGER, stripTrigger, type Trigger } from './triggers.js';

export const RECEPTION_LABELS = {
  guests: ['来访人员', '来访客户', '来访单位', '来访者', '来访人', '来宾', '客人', '接待对象', '客户名称', '客户', 'guests', 'visitors', 'customer'],
  hosts: ['陪同人员', '接待人员', '我方人员', '我方参加人员', '陪同', 'hosts', 'our side'],
  time: ['接待时间', '来访时间', '时间', '日期', 'time', 'date'],
  place: ['接待地点', '地点', '场地', 'venue', 'place', 'location'],
  points: ['接待内容', '交流内容', '参观内容', '洽谈内容', '主要内容', '内容', '要点', '行程', 'main points', 'points', 'agenda', 'discussion'],
  customerView: ['客户想法', '客户意见', '客户反馈', '客户评价', '客户看法', '意见', '反馈', '评价', "customer's view", 'customer view', 'customer feedback', 'feedback'],
  nextSteps: ['下一步建议', '下一步', '后续安排', '后续', '建议', 'next steps', 'next step'],
} as const satisfies LabelDictionary<string>;

export type ReceptionLabel = keyof typeof RECEPTION_LABELS;
export type ReceptionReportField = 'guests' | 'time' | 'place' | 'points' | 'customerView' | 'nextSteps';

export interface ReceptionReportDraft {
  trigger: Trigger;
  labelled: boolean;
  /** The labels found (RECEPTION_LABELS keys): every other filled field was read from prose. */
  labels: ReceptionLabel[];
  guests: string | null;
  /** Our people who hosted or accompanied (not required). */
  hosts: string | null;
  time: Date | null;
  timeHasClock: boolean;
  timeText: string | null;
  place: string | null;
  points: string | null;
  customerView: string | null;
  nextSteps: string | null;
  customerMention: string | null;
  rest: string | null;
  missing: ReceptionReportField[];
}

// "华能王总一行5人", "接待了三一重工采购部", "字节跳动李总来访".
const GUESTS = [
  /([^\s，。,；;：:]{2,30}?(?:一行|等)\s*(?:\d+|[一二两三四五六七八九十]+)\s*(?:人|位))/u,
  /接待了?([^，。,；;\s]{2,30}?)(?:[，。,；;\s]|来访|参观|一行|$)/u,
  /(?:^|[，。,；;\s])(?:今天|昨天|上午|下午)?([^，。,；;\s]{2,20}?)(?:来访|来我司|来公司|来参观|来考察|到访|莅临)/u,
  /([^\s，。,；;]{2,20}?来了\s*(?:\d+|[一二两三四五六七八九十]+)\s*(?:个人|人|位))/u,
  /\b((?:\d+|two|three|four|five|six) (?:guests|visitors|people) from [A-Za-z][\w .'-]{1,40}?)(?=[,.;]| visited| came|$)/iu,
];

// "李经理和我全程陪同", "由王总监和李经理接待", "我和张敏陪同参观了研发中心".
const HOST_NAME = String.raw`(?:我|[\p{Script=Han}]{0,4}?[\p{Script=Han}]{1,3}(?:经理|总监|总|主任|部长|工)|小[\p{Script=Han}]|[\p{Script=Han}]{2,3})`;
const HOSTS = new RegExp(
  String.raw`(?:^|[，。,；;\s由])((?:${HOST_NAME})(?:(?:和|、|与|及|跟)(?:${HOST_NAME}))*)(?:全程|一起|一同|共同|负责|亲自)?(?:陪同|接待|作陪)(?!了)`,
  'u',
);
const EN_HOSTS = /\bhosted\b[^.]*?\bwith ([A-Z][a-z]+(?: [A-Z][a-z]+)?)/u;
const EN_GUESTS = /\bhosted (?:the )?(.+?)(?= this| today| yesterday| with|[,.;]|$)/iu;
// Where a meal was is not where the reception was.
const MEAL = /用餐|吃饭|午餐|晚餐|午饭|晚饭|宴请|聚餐/u;

/** Our people who hosted, as written; "我" stays "我" (the sender). */
function findHosts(text: string): string | null {
  for (const clause of text.split(/[。；;！!\n]/u)) {
    const m = HOSTS.exec(clause);
    if (m && !/^(?:今天|昨天|上午|下午|客户|对方)$/u.test(m[1]!)) return m[1]!;
  }
  return EN_HOSTS.exec(text)?.[1] ?? null;
}

const LEADING_TIME = /^(?:(?:今天|昨天|前天|上周[一二三四五六日天]?|周[一二三四五六日天])?(?:上午|下午|中午|晚上)?)/u;

/** Parses a reception report message; see ReceptionReportDraft. */
export function parseReceptionReport(text: string, opts: ParseOptions): ReceptionReportDraft {
  const { trigger } = stripTrigger(text, RECEPTION_TRIGGER);
  const body = trigger.body;
  const split = splitLabelled<ReceptionLabel>(body, RECEPTION_LABELS);
  const f = split.fields;
  // "陪同：李经理、小王。参观展厅并座谈。…": a list label's value ends with its sentence.
  const spill: string[] = [];
  for (const k of ['hosts', 'guests', 'time', 'place'] as const) {
    const v = f[k];
    const stop = v ? v.search(/[。；;]/u) : -1;
    if (v && stop > 0 && v.slice(stop + 1).trim()) {
      f[k] = v.slice(0, stop);
      spill.push(v.slice(stop + 1).trim());
    }
  }
  const proseText = [split.labelled ? split.rest : body, ...spill].filter(Boolean).join('\n');
  const prose = readProse(proseText, opts);

  const used = new Set<Clause>();
  const customerView = orNull(f.customerView) ?? takeClauses(prose, ['view'], used);
  const nextSteps = orNull(f.nextSteps) ?? takeClauses(prose, ['step', 'next_visit'], used);
  const remainder = remainingClauses(prose, used);
  const labelledPoints = orNull(f.points);
  const points = labelledPoints ?? remainder;

  let guests = orNull(f.guests);
  for (const re of [...GUESTS, EN_GUESTS]) {
    if (guests) break;
    guests = orNull(re.exec(proseText)?.[1]?.replace(LEADING_TIME, ''));
  }

  let time: DateMatch | null = null;
  let timeText = orNull(f.time);
  if (timeText) time = findDates(timeText, opts.now, opts.timeZone, { direction: 'past' })[0] ?? null;
  else if (prose.happenedAt) ({ time, timeText } = { time: prose.happenedAt, timeText: prose.happenedAt.text });

  const draft: ReceptionReportDraft = {
    trigger,
    labelled: split.labelled,
    labels: split.order.filter((k) => orNull(f[k])),
    guests,
    hosts: orNull(f.hosts) ?? findHosts(proseText),
    time: time?.at ?? null,
    timeHasClock: time?.hasTime ?? false,
    timeText,
    place: orNull(f.place) ?? findPlace(proseText.split(/[。；;\n]/u).filter((sentence) => !MEAL.test(sentence)).join('。')),
    points,
    customerView,
    nextSteps,
    customerMention: opts.customerNames?.length ? findCustomerMention(body, opts.customerNames) : null,
    rest: labelledPoints ? remainder : null,
    missing: [],
  };
  draft.missing = (['guests', 'time', 'place', 'points', 'customerView', 'nextSteps'] as const).filter((k) => !draft[k]);
  return draft;
}
