/**
 * Loading customers and what every customer use case needs beside them: the roster (authority
 * always comes from it), the department's customer settings, and the audit trail.
 */
import { eq, inArray } from 'drizzle-orm';
import { auditLog, customers, settings } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { Archive, emptyArchive } from '../../domain/customer/archive.js';
import { HIGH_VALUE_THRESHOLD_FEN } from '../../domain/customer/categories.js';
import { DEFAULT_REQUIRED_FIELDS, parseRequiredFields } from '../../domain/customer/completeness.js';
import { DomainError } from '../../domain/errors.js';
import { i18n } from '../../domain/i18n.js';
import type { Roster } from '../../domain/roster.js';
import { currentRoster } from '../roster.js';

export type CustomerRow = typeof customers.$inferSelect;

export const CUSTOMER_SUBJECT = 'customer';
export const CUSTOMER_SETTINGS_KEY = 'customers';

export interface CustomerSettings {
  highValueThresholdFen: number;
  requiredFields: string[];
  /** Days between the progress reports a specialist owes on a customer under development. */
  progressReportDays: number;
}

/** The `customers` settings row over the defaults; a malformed value falls back field by field. */
export async function loadCustomerSettings(q: Q): Promise<CustomerSettings> {
  const [row] = await q.select({ value: settings.value }).from(settings).where(eq(settings.key, CUSTOMER_SETTINGS_KEY));
  const v = (row?.value ?? {}) as Record<string, unknown>;
  const threshold = v.highValueThresholdFen;
  const required = Array.isArray(v.requiredFields) ? parseRequiredFields(v.requiredFields.map(String)).fields : null;
  const days = v.progressReportDays;
  return {
    highValueThresholdFen: Number.isSafeInteger(threshold) && (threshold as number) > 0 ? (threshold as number) : HIGH_VALUE_THRESHOLD_FEN,
    requiredFields: required && required.length ? required : [...DEFAULT_REQUIRED_FIELDS],
    progressReportDays: Number.isInteger(days) && (days as number) >= 1 && (days as number) <= 90 ? (days as number) : 14,
  };
}

export const customerNotFound = (what?: string): DomainError =>
  new DomainError(
    'NOT_FOUND',
    what
      ? i18n(`找不到客户「${what}」。发送「客户 名称或编号」查找，或「新客户 名称」建档。`, `No customer "${what}". Send "/customer <name or number>" to search, or "/customer new <name>" to create one.`)
      : i18n('找不到该客户，可能已被删除。', 'That customer was not found.'),
  );

export async function findCustomer(q: Q, id: string): Promise<CustomerRow | null> {
  const [row] = await q.select().from(customers).where(eq(customers.id, id));
  return row ?? null;
}

export async function loadCustomer(q: Q, id: string): Promise<CustomerRow> {
  const row = await findCustomer(q, id);
  if (!row) throw customerNotFound();
  return row;
}

export async function loadCustomers(q: Q, ids: readonly string[]): Promise<CustomerRow[]> {
  return ids.length ? q.select().from(customers).where(inArray(customers.id, [...ids])) : [];
}

/** The stored archive, parsed; a row written by an older release is read leniently. */
export function archiveOf(row: CustomerRow): Archive {
  const parsed = Archive.safeParse(row.archive);
  return parsed.success ? parsed.data : { ...emptyArchive(), ...(row.archive as object) } as Archive;
}

/** The roster; `known` is the one the caller already holds (a card click reads it once for all it does). */
export async function loadRosterMap(q: Q, known?: Roster): Promise<Roster> {
  return known ?? (await currentRoster(q));
}

export async function auditCustomer(q: Q, now: Date, actorId: string, action: string, customerId: string, detail: Record<string, unknown>): Promise<void> {
  await q.insert(auditLog).values({ at: now, actorId, action, subjectType: CUSTOMER_SUBJECT, subjectId: customerId, detail });
}

export const forbiddenEdit = (): DomainError =>
  new DomainError('FORBIDDEN', i18n('只有负责专员、其经理、总监和内勤可以修改此客户。', 'Only the owner, their manager, the director and the assistant may change this customer.'));

export const versionConflict = (): DomainError =>
  new DomainError('CONFLICT', i18n('档案已被他人修改，您的内容未保存。请重新打开档案后再编辑。', 'Someone else changed this archive first; your changes were not saved. Open the archive again and edit it there.'));
