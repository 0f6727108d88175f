/**
 * The reminder settings and calendar overrides as stored (settings rows), merged over the
 * defaults. A bad stored value must not silence every reminder, so it is logged and the
 * defaults are used instead.
 */
import { eq } from 'drizzle-orm';
import { settings } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import type { CalendarOverrides } from '../../domain/calendar.js';
import { resolveReminderSettings, type ReminderSettings } from '../../domain/reminders/index.js';
import type { Logger } from '../../log.js';
import { settingRows, type SettingsRows } from '../settings-rows.js';

export const REMINDER_SETTINGS_KEY = 'reminders';
export const CALENDAR_OVERRIDES_KEY = 'calendar.overrides';

export interface ReminderContext {
  settings: ReminderSettings;
  overrides: CalendarOverrides;
}

const asDays = (v: unknown): Record<string, string> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter(([k, label]) => /^\d{4}-\d{2}-\d{2}$/.test(k) && typeof label === 'string'));
};

function toOverrides(value: unknown): CalendarOverrides {
  const v = (value ?? {}) as { holidays?: unknown; workdays?: unknown };
  return { holidays: asDays(v.holidays), workdays: asDays(v.workdays) };
}

export async function loadCalendarOverrides(q: Q): Promise<CalendarOverrides> {
  const [row] = await q.select({ value: settings.value }).from(settings).where(eq(settings.key, CALENDAR_OVERRIDES_KEY));
  return toOverrides(row?.value);
}

/** Settings over the defaults; the company zone (KAM_TIMEZONE) unless a stored value names one. */
export async function loadReminderContext(q: Q, o: { timeZone: string; log?: Logger; settings?: SettingsRows }): Promise<ReminderContext> {
  const byKey = await settingRows(q, [REMINDER_SETTINGS_KEY, CALENDAR_OVERRIDES_KEY], o.settings);
  const raw = byKey.get(REMINDER_SETTINGS_KEY);
  const merged = { timeZone: o.timeZone, ...(typeof raw === 'object' && raw !== null ? raw : {}) };
  let resolved: ReminderSettings;
  try {
    resolved = resolveReminderSettings(merged);
  } catch (e) {
    o.log?.error('reminders.bad_settings', { error: e });
    resolved = resolveReminderSettings({ timeZone: o.timeZone });
  }
  return { settings: resolved, overrides: toOverrides(byKey.get(CALENDAR_OVERRIDES_KEY)) };
}
