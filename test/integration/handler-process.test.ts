/**
 * The handler process (KAM_HANDLER_PROCESS, src/runtime/handler-supervisor.ts): the bot as a
 * real process on the Postgres server, acking in the front and handling in a forked child.
 * Several people's messages are answered exactly once; the child killed (SIGKILL) while
 * messages arrive loses none of them: the front forks a new one, whose first sweep takes what
 * the dead one held, and every message is still answered exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import type { ServerType } from '@hono/node-server';
import { FakeLark } from '../../src/sandbox/fake-lark.js';
import { EventSender } from '../../src/sandbox/event-sender.js';
import { loadRoster } from '../../src/app/roster.js';
import { createTestDb, onPostgresServer, type TestDb } from '../support/db.js';
import { ENCRYPT_KEY, ROSTER, VERIFICATION_TOKEN } from '../support/harness.js';
import { freePort, startBot, waitFor, serveFakeLark } from '../support/bot-process.js';

const PEOPLE = ['ou_spec1', 'ou_spec2', 'ou_manager', 'ou_assistant', 'ou_director'];

describe.skipIf(!onPostgresServer)('the handler process on the Postgres server', () => {
  let db: TestDb;
  let lark: FakeLark;
  let larkServer: ServerType;
  let bot: ChildProcess;
  let port: number;
  let sender: EventSender;
  // The handler processes' pids, in the order the front forked them (from its log lines).
  const handlers: number[] = [];
  let sent = 0;

  beforeAll(async () => {
    db = await createTestDb();
    await loadRoster(db.db, ROSTER, new Date('2026-06-01T00:00:00+08:00'));
    lark = new FakeLark({ rateLimits: false });
    let larkUrl: string;
    ({ server: larkServer, url: larkUrl } = await serveFakeLark(lark));
    port = await freePort();
    bot = await startBot({
      port,
      databaseUrl: db.url!,
      larkUrl,
      env: { KAM_HANDLER_PROCESS: '1', KAM_OUTBOX_LEASE_SECONDS: '1', LOG_LEVEL: 'info' },
      readyMs: 60_000,
      onLog: (line) => {
        if (!line.includes('"handler.started"')) return;
        handlers.push((JSON.parse(line) as { pid: number }).pid);
      },
    });
    sender = new EventSender(lark, { botUrl: `http://127.0.0.1:${port}`, encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN });
  }, 90_000);

  afterAll(async () => {
    if (bot && bot.exitCode === null) bot.kill('SIGKILL');
    for (const pid of handlers) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
    }
    (larkServer as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    await new Promise<void>((r) => larkServer.close(() => r()));
    await db.close();
  });

  // Answers to the help command, by person. The child runs node-cron on the real clock, so a
  // reminder tick may send digests of its own: only help cards are counted.
  const helpAnswers = (openId: string) => lark.sent().filter((m) => m.receiverOpenId === openId && JSON.stringify(m.content).includes('the leading / is optional')).length;
  const ask = async (openId: string) => {
    sent++;
    expect((await sender.message(openId, '帮助')).status).toBe(200);
  };
  const allAnswered = (perPerson: number) => PEOPLE.every((p) => helpAnswers(p) >= perPerson);

  it('acks in one process and answers in another, each message once', async () => {
    expect(handlers).toHaveLength(1);
    const ready = (await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) as { handler?: string };
    expect(ready.handler).toBe('up');
    for (let round = 0; round < 3; round++) await Promise.all(PEOPLE.map(ask));
    await waitFor('every message to be answered', () => allAnswered(3));
    await new Promise((r) => setTimeout(r, 500));
    for (const p of PEOPLE) expect(helpAnswers(p)).toBe(3);
  }, 30_000);

  it('loses nothing when the handler process is killed while messages arrive', async () => {
    const before = 3;
    const killed = handlers[0]!;
    const sending = (async () => {
      for (let round = 0; round < 8; round++) {
        await Promise.all(PEOPLE.map(ask));
        await new Promise((r) => setTimeout(r, 40));
      }
    })();
    await new Promise((r) => setTimeout(r, 120));
    process.kill(killed, 'SIGKILL');
    await waitFor('the front to say it is not ready', async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 503, 5_000);
    await sending;
    await waitFor('a new handler process', () => handlers.length === 2);
    await waitFor('the front to be ready again', async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200, 30_000);
    await waitFor('every message to be answered', () => allAnswered(before + 8), 25_000);
    await new Promise((r) => setTimeout(r, 1000));
    for (const p of PEOPLE) expect(helpAnswers(p)).toBe(before + 8);
    expect(sent).toBe(PEOPLE.length * (before + 8));
    expect(handlers[1]).not.toBe(killed);
  }, 60_000);

  it('SIGTERM to the front stops both processes', async () => {
    const exited = new Promise<number | null>((r) => bot.once('exit', (code) => r(code)));
    bot.kill('SIGTERM');
    expect(await exited).toBe(0);
    // The front waits for the handler to exit before it does.
    expect(() => process.kill(handlers.at(-1)!, 0)).toThrow(/ESRCH/);
  }, 20_000);
});
