/**
 * `待办`: what a person owes right now, from their open duties — the items a digest would carry,
 * but all of them, whether or not a reminder is due today. Pure: the caller loads the duties.
 */
import { ymd } from '../time.js';
import { URGENCY_RANK } from './digest.js';
import type { Obligation, ObligationKind } from './obligation.js';
import type { Urgency } from './steps.js';

export interface TodoSection {
  kind: ObligationKind;
  urgency: Urgency;
  items: { obligation: Obligation; urgency: Urgency }[];
}

/** Past its deadline: overdue; due on today's local date: due; later: upcoming. */
export function todoUrgency(dueAt: Date, now: Date, timeZone: string): Urgency {
  if (dueAt.getTime() < now.getTime()) return 'overdue';
  return ymd(dueAt, timeZone) === ymd(now, timeZone) ? 'due' : 'upcoming';
}

/** The person's open duties by kind, the most urgent kind first, each kind soonest deadline first. */
export function todoSections(duties: readonly Obligation[], ownerId: string, now: Date, timeZone: string): TodoSection[] {
  const byKind = new Map<ObligationKind, TodoSection['items']>();
  for (const d of duties) {
    if (d.ownerId !== ownerId || d.doneAt) continue;
    const items = byKind.get(d.kind) ?? [];
    items.push({ obligation: d, urgency: todoUrgency(d.dueAt, now, timeZone) });
    byKind.set(d.kind, items);
  }
  const sections = [...byKind].map(([kind, items]): TodoSection => {
    items.sort((a, b) => a.obligation.dueAt.getTime() - b.obligation.dueAt.getTime());
    const urgency = items.reduce<Urgency>((u, i) => (URGENCY_RANK[i.urgency] > URGENCY_RANK[u] ? i.urgency : u), 'upcoming');
    return { kind, urgency, items };
  });
  return sections.sort(
    (a, b) => URGENCY_RANK[b.urgency] - URGENCY_RANK[a.urgency] || a.items[0]!.obligation.dueAt.getTime() - b.items[0]!.obligation.dueAt.getTime(),
  );
}
