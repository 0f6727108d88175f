/**
 * Sends what the outbox holds. One instance drains at a time (drainer-lease.ts), so its rate
 * limiter is the deployment's. Rows are still claimed with FOR UPDATE SKIP LOCKED under a row
 * lease, so a crashed claim is picked up when its lease ends; sends carry the row's uuid, so
 * such a resend is deduplicated by Lark.
 */
import { eq, sql } from 'drizzle-orm';
import { cardMessages, outbox, type OutboxKind } from '../../db/schema/index.js';
import { pgArray, rows, type Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import type { Ids } from '../ids.js';
import type { Logger } from '../log.js';
import type { LarkClient } from './client.js';
import { classifyThrown, LarkApiError } from './errors.js';
import type { RateLimiter } from './rate-limit.js';
import { SoleDrainer, type DrainerLease, type DrainerTurn } from './drainer-lease.js';
import { enqueueSend, type FileBuilder } from '../app/outbox.js';
import { adminRecipients } from '../app/admins.js';
import { flushCalls, quotaExhausted, skippable, standing } from './call-budget.js';
import { CALENDAR_PAUSE_MS, syncCalendarSubject } from './calendar-sync.js';
import { syncLarkTask } from './task-sync.js';
import { Rescheduled, syncCentreRow } from './approval-centre.js';
import { sendFile } from './drain-file.js';

export interface DrainDeps {
  db: Db;
  lark: LarkClient;
  clock: Clock;
  /** The uuids of the rows the drain itself writes (a card re-posted, an admins' alert). */
  ids: Ids;
  log: Logger;
  limiter: RateLimiter;
  admins: readonly string[];
  /** Who may drain now; without one, drains in this process only take turns among themselves. */
  lease?: DrainerLease;
  /** Lark API calls a month (LARK_MONTHLY_CALL_BUDGET); 0 or absent: counted, never saved on. */
  monthlyBudget?: number;
  timeZone?: string;
  /** What `file` rows are built with, by FileSpec.build (the runtime's FILE_BUILDERS). */
  files?: Readonly<Record<string, FileBuilder>>;
  /** Quick approval in the approval centre (approval-centre.ts); absent: decisions on the card only. */
  centreCallback?: { url: string; token: string } | null;
  /** Waited on before each claim and each write of sent marks: a click's answer goes first (src/lark/foreground.ts). */
  yieldTo?: () => Promise<void>;
}

export interface DrainOptions {
  batchSize?: number;
  maxBatches?: number;
  leaseMs?: number;
  maxAttempts?: number;
  baseBackoffMs?: number;
  /** Rows claimed and not yet finished, at most: what can go out well within the row lease. */
  maxInFlight?: number;
}

interface OutboxRow {
  id: number;
  kind: OutboxKind;
  target: string;
  target_type: string;
  chat_id: string | null;
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
  /** Optional patches not sent because the month's API budget is nearly used up. */
  skipped: number;
  /** Another drain (here or on another instance) had the turn and was asked to go on. */
  deferred?: boolean;
}

const API: Record<OutboxRow['kind'], string> = {
  send: 'im.message.create',
  reply: 'im.message.reply',
  patch: 'im.message.patch',
  file: 'im.message.create',
  calendar: 'calendar.event',
  task: 'task.task',
  approval: 'approval.external_instance',
};

/**
 * Rings a running drain: something was committed, claim again now rather than at the next
 * look. The kicker rings it on every commit made while a drain runs.
 */
export class Doorbell {
  #waiting: (() => void) | null = null;
  #rung = false;
  ring(): void {
    this.#rung = true;
    this.#waiting?.();
  }
  /** Resolves when rung (or already rung since the last wait), on `also`, or after `ms`. */
  async wait(ms: number, also: Promise<unknown>): Promise<void> {
    if (this.#rung) {
      this.#rung = false;
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([also, new Promise<void>((r) => ((this.#waiting = r), (timer = setTimeout(r, ms))))]);
    clearTimeout(timer);
    this.#waiting = null;
    this.#rung = false;
  }
}

/** How often a drain with sends in flight looks for new rows even when nobody rang. */
const LOOK_AGAIN_MS = 1000;
/** Per target, rows in flight at most: a receiver Lark hangs on holds this many, not the drain. */
const PER_TARGET_IN_FLIGHT = 5;

const ownDrainer = new WeakMap<RateLimiter, SoleDrainer>();

export async function drainOutbox(deps: DrainDeps, o: DrainOptions = {}, doorbell = new Doorbell()): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, retried: 0, dead: 0, skipped: 0 };
  let lease = deps.lease ?? ownDrainer.get(deps.limiter);
  if (!lease) ownDrainer.set(deps.limiter, (lease = new SoleDrainer()));
  const turn = await lease.begin(deps.limiter);
  if (!turn) return { ...result, deferred: true };
  const budget = budgetDeps(deps);
  try {
    // Read once per drain: a drain is seconds long, and the month's standing moves slowly.
    const saving = budget.monthlyBudget > 0 && (await standing(budget)).saving;
    do await pump(deps, o, turn, doorbell, result, saving);
    while (await turn.finish());
  } catch (e) {
    while (await turn.finish().catch(() => false));
    throw e;
  } finally {
    await flushCalls(budget).catch((e: unknown) => deps.log.warn('budget.flush_failed', { error: e }));
  }
  return result;
}

/**
 * Claims and sends until nothing is due. Rows go out per target in order and targets in
 * parallel, and claiming goes on while sends are in flight: a target Lark is slow on (or
 * hangs on, until the client's timeout) keeps its own few rows waiting and nobody else's.
 */
const budgetDeps = (deps: DrainDeps) => ({ ...deps, monthlyBudget: deps.monthlyBudget ?? 0, timeZone: deps.timeZone ?? 'Asia/Shanghai' });

async function pump(deps: DrainDeps, o: DrainOptions, turn: DrainerTurn, doorbell: Doorbell, result: DrainResult, saving: boolean): Promise<void> {
  const batchSize = o.batchSize ?? 25;
  // More than one window's API permits in flight would only wait on the limiter.
  const maxInFlight = o.maxInFlight ?? 50;
  const chains = new Map<string, { tail: Promise<void>; rows: number }>();
  let active = 0;
  let finished: () => void = () => {};
  let someFinished = new Promise<void>((r) => (finished = r));
  const ctx: Delivery = { deps, o, turn, saving, markSent: sentMarker(deps) };

  for (let batch = 0; batch < (o.maxBatches ?? 40); ) {
    if (!turn.valid()) break;
    const room = maxInFlight - active;
    let exhausted = false;
    if (room > 0) {
      const busy = [...chains].filter(([, c]) => c.rows >= PER_TARGET_IN_FLIGHT).map(([t]) => t);
      const want = Math.min(batchSize, room);
      await deps.yieldTo?.();
      const claimed = await claim(deps, want, o.leaseMs ?? 60_000, busy);
      if (claimed.length) batch++;
      exhausted = claimed.length < want;
      for (const row of claimed) {
        active++;
        const lane = laneOf(row);
        const chain = chains.get(lane) ?? { tail: Promise.resolve(), rows: 0 };
        chain.rows++;
        chain.tail = chain.tail.then(async () => {
          try {
            result[await deliver(ctx, row)]++;
          } catch (e) {
            // Sent or not, the row is still claimed: its lease ends and it is tried again then.
            deps.log.error('outbox.deliver_failed', { id: row.id, error: e });
            result.retried++;
          } finally {
            active--;
            if (--chain.rows === 0 && chains.get(lane) === chain) chains.delete(lane);
            finished();
            someFinished = new Promise<void>((r) => (finished = r));
          }
        });
        chains.set(lane, chain);
      }
      if (!exhausted) continue;
    }
    if (active === 0) break;
    // Full: wait for a send to finish. Drained: wait for a commit (the doorbell) or look again soon.
    if (exhausted) await doorbell.wait(LOOK_AGAIN_MS, Promise.all([...chains.values()].map((c) => c.tail)));
    else await someFinished;
  }
  await Promise.all([...chains.values()].map((c) => c.tail));
}

async function claim(deps: DrainDeps, limit: number, leaseMs: number, busyTargets: string[]): Promise<OutboxRow[]> {
  const now = deps.clock.now();
  const lease = new Date(now.getTime() + leaseMs);
  const claimed = await rows<OutboxRow>(
    deps.db,
    sql`update outbox set status = 'sending', locked_until = ${lease.toISOString()}::timestamptz, attempts = attempts + 1
        where id in (
          select id from outbox
          where ((status = 'pending' and (next_attempt_at is null or next_attempt_at <= ${now.toISOString()}::timestamptz))
             or (status = 'sending' and locked_until < ${now.toISOString()}::timestamptz))
            and coalesce(chat_id, target) <> all(${pgArray(busyTargets)}::text[])
          order by id
          limit ${limit}
          for update skip locked)
        returning id, kind, target, target_type, chat_id, msg_type, content, uuid, subject_type, subject_id, attempts`,
  );
  // The subquery's ORDER BY only chooses the rows: UPDATE … RETURNING hands them back in whatever
  // order the plan met them, and one receiver's rows queue in the order they come from here.
  return claimed.sort((a, b) => Number(a.id) - Number(b.id));
}

interface Delivery {
  deps: DrainDeps;
  o: DrainOptions;
  turn: DrainerTurn;
  /** The month's API budget is nearly used up: optional sends are skipped. */
  saving: boolean;
  markSent: (mark: SentMark) => Promise<void>;
}

/** Our turn ended (the lease could not be renewed) between claim and dispatch. */
class TurnOver extends Error {}

/** A throttle this short is waited out in the same pass rather than rescheduled. */
const INLINE_RATE_LIMIT_WAIT_MS = 5_000;

async function deliver(ctx: Delivery, row: OutboxRow): Promise<'sent' | 'retried' | 'dead' | 'skipped'> {
  const { deps } = ctx;
  const started = Date.now();
  if (await skippable(deps, ctx.saving, row)) {
    if (row.kind === 'calendar' || row.kind === 'task' || row.kind === 'approval') {
      // Paused, not dropped: the wanted event stays recorded and goes once the month turns.
      const nextAttemptAt = new Date(deps.clock.now().getTime() + CALENDAR_PAUSE_MS);
      await deps.db.update(outbox).set({ status: 'pending', attempts: row.attempts - 1, lockedUntil: null, nextAttemptAt, lastError: 'paused: the monthly API budget is nearly used up' }).where(eq(outbox.id, row.id));
      deps.log.info('outbox.calendar_paused', { id: row.id, target: row.target });
      return 'skipped';
    }
    await deps.db.update(outbox).set({ status: 'skipped', lockedUntil: null, lastError: 'skipped: the monthly API budget is nearly used up' }).where(eq(outbox.id, row.id));
    deps.log.info('outbox.skipped', { id: row.id, kind: row.kind, target: row.target });
    return 'skipped';
  }
  for (let throttled = 0; ; throttled++) {
    try {
      const messageId = await send(ctx, row);
      await ctx.markSent({ row, messageId: messageId.messageId, copyTarget: messageId.copyTarget });
      deps.log.info('outbox.sent', { id: row.id, kind: row.kind, attempts: row.attempts, messageId: messageId.messageId, ms: Date.now() - started });
      return 'sent';
    } catch (e) {
      // Put back on the queue by the sync itself (Lark refuses a re-sync this soon): not a failure.
      if (e instanceof Rescheduled) return 'retried';
      if (e instanceof TurnOver) {
        // Not sent, and not the message's fault: back to the queue for whoever drains next.
        await deps.db.update(outbox).set({ status: 'pending', attempts: row.attempts - 1, lockedUntil: null }).where(eq(outbox.id, row.id));
        return 'retried';
      }
      const err = classifyThrown(e);
      const wait = err.retryAfterMs ?? 1000;
      if (err.failure === 'rate_limited' && throttled < 3 && wait <= INLINE_RATE_LIMIT_WAIT_MS) {
        await pauseApi(ctx, row, wait);
        deps.log.info('outbox.throttled', { id: row.id, kind: row.kind, waitMs: wait });
        continue;
      }
      return fail(ctx, row, err);
    }
  }
}

/** Lark's reset is for the whole API: every send to it waits, here and on the next drainer. */
async function pauseApi(ctx: Delivery, row: OutboxRow, ms: number): Promise<void> {
  ctx.deps.limiter.pause(API[row.kind], Date.now() + ms);
  await ctx.turn.savePauses().catch((e: unknown) => ctx.deps.log.warn('outbox.pause_not_saved', { error: e }));
}

type CopyTarget = { target: string; type: 'open_id' | 'chat_id' } | null;

/** What Lark counts a call against besides its API: the receiver of a send, the message patched. */
const receiverOf = (row: OutboxRow): string | null => (row.kind === 'reply' ? row.chat_id : row.target);

/** Rows that queue behind each other: one receiver's (a reply's chat), else one target's. */
const laneOf = (row: OutboxRow): string => row.chat_id ?? row.target;

async function send(ctx: Delivery, row: OutboxRow): Promise<{ messageId: string | null; copyTarget: CopyTarget }> {
  const { deps } = ctx;
  if (row.kind === 'calendar') {
    if (!ctx.turn.valid()) throw new TurnOver();
    // Several calls, each through the limiter under API.calendar (calendar-sync.ts).
    await syncCalendarSubject(deps, row.subject_type ?? '', row.subject_id ?? '');
    return { messageId: null, copyTarget: null };
  }
  if (row.kind === 'task') {
    if (!ctx.turn.valid()) throw new TurnOver();
    // One to two calls, each through the limiter under API.task (task-sync.ts).
    await syncLarkTask(deps, Number(row.subject_id));
    return { messageId: null, copyTarget: null };
  }
  if (row.kind === 'approval') {
    if (!ctx.turn.valid()) throw new TurnOver();
    // One call (two the first time a kind is used), through the limiter under API.approval (approval-centre.ts).
    await syncCentreRow(deps, row);
    return { messageId: null, copyTarget: null };
  }
  if (row.kind === 'file') {
    // Built, uploaded and sent by drain-file.ts, each call through the limiter.
    return sendFile(deps, row, () => {
      if (!ctx.turn.valid()) throw new TurnOver();
    });
  }
  const done = await deps.limiter.acquire(API[row.kind], receiverOf(row));
  try {
    if (!ctx.turn.valid()) throw new TurnOver();
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
    await deps.lark.patchCard(row.target, row.content);
    return { messageId: null, copyTarget: null };
  } finally {
    done();
  }
}

interface SentMark {
  row: OutboxRow;
  messageId: string | null;
  copyTarget: CopyTarget;
}

/**
 * Group commit for sent marks: marks made while one is being written go in the next write
 * together, one transaction for the batch instead of four round trips per row (bench:webhook:
 * answers: the per-row marks were the drain's largest share of statements). A row is still
 * 'sending' until its mark commits, and a failed batch is retried row by row, so one row's mark
 * never depends on another's.
 */
function sentMarker(deps: DrainDeps): (mark: SentMark) => Promise<void> {
  let queue: { mark: SentMark; done: (e?: unknown) => void }[] = [];
  let writing = false;
  const flush = async (): Promise<void> => {
    if (writing || !queue.length) return;
    writing = true;
    const batch = queue;
    queue = [];
    try {
      await deps.yieldTo?.();
      await markSent(deps, batch.map((b) => b.mark));
      for (const b of batch) b.done();
    } catch (e) {
      if (batch.length === 1) batch[0]!.done(e);
      else for (const b of batch) await markSent(deps, [b.mark]).then(() => b.done(), b.done);
    } finally {
      writing = false;
      void flush();
    }
  };
  return (mark) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ mark, done: (e?: unknown) => (e === undefined ? resolve() : reject(e)) });
      void flush();
    });
}

async function markSent(deps: DrainDeps, marks: readonly SentMark[]): Promise<void> {
  const now = deps.clock.now().toISOString();
  const sent = JSON.stringify(marks.map((m) => ({ id: m.row.id, mid: m.messageId })));
  // Where each card copy lives, so it can be found, patched, or re-posted after Lark's edit window.
  const copies = marks
    .filter((m) => m.messageId && m.copyTarget && m.row.msg_type === 'interactive' && m.row.subject_type && m.row.subject_id)
    .map((m) => ({ mid: m.messageId, st: m.row.subject_type, sid: m.row.subject_id, t: m.copyTarget!.target, tt: m.copyTarget!.type }));
  const patched = marks.filter((m) => m.row.kind === 'patch').map((m) => m.row.target);
  await deps.db.transaction(async (tx) => {
    // Losing this mark in a crash only means a resend, which Lark's uuid deduplicates.
    await tx.execute(sql`set local synchronous_commit = off`);
    await tx.execute(
      sql`update outbox o set status = 'sent', sent_at = ${now}::timestamptz, locked_until = null, result_message_id = m.mid, last_error = null
          from json_to_recordset(${sent}::text::json) as m(id bigint, mid text) where o.id = m.id`,
    );
    if (copies.length) {
      await tx.execute(
        sql`insert into card_messages (message_id, subject_type, subject_id, target, target_type, sent_at)
            select c.mid, c.st, c.sid, c.t, c.tt, ${now}::timestamptz from json_to_recordset(${JSON.stringify(copies)}::text::json) as c(mid text, st text, sid text, t text, tt text)
            on conflict do nothing`,
      );
    }
    if (patched.length) await tx.execute(sql`update card_messages set updated_at = ${now}::timestamptz where message_id = any(${pgArray(patched)}::text[])`);
  });
}

async function fail(ctx: Delivery, row: OutboxRow, err: LarkApiError): Promise<'retried' | 'dead'> {
  const { deps, o } = ctx;
  const now = deps.clock.now();
  const maxAttempts = o.maxAttempts ?? 8;
  const base = o.baseBackoffMs ?? 1000;

  if (err.failure === 'expired' && row.kind === 'patch') {
    // Past the 14-day window: re-post the card where the old copy was, and retire the old one.
    const [copy] = await deps.db.select().from(cardMessages).where(eq(cardMessages.messageId, row.target));
    await deps.db.transaction(async (tx) => {
      if (copy) {
        await tx.update(cardMessages).set({ active: false, updatedAt: now }).where(eq(cardMessages.messageId, copy.messageId));
        await enqueueSend({ tx, deps }, copy.targetType === 'chat_id' ? { chatId: copy.target } : { openId: copy.target }, { card: row.content as never }, {
          subject: { type: copy.subjectType, id: copy.subjectId },
        });
      }
      await tx.update(outbox).set({ status: 'sent', sentAt: now, lockedUntil: null, lastError: `superseded: ${err.message}` }).where(eq(outbox.id, row.id));
    });
    deps.log.info('outbox.reposted', { id: row.id, messageId: row.target });
    return 'retried';
  }

  const rateLimited = err.failure === 'rate_limited';
  if (err.failure === 'quota_exhausted') {
    // Final until the month turns: retrying would only fail again. One notice for the month,
    // not one per message (and it cannot reach Feishu now either: it is in the log and in 状态).
    await deps.db.update(outbox).set({ status: 'dead', lockedUntil: null, lastError: err.message }).where(eq(outbox.id, row.id));
    deps.log.error('outbox.dead', { id: row.id, kind: row.kind, target: row.target, code: err.code, error: err.message, quota: true });
    await quotaExhausted(budgetDeps(deps)).catch((e: unknown) => deps.log.warn('budget.warning_failed', { error: e }));
    return 'dead';
  }
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
  if (rateLimited) await pauseApi(ctx, row, err.retryAfterMs ?? base);
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
      { tx: deps.db, deps },
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
