/**
 * An approved visit or reception as an event on the bot's Feishu calendar (lark-more.md §7): what
 * the event should say, and the calls that bring what Lark has to that. Pure: the app layer
 * builds the wanted event in the transition's transaction, the drainer applies the steps.
 *
 * Lark's calendar takes Unix *seconds* as strings (13-digit milliseconds are refused with
 * 190002), the zone as an IANA name, and adds attendees in a call of its own after the create.
 */
import { formatDateTime } from '../time.js';
import type { ReceptionPlan, VisitPlan } from './types.js';

/** Neither a visit nor a reception has an end time in its plan: the event blocks two hours. */
const EVENT_MINUTES = 120;

/** What the event on the bot's calendar should be; `attendees` are open_ids, sorted, no repeats. */
export interface EventSpec {
  summary: string;
  description: string;
  location: string;
  /** Unix seconds. */
  start: number;
  end: number;
  timeZone: string;
  attendees: string[];
}

export type EventFields = Omit<EventSpec, 'attendees'>;

export type SyncStep =
  | { op: 'create'; fields: EventFields }
  | { op: 'patch'; fields: Partial<EventFields> }
  | { op: 'invite'; openIds: string[] }
  | { op: 'uninvite'; openIds: string[] }
  | { op: 'delete' };

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
const people = (ids: readonly (string | null | undefined)[]) => [...new Set(ids.filter((x): x is string => !!x))].sort();
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Lark: summary ≤ 1000 characters, description ≤ 40960, location name 1–512. */
function spec(s: Omit<EventSpec, 'summary' | 'description' | 'location'> & { summary: string; description: string; location: string }): EventSpec {
  return { ...s, summary: clip(s.summary, 1000), description: clip(s.description, 40_960), location: clip(s.location, 512) };
}

export interface VisitEventFacts {
  customerName: string;
  ownerName: string;
  at: Date;
  plan: VisitPlan;
  ownerId: string;
  /** Our people's names, for the description. */
  nameOf: (openId: string) => string;
  timeZone: string;
}

/** The planner and the colleagues going along are invited; the customer's people are named in the description. */
export function visitEvent(f: VisitEventFacts): EventSpec {
  const start = seconds(f.at);
  const contacts = f.plan.contacts.map((c) => (c.roles.length ? `${c.name}（${c.roles.join('、')}）` : c.name)).join('、');
  const ours = people([f.ownerId, ...f.plan.attendees]);
  const description = [
    `拜访时间 Time: ${formatDateTime(f.at, f.timeZone)}`,
    `地点 Place: ${f.plan.place}`,
    `目的 Purpose: ${f.plan.purpose}`,
    `客户方人员 Customer's people: ${contacts || '—'}`,
    `我方人员 Our people: ${ours.map(f.nameOf).join('、')}`,
    `负责人 Lead: ${f.ownerName}`,
    '由大客户助手根据已批准的拜访计划创建 · Created by the KAM bot from the approved visit plan',
  ].join('\n');
  return spec({
    summary: `客户拜访 Customer visit · ${f.customerName}`,
    description,
    location: f.plan.place,
    start,
    end: start + EVENT_MINUTES * 60,
    timeZone: f.timeZone,
    attendees: ours,
  });
}

export interface ReceptionEventFacts {
  customerName: string;
  ownerName: string;
  at: Date;
  plan: ReceptionPlan;
  ownerId: string;
  nameOf: (openId: string) => string;
  timeZone: string;
}

/** The lead, the hosts and the accompanying leader are invited; the guests are named in the description. */
export function receptionEvent(f: ReceptionEventFacts): EventSpec {
  const start = seconds(f.at);
  const ours = people([f.ownerId, ...f.plan.hosts, f.plan.leaderId]);
  const lines = [
    `接待时间 Time: ${formatDateTime(f.at, f.timeZone)}`,
    `地点 Venue: ${f.plan.venue}`,
    `来访客人 Guests: ${f.plan.guests}`,
    `我方人员 Our people: ${ours.map(f.nameOf).join('、')}`,
    `负责人 Lead: ${f.ownerName}`,
  ];
  if (f.plan.meals) lines.push(`用餐 Meals: ${f.plan.meals}`);
  if (f.plan.lodging) lines.push(`住宿 Lodging: ${f.plan.lodging}`);
  lines.push('由大客户助手根据已批准的接待计划创建 · Created by the KAM bot from the approved reception plan');
  return spec({
    summary: `客户接待 Customer reception · ${f.customerName}`,
    description: lines.join('\n'),
    location: f.plan.venue,
    start,
    end: start + EVENT_MINUTES * 60,
    timeZone: f.timeZone,
    attendees: ours,
  });
}

const FIELDS = ['summary', 'description', 'location', 'start', 'end', 'timeZone'] as const satisfies readonly (keyof EventFields)[];

const fieldsOf = (s: EventSpec): EventFields => ({ summary: s.summary, description: s.description, location: s.location, start: s.start, end: s.end, timeZone: s.timeZone });

/**
 * The calls that turn what Lark has (`synced`, under `eventId`) into `wanted` (null: no event).
 * An event never created whose time has passed is not created any more (a sync paused over the
 * month's end catches up on what is still to come only). Several changes made before one drain
 * are one patch: the diff is between the two states, not a replay of the changes.
 */
export function syncSteps(wanted: EventSpec | null, synced: EventSpec | null, eventId: string | null, nowSeconds: number): SyncStep[] {
  if (!wanted) return eventId ? [{ op: 'delete' }] : [];
  if (!eventId) {
    if (wanted.end <= nowSeconds) return [];
    const steps: SyncStep[] = [{ op: 'create', fields: fieldsOf(wanted) }];
    if (wanted.attendees.length) steps.push({ op: 'invite', openIds: wanted.attendees });
    return steps;
  }
  const steps: SyncStep[] = [];
  const had = synced ?? null;
  const patch: Partial<EventFields> = {};
  for (const k of FIELDS) if (!had || had[k] !== wanted[k]) (patch as Record<string, unknown>)[k] = wanted[k];
  // Lark takes a start or an end only as a pair with its zone.
  if ('start' in patch || 'end' in patch || 'timeZone' in patch) Object.assign(patch, { start: wanted.start, end: wanted.end, timeZone: wanted.timeZone });
  if (Object.keys(patch).length) steps.push({ op: 'patch', fields: patch });
  const before = new Set(had?.attendees ?? []);
  const after = new Set(wanted.attendees);
  const added = wanted.attendees.filter((id) => !before.has(id));
  const removed = [...before].filter((id) => !after.has(id)).sort();
  if (added.length) steps.push({ op: 'invite', openIds: added });
  if (removed.length) steps.push({ op: 'uninvite', openIds: removed });
  return steps;
}

/** Lark's idempotency key for creating the event: 32–128 characters, unique per app and calendar. */
export function eventIdempotencyKey(subjectType: string, subjectId: string): string {
  return `kam-bot-calendar-${subjectType}-${subjectId}`.padEnd(32, '0').slice(0, 128);
}

/** The time fields as Lark's body has them: seconds as a string, with the zone. */
export const larkTime = (unixSeconds: number, timeZone: string) => ({ timestamp: String(unixSeconds), timezone: timeZone });
