/**
 * The settings rows one unit of work reads, read once and handed on (as a click's roster is):
 * an approval that opens two duties, syncs the calendar, the tasks and the approval centre used
 * to read `settings` five or six times in one transaction, at ~1 ms of PGlite CPU each. The card
 * callback makes one per click; whoever is handed none reads the rows itself, as before.
 *
 * Only the keys the transitions ask for are in the snapshot; a reader of any other key (or a
 * writer, who locks its rows) goes to the table. Nothing in a click writes these rows.
 */
import { inArray } from 'drizzle-orm';
import { settings } from '../../db/schema/index.js';
import type { Q } from '../../db/client.js';

/** The keys a transition reads (reminder rules and calendar for duties, the three sync switches). */
const SNAPSHOT_KEYS = ['reminders', 'calendar.overrides', 'calendarSync', 'taskSync', 'approvalCentre'] as const;

export interface SettingsRows {
  /** The stored values of these keys (absent keys are not in the map). */
  read(keys: readonly string[]): Promise<ReadonlyMap<string, unknown>>;
}

async function readRows(q: Q, keys: readonly string[]): Promise<Map<string, unknown>> {
  const rows = await q.select({ key: settings.key, value: settings.value }).from(settings).where(inArray(settings.key, [...keys]));
  return new Map(rows.map((r) => [r.key, r.value]));
}

/** A snapshot read on first use, in `q` (the click's transaction). */
export function settingsOnce(q: Q): SettingsRows {
  let all: Promise<Map<string, unknown>> | null = null;
  return {
    read(keys) {
      if (!keys.every((k) => (SNAPSHOT_KEYS as readonly string[]).includes(k))) return readRows(q, keys);
      all ??= readRows(q, SNAPSHOT_KEYS);
      return all;
    },
  };
}

/** The rows of these keys: from the snapshot when one is handed on, else read now. */
export function settingRows(q: Q, keys: readonly string[], known?: SettingsRows): Promise<ReadonlyMap<string, unknown>> {
  return known ? known.read(keys) : readRows(q, keys);
}
