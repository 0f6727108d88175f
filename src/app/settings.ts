/**
 * The department settings store (issue 15): one typed view over the `settings` rows, and the one
 * way to change them, validated and audited (who, when, old, new in audit_log).
 *
 * Where each value lives: the rows the code already reads, so a change takes effect everywhere
 * without a second source of truth — `customers` { highValueThresholdFen, requiredFields, … }
 * (loadCustomerSettings), `reminders` { workdayStart, followUpDueDay, … } (loadReminderContext,
 * read by every deadline and the tick), and `phoneBillMonthlyLimit` (yuan) on its own row.
 * Defaults come from the domain (the source document's rules) and the config's time zone.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { auditLog, settings } from '../../db/schema/index.js';
import type { Q } from '../../db/client.js';
import { DomainError } from '../domain/errors.js';
import { i18n } from '../domain/i18n.js';
import { resolveReminderSettings } from '../domain/reminders/settings.js';
import {
  ANSWER_STANDARD_KEYS, checkSettings, DEFAULT_SETTINGS, invalidSetting, REMINDER_SETTING_KEYS, SETTING_KEYS, SETTING_SCHEMA,
  type AnswerStandardKey, type ReminderSettingKey, type SettingKey, type Settings,
} from '../domain/settings.js';
import { CUSTOMER_SETTINGS_KEY, loadCustomerSettings } from './customer/store.js';
import { REMINDER_SETTINGS_KEY } from './reminders/context.js';
import { settingRows, type SettingsRows } from './settings-rows.js';

export type { SettingKey, Settings } from '../domain/settings.js';

export const PHONE_BILL_LIMIT_KEY = 'phoneBillMonthlyLimit';
export const CALENDAR_SYNC_KEY = 'calendarSync';
export const TASK_SYNC_KEY = 'taskSync';
export const APPROVAL_CENTRE_KEY = 'approvalCentre';

/** One on/off setting (the syncs): from the click's settings when handed on, else read alone. */
export async function settingIsOn(q: Q, key: typeof CALENDAR_SYNC_KEY | typeof TASK_SYNC_KEY | typeof APPROVAL_CENTRE_KEY, known?: SettingsRows): Promise<boolean> {
  return (await settingRows(q, [key], known)).get(key) === true;
}
/** The standard answer times, { questionAnswerHours, feedbackAnswerHours }, on one row. */
export const ANSWER_STANDARDS_KEY = 'answerStandards';
export const SETTING_SUBJECT = 'setting';
export const SETTING_CHANGE_ACTION = 'setting.change';

const isReminderKey = (k: SettingKey): k is ReminderSettingKey => (REMINDER_SETTING_KEYS as readonly string[]).includes(k);
const isAnswerKey = (k: SettingKey): k is AnswerStandardKey => (ANSWER_STANDARD_KEYS as readonly string[]).includes(k);
const rowKeyOf = (k: SettingKey): string =>
  k === 'highValueThreshold' || k === 'requiredArchiveFields' ? CUSTOMER_SETTINGS_KEY
  : isReminderKey(k) ? REMINDER_SETTINGS_KEY
  : k === 'calendarSync' ? CALENDAR_SYNC_KEY
  : k === 'taskSync' ? TASK_SYNC_KEY
  : k === 'approvalCentre' ? APPROVAL_CENTRE_KEY
  : isAnswerKey(k) ? ANSWER_STANDARDS_KEY
  : PHONE_BILL_LIMIT_KEY;

const asObject = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

async function rawRows(q: Q, keys: string[], o: { lock?: boolean } = {}): Promise<Map<string, unknown>> {
  const base = q.select({ key: settings.key, value: settings.value }).from(settings).where(inArray(settings.key, keys));
  const rows = o.lock ? await base.for('update') : await base;
  return new Map(rows.map((r) => [r.key, r.value]));
}

