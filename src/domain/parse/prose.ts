/**
 * Reading unlabelled prose ("今天在华能总部和王总面谈，王总说价格偏高，约了下周三再去"): each
 * clause is sorted into what happened, the customer's view, next steps or the next visit, so
 * the report parsers can fill fields nobody labelled without dropping any words.
 */
import { isCustomerView, isNextStep, isPromise, NEXT_VISIT_WORD, PAST_MARKER, startsWithOurSide, VISIT_INTENT } from './cues.js';
import { findDates, type DateMatch } from './dates.js';
import { joinClauses, splitClauses, type Clause } from './text.js';
import { wallParts, ymd } from '../time.js';

export interface ParseOptions {
  now: Date;
  timeZone: string;
  /** Names of the sender's customers, to say which one the message is about. */
  customerNames?: readonly string[];
}

export type ClauseKind = 'next_visit' | 'view' | 'step' | 'other';

export interface DatedClause {
  clause: Clause;
  kind: ClauseKind;
  /** The clause's first date read as a past day (today included) and as a future one. */
  past: DateMatch | undefined;
  future: DateMatch | undefined;
}

export interface ProseReading {
  clauses: DatedClause[];
  /** The first next-visit date found, with the phrase it came from. */
  nextVisit: DateMatch | null;
  /** The first date of an 'other' clause that is today or earlier: when it happened. */
  happenedAt: DateMatch | null;
}

/**
 * Whether a clause is about the next visit: it says 下次, or it names a day after today and
 * talks about meeting, unless it is a past-tense report of an ambiguous day ("周三去拜访了").
 */
function isNextVisit(text: string, past: DateMatch | undefined, future: DateMatch | undefined, todayKey: string, timeZone: string): boolean {
  if (NEXT_VISIT_WORD.test(text)) return true;
  if (!future || ymd(future.at, timeZone) <= todayKey) return false;
  // "约了12月10日再去": an appointment made is about the next visit, though it says 了.
  if (/约了|约好|已约|已经约|约定|定在|定了/u.test(text) && VISIT_INTENT.test(text)) return true;
  const explicit = past !== undefined && past.at.getTime() === future.at.getTime();
  return VISIT_INTENT.test(text) && (explicit || !PAST_MARKER.test(text));
}

/** "中午在公司食堂用餐" sent at 10:00: a time of day still to come today says no day at all. */
const PART_OF_DAY_STARTS: Record<string, number> = { 早上: 6, 上午: 6, 中午: 11, 下午: 12, 傍晚: 17, 晚上: 18 };

function laterToday(d: DateMatch, opts: ParseOptions): boolean {
  if (d.hasTime) return d.at.getTime() > opts.now.getTime();
  const starts = PART_OF_DAY_STARTS[d.text.trim()];
  return starts !== undefined && wallParts(opts.now, opts.timeZone).hour < starts;
}

export function readProse(text: string, opts: ParseOptions): ProseReading {
  const todayKey = ymd(opts.now, opts.timeZone);
  let nextVisit: DateMatch | null = null;
  let happenedAt: DateMatch | null = null;
  let prev: { kind: ClauseKind; sentenceGoesOn: boolean } | null = null;
  const clauses = splitClauses(text).map((clause): DatedClause => {
    const past = findDates(clause.text, opts.now, opts.timeZone, { direction: 'past' })[0];
    const future = findDates(clause.text, opts.now, opts.timeZone, { direction: 'future' })[0];
    const t = clause.text.trim();
    let kind: ClauseKind;
    if (isNextVisit(clause.text, past, future, todayKey, opts.timeZone)) {
      kind = 'next_visit';
      nextVisit ??= future ?? null;
    } else if (isPromise(t)) kind = 'step';
    else if (isCustomerView(clause.text)) kind = 'view';
    // A clause with no subject of its own goes on with the one before it in the sentence:
    // "客户对价格比较敏感，希望我们给个优惠方案", "下周三再去一趟，带上技术".
    else if (prev?.sentenceGoesOn && prev.kind === 'view' && !startsWithOurSide(t) && !future) kind = 'view';
    else if (isNextStep(clause.text)) kind = 'step';
    else if (prev?.sentenceGoesOn && (prev.kind === 'step' || prev.kind === 'next_visit') && !startsWithOurSide(t) && !PAST_MARKER.test(t)) kind = 'step';
    // A plan with a future day ("下周一发资质文件过去") is a next step.
    else if (future && ymd(future.at, opts.timeZone) > todayKey && past?.at.getTime() === future.at.getTime() && !PAST_MARKER.test(clause.text)) kind = 'step';
    else {
      kind = 'other';
      if (!happenedAt && past && ymd(past.at, opts.timeZone) <= todayKey && !laterToday(past, opts)) happenedAt = past;
    }
    prev = { kind, sentenceGoesOn: /[，,、\s]$/u.test(clause.text) };
    return { clause, kind, past, future };
  });
  return { clauses, nextVisit, happenedAt };
}

/** Joins the clauses of the given kinds (in their original order), marking them used. */
export function takeClauses(reading: ProseReading, kinds: readonly ClauseKind[], used: Set<Clause>): string | null {
  const cs = reading.clauses.filter((d) => kinds.includes(d.kind) && !used.has(d.clause)).map((d) => d.clause);
  cs.forEach((c) => used.add(c));
  return orNull(joinClauses(cs));
}

/** The clauses not yet used, joined. */
export function remainingClauses(reading: ProseReading, used: ReadonlySet<Clause>): string | null {
  return orNull(joinClauses(reading.clauses.map((d) => d.clause).filter((c) => !used.has(c))));
}

export const orNull = (s: string | null | undefined): string | null => (s && s.trim() ? s.trim() : null);
