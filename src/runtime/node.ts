/**
 * `npm start`: the bot on Node. Embedded PGlite unless DATABASE_URL is set; without Lark
 * credentials, the built-in fake Lark (the sandbox) answers on the same port.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import cron from 'node-cron';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createLogger } from '../log.js';
import { systemClock } from '../clock.js';
import { createPostgresDb, type DbHandle } from '../../db/client.js';
import { createPgliteDb } from '../../db/pglite.js';
import { migrateDb } from '../../db/migrate.js';
import { createApp } from './create-app.js';
import { parseOrgFile, OrgFileError } from '../app/org-file.js';
import { loadRoster } from '../app/roster.js';
import type { Clock } from '../clock.js';
import { DirectoryLockedError, lockDirectory } from './pglite-lock.js';
import { wire } from './wire.js';
import { SoleDrainer } from '../lark/drainer-lease.js';
import { nodeWebhookCrypto } from './node-crypto.js';
import { nodeLarkHttp } from './node-http.js';
import { tick } from '../scheduler/tick.js';

function fatal(line: string): never {
  console.error(line);
  process.exit(1);
}

async function main(): Promise<void> {
  // Where a start's time goes (issue 14): every phase in ms since the process began.
  const phases: Record<string, number> = { modules: Math.round(performance.now()) };
  const phase = (name: string) => (phases[name] = Math.round(performance.now()));
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) fatal(e.message);
    throw e;
  }
  const log = createLogger(config.logLevel, { service: 'kam-bot' });

  let release: () => void = () => {};
  let handle: DbHandle;
  if (config.databaseUrl) {
    handle = createPostgresDb(config.databaseUrl);
  } else {
    const dir = resolve(config.pgliteDir);
    try {
      release = lockDirectory(dir);
    } catch (e) {
      if (e instanceof DirectoryLockedError) fatal(e.message);
      throw e;
    }
    handle = await createPgliteDb({ dir });
  }
  phase('dbOpen');
  const started = Date.now();
  await migrateDb(handle);
  phase('migrations');
  log.info('db.ready', { driver: handle.driver, ms: Date.now() - started });

  if (config.orgFile) {
    let raw: string;
    try {
      raw = readFileSync(config.orgFile, 'utf8');
    } catch (e) {
      fatal(`Configuration error: KAM_ORG_FILE cannot be read (${(e as Error).message})`);
    }
    try {
      const n = await loadRoster(handle.db, parseOrgFile(raw), systemClock.now());
      log.info('roster.loaded', { file: config.orgFile, members: n });
    } catch (e) {
      if (e instanceof OrgFileError) fatal(`Configuration error: KAM_ORG_FILE ${config.orgFile} ${e.message}`);
      throw e;
    }
  }

  // Sandbox: no credentials, so the fake Lark plays Feishu on this same port, with a demo
  // roster, a clock the web chat can move forward, and the web chat at /sandbox.
  const sandboxMod = config.lark.sandbox ? await import('../sandbox/runtime.js') : null;
  const sandbox = sandboxMod ? await sandboxMod.prepareSandbox({ config, db: handle.db, log }) : null;
  if (sandbox) config = sandbox.config;
  phase('sandbox');
  const clock: Clock = sandbox ? sandbox.clock : systemClock;
  const localBase = `http://127.0.0.1:${config.port}`;

  const inFlight = new Set<Promise<unknown>>();
  const defer = (task: () => Promise<unknown>) => {
    const p = task().catch((e: unknown) => log.error('deferred.failed', { error: e }));
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  const wired = wire({
    config,
    db: handle.db,
    clock,
    log,
    defer,
    larkCredentials: sandboxMod?.SANDBOX_CREDENTIALS,
    webhookCrypto: nodeWebhookCrypto,
    larkHttp: nodeLarkHttp,
    // PGlite's directory lock makes this the only process on the database: no lease to share.
    drainerLease: handle.driver === 'pglite' ? new SoleDrainer() : undefined,
    eventLanes: handle.driver === 'pglite' ? 1 : config.eventLanes,
  });

  const app = createApp(() => wired.deps);
  const web = sandbox && sandboxMod ? sandboxMod.mountSandbox(app, sandbox, () => wired.deps) : null;
  if (sandbox && sandboxMod) await sandboxMod.seedSandbox(sandbox, wired.deps);
  phase('seed');
  const server = serve({ fetch: app.fetch, port: config.port, hostname: sandbox ? '127.0.0.1' : '0.0.0.0' });

  // Resume whatever a previous run left (stored events, unsent messages), then keep sweeping.
  defer(wired.sweep);
  const sweeper = cron.schedule('*/5 * * * * *', () => wired.sweep(), { name: 'sweep', noOverlap: true });
  // Reminders: every 5 minutes in the company zone; tick() itself is idempotent and locked.
  const ticker = cron.schedule('*/5 * * * *', () => tick(wired.deps, clock.now()).then(() => undefined, (e: unknown) => log.error('tick.failed', { error: e })), { name: 'tick', noOverlap: true, timezone: config.timeZone });

  phase('listening');
  log.info('server.started', { port: config.port, sandbox: Boolean(sandbox), db: handle.driver, startMs: phases });
  if (sandbox) {
    console.log(
      [
        '',
        `  kam-bot is running on ${localBase} (embedded database in ${resolve(config.pgliteDir)}).`,
        '  No Lark credentials: the built-in sandbox plays Feishu on the same port (/open-apis).',
        `  Open the web chat: ${web?.url ?? `${localBase}/sandbox`}${sandbox.demoLoaded ? '  (demo department loaded)' : ''}`,
        '  To connect to Feishu, set LARK_APP_ID, LARK_APP_SECRET, LARK_ENCRYPT_KEY and',
        '  LARK_VERIFICATION_TOKEN, and point the console at /lark/events and /lark/cards (see README).',
        '',
      ].join('\n'),
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('server.stopping', { signal });
    await sweeper.stop();
    await ticker.stop();
    server.close();
    await Promise.race([Promise.all([...inFlight, wired.idle()]), new Promise((r) => setTimeout(r, 5000))]);
    web?.flush();
    await handle.close();
    release();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

await main();
