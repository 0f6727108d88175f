/**
 * Writing to the outbox. Callers pass the transaction that carries the change being reported,
 * so the message exists if and only if the change committed. The card copies it keeps
 * (card_messages) say which record each sent card shows.
 */
import { and, eq, sql } from 'drizzle-orm';
import { cardMessages, outbox } from '../../db/schema/index.js';
import type { Q } from '../../db/client.js';
import { assertValidCard } from '../../cards/validate.js';
import { fitCard } from '../../cards/fit.js';
import type { Card } from '../../cards/kit.js';
import type { Ids } from '../ids.js';

/** Lark can no longer patch a message after 14 days; re-post a day before that. */
export const CARD_PATCH_WINDOW_MS = 13 * 24 * 3600 * 1000;

export type Recipient = { openId: string } | { chatId: string };
export type Subject = { type: string; id: string };
export type MessageBody = { text: string } | { card: Card };
/** A recorded copy of a card (card_messages). */
export type CardCopy = typeof cardMessages.$inferSelect;

/**
 * Every card leaves through here (and card-callback's answer): fitted to Lark's limits, so an
 * answer too big for one card arrives shortened rather than refused, then checked against the
 * other 2.0 rules, whose breach is a bug in a builder.
 */
function outgoingCard(card: Card): Card {
  const fitted = fitCard(card).card;
  assertValidCard(fitted);
  return fitted;
}

const bodyColumns = (body: MessageBody) =>
  'card' in body
    ? { msgType: 'interactive' as const, content: outgoingCard(body.card) as unknown }
    : { msgType: 'text' as const, content: { text: body.text } as unknown };

/**
 * Where a row is written: the transaction carrying the change it reports, and the ids port its
 * uuid comes from — Lark's de-duplication key for the one message, made once, when the row is,
 * and sent with every attempt, so a retry of the row is never a second message. A use case's
 * context (`ctx`, with `tx` and `deps`) is one.
 */
export interface OutboxTx {
  tx: Q;
  deps: { ids: Ids };
}

type OutboxRow = typeof outbox.$inferInsert;

/**
 * A click's outbox rows, written in one statement when its action is done rather than one
 * statement each (~1 ms of PGlite CPU apiece: a final approval writes four). Only a transaction
 * the card callback registers holds rows back; every read of the outbox in it (a sync already
 * waiting, a copy already queued) writes the held rows first, so it sees what a row-at-a-time
 * write would have shown. A refused click's savepoint is rolled back and its held rows dropped
 * with it.
 */
const held = new WeakMap<Q, OutboxRow[]>();

/** From now on, `q`'s outbox rows wait for writeHeldOutboxRows (the card callback's savepoint). */
export function holdOutboxRows(q: Q): void {
  held.set(q, []);
}

/** Writes the rows `q` holds, in the order they were enqueued, in one statement. */
export async function writeHeldOutboxRows(q: Q): Promise<void> {
  const rows = held.get(q);
  if (!rows?.length) return;
  held.set(q, []);
  await q.insert(outbox).values(rows);
}

async function insertRows(q: Q, rows: OutboxRow[]): Promise<void> {
  if (!rows.length) return;
  const waiting = held.get(q);
  if (waiting) waiting.push(...rows);
  else if (rows.length === 1) await insertRow(q, rows[0]!);
  else await q.insert(outbox).values(rows);
}

/**
 * Nearly every answer to a message is one row, so it is one plain statement: drizzle's insert
 * builder cost ~95 µs of the bot's CPU per row (bench/README.md). The rest take their defaults.
 */
async function insertRow(q: Q, r: OutboxRow): Promise<void> {
  await q.execute(sql`insert into outbox (kind, target, chat_id, target_type, msg_type, content, uuid, subject_type, subject_id)
    values (${r.kind}, ${r.target}, ${r.chatId ?? null}, ${r.targetType}, ${r.msgType}, ${JSON.stringify(r.content)}::jsonb, ${r.uuid}, ${r.subjectType ?? null}, ${r.subjectId ?? null})`);
}

export async function enqueueSend({ tx: q, deps }: OutboxTx, to: Recipient, body: MessageBody, o: { subject?: Subject; uuid?: string } = {}): Promise<void> {
  await insertRows(q, [{
    kind: 'send',
    target: 'openId' in to ? to.openId : to.chatId,
    targetType: 'openId' in to ? 'open_id' : 'chat_id',
    ...bodyColumns(body),
    uuid: o.uuid ?? deps.ids.newId(),
    subjectType: o.subject?.type ?? null,
    subjectId: o.subject?.id ?? null,
  }]);
}

/**
 * What a file message is made from: a builder's name (`build`, a key of the runtime's
 * FILE_BUILDERS) and its arguments — small, so the row carries no bytes. The drainer builds the
 * file when it claims the row, uploads it, records `fileKey` on the row (a retry after a crash
 * then only sends) and sends it as a `file` message.
 */
export interface FileSpec {
  build: string;
  args: Record<string, unknown>;
  /** Set by the drainer once the upload succeeded. */
  fileKey?: string;
}

