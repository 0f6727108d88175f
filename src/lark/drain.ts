/**
 * Sends what the outbox holds. Rows are claimed with FOR UPDATE SKIP LOCKED under a lease, so
 * several instances can drain at once and a crashed claim is picked up when its lease ends;
 * sends carry the row's uuid, so such a resend is deduplicated by Lark.
 */
import { eq, sql } from 'drizzle-orm';
import { cardMessages, outbox } from '../../db/schema/index.js';
import { rows, type Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { LarkClient } from './client.js';
import { classifyThrown, type LarkApiError } from './errors.js';
import type { RateLimiter } from './rate-limit.js';
import { enqueueSend } from './outbox.js';
import { adminRecipients } from '../app/admins.js';

export interface DrainDeps {
  db: Db;
  lark: LarkClient;
  clock: Clock;
  log: Logger;
  limiter: RateLimiter;
  admins: readonly string[];
}

export interface DrainOptions {
  batchSize?: number;
  maxBatches?: number;
  leaseMs?: number;
  maxAttempts?: number;
  baseBackoffMs?: number;
}

interface OutboxRow {
  id: number;
  kind: 'send' | 'reply' | 'patch' | 'card_update';
  target: string;
  target_type: string;
  msg_type: string;
  content: unknown;
  uuid: string;
  subject_type: string | null;
  subject_id: string | null;
  attempts: number;
}

export interface DrainResult {
  sent: number;
  retried: number;
  dead: number;
}

const API: Record<OutboxRow['kind'], string> = {
  send: 'im.message.create',
  reply: 'im.message.reply',
  patch: 'im.message.patch',
  card_update: 'interactive.card.update',
};

export async function drainOutbox(deps: DrainDeps, o: DrainOptions = {}): Promise<DrainResult> {
  const batchSize = o.batchSize ?? 25;
  const result: DrainResult = { sent: 0, retried: 0, dead: 0 };
  for (let batch = 0; batch < (o.maxBatches ?? 40); batch++) {
    const claimed = await claim(deps, batchSize, o.leaseMs ?? 60_000);
    if (claimed.length === 0) break;
    // Per target in order; different targets in parallel (each has its own 5/s budget).
    const byTarget = new Map<string, OutboxRow[]>();
    for (const row of claimed) byTarget.set(row.target, [...(byTarget.get(row.target) ?? []), row]);
    await Promise.all(
      [...byTarget.values()].map(async (list) => {
        for (const row of list) {
          const outcome = await deliver(deps, row, o);
          result[outcome]++;
        }
      }),
    );
    if (claimed.length < batchSize) break;
  }
  return result;
}

async function claim(deps: DrainDeps, limit: number, leaseMs: number): Promise<OutboxRow[]> {
  const now = deps.clock.now();
  const lease = new Date(now.getTime() + leaseMs);
  return rows<OutboxRow>(
    deps.db,
    sql`update outbox set status = 'sending', locked_until = ${lease.toISOString()}::timestamptz, attempts = attempts + 1
        where id in (
          select id from outbox
          where (status = 'pending' and (next_attempt_at is null or next_attempt_at <= ${now.toISOString()}::timestamptz))
             or (status = 'sending' and locked_until < ${now.toISOString()}::timestamptz)
          order by id
          limit ${limit}
          for update skip locked)
        returning id, kind, target, target_type, msg_type, content, uuid, subject_type, subject_id, attempts`,
  );
}

/** A throttle this short is waited out in the same pass rather than rescheduled. */
const INLINE_RATE_LIMIT_WAIT_MS = 5_000;

async function deliver(deps: DrainDeps, row: OutboxRow, o: DrainOptions): Promise<'sent' | 'retried' | 'dead'> {
  const started = Date.now();
  for (let throttled = 0; ; throttled++) {
    try {
      const messageId = await send(deps, row);
      await markSent(deps, row, messageId.messageId, messageId.copyTarget);
      deps.log.info('outbox.sent', { id: row.id, kind: row.kind, attempts: row.attempts, messageId: messageId.messageId, ms: Date.now() - started });
      return 'sent';
    } catch (e) {
      const err = classifyThrown(e);
      const wait = err.retryAfterMs ?? 1000;
      if (err.failure === 'rate_limited' && throttled < 3 && wait <= INLINE_RATE_LIMIT_WAIT_MS) {
        deps.limiter.pause(API[row.kind], Date.now() + wait);
        deps.log.info('outbox.throttled', { id: row.id, kind: row.kind, waitMs: wait });
        continue;
      }
      return fail(deps, row, err, o);
    }
  }
}

type CopyTarget = { target: string; type: 'open_id' | 'chat_id' } | null;

async function send(deps: DrainDeps, row: OutboxRow): Promise<{ messageId: string | null; copyTarget: CopyTarget }> {
  const receiver = row.kind === 'send' ? row.target : null;
  await deps.limiter.acquire(API[row.kind], receiver);
  const content = JSON.stringify(row.content);
  if (row.kind === 'send') {
    const idType = row.target_type === 'chat_id' ? 'chat_id' : 'open_id';
    const sent = await deps.lark.sendMessage({ receiveIdType: idType, receiveId: row.target, msgType: row.msg_type, content, uuid: row.uuid });
    // Where a card copy lives, so it can be re-posted there after Lark's edit window closes.
    return { messageId: sent.messageId, copyTarget: { target: row.target, type: idType } };
  }
  if (row.kind === 'reply') {
    const sent = await deps.lark.replyMessage({ messageId: row.target, msgType: row.msg_type, content, uuid: row.uuid });
    return { messageId: sent.messageId, copyTarget: sent.chatId ? { target: sent.chatId, type: 'chat_id' } : null };
  }
  if (row.kind === 'patch') await deps.lark.patchCard(row.target, row.content);
  else await deps.lark.delayedCardUpdate(row.target, row.content);
  return { messageId: null, copyTarget: null };
}

async function markSent(deps: DrainDeps, row: OutboxRow, messageId: string | null, copyTarget: CopyTarget): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    // Losing this mark in a crash only means a resend, which Lark's uuid deduplicates.
    await tx.execute(sql`set local synchronous_commit = off`);
    await tx.update(outbox).set({ status: 'sent', sentAt: now, lockedUntil: null, resultMessageId: messageId, lastError: null }).where(eq(outbox.id, row.id));
    if (messageId && copyTarget && row.msg_type === 'interactive' && row.subject_type && row.subject_id) {
      await tx
        .insert(cardMessages)
        .values({ messageId, subjectType: row.subject_type, subjectId: row.subject_id, target: copyTarget.target, targetType: copyTarget.type, sentAt: now })
        .onConflictDoNothing();
    }
    if (row.kind === 'patch') await tx.update(cardMessages).set({ updatedAt: now }).where(eq(cardMessages.messageId, row.target));
  });
}

