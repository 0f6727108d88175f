/**
 * A transaction with us (交易情况, §2.2): one row per deal. Recorded against a customer; the
 * high-value suggestion and the KPI issue read them.
 */
import { z } from 'zod';
import { i18n, type I18nText } from '../i18n.js';
import { LIMITS } from './archive.js';

export const Transaction = z.strictObject({
  /** The contract or order number as the customer knows it. */
  number: z.string().trim().max(LIMITS.name).optional(),
  date: z.iso.date(),
  place: z.string().trim().max(LIMITS.name).optional(),
  /** Negative for a refund or credit note, so totals stay honest. */
  amountFen: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
  /** open_id of the person responsible on our side. */
  responsibleId: z.string().trim().max(LIMITS.ownerId).optional(),
  breach: z.boolean().default(false),
  note: z.string().trim().max(LIMITS.text).optional(),
});
export type Transaction = z.output<typeof Transaction>;

export const TRANSACTION_LABEL: Record<keyof Transaction, I18nText> = {
  number: i18n('合同编号', 'Number'),
  date: i18n('日期', 'Date'),
  place: i18n('地点', 'Place'),
  amountFen: i18n('金额', 'Amount'),
  responsibleId: i18n('负责人', 'Responsible'),
  breach: i18n('是否有违约', 'Breach of contract'),
  note: i18n('备注', 'Note'),
};
