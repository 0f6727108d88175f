/**
 * kill -9 between commit and send: the bot is a real child process, killed while its drainer
 * waits on Lark. A second process on the same database must deliver the message once — a file
 * message too, whose upload had gone through: the second process sends the stored key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import type { ServerType } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import { outbox } from '../../db/schema/index.js';
import { FakeLark } from '../../src/sandbox/fake-lark.js';
import { EventSender } from '../../src/sandbox/event-sender.js';
import { loadRoster } from '../../src/app/roster.js';
import { createTestDb, onPostgresServer, type TestDb } from '../support/db.js';
import { ENCRYPT_KEY, ROSTER, VERIFICATION_TOKEN } from '../support/harness.js';
import { freePort, startBot, waitFor, serveFakeLark } from '../support/bot-process.js';

describe.skipIf(!onPostgresServer)('crash recovery on the Postgres server', () => {
  let db: TestDb;
  let lark: FakeLark;
  let larkServer: ServerType;
  let larkUrl: string;

  beforeAll(async () => {
    db = await createTestDb();
    await loadRoster(db.db, ROSTER, new Date('2026-06-01T00:00:00+08:00'));
    lark = new FakeLark({ rateLimits: false });
    ({ server: larkServer, url: larkUrl } = await serveFakeLark(lark));
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    (larkServer as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    await new Promise<void>((r) => larkServer.close(() => r()));
    await db.close();
  });

  const children: ChildProcess[] = [];
  async function bot(port: number): Promise<ChildProcess> {
    // Under a loaded CI machine a tsx start can take a while.
    const child = await startBot({ port, databaseUrl: db.url!, larkUrl, env: { KAM_OUTBOX_LEASE_SECONDS: '1' }, readyMs: 60_000 });
    children.push(child);
    return child;
  }

  it('a reply committed but not sent when the process dies is sent once after restart', async () => {
    const port = await freePort();
    const first = await bot(port);
    const sender = new EventSender(lark, { botUrl: `http://127.0.0.1:${port}`, encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN });
    // Lark hangs on the send, so the reply is committed and claimed but never answered. The child
    // bots run node-cron on the real clock: a tick falling inside this test may send digests or
    // admin notices of its own, so the fault and the counts are about this reply only.
    const replies = () => lark.sent().filter((m) => m.receiverOpenId === 'ou_spec1');
    lark.injectFault({ api: 'message.create', kind: 'timeout', times: 1, holdMs: 4_000, receiveId: 'ou_spec1' });
    const delivery = await sender.message('ou_spec1', '团队');
    expect(delivery.status).toBe(200);
    await waitFor('the drainer to be stuck on Lark', () => lark.held === 1);

    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const [row] = await db.db.select().from(outbox).where(eq(outbox.target, 'ou_spec1'));
    expect(row).toMatchObject({ status: 'sending' });
    expect(replies()).toHaveLength(0);

    await bot(port);
    const sent = await waitFor('the reply to be delivered', () => replies().length > 0 && replies());
    expect(sent).toHaveLength(1);
    expect(sent[0]!.receiverOpenId).toBe('ou_spec1');
    expect(JSON.stringify(sent[0]!.content)).toContain('大客户部成员');
    const rows = await waitFor('the row to be marked sent', async () => {
      const r = await db.db.select().from(outbox).where(eq(outbox.id, row!.id));
      return r[0]?.status === 'sent' && r;
    });
    expect(rows[0]!.attempts).toBe(2);
  }, 60_000);

  it('a KPI file uploaded but not yet sent when the process dies is sent once after restart, without uploading again', async () => {
    const port = await freePort();
    const first = await bot(port);
    const sender = new EventSender(lark, { botUrl: `http://127.0.0.1:${port}`, encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN });
    const files = () => lark.sent().filter((m) => m.msgType === 'file' && m.receiverOpenId === 'ou_manager');
    // The upload goes through; Lark hangs on the file message itself (not the "正在生成" reply).
    lark.injectFault({ api: 'message.create', kind: 'timeout', times: 1, holdMs: 4_000, receiveId: 'ou_manager', msgType: 'file' });
    expect((await sender.message('ou_manager', 'KPI 导出')).status).toBe(200);
    await waitFor('the drainer to be stuck on the send', () => lark.held === 1);
    expect(lark.files.size).toBe(1);

    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const [row] = await db.db.select().from(outbox).where(eq(outbox.kind, 'file'));
    expect(row).toMatchObject({ status: 'sending' });
    expect((row!.content as { fileKey?: string }).fileKey).toBe([...lark.files.keys()][0]);
    expect(files()).toHaveLength(0);

    await bot(port);
    const sent = await waitFor('the file to be delivered', () => files().length > 0 && files());
    expect(sent).toHaveLength(1);
    expect(lark.fileOf(sent[0]!.messageId)!.fileName).toMatch(/^钱经理_团队KPI_\d{4}Q[1-4]\.xlsx$/);
    expect(lark.files.size).toBe(1);
    expect(lark.callsTo('upload').filter((c) => c.status === 200)).toHaveLength(1);
  }, 60_000);
});