export type UploadFileType = 'opus' | 'mp4' | 'pdf' | 'doc' | 'xls' | 'ppt' | 'stream';

/** What a builder makes: the file, or a text to send instead (the asker may no longer see the scope). */
export type BuiltFile = { fileName: string; fileType: UploadFileType; bytes: Uint8Array } | { text: string };

export type FileBuilder = (q: Q, args: Record<string, unknown>, ctx: { now: Date; timeZone: string }) => Promise<BuiltFile>;

/** A file to a person's private chat, built later by the drainer (never in the request path). */
export async function enqueueFile({ tx: q, deps }: OutboxTx, to: { openId: string }, spec: Omit<FileSpec, 'fileKey'>, o: { uuid?: string } = {}): Promise<void> {
  await insertRows(q, [{
    kind: 'file',
    target: to.openId,
    targetType: 'open_id',
    msgType: 'file',
    content: { build: spec.build, args: spec.args } satisfies FileSpec,
    uuid: o.uuid ?? deps.ids.newId(),
  }]);
}

/** `chatId`: the chat of the message answered, so the reply counts against that chat's limit. */
export async function enqueueReply({ tx: q, deps }: OutboxTx, messageId: string, body: MessageBody, o: { subject?: Subject; uuid?: string; chatId?: string } = {}): Promise<void> {
  await insertRows(q, [{
    kind: 'reply',
    target: messageId,
    chatId: o.chatId ?? null,
    targetType: 'message_id',
    ...bodyColumns(body),
    uuid: o.uuid ?? deps.ids.newId(),
    subjectType: o.subject?.type ?? null,
    subjectId: o.subject?.id ?? null,
  }]);
}

/** The record a sent card shows (what a reply to that message is about), if the card is one of ours. */
export async function subjectOfMessage(q: Q, messageId: string | null): Promise<Subject | null> {
  if (!messageId) return null;
  const [row] = await q.select().from(cardMessages).where(eq(cardMessages.messageId, messageId));
  return row ? { type: row.subjectType, id: row.subjectId } : null;
}

/**
 * Brings every copy of the card about a record up to date: patched while Lark allows it,
 * re-posted to the same place (and the old copy retired) once it is older than 13 days.
 */
export async function refreshCards(out: OutboxTx, subject: Subject, built: Card, now: Date, o: { exceptMessageId?: string } = {}): Promise<void> {
  await refreshCardsOf(out, [{ subject, card: built, ...o }], now);
}

/** A subject whose card copies refreshCardsOf brings up to date; `copies`: its active ones, when the caller read them already. */
export interface CardRefresh {
  subject: Subject;
  card: Card;
  copies?: readonly CardCopy[];
  exceptMessageId?: string;
}

/** refreshCards for several subjects at once (an approval's copy per viewer): their patches are one statement. */
export async function refreshCardsOf(out: OutboxTx, items: readonly CardRefresh[], now: Date): Promise<void> {
  const { tx: q, deps } = out;
  const patches: OutboxRow[] = [];
  for (const { subject, card: built, copies: known, exceptMessageId } of items) {
    const card = outgoingCard(built);
    const copies =
      known ??
      (await q
        .select()
        .from(cardMessages)
        .where(and(eq(cardMessages.subjectType, subject.type), eq(cardMessages.subjectId, subject.id), eq(cardMessages.active, true))));
    for (const copy of copies) {
      if (copy.messageId === exceptMessageId) continue;
      if (now.getTime() - copy.sentAt.getTime() < CARD_PATCH_WINDOW_MS) {
        patches.push({ kind: 'patch', target: copy.messageId, targetType: 'message_id', msgType: 'interactive', content: card, uuid: deps.ids.newId(), subjectType: subject.type, subjectId: subject.id });
      } else {
        await q.update(cardMessages).set({ active: false, updatedAt: now }).where(eq(cardMessages.messageId, copy.messageId));
        await enqueueSend(out, copy.targetType === 'open_id' ? { openId: copy.target } : { chatId: copy.target }, { card }, { subject });
      }
    }
  }
  await insertRows(q, patches);
}

/**
 * Asks the drainer to bring one subject in line with what is wanted (a calendar event, a task, an approval-centre instance):
 * at most one pending row per target, so several changes before a drain are one sync — the
 * drainer diffs what is wanted against what was synced, not the row's content.
 */
export async function enqueueSubjectSync({ tx: q, deps }: OutboxTx, s: { kind: 'calendar' | 'task' | 'approval'; target: string; subjectType: string; subjectId: string }): Promise<void> {
  await writeHeldOutboxRows(q);
  const [waiting] = await q
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.kind, s.kind), eq(outbox.target, s.target), eq(outbox.status, 'pending')))
    .limit(1);
  if (waiting) return;
  await q.insert(outbox).values({
    kind: s.kind, target: s.target, targetType: 'subject', msgType: s.kind, content: {}, uuid: deps.ids.newId(), subjectType: s.subjectType, subjectId: s.subjectId,
  });
}
