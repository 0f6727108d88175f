/**
 * Turns one obligation and `now` into the nudges to send on this tick.
 *
 * Stateless by design: it does not know what was sent before. It returns, per recipient, the most
 * recent step that is due; storage then claims (obligation, recipient, step) uniquely, so a tick
 * that runs twice, or on two instances, sends each step once. Returning only the most recent step
 * is what keeps a restart after downtime from flooding people with every missed step.
 */
import type { CalendarOverrides } from '../calendar.js';
import { nextSendSlot, sendWindowOpen } from './hours.js';
import { isDone, type Obligation, type ObligationKind } from './obligation.js';
import type { ReminderSettings } from './settings.js';
import { plannedSteps, type PlannedStep, type RecipientRole, type Urgency } from './steps.js';

export type { RecipientRole, Urgency } from './steps.js';

/** Everything that can be nudged: obligations, plus the month-end travel-days summary. */
export type NudgeKind = ObligationKind | 'travel_days';

export interface NudgeIntent {
  obligationId: string;
  kind: NudgeKind;
  /** Whose duty it is (the recipient themself unless recipientRole is not 'owner'). */
  ownerId: string;
  subjectType: string;
  subjectId: string;
  recipientId: string;
  recipientRole: RecipientRole;
  /** Stable per (obligation, recipient): the key storage keeps unique. */
  step: string;
  urgency: Urgency;
  dueAt: Date;
  /** The working-hours slot the step was scheduled into; never later than `now` when returned. */
  notBefore: Date;
  /** Extra facts for the message, e.g. travel days counted. */
  detail?: Record<string, unknown>;
}

export interface ScheduledStep extends PlannedStep {
  /** When it may be delivered: `at`, or the next working-hours slot after it. */
  slot: Date;
}

/** The whole ladder with delivery slots, for previews ("next reminder: Mon 09:00") and tests. */
export function nudgeSchedule(ob: Obligation, now: Date, s: ReminderSettings, o: CalendarOverrides): ScheduledStep[] {
  return plannedSteps(ob, now, s, o)
    .map((p) => ({ ...p, slot: nextSendSlot(p.at, s, o) }))
    .sort((a, b) => a.slot.getTime() - b.slot.getTime() || a.at.getTime() - b.at.getTime());
}

function recipientFor(ob: Obligation, role: RecipientRole): string | null {
  const id = role === 'owner' ? ob.ownerId : role === 'assistant' ? ob.assistantId : ob.managerId;
  // Nobody is told about their own lateness twice (a manager who owns the duty).
  if (!id || (role !== 'owner' && id === ob.ownerId)) return null;
  return id;
}

/**
 * The nudges due for one obligation at `now`: at most one per recipient — the latest due step,
 * so after downtime the owner gets today's reminder, not the backlog, while the manager's
 * one-off escalation still goes out (once: its step key never changes). Nothing for a done
 * obligation, and nothing while outside working hours on a working day — those steps wait
 * for the next working-hours tick.
 */
export function dueNudges(ob: Obligation, now: Date, s: ReminderSettings, o: CalendarOverrides): NudgeIntent[] {
  if (isDone(ob, now) || !sendWindowOpen(now, s, o)) return [];
  const latest = new Map<RecipientRole, ScheduledStep>();
  // nudgeSchedule is sorted by slot then scheduled time, so the last due step per role wins.
  for (const step of nudgeSchedule(ob, now, s, o)) {
    if (step.slot.getTime() <= now.getTime()) latest.set(step.role, step);
  }
  const intents: NudgeIntent[] = [];
  for (const step of latest.values()) {
    const recipientId = recipientFor(ob, step.role);
    if (!recipientId) continue;
    intents.push({
      obligationId: ob.id,
      kind: ob.kind,
      ownerId: ob.ownerId,
      subjectType: ob.subjectType,
      subjectId: ob.subjectId,
      recipientId,
      recipientRole: step.role,
      step: step.step,
      urgency: step.urgency,
      dueAt: ob.dueAt,
      notBefore: step.slot,
    });
  }
  return intents;
}

/** dueNudges over many obligations; one bad row (e.g. a corrupt date) does not stop the rest. */
export function dueNudgesForAll(
  obligations: Iterable<Obligation>,
  now: Date,
  s: ReminderSettings,
  o: CalendarOverrides,
): { intents: NudgeIntent[]; failures: { obligationId: string; error: unknown }[] } {
  const intents: NudgeIntent[] = [];
  const failures: { obligationId: string; error: unknown }[] = [];
  for (const ob of obligations) {
    try {
      intents.push(...dueNudges(ob, now, s, o));
    } catch (error) {
      failures.push({ obligationId: ob.id, error });
    }
  }
  return { intents, failures };
}
