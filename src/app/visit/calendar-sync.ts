/**
 * Keeping an approved visit's (or reception's) event on the bot's Feishu calendar true (issue 13,
 * setting `calendarSync`). Each transition calls this in its own transaction: the wanted event
 * is written to `calendar_events` and one outbox row asks the drainer to sync it, so the sync
 * exists if and only if the change committed. A row already waiting for the subject carries the
 * new state too: changes before a drain become one patch (the drainer diffs, src/lark/calendar-sync.ts).
 */
import { and, eq, sql } from 'drizzle-orm';
import { calendarEvents, receptions, visits } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { receptionEvent, visitEvent, type EventSpec } from '../../domain/visit/calendar-event.js';
import { loadCustomer, loadRosterMap, type CustomerRow } from '../customer/store.js';
import type { SettingsRows } from '../settings-rows.js';
import { CALENDAR_SYNC_KEY, settingIsOn } from '../settings.js';
import { enqueueSubjectSync } from '../outbox.js';
import type { Ids } from '../../ids.js';
import type { Deps } from '../deps.js';

type VisitRow = typeof visits.$inferSelect;
type ReceptionRow = typeof receptions.$inferSelect;
type CalendarSubject = 'visit' | 'reception';

const CALENDAR_KIND = 'calendar' as const;
const calendarTarget = (type: CalendarSubject, id: string) => `${type}:${id}`;

const syncOn = (q: Q, known?: SettingsRows) => settingIsOn(q, CALENDAR_SYNC_KEY, known);

/** An approved (or done) plan has an event; a cancelled one none; a plan back in approval keeps what it had until approved again. */
export async function syncVisitEvent(q: Q, deps: Deps, row: VisitRow, now: Date, known: { customer?: CustomerRow; settings?: SettingsRows | undefined } = {}): Promise<void> {
  if (row.status === 'pending') return;
  // A cancelled visit's event comes off even after the sync was turned off: an invitation to a
  // visit that will not happen is worse than no calendar at all (none was put on: nothing to do).
  if (row.status === 'cancelled') return queueSync(q, deps.ids, 'visit', row.id, null, now);
  if (!(await syncOn(q, known.settings))) return;
  await queueSync(q, deps.ids, 'visit', row.id, await visitWanted(q, deps, row, known.customer), now);
}

export async function syncReceptionEvent(q: Q, deps: Deps, row: ReceptionRow, now: Date): Promise<void> {
  if (row.status === 'pending') return;
  if (row.status === 'cancelled') return queueSync(q, deps.ids, 'reception', row.id, null, now);
  if (!(await syncOn(q))) return;
  await queueSync(q, deps.ids, 'reception', row.id, await receptionWanted(q, deps, row), now);
}

async function visitWanted(q: Q, deps: Deps, row: VisitRow, known?: CustomerRow): Promise<EventSpec> {
  const roster = await loadRosterMap(q);
  const customer = known && known.id === row.customerId ? known : await loadCustomer(q, row.customerId);
  const nameOf = (id: string) => roster.get(id)?.name ?? id;
  return visitEvent({ customerName: customer.name, ownerName: nameOf(row.ownerId), at: row.visitAt, plan: row.plan, ownerId: row.ownerId, nameOf, timeZone: deps.config.timeZone });
}

async function receptionWanted(q: Q, deps: Deps, row: ReceptionRow): Promise<EventSpec> {
  const roster = await loadRosterMap(q);
  const customer = await loadCustomer(q, row.customerId);
  const nameOf = (id: string) => roster.get(id)?.name ?? id;
  return receptionEvent({ customerName: customer.name, ownerName: nameOf(row.ownerId), at: row.receptionAt, plan: row.plan, ownerId: row.ownerId, nameOf, timeZone: deps.config.timeZone });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

async function queueSync(q: Q, ids: Ids, type: CalendarSubject, id: string, wanted: EventSpec | null, now: Date): Promise<void> {
  const key = and(eq(calendarEvents.subjectType, type), eq(calendarEvents.subjectId, id));
  const [had] = await q.select().from(calendarEvents).where(key).for('update');
  // Nothing was ever put on the calendar: nothing to take off.
  if (!had && !wanted) return;
  if (had && same(had.wanted, wanted)) return;
  if (had) await q.update(calendarEvents).set({ wanted, version: sql`${calendarEvents.version} + 1`, updatedAt: now }).where(key);
  else await q.insert(calendarEvents).values({ subjectType: type, subjectId: id, wanted, version: 1, createdAt: now, updatedAt: now });
  await enqueueSubjectSync({ tx: q, deps: { ids } }, { kind: CALENDAR_KIND, target: calendarTarget(type, id), subjectType: type, subjectId: id });
}
