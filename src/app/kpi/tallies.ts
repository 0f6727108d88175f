/**
 * The per-person KPI tallies of a period straight from the tables, set-based: one GROUP BY per
 * kind of fact, each producing the Tally fields src/domain/kpi/tally.ts `tallyByPerson` would
 * build from the same rows (its doc comment has the attribution rules), so formulas.ts,
 * report.ts and the cards are reused unchanged. "Owner at the time" is a lateral look-up on
 * customer_owner_history (from_at <= t < to_at). Facts nobody can be found for come back under
 * NOBODY and count for the department only.
 *
 * Questions and feedback are judged against the due time stored with each (raised + the
 * standard time in force then), never today's setting. A valid complaint counts for the staff
 * member it names, else the owner on that day. Budgets here are the members' (a year's); the
 * team and department rows replace the members' sum in report.ts (scopeTally).
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Q } from '../../../db/client.js';
import { completeness } from '../../domain/customer/completeness.js';
import { periodDays, periodKey, periodRange, quarter, type Period } from '../../domain/kpi/period.js';
import { emptyTally, NOBODY, type Tally } from '../../domain/kpi/tally.js';
import type { Archive } from '../../domain/customer/archive.js';
import { loadCustomerSettings } from '../customer/store.js';
import { salesByPerson, salesRows } from './sales.js';

/** Owner of customer `c` at the instant `at` (SQL expressions), or null. */
const ownerAt = (customer: SQL, at: SQL): SQL =>
  sql`(select o.owner_id from customer_owner_history o where o.customer_id = ${customer} and o.from_at <= ${at} and (o.to_at is null or o.to_at > ${at}) order by o.from_at desc limit 1)`;

const n = (v: unknown): number => Number(v ?? 0);

export interface TallyContext {
  timeZone: string;
  now: Date;
  /** The archive's required fields (customer settings); loaded once per report. */
  requiredFields?: readonly string[];
  /** The archives' figures, which do not depend on the period: computed once per report (archiveTallies), perhaps still on the way. */
  archives?: ReadonlyMap<string, ArchiveTally> | Promise<ReadonlyMap<string, ArchiveTally>>;
  /** Per-query timings, for the bench. */
  onTiming?: (query: string, ms: number) => void;
  /**
   * Only these people's tallies are needed (a person's or a team's card). The heavy passes
   * (visits, archives) then read only their rows; the rest still count everyone, and the map
   * may hold others, whom the report ignores.
   */
  people?: readonly string[];
}

/** `and <column> in (…)` when the report needs only some people, else nothing. */
const onlyPeople = (column: string, people: readonly string[] | undefined) =>
  people ? sql`and ${sql.raw(column)} in (${people.length ? sql.join(people.map((p) => sql`${p}`), sql`, `) : sql`null`})` : sql``;

export type ArchiveTally = Pick<Tally, 'archives' | 'archiveFilled' | 'archiveRequired' | 'archivesComplete'>;

/** Archives as they stand, per current owner (the filled/required pair needs the archive form's rules). */
export async function archiveTallies(q: Q, requiredFields?: readonly string[], people?: readonly string[]): Promise<Map<string, ArchiveTally>> {
  const required = requiredFields ?? (await loadCustomerSettings(q)).requiredFields;
  const out = new Map<string, ArchiveTally>();
  const list = await rows<{ owner_id: string; archive: Archive | string }>(q, sql`select owner_id, archive from customers where owner_id is not null ${onlyPeople('owner_id', people)}`);
  for (const r of list) {
    const c = completeness(typeof r.archive === 'string' ? (JSON.parse(r.archive) as Archive) : r.archive, required);
    const t = out.get(r.owner_id) ?? { archives: 0, archiveFilled: 0, archiveRequired: 0, archivesComplete: 0 };
    t.archives++;
    t.archiveFilled += c.filled;
    t.archiveRequired += c.required;
    if (c.filled >= c.required) t.archivesComplete++;
    out.set(r.owner_id, t);
  }
  return out;
}

/** Approved reimbursements (服务费用开支) per claimant, by the day of the approval in the company zone. */
export async function costsByPerson(q: Q, period: Period, tz: string): Promise<Map<string, number>> {
  const { from, to } = periodDays(period);
  const costs = await rows<{ person: string; fen: string }>(
    q,
    sql`select r.owner_id as person, sum(r.total_fen)::text as fen
        from reimbursements r join approval_requests a on a.id = r.request_id
        where r.status = 'approved' and a.status = 'approved'
          and (a.updated_at at time zone ${tz})::date >= ${from}::date and (a.updated_at at time zone ${tz})::date <= ${to}::date
        group by 1`,
  );
  return new Map(costs.map((r) => [r.person, n(r.fen)]));
}

