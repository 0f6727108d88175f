/**
 * One message per person per run (domain.md §4): everything due for a recipient is folded into a
 * single digest instead of one message per item.
 *
 * Build digests from the intents this run actually claimed in storage (the unique
 * (obligation, recipient, step) insert), so a concurrent tick cannot send the same item twice.
 */
import type { NudgeIntent, NudgeKind, Urgency } from './ladder.js';

/** Higher is more urgent. */
export const URGENCY_RANK: Readonly<Record<Urgency, number>> = { escalation: 3, overdue: 2, due: 1, upcoming: 0 };

export interface DigestSection {
  kind: NudgeKind;
  /** The most urgent item's urgency. */
  urgency: Urgency;
  items: NudgeIntent[];
}

export interface Digest {
  recipientId: string;
  createdAt: Date;
  /** The most urgent item overall: what the card's header colour shows. */
  urgency: Urgency;
  /** The recipient's own duties, grouped by kind, most urgent group first. */
  own: DigestSection[];
  /**
   * Other people's late work this person oversees, as ONE list: a manager's or superior's
   * escalations, an assistant's missed check-ins. Most urgent first, then by person.
   */
  oversight: NudgeIntent[];
  /** Every item in the digest (own and oversight), e.g. to link the sent message to each. */
  intents: NudgeIntent[];
}

const time = (d: Date) => d.getTime();

/** Most urgent first, then the earliest deadline, then a stable tie-break. */
export function compareIntents(a: NudgeIntent, b: NudgeIntent): number {
  return (
    URGENCY_RANK[b.urgency] - URGENCY_RANK[a.urgency] ||
    time(a.dueAt) - time(b.dueAt) ||
    a.obligationId.localeCompare(b.obligationId) ||
    a.step.localeCompare(b.step)
  );
}

/** Oversight lists read as "who is late for what": grouped by kind, then by person. */
function compareOversight(a: NudgeIntent, b: NudgeIntent): number {
  return (
    URGENCY_RANK[b.urgency] - URGENCY_RANK[a.urgency] ||
    a.kind.localeCompare(b.kind) ||
    a.ownerId.localeCompare(b.ownerId) ||
    compareIntents(a, b)
  );
}

const mostUrgent = (items: readonly NudgeIntent[]): Urgency =>
  items.reduce<Urgency>((u, i) => (URGENCY_RANK[i.urgency] > URGENCY_RANK[u] ? i.urgency : u), 'upcoming');

function sectionsOf(items: NudgeIntent[]): DigestSection[] {
  const byKind = new Map<NudgeKind, NudgeIntent[]>();
  for (const i of items) byKind.set(i.kind, [...(byKind.get(i.kind) ?? []), i]);
  return [...byKind.entries()]
    .map(([kind, list]) => {
      const sorted = list.sort(compareIntents);
      return { kind, urgency: mostUrgent(sorted), items: sorted };
    })
    .sort((a, b) => compareIntents(a.items[0]!, b.items[0]!) || a.kind.localeCompare(b.kind));
}

/**
 * One digest per recipient, sorted by recipient id. Duplicate intents (same obligation,
 * recipient and step) are kept once.
 */
export function buildDigests(intents: readonly NudgeIntent[], now: Date): Digest[] {
  const byRecipient = new Map<string, Map<string, NudgeIntent>>();
  for (const i of intents) {
    const mine = byRecipient.get(i.recipientId) ?? new Map<string, NudgeIntent>();
    mine.set(`${i.obligationId}\u0000${i.step}`, i);
    byRecipient.set(i.recipientId, mine);
  }
  return [...byRecipient.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([recipientId, mine]) => {
      const all = [...mine.values()];
      const own = all.filter((i) => i.recipientRole === 'owner');
      const oversight = all.filter((i) => i.recipientRole !== 'owner').sort(compareOversight);
      const sections = sectionsOf(own);
      return {
        recipientId,
        createdAt: now,
        urgency: mostUrgent(all),
        own: sections,
        oversight,
        intents: [...sections.flatMap((s) => s.items), ...oversight],
      };
    });
}
