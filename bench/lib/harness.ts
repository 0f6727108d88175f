/** What the webhook benches share: ports, a fresh bench database, child servers, Lark's encryption. */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createPostgresDb } from '../../db/client.js';
import { migrateDb } from '../../db/migrate.js';
import { nodeWebhookCrypto } from '../../src/runtime/node-crypto.js';

export const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** A fresh database `name` on the server, migrated. */
export async function benchDatabase(name = 'kam_bench'): Promise<string> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const handle = createPostgresDb(u.toString(), { max: 1 });
  await migrateDb(handle);
  await handle.close();
  return u.toString();
}

/** Forks a bench server script; resolves when it says it is listening. */
export function startServer(script: string, env: Record<string, string>, execArgv: string[] = []): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(script, [], { env: { ...process.env, ...env }, execArgv: ['--import', 'tsx', ...execArgv], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

/** The webhook's keys the benches sign and encrypt with, and the bot is started with. */
export const BENCH_ENCRYPT_KEY = 'bench-encrypt-key';
export const BENCH_TOKEN = 'bench-verification-token';

/**
 * The environment a bench starts the real bot (src/runtime/node.ts) with: Lark credentials
 * against the given fake Lark, no monthly budget, and no client-side rate limit (benchmarks
 * only: the bench measures the bot, not the 50/s limiter). The database comes from the caller.
 */
export function benchBotEnv(o: { port: number; larkUrl: string }): Record<string, string> {
  return {
    PORT: String(o.port),
    LOG_LEVEL: 'warn',
    LARK_APP_ID: 'cli_fake0000000000',
    LARK_APP_SECRET: 'fake-secret',
    LARK_ENCRYPT_KEY: BENCH_ENCRYPT_KEY,
    LARK_VERIFICATION_TOKEN: BENCH_TOKEN,
    LARK_DOMAIN: o.larkUrl,
    LARK_MONTHLY_CALL_BUDGET: '0',
    KAM_BENCH_NO_RATE_LIMIT: '1',
  };
}

export async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never became ready`);
}

/**
 * Lark's encryption (lark.md §1.8) with node:crypto, fast enough for pools of 100,000 events;
 * the benches check it against the bot's own WebCrypto decryption before they start.
 */
export function larkEncrypt(encryptKey: string, plaintext: string): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', createHash('sha256').update(encryptKey).digest(), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

export interface SignedEvent {
  body: string;
  headers: Record<string, string>;
}

/** An event as Lark posts it: encrypted, with the timestamp, nonce and signature headers. */
export function signedEvent(encryptKey: string, plain: unknown, nonce: string, ts = String(Math.floor(Date.now() / 1000))): SignedEvent {
  const body = JSON.stringify({ encrypt: larkEncrypt(encryptKey, JSON.stringify(plain)) });
  return {
    body,
    headers: { 'content-type': 'application/json', 'x-lark-request-timestamp': ts, 'x-lark-request-nonce': nonce, 'x-lark-signature': nodeWebhookCrypto.signature(ts, nonce, encryptKey, body) as string },
  };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** The p-th percentile (nearest rank) of xs. */
export const percentile = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((s.length * p) / 100) - 1))]!;
};
