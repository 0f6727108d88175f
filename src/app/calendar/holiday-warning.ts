/**
 * From November on, warn the admins (at most once a week) when next year has neither official
 * calendar data nor any override: its deadlines would silently count Mon–Fri only.
 */
import { eq } from 'drizzle-orm';
import { settings } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { holidayDataWarningCard } from '../../../cards/calendar-warning.js';
import { needsHolidayData } from '../../domain/calendar.js';
import { wallParts } from '../../domain/time.js';
import { adminRecipients } from '../admins.js';
import type { ReminderContext } from '../reminders/context.js';
import { enqueueSend } from '../outbox.js';
import type { Ids } from '../../ids.js';

const HOLIDAY_WARNING_KEY = 'calendar.holiday_warning';
const WEEK_MS = 7 * 24 * 3600 * 1000;
const FROM_MONTH = 11;

/** Returns how many admins were warned (0 when not needed or warned in the last week). */
export async function warnMissingHolidayData(q: Q, now: Date, ctx: ReminderContext, configuredAdmins: readonly string[], ids: Ids): Promise<number> {
  const p = wallParts(now, ctx.settings.timeZone);
  const year = p.year + 1;
  if (p.month < FROM_MONTH || !needsHolidayData(year, ctx.overrides)) return 0;
  const [row] = await q.select({ value: settings.value }).from(settings).where(eq(settings.key, HOLIDAY_WARNING_KEY));
  const last = (row?.value as { at?: string } | undefined)?.at;
  if (last && now.getTime() - new Date(last).getTime() < WEEK_MS) return 0;
  const admins = await adminRecipients(q, configuredAdmins);
  const value = { at: now.toISOString(), year };
  await q.insert(settings).values({ key: HOLIDAY_WARNING_KEY, value, updatedAt: now }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } });
  for (const openId of admins) await enqueueSend({ tx: q, deps: { ids } }, { openId }, { card: holidayDataWarningCard(year) });
  return admins.length;
}
