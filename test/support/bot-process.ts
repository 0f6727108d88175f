/** The bot as a real child process (src/runtime/node.ts) on a test database, for multi-process tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { FakeLark } from '../../src/sandbox/fake-lark.js';
import { ENCRYPT_KEY, VERIFICATION_TOKEN } from './harness.js';

/** The fake Lark on a free local port, for bot processes to call. */
export const serveFakeLark = (lark: FakeLark) =>
  new Promise<{ server: ServerType; url: string }>((resolve) => {
    const server = serve({ fetch: lark.app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => resolve({ server, url: `http://127.0.0.1:${info.port}` }));
  });

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** Polls `probe` (real time: another process is doing the work) until it returns something truthy. */
export async function waitFor<T>(what: string, probe: () => Promise<T | null | false> | T | null | false, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts the bot on `port` against `databaseUrl` and the fake Lark at `larkUrl`; resolves when /readyz answers. */
export async function startBot(o: { port: number; databaseUrl: string; larkUrl: string; env?: Record<string, string>; readyMs?: number }): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/runtime/node.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: o.databaseUrl,
      LARK_APP_ID: 'cli_fake0000000000',
      LARK_APP_SECRET: 'fake-secret',
      LARK_ENCRYPT_KEY: ENCRYPT_KEY,
      LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
      LARK_DOMAIN: o.larkUrl,
      PORT: String(o.port),
      LOG_LEVEL: 'error',
      ...o.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(
    'the bot to be ready',
    async () => {
      if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode}`);
      try {
        return (await fetch(`http://127.0.0.1:${o.port}/readyz`)).status === 200;
      } catch {
        return false;
      }
    },
    o.readyMs ?? 20_000,
  );
  return child;
}
