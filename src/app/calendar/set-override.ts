/**
 * Admins' calendar overrides (stored in settings, read by every deadline and the tick): a day
 * off the official calendar does not know (a company holiday, next year's schedule before the
 * library has it) or a make-up working day (调休). A day is either one or the other.
 */
import { auditLog, settings } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { dayInfo } from '../../domain/calendar.js';
import { DomainError } from '../../domain/errors.js';
import { i18n } from '../../domain/i18n.js';
import { CALENDAR_OVERRIDES_KEY, loadCalendarOverrides } from '../reminders/context.js';

export type OverrideKind = 'holiday' | 'workday';
export const LABEL_MAX = 30;

export async function setCalendarOverride(
  q: Q,
  input: { actorId: string; kind: OverrideKind; day: string; label: string | null; remove: boolean; now: Date },
): Promise<{ changed: boolean }> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.day)) {
    throw new DomainError('VALIDATION', i18n(`日期格式应为 2027-01-01，收到「${input.day}」。`, `Dates look like 2027-01-01; got "${input.day}".`));
  }
  dayInfo(input.day); // refuses impossible dates such as 2027-02-30
  const label = (input.label ?? '').trim() || (input.kind === 'holiday' ? '假日' : '调休');
  if (label.length > LABEL_MAX) throw new DomainError('VALIDATION', i18n(`名称最多 ${LABEL_MAX} 个字。`, `The label is limited to ${LABEL_MAX} characters.`));

  const current = await loadCalendarOverrides(q);
  const holidays = { ...current.holidays };
  const workdays = { ...current.workdays };
  const target = input.kind === 'holiday' ? holidays : workdays;
  const other = input.kind === 'holiday' ? workdays : holidays;
  let changed: boolean;
  if (input.remove) {
    changed = input.day in target;
    delete target[input.day];
  } else {
    changed = target[input.day] !== label || input.day in other;
    target[input.day] = label;
    delete other[input.day];
  }
  if (!changed) return { changed };
  const value = { holidays, workdays };
  await q
    .insert(settings)
    .values({ key: CALENDAR_OVERRIDES_KEY, value, updatedAt: input.now, updatedBy: input.actorId })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: input.now, updatedBy: input.actorId } });
  await q.insert(auditLog).values({
    at: input.now,
    actorId: input.actorId,
    action: `calendar.${input.kind}.${input.remove ? 'remove' : 'add'}`,
    subjectType: 'calendar',
    subjectId: input.day,
    detail: { label },
  });
  return { changed };
}
