/**
 * Sandbox mode for the Node runtime (no Lark credentials): the fake Lark plays Feishu on the
 * bot's own port, the clock is an OffsetClock the web chat can move, an empty roster gets the
 * demo department, and the web chat is served at /sandbox. Everything listens on 127.0.0.1.
 */
import { dirname, join, resolve } from 'node:path';
import type { Hono } from 'hono';
import type { Config } from '../config.js';
import type { Db } from '../../db/client.js';
import type { Logger } from '../log.js';
import type { Deps } from '../app/deps.js';
import { listMembers, loadRoster } from '../app/roster.js';
import { tick } from '../scheduler/tick.js';
import { FakeLark } from './fake-lark.js';
import { EventSender } from './event-sender.js';
import { OffsetClock } from './offset-clock.js';
import { DEMO_GROUP, DEMO_ROSTER, demoDirectory, sandboxAdmins } from './demo.js';
import { seedDemoCustomers } from './demo-customers.js';
import { chatLogWriter, loadChatLog } from './chat-log.js';
import { clientBundle } from './bundle.js';
import { messageView, webChatRoutes } from './web-chat.js';

export const SANDBOX_CREDENTIALS = { appId: 'cli_fake0000000000', appSecret: 'fake-secret' };

export interface Sandbox {
  config: Config;
  clock: OffsetClock;
  lark: FakeLark;
  /** Whether the demo roster was loaded on this start. */
  demoLoaded: boolean;
  chatLogFile: string;
}

/** Before wiring: the demo roster (if the roster is empty), admins, keys, and the local base URL. */
export async function prepareSandbox(o: { config: Config; db: Db; log: Logger }): Promise<Sandbox> {
  // The chats and the clock continue where the last run left them.
  const chatLogFile = join(dirname(resolve(o.config.pgliteDir)), 'sandbox-chats.json');
  const saved = loadChatLog(chatLogFile);
  const clock = new OffsetClock({ offsetMs: saved.clockOffsetMs });
  let demoLoaded = false;
  if ((await listMembers(o.db)).length === 0) {
    await loadRoster(o.db, DEMO_ROSTER, clock.now());
    demoLoaded = true;
    o.log.info('sandbox.demo_roster_loaded', { members: DEMO_ROSTER.length });
  }
  const admins = sandboxAdmins(o.config.admins, await listMembers(o.db));
  const lark = new FakeLark({ clock, appId: SANDBOX_CREDENTIALS.appId, appSecret: SANDBOX_CREDENTIALS.appSecret, users: demoDirectory() });
  lark.restore(saved.messages);
  lark.calendar.restore(saved.calendar);
  lark.tasks.restore(saved.tasks);
  lark.approval.restore(saved.approval);
  // People on a roster loaded from KAM_ORG_FILE are in the fake tenant too.
  for (const m of await listMembers(o.db)) if (!lark.users.has(m.openId)) lark.users.set(m.openId, { name: m.name });
  const config: Config = {
    ...o.config,
    admins,
    lark: {
      ...o.config.lark,
      baseUrl: `http://127.0.0.1:${o.config.port}`,
      encryptKey: o.config.lark.encryptKey ?? crypto.randomUUID(),
      verificationToken: o.config.lark.verificationToken ?? crypto.randomUUID(),
    },
  };
  return { config, clock, lark, demoLoaded, chatLogFile };
}

/**
 * After wiring, before listening: a fresh demo gets its customers and a week of history, so the
 * README's examples work as written from the first message. Before the server listens, because
 * the embedded database's work holds the event loop and the page would otherwise be refused.
 */
export async function seedSandbox(sb: Sandbox, deps: Deps): Promise<void> {
  if (!sb.demoLoaded) return;
  // Its cards go out with the start-up sweep, once the fake Lark listens on this port.
  await seedDemoCustomers(deps, sb.clock.now());
}

/** After wiring: mounts the fake Open API and the web chat; returns the chat's URL. */
export function mountSandbox(app: Hono, sb: Sandbox, getDeps: () => Deps): { url: string; flush(): void } {
  const base = `http://127.0.0.1:${sb.config.port}`;
  const writer = chatLogWriter(sb.chatLogFile, () => ({ messages: [...sb.lark.messages.values()], clockOffsetMs: sb.clock.offsetMs, calendar: sb.lark.calendar.snapshot(), tasks: sb.lark.tasks.snapshot(), approval: sb.lark.approval.snapshot() }));
  sb.lark.calendar.onChange = () => writer.changed();
  sb.lark.tasks.onChange = () => writer.changed();
  sb.lark.approval.onChange = () => writer.changed();

  const sender = new EventSender(sb.lark, {
    botUrl: base,
    encryptKey: sb.config.lark.encryptKey,
    verificationToken: sb.config.lark.verificationToken,
    appId: SANDBOX_CREDENTIALS.appId,
    // The bot checks the signature's timestamp against its own (moved) clock, as Lark's would be.
    nowMs: () => sb.clock.now().getTime(),
    // The Feishu client gives up on a card callback after 3 s.
    fetch: (input, init) => fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(3000) }),
  });
  const web = webChatRoutes({ lark: sb.lark, sender, clock: sb.clock, deps: getDeps, group: DEMO_GROUP, clientScript: clientBundle, tick, onClockMoved: () => writer.changed() });
  sb.lark.onChange = (m) => {
    writer.changed();
    web.publish({ type: 'message', message: messageView(m) });
  };
  app.route('/', sb.lark.app);
  app.route('/', web.app);

  void clientBundle().catch((e: unknown) => getDeps().log.error('sandbox.bundle_failed', { error: e }));
  return { url: `${base}/sandbox`, flush: () => writer.flush() };
}