export async function tallyByPersonSql(q: Q, period: Period, ctx: TallyContext): Promise<Map<string, Tally>> {
  const { timeZone: tz, now } = ctx;
  let mark = performance.now();
  const lap = (name: string) => {
    if (!ctx.onTiming) return;
    const t = performance.now();
    ctx.onTiming(name, t - mark);
    mark = t;
  };
  const { start, end } = periodRange(period, tz);
  const { from, to } = periodDays(period);
  const startTs = start.toISOString();
  const endTs = end.toISOString();
  const nowTs = now.toISOString();
  const out = new Map<string, Tally>();
  const of = (id: string | null | undefined): Tally => {
    const key = id || NOBODY;
    let t = out.get(key);
    if (!t) out.set(key, (t = emptyTally()));
    return t;
  };

  for (const [person, fen] of await salesByPerson(q, period, tz)) of(person).salesFen += fen;

  lap('sales');
  // Targets in force (the latest version of each), per specialist; a year without one sums its quarters.
  const quarters = period.kind === 'year' ? [1, 2, 3, 4].map((i) => periodKey(quarter(period.year, i))) : [];
  const keys = [periodKey(period), ...quarters];
  const targets = await rows<{ specialist_id: string; period_key: string; fen: string }>(
    q,
    sql`select t.specialist_id, t.period_key, sum(v.amount_fen)::text as fen
        from sales_targets t
        join lateral (select amount_fen from sales_target_versions v where v.target_id = t.id order by v.version desc limit 1) v on true
        where t.period_key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})
        group by 1, 2`,
  );
  const own = new Map<string, number>();
  const fromQ = new Map<string, number>();
  for (const r of targets) {
    if (r.period_key === periodKey(period)) own.set(r.specialist_id, (own.get(r.specialist_id) ?? 0) + n(r.fen));
    else fromQ.set(r.specialist_id, (fromQ.get(r.specialist_id) ?? 0) + n(r.fen));
  }
  for (const [id, fen] of fromQ) {
    if (own.has(id)) continue;
    Object.assign(of(id), { targetFen: fen, withTarget: 1, targetFromQuarters: true });
  }
  for (const [id, fen] of own) Object.assign(of(id), { targetFen: fen, withTarget: 1 });

  // Planned new key accounts of the period itself (开发计划数), per specialist.
  const plans = await rows<{ person: string; planned: string }>(
    q,
    sql`select specialist_id as person, sum(planned_new)::text as planned from development_targets where period_key = ${periodKey(period)} group by 1`,
  );
  for (const r of plans) {
    const t = of(r.person);
    t.plannedNew = (t.plannedNew ?? 0) + n(r.planned);
  }

  lap('targets');
  // Key accounts at the start (the last move before it left them won or serving), for the owner then.
  const keyAtStart = await rows<{ person: string | null; c: string }>(
    q,
    sql`select ${ownerAt(sql`s.customer_id`, sql`${startTs}::timestamptz`)} as person, count(*)::text as c
        from (select distinct on (customer_id) customer_id, to_stage from customer_stage_history
              where at < ${startTs}::timestamptz order by customer_id, at desc, id desc) s
        where s.to_stage in ('won', 'serving')
        group by 1`,
  );
  for (const r of keyAtStart) of(r.person).keyAtStart += n(r.c);
  lap('key_at_start');
  // Won in the period from a non-key stage (once per customer, the first), churned (once, the last).
  const moves = await rows<{ kind: 'won' | 'churned'; person: string | null; c: string }>(
    q,
    sql`select m.kind, ${ownerAt(sql`m.customer_id`, sql`m.at`)} as person, count(*)::text as c from (
          (select distinct on (customer_id) 'won' as kind, customer_id, at from customer_stage_history
           where to_stage = 'won' and from_stage not in ('won', 'serving') and at >= ${startTs}::timestamptz and at < ${endTs}::timestamptz
           order by customer_id, at, id)
          union all
          (select distinct on (customer_id) 'churned' as kind, customer_id, at from customer_stage_history
           where to_stage = 'churned' and at >= ${startTs}::timestamptz and at < ${endTs}::timestamptz
           order by customer_id, at desc, id desc)
        ) m group by 1, 2`,
  );
  for (const r of moves) of(r.person)[r.kind] += n(r.c);

  lap('stages');
  // Complaints by the day received, for the staff member named, else the owner at noon of that day.
  const complaints = await rows<{ person: string | null; c: string; valid: string }>(
    q,
    sql`select coalesce(nullif(x.staff_id, ''), ${ownerAt(sql`x.customer_id`, sql`((x.received_on + time '12:00') at time zone ${tz})`)}) as person,
               count(*)::text as c, count(*) filter (where x.valid)::text as valid
        from customer_complaints x
        where x.received_on >= ${from}::date and x.received_on <= ${to}::date
        group by 1`,
  );
  for (const r of complaints) {
    const t = of(r.person);
    t.complaints += n(r.c);
    t.validComplaints += n(r.valid);
  }

  lap('complaints');
  // Questions asked and feedback raised in the period, each with its due stored when it came in,
  // for the owner at that moment: answered (on time or not), late and still open, open and not yet due.
  const timely = (table: 'customer_questions' | 'customer_feedback', raisedAt: string, doneAt: string) => {
    const [raised, done] = [sql.raw(`x.${raisedAt}`), sql.raw(`x.${doneAt}`)];
    return rows<{ person: string | null; done: string; on_time: string; late_open: string; open: string }>(
      q,
      sql`select ${ownerAt(sql`x.customer_id`, raised)} as person,
                 count(*) filter (where ${done} is not null)::text as done,
                 count(*) filter (where ${done} is not null and ${done} <= x.due_at)::text as on_time,
                 count(*) filter (where ${done} is null and x.due_at < ${nowTs}::timestamptz)::text as late_open,
                 count(*) filter (where ${done} is null and x.due_at >= ${nowTs}::timestamptz)::text as open
          from ${sql.raw(table)} x
          where ${raised} >= ${startTs}::timestamptz and ${raised} < ${endTs}::timestamptz
          group by 1`,
    );
  };
  for (const r of await timely('customer_questions', 'asked_at', 'answered_at')) {
    const t = of(r.person);
    t.questions += n(r.done) + n(r.late_open);
    t.questionsOnTime += n(r.on_time);
    t.questionsOpen += n(r.open);
  }

  lap('questions');
  for (const r of await timely('customer_feedback', 'raised_at', 'given_at')) {
    const t = of(r.person);
    t.feedbackDue += n(r.done) + n(r.late_open);
    t.feedbackOnTime += n(r.on_time);
    t.feedbackOpen += n(r.open);
  }

  lap('feedback');
  // Follow-ups due in the period and already due (tomorrow's is not yet missed), for whoever owes them.
  const followUps = await rows<{ person: string; due: string; done: string }>(
    q,
    sql`select owner_id as person, count(*)::text as due, count(*) filter (where done_at is not null)::text as done
        from obligations
        where kind = 'follow_up' and cancelled_at is null
          and due_at >= ${startTs}::timestamptz and due_at < ${endTs}::timestamptz and due_at <= ${nowTs}::timestamptz
        group by 1`,
  );
  for (const r of followUps) {
    const t = of(r.person);
    t.followUpsDue += n(r.due);
    t.followUpsDone += n(r.done);
  }

  lap('follow_ups');
  for (const [person, fen] of await costsByPerson(q, period, tz)) of(person).costFen += fen;

  lap('costs');
  // The members' service-cost budgets of the year (a budget is yearly: a month or quarter has none).
  if (period.kind === 'year') {
    const budgets = await rows<{ person: string; fen: string }>(
      q,
      sql`select scope_id as person, sum(amount_fen)::text as fen from service_budgets where year = ${period.year} and scope_kind = 'member' group by 1`,
    );
    for (const r of budgets) {
      const t = of(r.person);
      t.budgetFen = (t.budgetFen ?? 0) + n(r.fen);
    }
  }

  lap('budgets');
  // Archives as they stand, for their current owner.
  for (const [owner, a] of await (ctx.archives ?? archiveTallies(q, ctx.requiredFields, ctx.people))) {
    const t = of(owner);
    t.archives += a.archives;
    t.archiveFilled += a.archiveFilled;
    t.archiveRequired += a.archiveRequired;
    t.archivesComplete += a.archivesComplete;
  }

  lap('archives');
  // Visits made in the period against the service standard, and the ratings recorded with their follow-ups.
  const visits = await rows<{ person: string; judged: string; to_standard: string; pending: string; rating_sum: string; rating_count: string }>(
    q,
    sql`select v.owner_id as person,
               count(*) filter (where fu.state <> 'pending')::text as judged,
               count(*) filter (where fu.state = 'on_time' and plan_ok and record_ok)::text as to_standard,
               count(*) filter (where fu.state = 'pending')::text as pending,
               coalesce(sum(rating) filter (where rating between 1 and 5), 0)::text as rating_sum,
               count(rating) filter (where rating between 1 and 5)::text as rating_count
        from (
          select v.*,
            coalesce(a.status = 'approved' and a.updated_at <= v.visit_at, false) as plan_ok,
            coalesce(v.recorded_at <= d.record_due, false) as record_ok,
            d.fu_due,
            case when jsonb_typeof(v.follow_up->'satisfaction') = 'number' then (v.follow_up->>'satisfaction')::numeric end as rating
          from visits v
          left join approval_requests a on a.id = v.request_id
          left join (
            select o.subject_id, min(o.due_at) filter (where o.kind = 'visit_record') as record_due, min(o.due_at) filter (where o.kind = 'follow_up') as fu_due
            from obligations o
            where o.subject_type = 'visit' and o.kind in ('visit_record', 'follow_up')
              and o.subject_id in (select id from visits where status = 'recorded' and visit_at >= ${startTs}::timestamptz and visit_at < ${endTs}::timestamptz ${onlyPeople('owner_id', ctx.people)})
            group by o.subject_id
          ) d on d.subject_id = v.id
          where v.status = 'recorded' and v.visit_at >= ${startTs}::timestamptz and v.visit_at < ${endTs}::timestamptz ${onlyPeople('v.owner_id', ctx.people)}
        ) v
        cross join lateral (select case
            when v.followed_up_at is not null then (case when v.fu_due is null or v.followed_up_at <= v.fu_due then 'on_time' else 'late' end)
            when v.fu_due is null or v.fu_due >= ${nowTs}::timestamptz then 'pending'
            else 'late' end as state) fu
        group by 1`,
  );
  for (const r of visits) {
    const t = of(r.person);
    t.visits += n(r.judged);
    t.visitsToStandard += n(r.to_standard);
    t.visitsPending += n(r.pending);
    t.ratingSum += n(r.rating_sum);
    t.ratingCount += n(r.rating_count);
  }
  lap('visits');
  return out;
}

