/**
 * From facts to per-person tallies for one period. A tally holds only sums and counts, so a
 * team's or the department's tally is the sum of its members' (the wiring session may build the
 * same tallies with GROUP BY in SQL and reuse formulas.ts unchanged).
 *
 * Attribution (who a fact counts for):
 * - a sale counts for the person named on the transaction, else the customer's owner on that day:
 *   a later handover does not move past sales;
 * - a win, a churn, a complaint, feedback or a question counts for the owner at that moment
 *   (a complaint naming a member counts for that member; an item with an assignee for them);
 * - key accounts at the period's start count for their owner at that instant, each customer once
 *   however many categories it carries;
 * - follow-ups, visits, ratings and costs count for the person who made them;
 * - archives count for their current owner.
 * A fact whose person cannot be found counts for nobody but still counts for the department.
 */
import type { KpiFacts, StageEvent } from './facts.js';
import { OwnershipIndex, saleInstant } from './ownership.js';
import { dayInPeriod, inPeriod, periodDays, periodKey, periodRange, quarter, type Period } from './period.js';

export interface Tally {
  salesFen: number;
  /** Sum of the targets in force; null when none is set for anyone in the scope. */
  targetFen: number | null;
  /** How many people in the scope have a target (the rest are listed as missing one). */
  withTarget: number;
  /** True when a year target was summed from quarter targets (no year target set). */
  targetFromQuarters: boolean;
  churned: number;
  keyAtStart: number;
  won: number;
  plannedNew: number | null;
  complaints: number;
  validComplaints: number;
  feedbackDue: number;
  feedbackOnTime: number;
  /** Raised in the period, not answered, deadline not yet passed: left out of the rate. */
  feedbackOpen: number;
  questions: number;
  questionsOnTime: number;
  questionsOpen: number;
  followUpsDue: number;
  followUpsDone: number;
  costFen: number;
  budgetFen: number | null;
  archiveFilled: number;
  archiveRequired: number;
  archives: number;
  archivesComplete: number;
  visits: number;
  visitsToStandard: number;
  /** Visits whose follow-up is not yet due: not judged yet. */
  visitsPending: number;
  ratingSum: number;
  ratingCount: number;
}

export const emptyTally = (): Tally => ({
  salesFen: 0, targetFen: null, withTarget: 0, targetFromQuarters: false, churned: 0, keyAtStart: 0, won: 0, plannedNew: null,
  complaints: 0, validComplaints: 0, feedbackDue: 0, feedbackOnTime: 0, feedbackOpen: 0, questions: 0, questionsOnTime: 0,
  questionsOpen: 0, followUpsDue: 0, followUpsDone: 0, costFen: 0, budgetFen: null, archiveFilled: 0, archiveRequired: 0,
  archives: 0, archivesComplete: 0, visits: 0, visitsToStandard: 0, visitsPending: 0, ratingSum: 0, ratingCount: 0,
});

const addNullable = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : a + b);

/** The tally of a group: every count summed; a null target, plan or budget stays null only if all are. */
export function sumTallies(tallies: Iterable<Tally>): Tally {
  const out = emptyTally();
  for (const t of tallies) {
    for (const k of Object.keys(out) as (keyof Tally)[]) {
      if (k === 'targetFromQuarters') out.targetFromQuarters ||= t.targetFromQuarters;
      else if (k === 'targetFen' || k === 'plannedNew' || k === 'budgetFen') out[k] = addNullable(out[k], t[k]);
      else out[k] += t[k];
    }
  }
  return out;
}

const KEY_STAGES = new Set(['won', 'serving']);

/** Each customer's stage events, oldest first. */
function eventsByCustomer(stages: readonly StageEvent[]): Map<string, StageEvent[]> {
  const map = new Map<string, StageEvent[]>();
  for (const e of stages) {
    const list = map.get(e.customerId) ?? [];
    list.push(e);
    map.set(e.customerId, list);
  }
  for (const list of map.values()) list.sort((a, b) => a.at.getTime() - b.at.getTime());
  return map;
}

/** Whether the customer was a key account (won or serving) just before the instant. */
function wasKeyBefore(events: readonly StageEvent[], at: Date): boolean {
  let stage: string | null = null;
  for (const e of events) {
    if (e.at.getTime() >= at.getTime()) break;
    stage = e.stage;
  }
  return stage !== null && KEY_STAGES.has(stage);
}

export interface TallyOptions {
  period: Period;
  timeZone: string;
  /** Open items (feedback, questions, follow-ups) are judged at this instant. */
  now: Date;
}

/** The key under which facts nobody can be found for are tallied (they count for the department only). */
export const NOBODY = '';

/**
 * Per-person tallies for the period, keyed by member id (NOBODY for unattributed facts).
 * Targets and development plans are those of the period itself; a year with no year target
 * falls back to the sum of its quarters' targets.
 */