const answerStandardsOf = (raw: unknown): Pick<Settings, AnswerStandardKey> => {
  const o = asObject(raw);
  const one = (k: AnswerStandardKey) => {
    const v = SETTING_SCHEMA[k].safeParse(o[k]);
    return v.success ? (v.data as number) : DEFAULT_SETTINGS[k];
  };
  return { questionAnswerHours: one('questionAnswerHours'), feedbackAnswerHours: one('feedbackAnswerHours') };
};

/** The standard answer times in force (what a question or feedback recorded now is due by). */
export async function loadAnswerStandards(q: Q): Promise<Pick<Settings, AnswerStandardKey>> {
  return answerStandardsOf((await rawRows(q, [ANSWER_STANDARDS_KEY])).get(ANSWER_STANDARDS_KEY));
}

/** Every setting, stored or default. A malformed stored value falls back to its default. */
export async function getSettings(q: Q): Promise<Settings> {
  const customer = await loadCustomerSettings(q);
  const raw = await rawRows(q, [REMINDER_SETTINGS_KEY, PHONE_BILL_LIMIT_KEY, CALENDAR_SYNC_KEY, TASK_SYNC_KEY, APPROVAL_CENTRE_KEY, ANSWER_STANDARDS_KEY]);
  let reminders: Record<string, unknown> = {};
  try {
    // The zone is not one of these settings; any valid one lets the stored fields be checked.
    const stored = asObject(raw.get(REMINDER_SETTINGS_KEY));
    reminders = resolveReminderSettings({ ...stored, timeZone: typeof stored.timeZone === 'string' ? stored.timeZone : 'UTC' }) as unknown as Record<string, unknown>;
  } catch {
    reminders = {};
  }
  const phone = SETTING_SCHEMA.phoneBillMonthlyLimit.safeParse(raw.get(PHONE_BILL_LIMIT_KEY));
  return {
    ...DEFAULT_SETTINGS,
    ...Object.fromEntries(REMINDER_SETTING_KEYS.filter((k) => k in reminders).map((k) => [k, reminders[k]])),
    highValueThreshold: Math.floor(customer.highValueThresholdFen / 100),
    requiredArchiveFields: customer.requiredFields as Settings['requiredArchiveFields'],
    phoneBillMonthlyLimit: phone.success ? phone.data : DEFAULT_SETTINGS.phoneBillMonthlyLimit,
    calendarSync: raw.get(CALENDAR_SYNC_KEY) === true,
    taskSync: raw.get(TASK_SYNC_KEY) === true,
    approvalCentre: raw.get(APPROVAL_CENTRE_KEY) === true,
    ...answerStandardsOf(raw.get(ANSWER_STANDARDS_KEY)),
  };
}

