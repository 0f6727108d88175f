/**
 * Typed access to the department's settings that an admin may change (the `settings` table, one
 * JSON object per key, shared with the reminder and customer settings). Each setting names the
 * row and field it lives in and the zod schema its value must pass; its default comes from the
 * code or the environment (Config). A stored value that fails its schema is ignored, so a bad
 * row can never stop a bill being filed or a transaction recorded. `writeSetting` is what an
 * admin command (`设置`) calls: it validates, merges into the row, and audits the change.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { auditLog, settings } from '../../db/schema/index.js';
import type { Q } from '../../db/client.js';
import type { Config } from '../config.js';
import { HIGH_VALUE_THRESHOLD_FEN } from '../domain/customer/categories.js';
import { DomainError } from '../domain/errors.js';
import { i18n, type I18nText } from '../domain/i18n.js';
import { formatYuan } from '../domain/money.js';

export interface SettingSpec<T> {
  /** The settings row (key) and the field inside its JSON object. */
  key: string;
  field: string;
  label: I18nText;
  schema: z.ZodType<T>;
  defaultOf: (config: Pick<Config, 'phoneBillLimitFen'>) => T;
  show: (v: T) => string;
}

const fen = (max: number) => z.number().int().min(0).max(max);

export const SETTING_NAMES = ['phoneBillLimitFen', 'highValueThresholdFen'] as const;
export type SettingName = (typeof SETTING_NAMES)[number];

/** Every admin-settable value is an amount in fen for now; a new kind of value widens SettingSpec. */
export const SETTINGS: Record<SettingName, SettingSpec<number>> = {
  /** 话费标准: what one person's phone bills may come to in a month without the manager's approval. */
  phoneBillLimitFen: {
    key: 'requests',
    field: 'phoneBillLimitFen',
    label: i18n('每人每月话费标准', 'Monthly phone-bill limit per person'),
    schema: fen(100_000_000),
    defaultOf: (c) => c.phoneBillLimitFen,
    show: formatYuan,
  },
  /** 高值客户标准: the 12-month transaction total from which a customer counts as high value. */
  highValueThresholdFen: {
    key: 'customers',
    field: 'highValueThresholdFen',
    label: i18n('高值客户标准（近12个月交易额）', 'High-value threshold (12-month transactions)'),
    schema: fen(Number.MAX_SAFE_INTEGER).refine((n) => n > 0, { message: 'must be more than 0' }),
    defaultOf: () => HIGH_VALUE_THRESHOLD_FEN,
    show: formatYuan,
  },
};

async function rowOf(q: Q, key: string): Promise<Record<string, unknown>> {
  const [row] = await q.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  const v = row?.value;
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** The stored value when it is valid, else the default. */
export async function readSetting(q: Q, name: SettingName, config: Pick<Config, 'phoneBillLimitFen'>): Promise<number> {
  const spec = SETTINGS[name];
  const parsed = spec.schema.safeParse((await rowOf(q, spec.key))[spec.field]);
  return parsed.success ? parsed.data : spec.defaultOf(config);
}

/** Validates and stores one setting (merged into its row, other fields kept) and audits it. */
export async function writeSetting(q: Q, name: SettingName, value: unknown, by: { actorId: string; now: Date }): Promise<number> {
  const spec = SETTINGS[name];
  const parsed = spec.schema.safeParse(value);
  if (!parsed.success) {
    const why = parsed.error.issues[0]?.message ?? 'invalid';
    throw new DomainError('VALIDATION', i18n(`「${spec.label.zh_cn}」的值无效：${why}`, `${spec.label.en_us}: ${why}`), { field: name });
  }
  const before = await rowOf(q, spec.key);
  const next = { ...before, [spec.field]: parsed.data };
  await q
    .insert(settings)
    .values({ key: spec.key, value: next, updatedAt: by.now, updatedBy: by.actorId })
    .onConflictDoUpdate({ target: settings.key, set: { value: next, updatedAt: by.now, updatedBy: by.actorId } });
  await q.insert(auditLog).values({
    at: by.now, actorId: by.actorId, action: 'settings.change', subjectType: 'settings', subjectId: name,
    detail: { from: before[spec.field] ?? null, to: parsed.data },
  });
  return parsed.data;
}
