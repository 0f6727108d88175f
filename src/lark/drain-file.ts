/**
 * The drain of a `file` row (src/app/outbox.ts `enqueueFile`): the file built and uploaded,
 * then sent as a `file` message. Its own module, like calendar-sync.ts and task-sync.ts, so the
 * drain's loop stays about claiming, pacing and marking.
 */
import { eq } from 'drizzle-orm';
import { outbox } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import type { LarkClient } from './client.js';
import { LarkApiError } from './errors.js';
import type { RateLimiter } from './rate-limit.js';
import type { FileBuilder, FileSpec } from '../app/outbox.js';

/** What a file's delivery needs of the drain's deps (DrainDeps has it all). */
export interface FileDrainDeps {
  db: Db;
  lark: LarkClient;
  clock: Clock;
  limiter: RateLimiter;
  timeZone?: string;
  files?: Readonly<Record<string, FileBuilder>>;
}

interface FileRow {
  id: number;
  target: string;
  target_type: string;
  content: unknown;
  uuid: string;
}

/**
 * A `file` row's message: the file built and uploaded (once: the key is kept on the row, so a
 * retry after a failed send or a crash only sends), or the builder's text instead. The upload
 * waits for its own permit and not for the send's, which is taken after it.
 */
async function prepareFile(deps: FileDrainDeps, row: FileRow, checkTurn: () => void): Promise<{ msgType: string; content: unknown }> {
  const spec = row.content as FileSpec;
  if (spec.fileKey) return { msgType: 'file', content: { file_key: spec.fileKey } };
  const builder = deps.files?.[spec.build];
  if (!builder) throw new LarkApiError('permanent', null, `no file builder "${spec.build}" in this runtime`);
  const built = await builder(deps.db, spec.args, { now: deps.clock.now(), timeZone: deps.timeZone ?? 'Asia/Shanghai' });
  if ('text' in built) return { msgType: 'text', content: { text: built.text } };
  const done = await deps.limiter.acquire('im.file.create', null);
  let fileKey: string;
  try {
    checkTurn();
    fileKey = await deps.lark.uploadFile(built);
  } finally {
    done();
  }
  await deps.db.update(outbox).set({ content: { ...spec, fileKey } satisfies FileSpec }).where(eq(outbox.id, row.id));
  return { msgType: 'file', content: { file_key: fileKey } };
}

/**
 * Builds, uploads and sends the row's file to its person, under the row's uuid (Lark's
 * de-duplication key). `checkTurn` throws when the drainer's turn ended, before each call.
 */
export async function sendFile(
  deps: FileDrainDeps,
  row: FileRow,
  checkTurn: () => void,
): Promise<{ messageId: string | null; copyTarget: { target: string; type: 'open_id' | 'chat_id' } }> {
  const file = await prepareFile(deps, row, checkTurn);
  const done = await deps.limiter.acquire('im.message.create', row.target);
  try {
    checkTurn();
    const idType = row.target_type === 'chat_id' ? 'chat_id' : 'open_id';
    const sent = await deps.lark.sendMessage({ receiveIdType: idType, receiveId: row.target, msgType: file.msgType, content: JSON.stringify(file.content), uuid: row.uuid });
    // Where a card copy lives, so it can be re-posted there after Lark's edit window closes.
    return { messageId: sent.messageId, copyTarget: { target: row.target, type: idType } };
  } finally {
    done();
  }
}
