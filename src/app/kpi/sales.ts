/**
 * Actual sales per person for a period, set-based: one GROUP BY over customer_transactions, each
 * transaction counted for the person named on it, else the customer's owner at noon of its day
 * from the ownership history (a range join on customer_owner_history: the spans of a customer
 * never overlap, so each transaction meets at most one). The same rule as src/domain/kpi/ownership.ts `saleOwner`, so a handover never
 * moves past sales. Unattributed sales come back under NOBODY ('').
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Q } from '../../../db/client.js';
import { periodDays, type Period } from '../../domain/kpi/period.js';
import { NOBODY } from '../../domain/kpi/tally.js';

/**
 * The transactions `t` joined to the owner `h` of each at noon of its day, and `person`, whom
 * its sale counts for: the one rule for every sales figure (this total, the month-by-month trend).
 */
export const salesRows = (timeZone: string): { from: SQL; person: SQL } => ({
  person: sql`coalesce(nullif(t.responsible_id, ''), h.owner_id)`,
  from: sql`customer_transactions t
        left join customer_owner_history h
          on h.customer_id = t.customer_id
         and h.from_at <= ((t.date + time '12:00') at time zone ${timeZone})
         and (h.to_at is null or h.to_at > ((t.date + time '12:00') at time zone ${timeZone}))`,
});

export async function salesByPerson(q: Q, period: Period, timeZone: string): Promise<Map<string, number>> {
  const { from, to } = periodDays(period);
  const s = salesRows(timeZone);
  const out = await rows<{ person: string | null; fen: string | number }>(
    q,
    sql`select ${s.person} as person, sum(t.amount_fen)::text as fen
        from ${s.from}
        where t.date >= ${from}::date and t.date <= ${to}::date
        group by 1`,
  );
  return new Map(out.map((r) => [r.person ?? NOBODY, Number(r.fen)]));
}
