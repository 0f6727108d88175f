/** Recording a transaction with us (交易情况) from its card form; amounts are fen, a refund is negative. A total reaching the high-value threshold is told once (high-value.ts). */
import type { Ids } from '../../ids.js';
import { customerTransactions } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { LIMITS } from '../../domain/customer/archive.js';
import { Transaction, TRANSACTION_LABEL } from '../../domain/customer/transaction.js';
import { hintMessage } from '../../domain/customer/validation.js';
import { DomainError } from '../../domain/errors.js';
import { parseYuan } from '../../domain/money.js';
import type { Member } from '../../domain/roster.js';
import { ymd } from '../../domain/time.js';
import { formChoice, formDate, formText, recordableCustomer } from './record-common.js';
import { noteHighValueCrossing } from './high-value.js';
import { auditCustomer } from './store.js';
import { ownerOnDay } from './owner-history.js';

export async function recordTransaction(
  q: Q,
  input: { customerId: string; values: Record<string, unknown>; actor: Member },
  ctx: { now: Date; timeZone: string; ids: Ids },
): Promise<{ amountFen: number; date: string }> {
  const row = await recordableCustomer(q, input.customerId, input.actor);
  const v = input.values;
  const L = TRANSACTION_LABEL;
  const amountText = formText(v, 'tx_amount', L.amountFen, 30, true)!;
  const amountFen = parseYuan(amountText);
  if (amountFen === null) {
    // The archive's own words for an amount, so a deal and the archive's sales figures refuse alike.
    throw new DomainError('VALIDATION', hintMessage(L.amountFen, 'amount'));
  }
  const date = formDate(v, 'tx_date', L.date) ?? ymd(ctx.now, ctx.timeZone);
  // The sale counts for whoever owned the customer that day: a deal of March typed in after a
  // handover in June is still the old owner's (KPI "owner at the time").
  const ownerThen = await ownerOnDay(q, row.id, date, ctx.timeZone);
  const t = Transaction.parse({
    number: formText(v, 'tx_number', L.number, LIMITS.name),
    date,
    place: formText(v, 'tx_place', L.place, LIMITS.name),
    amountFen,
    responsibleId: ownerThen ?? row.ownerId ?? input.actor.openId,
    breach: formChoice(v, 'tx_breach', L.breach, ['yes', 'no']) === 'yes',
    note: formText(v, 'tx_note', L.note, LIMITS.text),
  });
  await q.insert(customerTransactions).values({
    customerId: row.id, number: t.number ?? null, date: t.date, place: t.place ?? null, amountFen: t.amountFen,
    responsibleId: t.responsibleId ?? null, breach: t.breach, note: t.note ?? null, recordedBy: input.actor.openId, createdAt: ctx.now,
  });
  await auditCustomer(q, ctx.now, input.actor.openId, 'customer.transaction', row.id, { amountFen: t.amountFen, date: t.date });
  // Crossing the high-value threshold tells the owner and the manager, once.
  await noteHighValueCrossing(q, row.id, input.actor.openId, ctx);
  return { amountFen: t.amountFen, date: t.date };
}