export interface SettingsChange {
  changed: SettingKey[];
  before: Settings;
  after: Settings;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Changes several settings at once (a submitted form: both ends of the working hours move
 * together). Every value is checked, then the whole set (the reminder rules across fields);
 * anything wrong throws a VALIDATION DomainError and nothing is written. Each changed key gets
 * an audit row with its old and new value. The rows are locked first, so two admins saving at
 * once do not overwrite each other's change to a neighbouring field.
 */
export async function changeSettings(
  q: Q,
  patch: Partial<Settings>,
  by: string,
  now: Date,
  o: { timeZone?: string } = {},
): Promise<SettingsChange> {
  const keys = Object.keys(patch).filter((k) => patch[k as SettingKey] !== undefined) as SettingKey[];
  for (const k of keys) {
    if (!(SETTING_KEYS as readonly string[]).includes(k)) {
      throw new DomainError('VALIDATION', i18n(`没有名为「${String(k).slice(0, 40)}」的设置。`, `There is no setting called "${String(k).slice(0, 40)}".`));
    }
    if (!SETTING_SCHEMA[k].safeParse(patch[k]).success) throw invalidSetting(k, JSON.stringify(patch[k]));
  }
  const merged = (base: Settings): Settings => ({ ...base, ...(Object.fromEntries(keys.map((k) => [k, patch[k]])) as Partial<Settings>) });
  // Checked before anything is written (a refused change leaves not even an empty row), and
  // again under the lock, against what another admin may have saved meanwhile.
  checkSettings(merged(await getSettings(q)), o.timeZone ?? 'Asia/Shanghai');
  const rowKeys = [...new Set(keys.map(rowKeyOf))];
  if (rowKeys.length) {
    await q.insert(settings).values(rowKeys.map((key) => ({ key, value: key === PHONE_BILL_LIMIT_KEY ? DEFAULT_SETTINGS.phoneBillMonthlyLimit : key === CALENDAR_SYNC_KEY || key === TASK_SYNC_KEY || key === APPROVAL_CENTRE_KEY ? false : {}, updatedAt: now, updatedBy: by }))).onConflictDoNothing();
  }
  const raw = await rawRows(q, rowKeys, { lock: true });
  const before = await getSettings(q);
  const after = merged(before);
  checkSettings(after, o.timeZone ?? 'Asia/Shanghai');
  const changed = keys.filter((k) => !same(before[k], after[k]));
  if (!changed.length) return { changed, before, after };

  const write = async (key: string, value: unknown) => {
    await q.update(settings).set({ value, updatedAt: now, updatedBy: by }).where(eq(settings.key, key));
  };
  const touched = new Set(changed.map(rowKeyOf));
  if (touched.has(CUSTOMER_SETTINGS_KEY)) {
    await write(CUSTOMER_SETTINGS_KEY, { ...asObject(raw.get(CUSTOMER_SETTINGS_KEY)), highValueThresholdFen: after.highValueThreshold * 100, requiredFields: after.requiredArchiveFields });
  }
  if (touched.has(REMINDER_SETTINGS_KEY)) {
    const stored = asObject(raw.get(REMINDER_SETTINGS_KEY));
    await write(REMINDER_SETTINGS_KEY, { ...stored, ...Object.fromEntries(changed.filter(isReminderKey).map((k) => [k, after[k]])) });
  }
  if (touched.has(PHONE_BILL_LIMIT_KEY)) await write(PHONE_BILL_LIMIT_KEY, after.phoneBillMonthlyLimit);
  if (touched.has(CALENDAR_SYNC_KEY)) await write(CALENDAR_SYNC_KEY, after.calendarSync);
  if (touched.has(TASK_SYNC_KEY)) await write(TASK_SYNC_KEY, after.taskSync);
  if (touched.has(APPROVAL_CENTRE_KEY)) await write(APPROVAL_CENTRE_KEY, after.approvalCentre);
  if (touched.has(ANSWER_STANDARDS_KEY)) {
    await write(ANSWER_STANDARDS_KEY, { ...asObject(raw.get(ANSWER_STANDARDS_KEY)), questionAnswerHours: after.questionAnswerHours, feedbackAnswerHours: after.feedbackAnswerHours });
  }
  await q.insert(auditLog).values(changed.map((k) => ({
    at: now, actorId: by, action: SETTING_CHANGE_ACTION, subjectType: SETTING_SUBJECT, subjectId: k, detail: { old: before[k], new: after[k] },
  })));
  return { changed, before, after };
}

/** One setting; see changeSettings. */
export async function changeSetting<K extends SettingKey>(q: Q, key: K, value: Settings[K], by: string, now: Date, o: { timeZone?: string } = {}): Promise<SettingsChange> {
  return changeSettings(q, { [key]: value } as Partial<Settings>, by, now, o);
}

export interface SettingChangeRecord {
  key: SettingKey;
  at: Date;
  by: string | null;
  old: unknown;
  new: unknown;
}

/** The latest changes, newest first (the settings card shows who changed what, and when). */
export async function recentSettingChanges(q: Q, limit = 5): Promise<SettingChangeRecord[]> {
  const rows = await q
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, SETTING_SUBJECT), eq(auditLog.action, SETTING_CHANGE_ACTION)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
  return rows
    .filter((r) => (SETTING_KEYS as readonly string[]).includes(r.subjectId))
    .map((r) => ({ key: r.subjectId as SettingKey, at: r.at, by: r.actorId, old: asObject(r.detail).old, new: asObject(r.detail).new }));
}
