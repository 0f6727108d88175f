import type { CalendarOverrides } from '../../../src/domain/calendar.js';
import { draftObligation, type NewObligation, type Obligation } from '../../../src/domain/reminders/obligation.js';
import { DEFAULT_REMINDER_SETTINGS, type ReminderSettings } from '../../../src/domain/reminders/settings.js';

export const S: ReminderSettings = { ...DEFAULT_REMINDER_SETTINGS };
export const NONE: CalendarOverrides = {};

/** '2026-11-27 09:00' (or '… 23:59:59') read as Shanghai wall time. */
export function sh(wall: string): Date {
  const iso = wall.replace(' ', 'T');
  return new Date(`${iso}${iso.length === 16 ? ':00' : ''}+08:00`);
}

/** A stored obligation built the way the app builds one. */
export function obligation(
  kind: Obligation['kind'],
  anchor: string,
  extra: Partial<NewObligation> & { doneAt?: string; id?: string } = {},
  o: CalendarOverrides = NONE,
  s: ReminderSettings = S,
): Obligation {
  const { doneAt, id, ...rest } = extra;
  const draft = draftObligation(
    { kind, ownerId: 'ou_spec', managerId: 'ou_mgr', subjectType: 'visit', subjectId: 'v1', anchorAt: sh(anchor), ...rest },
    s,
    o,
  );
  return { ...draft, id: id ?? `${kind}-1`, doneAt: doneAt ? sh(doneAt) : null };
}

/** "role step urgency" per intent, sorted, for compact expectations. */
export const summary = (intents: { recipientRole: string; step: string; urgency: string }[]): string[] =>
  intents.map((i) => `${i.recipientRole} ${i.step} ${i.urgency}`).sort();
