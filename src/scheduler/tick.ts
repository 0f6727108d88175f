/**
 * `tick(deps, now)`: THE entry for everything scheduled (node-cron on Node, the cron trigger on
 * Workers). One transaction under a Postgres advisory lock:
 *
 *   1. this month's monthly-report obligations exist (one per active specialist);
 *   2. in working hours: open obligations near their deadline are loaded in one query, the pure
 *      ladder says which step is due for whom, and the nudges are claimed with one
 *      INSERT … ON CONFLICT DO NOTHING RETURNING — together with the month-end travel-days
 *      lists (§2.2 art.13), which have no obligation rows but claim the same way;
 *   3. one digest card per recipient is written to the outbox — built only from what this run
 *      inserted, so a tick run twice, late, or on two instances sends each step once;
 *   4. admins hear (weekly, from November) when next year's holiday data is missing;
 *      managers and the director get the quarterly assessment on a quarter's first working day;
 *   5. (first, at any hour) digests listing items done since they were sent are patched, once each.
 *
 * A failing obligation is logged and skipped (the ladder returns failures); a failing side task
 * (monthly rows, travel days, warning) runs in its own savepoint so it cannot take the digests down with it.
 */
import type { Deps } from '../app/deps.js';
import { listMembers } from '../app/roster.js';
import { loadReminderContext } from '../app/reminders/context.js';
import { rosterOf } from '../domain/roster.js';
import { dueNudgesForAll, sendWindowOpen, type NudgeIntent } from '../domain/reminders/index.js';
import { monthEndTravelIntents } from '../app/travel/travel-days.js';
import { coerceError } from '../domain/errors.js';
import { claimNudges } from '../app/reminders/claim.js';
import { tryTickLock } from '../app/reminders/tick-lock.js';
import { refreshStaleDigests } from '../app/obligations/digest-refresh.js';
import { lineFacts, sendDigests, type LineFacts } from '../app/obligations/send-digests.js';
import { warnMissingHolidayData } from '../app/calendar/holiday-warning.js';
import { loadNearDue } from '../app/obligations/load.js';
import { ensureMonthlyReportObligations } from '../app/monthly-report/obligations.js';
import { sendQuarterlyAssessments } from '../app/kpi/assessment.js';
import { queueCentreCheck } from '../app/approval/centre-sync.js';

export interface TickResult {
  /** Another instance held the lock; it does this run's work. */
  skipped: boolean;
  monthlyCreated: number;
  loaded: number;
  intents: number;
  claimed: number;
  digests: number;
  failures: number;
  adminsWarned: number;
  /** Digests patched because items on them were done since they were sent. */
  digestsPatched: number;
  /** Quarterly assessment cards written (the first working day of a quarter). */
  assessments: number;
}

const EMPTY: TickResult = { skipped: false, monthlyCreated: 0, loaded: 0, intents: 0, claimed: 0, digests: 0, failures: 0, adminsWarned: 0, digestsPatched: 0, assessments: 0 };

export async function tick(deps: Deps, now: Date): Promise<TickResult> {
  const started = Date.now();
  // Milliseconds per phase, for the log line: where a slow tick spends its time.
  const phases: Record<string, number> = {};
  let centreChecks = 0;
  const result = await deps.db.transaction(async (tx): Promise<TickResult> => {
    if (!(await tryTickLock(tx))) return { ...EMPTY, skipped: true };
    /** A side task in its own savepoint: its failure is logged and cannot take the digests down. */
    const step = async <T>(name: string, fallback: T, task: (sp: typeof tx) => Promise<T>): Promise<T> => {
      try {
        return await tx.transaction((sp) => task(sp));
      } catch (e) {
        deps.log.error(`tick.${name}_failed`, { error: coerceError(e) });
        return fallback;
      }
    };

    const ctx = await loadReminderContext(tx, { timeZone: deps.config.timeZone, log: deps.log });
    const roster = rosterOf(await listMembers(tx));
    const r: TickResult = { ...EMPTY };
    r.monthlyCreated = await step('monthly', 0, (sp) => ensureMonthlyReportObligations(sp, now, roster, ctx));
    // A patch is silent, so digests whose items were done are corrected at any hour.
    r.digestsPatched = await step('digest_refresh', 0, (sp) => refreshStaleDigests(sp, now, deps.ids));
    // Nothing is sent at night, on weekends or holidays: those steps wait for the next window.
    if (!sendWindowOpen(now, ctx.settings, ctx.overrides)) return r;

    let t = Date.now();
    const lap = (name: string) => {
      phases[name] = Date.now() - t;
      t = Date.now();
    };
    const due = await loadNearDue(tx, now, ctx.settings);
    lap('load');
    r.loaded = due.length;
    const { intents: fromObligations, failures } = dueNudgesForAll(due, now, ctx.settings, ctx.overrides);
    // The month-end travel-days lists have no obligation rows; they join the same claim and digests.
    const travel = await step('travel_days', [] as NudgeIntent[], (sp) => monthEndTravelIntents(sp, now, roster, ctx));
    const intents = [...fromObligations, ...travel];
    r.intents = intents.length;
    lap('ladder');
    r.failures = failures.length;
    for (const f of failures) deps.log.error('tick.obligation_failed', { obligationId: f.obligationId, error: coerceError(f.error) });

    const uuids = new Map<string, string>();
    const outboxUuidFor = (recipientId: string) => {
      let u = uuids.get(recipientId);
      if (!u) uuids.set(recipientId, (u = deps.ids.newId()));
      return u;
    };
    const claimed = await claimNudges(tx, intents, now, outboxUuidFor);
    r.claimed = claimed.length;
    lap('claim');
    const facts = new Map<string, LineFacts>();
    for (const ob of due) facts.set(ob.id, lineFacts(ob.meta, deps.handlesCardAction));
    r.digests = await sendDigests(tx, claimed, {
      now,
      timeZone: ctx.settings.timeZone,
      roster,
      facts: (id) => facts.get(id) ?? {},
      outboxUuidFor,
      ids: deps.ids,
      log: deps.log,
    });
    lap('digests');
    r.adminsWarned = await step('holiday_warning', 0, (sp) => warnMissingHolidayData(sp, now, ctx, deps.config.admins, deps.ids));
    r.assessments = await step('assessment', 0, (sp) => sendQuarterlyAssessments(sp, now, roster, ctx, deps.ids));
    // The approval centre's drift repair: one check row when something was synced lately, else nothing.
    centreChecks = await step('centre_check', 0, (sp) => queueCentreCheck(sp, now, deps.ids));
    return r;
  });
  if (result.digests || result.adminsWarned || result.digestsPatched || result.assessments || centreChecks) deps.kickOutbox();
  deps.log.info('tick.done', { now: now.toISOString(), ms: Date.now() - started, phases, ...result });
  return result;
}
