/**
 * The reminder ladder of domain.md §4, as data: for one obligation, every step that applies at
 * `now`, each with a stable key, a recipient role, an urgency and its scheduled instant.
 *
 * Step keys are what storage keeps unique per (obligation, recipient, step), so they must not
 * depend on when the tick runs: fixed steps have fixed names ('day5', 'escalate'), daily repeats
 * carry their company-zone day ('overdue:2026-12-09'). Daily repeats are offered only for the
 * latest working morning that has passed — older ones are never sent late (no catch-up burst).
 */
import { addWorkingDays, workingDayOnOrAfter, workingDayOnOrBefore, type CalendarOverrides } from '../calendar.js';
import { addDaysYmd, formatYmd, wallParts, ymd } from '../time.js';
import { addWorkingDaysAt, atClock, latestWorkingMorning, morningOf } from './hours.js';
import { monthKeyOf } from './monthly.js';
import type { Obligation } from './obligation.js';
import type { ReminderSettings } from './settings.js';

export type RecipientRole = 'owner' | 'manager' | 'superior' | 'assistant';
export type Urgency = 'upcoming' | 'due' | 'overdue' | 'escalation';

export interface PlannedStep {
  step: string;
  role: RecipientRole;
  urgency: Urgency;
  /** When the ladder says it happens; delivery may be later (see nextSendSlot). */
  at: Date;
}

type Planner = (ob: Obligation, now: Date, s: ReminderSettings, o: CalendarOverrides) => PlannedStep[];

/**
 * How many working mornings an overdue item is repeated daily before it drops to once a week: a
 * working week of daily nudges (the manager has heard by then), then a weekly one with no end,
 * until it is done or its owner closes it with a reason (the line offers that).
 */
const DAILY_REPEATS = 5;

/**
 * The overdue repeat due at `now`: daily for DAILY_REPEATS working mornings from `fromDay`, then
 * weekly — every 7 days from the last daily one, moved to the next working day — keyed
 * 'weekly:<day>' so each goes out once.
 */
function daily(prefix: string, fromDay: string, urgency: Urgency, now: Date, s: ReminderSettings, o: CalendarOverrides): PlannedStep[] {
  const day = latestWorkingMorning(fromDay, now, s, o);
  if (!day) return [];
  const first = workingDayOnOrAfter(fromDay, o);
  const lastDaily = addWorkingDays(first, DAILY_REPEATS - 1, o);
  if (day <= lastDaily) return [{ step: `${prefix}:${day}`, role: 'owner', urgency, at: morningOf(day, s) }];
  let weekly: string | null = null;
  for (let k = 1; ; k++) {
    const d = workingDayOnOrAfter(addDaysYmd(lastDaily, 7 * k), o);
    if (d > day) break;
    weekly = d;
  }
  // Between the last daily repeat and the first weekly one, the latest step is still that last
  // daily one (already sent, so nothing goes out) — never an earlier step sent late.
  if (!weekly) return [{ step: `${prefix}:${lastDaily}`, role: 'owner', urgency, at: morningOf(lastDaily, s) }];
  return [{ step: `weekly:${weekly}`, role: 'owner', urgency, at: morningOf(weekly, s) }];
}

/** Visit record and reception report: the evening of the day, then each morning; manager after N days. */
const recordLadder: Planner = (ob, now, s, o) => {
  const day = ymd(ob.anchorAt, s.timeZone);
  const evening = atClock(day, s.recordEveningAt, s.timeZone);
  const steps: PlannedStep[] = [];
  // An event that ends after the evening hour (a dinner reception) gets its first nudge next morning.
  if (ob.anchorAt.getTime() < evening.getTime()) steps.push({ step: 'evening', role: 'owner', urgency: 'due', at: evening });
  steps.push(...daily('morning', addDaysYmd(day, 1), 'overdue', now, s, o));
  steps.push({ step: 'escalate', role: 'manager', urgency: 'escalation', at: morningOf(addDaysYmd(day, s.recordEscalateAfterDays), s) });
  return steps;
};

/** Follow-up (回访): day 5, "due today" on the (moved) due day, then daily; the manager once. */
const followUpLadder: Planner = (ob, now, s, o) => {
  const visitDay = ymd(ob.anchorAt, s.timeZone);
  const dueDay = ymd(ob.dueAt, s.timeZone);
  return [
    { step: `day${s.followUpNudgeDay}`, role: 'owner', urgency: 'upcoming', at: morningOf(addDaysYmd(visitDay, s.followUpNudgeDay), s) },
    { step: `day${s.followUpDueDay}`, role: 'owner', urgency: 'due', at: morningOf(dueDay, s) },
    ...daily('overdue', addDaysYmd(dueDay, 1), 'overdue', now, s, o),
    { step: 'escalate', role: 'manager', urgency: 'escalation', at: morningOf(addDaysYmd(dueDay, 1), s) },
  ];
};

