/** What the record forms (transaction, complaint, question, research) share: the right to record, and form dates. */
import { z } from 'zod';
import type { Q } from '../../../db/client.js';
import { canEditArchive } from '../../domain/customer/visibility.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import type { Member } from '../../domain/roster.js';
import { forbiddenEdit, loadCustomer, loadRosterMap, type CustomerRow } from './store.js';

/** The customer, if the actor (from the roster) may record against it. */
export async function recordableCustomer(q: Q, customerId: string, actor: Member): Promise<CustomerRow> {
  const row = await loadCustomer(q, customerId);
  const roster = await loadRosterMap(q);
  if (!canEditArchive(roster.get(actor.openId) ?? actor, row.ownerId, roster)) throw forbiddenEdit();
  return row;
}

const bad = (label: I18nText, zh: string, en: string) => new DomainError('VALIDATION', i18n(`「${label.zh_cn}」${zh}`, `${label.en_us}: ${en}`));

/** Form text: trimmed, blank → undefined, refused (naming the field) past `max`. */
export function formText(values: Record<string, unknown>, name: string, label: I18nText, max: number, required = false): string | undefined {
  const raw = values[name];
  const s = raw === undefined || raw === null ? '' : String(raw).trim();
  if (!s) {
    if (required) throw bad(label, '不能为空', 'is required');
    return undefined;
  }
  if ([...s].length > max) throw bad(label, `最多 ${max} 个字`, `at most ${max} characters`);
  return s;
}

/** A date_picker value ("2026-11-20 +0800") or typed YYYY-MM-DD, checked to be a real day. */
export function formDate(values: Record<string, unknown>, name: string, label: I18nText, required = false): string | undefined {
  const s = formText(values, name, label, 40, required);
  if (s === undefined) return undefined;
  const day = /^\d{4}-\d{2}-\d{2}(\s|$)/.test(s) ? s.slice(0, 10) : s;
  if (!z.iso.date().safeParse(day).success) throw bad(label, '日期无效，请用 YYYY-MM-DD', 'is not a valid date (YYYY-MM-DD)');
  return day;
}

export function formChoice<T extends string>(values: Record<string, unknown>, name: string, label: I18nText, allowed: readonly T[], required = false): T | undefined {
  const s = formText(values, name, label, 40, required);
  if (s === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(s)) throw bad(label, '选项无效', 'is not one of the options');
  return s as T;
}
