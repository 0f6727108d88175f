/** What the record forms (transaction, complaint, question, research) share: the right to record, and form dates. */
import type { Q } from '../../../db/client.js';
import { canEditArchive } from '../../domain/customer/visibility.js';
import { readChoice, readDate, readText } from '../../domain/card-form.js';
import type { I18nText } from '../../domain/i18n.js';
import type { Member } from '../../domain/roster.js';
import { forbiddenEdit, loadCustomer, loadRosterMap, type CustomerRow } from './store.js';

/** The customer, if the actor (from the roster) may record against it. */
export async function recordableCustomer(q: Q, customerId: string, actor: Member): Promise<CustomerRow> {
  const row = await loadCustomer(q, customerId);
  const roster = await loadRosterMap(q);
  if (!canEditArchive(roster.get(actor.openId) ?? actor, row.ownerId, roster)) throw forbiddenEdit();
  return row;
}

/** The record forms' fields, read by the one form reader (src/domain/card-form.ts); blank → undefined, as the records store it. */
export const formText = (values: Record<string, unknown>, name: string, label: I18nText, max: number, required = false): string | undefined =>
  readText(values, name, label, max, required) ?? undefined;

export const formDate = (values: Record<string, unknown>, name: string, label: I18nText, required = false): string | undefined =>
  readDate(values, name, label, required) ?? undefined;

export const formChoice = <T extends string>(values: Record<string, unknown>, name: string, label: I18nText, allowed: readonly T[], required = false): T | undefined =>
  readChoice(values, name, label, allowed, required) ?? undefined;
