/**
 * Actual sales per person for a period, set-based: one GROUP BY over customer_transactions, each
 * transaction counted for the person named on it, else the customer's owner at noon of its day
 * from the ownership history (a lateral look-up on customer_owner_history's (customer_id,
 * from_at) index). The same rule as src/domain/kpi/ownership.ts `saleOwner`, so a handover never
 * moves past sales. Unattributed sales come back under NOBODY ('').
 */
import { sql } from 'drizzle-orm';
import { rows, type Q } from '../../../db/client.js';
import { periodDays, type Period } from '../../domain/kpi/period.js';
import { NOBODY } from '../../domain/kpi/tally.js';

export async function salesByPerson(q: Q, period: Period, timeZone: string): Promise<Map<string, number>> {
  const { from, to } = periodDays(period);
  const out = await rows<{ person: string | null; fen: string | number }>(
    q,
    sql`select coalesce(nullif(t.responsible_id, ''), h.owner_id) as person, sum(t.amount_fen)::text as fen
        from customer_transactions t
        left join lateral (
          select o.owner_id from customer_owner_history o
          where o.customer_id = t.customer_id
            and o.from_at <= ((t.date + time '12:00') at time zone ${timeZone})
            and (o.to_at is null or o.to_at > ((t.date + time '12:00') at time zone ${timeZone}))
          order by o.from_at desc
          limit 1
        ) h on true
        where t.date >= ${from}::date and t.date <= ${to}::date
        group by 1`,
  );
  return new Map(out.map((r) => [r.person ?? NOBODY, Number(r.fen)]));
}
