/**
 * Owner at the time (负责人归属): who owned a customer at an instant, read from its ownership
 * history (spans from creation, every owner change and every handover). The KPIs attribute a
 * fact to the owner at the time it happened, so a handover moves future work, never past sales.
 *
 * A span covers [from, to): at the very instant of a change the new owner owns it. A sale is
 * dated by day only; it is read at noon of that day in the company's zone (`saleInstant`), so a
 * handover recorded that morning or evening does not decide the whole day by the hour it was typed.
 * The SQL of the KPI queries uses the same rule (from_at <= t and (to_at is null or t < to_at)).
 */
import { atZonedYmd } from '../time.js';
import type { OwnershipSpan } from './facts.js';

/** The owner whose span covers `at`, or null when nobody owned the customer then. */
export function ownerAt(spans: readonly OwnershipSpan[], customerId: string, at: Date): string | null {
  const t = at.getTime();
  for (const s of spans) {
    if (s.customerId === customerId && s.from.getTime() <= t && (s.to === null || t < s.to.getTime())) return s.ownerId;
  }
  return null;
}

/** The instant a date-only fact (a transaction's day) is attributed at: noon in the zone. */
export const saleInstant = (day: string, timeZone: string): Date => atZonedYmd(day, timeZone, 12);

/**
 * Who a sale counts for: the person named on the transaction, else the customer's owner at noon
 * of its day. (Recording a transaction names the owner at its day, so both agree.)
 */
export function saleOwner(spans: readonly OwnershipSpan[], sale: { customerId: string; date: string; responsibleId?: string | null }, timeZone: string): string | null {
  return sale.responsibleId || ownerAt(spans, sale.customerId, saleInstant(sale.date, timeZone));
}

/** Many look-ups over one history: the spans grouped per customer, so each answer reads only that customer's spans. */
export class OwnershipIndex {
  private readonly byCustomer = new Map<string, OwnershipSpan[]>();
  constructor(spans: readonly OwnershipSpan[]) {
    for (const s of spans) {
      const list = this.byCustomer.get(s.customerId) ?? [];
      list.push(s);
      this.byCustomer.set(s.customerId, list);
    }
  }
  ownerAt(customerId: string, at: Date): string | null {
    return ownerAt(this.byCustomer.get(customerId) ?? [], customerId, at);
  }
}
