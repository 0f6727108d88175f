/**
 * An overdue item its owner will not do (the customer cancelled, it was handled offline) is
 * closed with a reason instead of being reminded of weekly for ever. Only the owner may, only
 * while it is open; the manager is told who closed what and why, and the digests that listed it
 * are patched by the next tick like for any other closed duty.
 */
import type { Ids } from '../../ids.js';
import { and, eq, isNull } from 'drizzle-orm';
import { obligations } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/client.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, pick } from '../../domain/i18n.js';
import type { Member } from '../../domain/roster.js';
import { enqueueSend } from '../outbox.js';
import { CLOSE_REASON_MAX } from '../../../cards/duty-close.js';
import { getMember } from '../roster.js';
import { markDigestsStale } from './digests.js';

export async function openDutyOf(tx: Tx, id: string, actor: Member) {
  const n = Number(id);
  const [row] = Number.isSafeInteger(n) ? await tx.select().from(obligations).where(eq(obligations.id, n)) : [];
  if (!row) throw new DomainError('NOT_FOUND', i18n('找不到这项待办。', 'That item was not found.'));
  if (row.ownerId !== actor.openId) throw new DomainError('FORBIDDEN', i18n('只有这项待办的负责人可以关闭它。', 'Only the person it is for can close it.'));
  if (row.doneAt || row.cancelledAt) throw new DomainError('CONFLICT', i18n('这项待办已经完成或关闭了。', 'This item is already done or closed.'));
  return row;
}

export async function closeDutyWithReason(tx: Tx, input: { obligationId: string; actor: Member; reason: unknown }, now: Date, ids: Ids): Promise<{ title: string; reason: string }> {
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (!reason) throw new DomainError('VALIDATION', i18n('请写明关闭的原因。', 'Please give the reason for closing it.'));
  if ([...reason].length > CLOSE_REASON_MAX) throw new DomainError('VALIDATION', i18n(`原因不能超过 ${CLOSE_REASON_MAX} 字。`, `Keep the reason under ${CLOSE_REASON_MAX} characters.`));
  const row = await openDutyOf(tx, input.obligationId, input.actor);
  const [closed] = await tx
    .update(obligations)
    .set({ cancelledAt: now, meta: { ...row.meta, closeReason: reason, closedBy: input.actor.openId } })
    .where(and(eq(obligations.id, row.id), isNull(obligations.doneAt), isNull(obligations.cancelledAt)))
    .returning({ id: obligations.id });
  if (!closed) throw new DomainError('CONFLICT', i18n('这项待办已经完成或关闭了。', 'This item is already done or closed.'));
  await markDigestsStale(tx, [row.id], now);
  const title = typeof row.meta.title === 'string' ? row.meta.title : row.subjectId;
  const manager = row.managerId ? await getMember(tx, row.managerId) : null;
  if (manager?.active && manager.openId !== input.actor.openId) {
    const text = i18n(`${input.actor.name} 关闭了逾期事项「${title}」，原因：${reason}`, `${input.actor.name} closed the overdue item "${title}". Reason: ${reason}`);
    await enqueueSend({ tx, deps: { ids } }, { openId: manager.openId }, { text: pick(text, manager.locale) });
  }
  return { title, reason };
}
