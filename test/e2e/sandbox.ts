/**
 * End-to-end support: `npm start` exactly as a newcomer runs it (no Lark credentials, a fresh
 * embedded database) as a child process on a free port, and Debian's Chromium driven by
 * playwright-core against its web chat. Screenshots go to test-artifacts/sandbox/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'sandbox');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'];

/** The demo department (src/sandbox/demo.ts). */
export const WHO = {
  director: 'ou_demo_wangjianguo',
  manager: 'ou_demo_lina',
  specialist: 'ou_demo_liuyang',
  finance: 'ou_demo_zhouli',
  newcomer: 'ou_demo_wutao',
} as const;

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

export interface Sandbox {
  url: string;
  startMs: number;
  output(): string;
  stop(): Promise<void>;
}

export async function startSandbox(): Promise<Sandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'kam-e2e-'));
  const port = await freePort();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(LARK_|KAM_|DATABASE_URL|PGLITE_DIR|PORT$)/.test(k)) env[k] = v;
  Object.assign(env, { PORT: String(port), PGLITE_DIR: join(dir, 'pglite'), LOG_LEVEL: 'warn' });
  const started = Date.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/runtime/node.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const url = await new Promise<string>((res, rej) => {
    // A loaded shared machine can take longer than a minute to start tsx: E2E_START_MS raises it.
    const limit = Number(process.env.E2E_START_MS ?? 60_000);
    const timer = setTimeout(() => rej(new Error(`the sandbox did not print its URL within ${limit / 1000} s:\n${out}`)), limit);
    const check = () => {
      const m = /Open the web chat: (http:\/\/127\.0\.0\.1:\d+\/sandbox)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`the sandbox exited with ${code}:\n${out}`));
    });
  });
  const startMs = Date.now() - started;
  return {
    url,
    startMs,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 8000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function openBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
}

export async function openChat(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

/** Becomes someone in the web chat and opens their direct chat with the bot. */
export async function actAs(page: Page, openId: string): Promise<void> {
  await page.getByTestId('who').selectOption(openId);
  await page.getByTestId('chat-p2p').click();
}

export async function say(page: Page, text: string): Promise<void> {
  const box = page.getByTestId('composer');
  await box.fill(text);
  await box.press('Enter');
}

/** The newest card in the open chat whose title contains `title`. */
export function card(page: Page, title: string | RegExp): Locator {
  return page.getByTestId('card').filter({ has: page.getByTestId('card-title').filter({ hasText: title }) }).last();
}

export function lastBotText(page: Page): Locator {
  return page.getByTestId('bot-message').getByTestId('text').last();
}

/** Saves a screenshot; `clean` first clears the toasts (for pictures meant for people). */
export async function shot(page: Page, name: string, o: { clean?: boolean } = {}): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  if (o.clean) await page.evaluate(() => document.getElementById('toasts')?.replaceChildren());
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