export function tallyByPerson(facts: KpiFacts, opts: TallyOptions): Map<string, Tally> {
  const { period, timeZone, now } = opts;
  const range = periodRange(period, timeZone);
  const days = periodDays(period);
  const owners = new OwnershipIndex(facts.ownership);
  const out = new Map<string, Tally>();
  const of = (id: string | null | undefined): Tally => {
    const key = id ?? NOBODY;
    let t = out.get(key);
    if (!t) out.set(key, (t = emptyTally()));
    return t;
  };
  const nowT = now.getTime();

  const noon = new Map<string, Date>();
  const noonOf = (day: string): Date => {
    let d = noon.get(day);
    if (!d) noon.set(day, (d = saleInstant(day, timeZone)));
    return d;
  };
  for (const s of facts.sales) {
    if (!dayInPeriod(s.date, days)) continue;
    // Noon of the day: a handover recorded that morning or evening does not decide the whole day.
    of(s.responsibleId || owners.ownerAt(s.customerId, noonOf(s.date))).salesFen += s.amountFen;
  }

  addTargets(facts, period, of);

  for (const p of facts.developmentPlans) {
    if (periodKey(p.period) !== periodKey(period)) continue;
    const t = of(p.specialistId);
    t.plannedNew = (t.plannedNew ?? 0) + p.plannedNewAccounts;
  }

  const events = eventsByCustomer(facts.stages);
  for (const [customerId, list] of events) {
    if (wasKeyBefore(list, range.start)) of(owners.ownerAt(customerId, range.start)).keyAtStart++;
    // Once per customer per period: a customer won, lost and won again in one quarter is one new account.
    let wonAt: Date | null = null;
    let churnedAt: Date | null = null;
    list.forEach((e, i) => {
      if (!inPeriod(e.at, range)) return;
      const wasKey = i > 0 && KEY_STAGES.has(list[i - 1]!.stage);
      if (e.stage === 'won' && !wasKey && !wonAt) wonAt = e.at;
      if (e.stage === 'churned') churnedAt = e.at;
    });
    if (wonAt) of(owners.ownerAt(customerId, wonAt)).won++;
    if (churnedAt) of(owners.ownerAt(customerId, churnedAt)).churned++;
  }

  for (const c of facts.complaints) {
    if (!inPeriod(c.at, range)) continue;
    const t = of(c.staffId || owners.ownerAt(c.customerId, c.at));
    t.complaints++;
    if (c.valid) t.validComplaints++;
  }

  const timed = (items: KpiFacts['feedback'], add: (t: Tally, onTime: boolean | null) => void) => {
    for (const it of items) {
      if (!inPeriod(it.raisedAt, range)) continue;
      const t = of(it.assigneeId || owners.ownerAt(it.customerId, it.raisedAt));
      if (it.answeredAt) add(t, it.answeredAt.getTime() <= it.dueAt.getTime());
      else add(t, it.dueAt.getTime() < nowT ? false : null);
    }
  };
  timed(facts.feedback, (t, ok) => {
    if (ok === null) t.feedbackOpen++;
    else {
      t.feedbackDue++;
      if (ok) t.feedbackOnTime++;
    }
  });
  timed(facts.questions, (t, ok) => {
    if (ok === null) t.questionsOpen++;
    else {
      t.questions++;
      if (ok) t.questionsOnTime++;
    }
  });

  for (const f of facts.followUps) {
    // Due in the period and already due: tomorrow's follow-up is not yet missed.
    if (!inPeriod(f.dueAt, range) || f.dueAt.getTime() > nowT) continue;
    const t = of(f.specialistId);
    t.followUpsDue++;
    if (f.doneAt) t.followUpsDone++;
  }

  for (const c of facts.costs) if (dayInPeriod(c.date, days)) of(c.claimantId).costFen += c.amountFen;
  if (period.kind === 'year') {
    for (const b of facts.budgets) {
      if (b.year !== period.year || b.scope.kind !== 'member') continue;
      const t = of(b.scope.id);
      t.budgetFen = (t.budgetFen ?? 0) + b.amountFen;
    }
  }

  for (const a of facts.archives) {
    const t = of(a.ownerId);
    t.archives++;
    t.archiveFilled += a.filled;
    t.archiveRequired += a.required;
    if (a.filled >= a.required) t.archivesComplete++;
  }

  for (const v of facts.visits) {
    if (!inPeriod(v.at, range)) continue;
    const t = of(v.specialistId);
    if (typeof v.rating === 'number' && v.rating >= 1 && v.rating <= 5) {
      t.ratingSum += v.rating;
      t.ratingCount++;
    }
    if (v.followUpOnTime === null) {
      t.visitsPending++;
      continue;
    }
    t.visits++;
    if (v.planApproved && v.recordOnTime && v.followUpOnTime) t.visitsToStandard++;
  }
  return out;
}

function addTargets(facts: KpiFacts, period: Period, of: (id: string) => Tally): void {
  const key = periodKey(period);
  const explicit = new Map<string, number>();
  for (const t of facts.targets) if (periodKey(t.period) === key) explicit.set(t.specialistId, (explicit.get(t.specialistId) ?? 0) + t.amountFen);
  if (period.kind === 'year') {
    const quarters = new Set([1, 2, 3, 4].map((q) => periodKey(quarter(period.year, q))));
    const fromQuarters = new Map<string, number>();
    for (const t of facts.targets) {
      if (!quarters.has(periodKey(t.period)) || explicit.has(t.specialistId)) continue;
      fromQuarters.set(t.specialistId, (fromQuarters.get(t.specialistId) ?? 0) + t.amountFen);
    }
    for (const [id, fen] of fromQuarters) {
      const t = of(id);
      t.targetFen = fen;
      t.withTarget = 1;
      t.targetFromQuarters = true;
    }
  }
  for (const [id, fen] of explicit) {
    const t = of(id);
    t.targetFen = fen;
    t.withTarget = 1;
  }
}