async function fail(deps: DrainDeps, row: OutboxRow, err: LarkApiError, o: DrainOptions): Promise<'retried' | 'dead'> {
  const now = deps.clock.now();
  const maxAttempts = o.maxAttempts ?? 8;
  const base = o.baseBackoffMs ?? 1000;

  if (err.failure === 'expired' && row.kind === 'patch') {
    // Past the 14-day window: re-post the card where the old copy was, and retire the old one.
    const [copy] = await deps.db.select().from(cardMessages).where(eq(cardMessages.messageId, row.target));
    await deps.db.transaction(async (tx) => {
      if (copy) {
        await tx.update(cardMessages).set({ active: false, updatedAt: now }).where(eq(cardMessages.messageId, copy.messageId));
        await enqueueSend(tx, copy.targetType === 'chat_id' ? { chatId: copy.target } : { openId: copy.target }, { card: row.content as never }, {
          subject: { type: copy.subjectType, id: copy.subjectId },
        });
      }
      await tx.update(outbox).set({ status: 'sent', sentAt: now, lockedUntil: null, lastError: `superseded: ${err.message}` }).where(eq(outbox.id, row.id));
    });
    deps.log.info('outbox.reposted', { id: row.id, messageId: row.target });
    return 'retried';
  }

  const rateLimited = err.failure === 'rate_limited';
  const permanent = err.failure === 'permanent' || err.failure === 'expired';
  const attempts = rateLimited ? row.attempts - 1 : row.attempts; // throttling is not the message's fault
  if (permanent || attempts >= maxAttempts) {
    await deps.db.update(outbox).set({ status: 'dead', attempts, lockedUntil: null, lastError: err.message }).where(eq(outbox.id, row.id));
    deps.log.error('outbox.dead', { id: row.id, kind: row.kind, target: row.target, attempts, code: err.code, error: err.message });
    if (row.subject_type !== 'alert') await alertAdmins(deps, row, err.message);
    return 'dead';
  }
  const backoff = rateLimited
    ? Math.max(err.retryAfterMs ?? 0, base)
    : Math.min(base * 2 ** Math.max(0, attempts - 1), 5 * 60_000) * (0.8 + Math.random() * 0.4);
  if (rateLimited) deps.limiter.pause(API[row.kind], Date.now() + (err.retryAfterMs ?? base));
  await deps.db
    .update(outbox)
    .set({ status: 'pending', attempts, lockedUntil: null, lastError: err.message, nextAttemptAt: new Date(now.getTime() + backoff) })
    .where(eq(outbox.id, row.id));
  deps.log.warn('outbox.retry', { id: row.id, kind: row.kind, attempts, failure: err.failure, code: err.code, inMs: Math.round(backoff) });
  return 'retried';
}

async function alertAdmins(deps: DrainDeps, row: OutboxRow, error: string): Promise<void> {
  const admins = await adminRecipients(deps.db, deps.admins);
  for (const openId of admins) {
    if (openId === row.target) continue;
    await enqueueSend(
      deps.db,
      { openId },
      {
        text:
          `⚠️ 消息发送失败（已放弃重试）/ A message could not be delivered and was given up\n` +
          `#${row.id} ${row.kind} → ${row.target}\n${error.slice(0, 300)}`,
      },
      { subject: { type: 'alert', id: String(row.id) } },
    );
  }
}