/**
 * Monthly report for month M: the configured days of M+1 ("due on the 5th"), the morning of the
 * (moved) due day, then daily; the manager's late list is keyed by M so it goes out once.
 */
const monthlyLadder: Planner = (ob, now, s, o) => {
  const p = wallParts(ob.anchorAt, s.timeZone);
  const reportMonth = monthKeyOf(p.year, p.month);
  const dueYear = p.month === 12 ? p.year + 1 : p.year;
  const dueMonth = p.month === 12 ? 1 : p.month + 1;
  const dueDay = ymd(ob.dueAt, s.timeZone);
  const early = s.monthlyReportNudgeDays.map(
    (d): PlannedStep => ({ step: `day${d}`, role: 'owner', urgency: 'upcoming', at: morningOf(formatYmd(dueYear, dueMonth, d), s) }),
  );
  return [
    ...early,
    { step: 'due', role: 'owner', urgency: 'due', at: morningOf(dueDay, s) },
    ...daily('overdue', addDaysYmd(dueDay, 1), 'overdue', now, s, o),
    { step: `late:${reportMonth}`, role: 'manager', urgency: 'escalation', at: morningOf(addDaysYmd(dueDay, 1), s) },
  ];
};

/** Pending approval: the approver after N working days, their superior after M. */
const approvalLadder: Planner = (ob, _now, s, o) => [
  {
    step: `wd${s.approvalNudgeAfterWorkingDays}`,
    role: 'owner',
    urgency: 'due',
    at: addWorkingDaysAt(ob.anchorAt, s.approvalNudgeAfterWorkingDays, s, o),
  },
  {
    step: 'escalate',
    role: 'superior',
    urgency: 'escalation',
    at: addWorkingDaysAt(ob.anchorAt, s.approvalEscalateAfterWorkingDays, s, o),
  },
];

/** Trip check-in: missed by the deadline → the traveller, and the assistant's list for that day. */
const checkinLadder: Planner = (ob, _now, s) => {
  const day = ymd(ob.anchorAt, s.timeZone);
  return [
    { step: `missed:${day}`, role: 'owner', urgency: 'overdue', at: ob.dueAt },
    { step: `list:${day}`, role: 'assistant', urgency: 'overdue', at: ob.dueAt },
  ];
};

/** Progress report (定期汇报): "due today" on the (moved) due day, then daily; the manager once. */
const progressLadder: Planner = (ob, now, s, o) => {
  const dueDay = ymd(ob.dueAt, s.timeZone);
  return [
    { step: 'due', role: 'owner', urgency: 'due', at: morningOf(dueDay, s) },
    ...daily('overdue', addDaysYmd(dueDay, 1), 'overdue', now, s, o),
    { step: 'escalate', role: 'manager', urgency: 'escalation', at: morningOf(addDaysYmd(dueDay, 1), s) },
  ];
};

/**
 * Materials for a visit: one reminder, on the last working morning on or before the due day —
 * the owner was already told at approval, so there is no daily repeat and no manager (the
 * visit's own record duty carries the follow-through). Each round (meta.round: the plan approved
 * again, the visit moved) has its own step, so the reminder is owed again after a change.
 */
const materialLadder: Planner = (ob, _now, s, o) => {
  const day = workingDayOnOrBefore(ymd(ob.dueAt, s.timeZone), o);
  // A plan approved again (or a visit moved) starts a new round: its one reminder is owed afresh.
  const round = typeof ob.meta?.round === 'number' && ob.meta.round > 1 ? `:r${ob.meta.round}` : '';
  return [{ step: `due${round}`, role: 'owner', urgency: 'due', at: morningOf(day, s) }];
};

const PLANNERS: Record<Obligation['kind'], Planner> = {
  visit_record: recordLadder,
  reception_report: recordLadder,
  follow_up: followUpLadder,
  monthly_report: monthlyLadder,
  approval_step: approvalLadder,
  trip_checkin: checkinLadder,
  progress_report: progressLadder,
  // A loan's return day works like a report's due day: that morning, then daily, the manager once.
  equipment_return: progressLadder,
  visit_material: materialLadder,
};

/** Every step of the obligation's ladder that exists at `now` (future steps included). */
export const plannedSteps: Planner = (ob, now, s, o) => PLANNERS[ob.kind](ob, now, s, o);