/**
 * The month-by-month tallies of a period for the card's line (sales and revisit rate): sales
 * and follow-ups are sums, so one GROUP BY (month, person) each replaces a full pass per month.
 * Only those fields are filled; the rest of each month's tally stays empty.
 */
export async function monthlyLineTallies(q: Q, period: Period, ctx: TallyContext): Promise<Map<string, Map<string, Tally>>> {
  const { timeZone: tz, now } = ctx;
  const { start, end } = periodRange(period, tz);
  const { from, to } = periodDays(period);
  const out = new Map<string, Map<string, Tally>>();
  const of = (month: string, id: string | null): Tally => {
    const m = out.get(month) ?? new Map<string, Tally>();
    out.set(month, m);
    const key = id || NOBODY;
    let t = m.get(key);
    if (!t) m.set(key, (t = emptyTally()));
    return t;
  };
  const s = salesRows(tz);
  const sales = await rows<{ month: string; person: string | null; fen: string }>(
    q,
    sql`select to_char(t.date, 'YYYY-MM') as month, ${s.person} as person, sum(t.amount_fen)::text as fen
        from ${s.from}
        where t.date >= ${from}::date and t.date <= ${to}::date
        group by 1, 2`,
  );
  for (const r of sales) of(r.month, r.person).salesFen += n(r.fen);
  const followUps = await rows<{ month: string; person: string; due: string; done: string }>(
    q,
    sql`select to_char(due_at at time zone ${tz}, 'YYYY-MM') as month, owner_id as person, count(*)::text as due, count(*) filter (where done_at is not null)::text as done
        from obligations
        where kind = 'follow_up' and cancelled_at is null
          and due_at >= ${start.toISOString()}::timestamptz and due_at < ${end.toISOString()}::timestamptz and due_at <= ${now.toISOString()}::timestamptz
        group by 1, 2`,
  );
  for (const r of followUps) {
    const t = of(r.month, r.person);
    t.followUpsDue += n(r.due);
    t.followUpsDone += n(r.done);
  }
  return out;
}
