/**
 * `npm start`: the bot on Node. Embedded PGlite unless DATABASE_URL is set; without Lark
 * credentials, the built-in fake Lark (the sandbox) answers on the same port.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
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
import { startSchedules } from './schedules.js';
import { ROLE_ENV, runHandlerProcess } from './handler-process.js';
import { superviseHandler } from './handler-supervisor.js';

function fatal(line: string): never {
  console.error(line);
  process.exit(1);
}

async function main(): Promise<void> {
  if (process.env[ROLE_ENV] === 'handler') return runHandlerProcess();
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
  // On a Postgres server with real credentials, events are handled in a second process
  // (handler-process.ts) so that their CPU never delays an ack; this one answers HTTP.
  const handler = config.handlerProcess ? superviseHandler({ log }) : null;
  const wired: ReturnType<typeof wire> = wire({
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
    handOff: handler
      ? {
          processLater: (e) => {
            handler.processLater(e);
            // The arrival check needs the bot's open_id to settle group chatter; nothing else here asks.
            if (wired.deps.botOpenId.peek() === undefined) void wired.deps.botOpenId();
          },
          kickOutbox: handler.kickOutbox,
        }
      : undefined,
  });

  const app = createApp(() => wired.deps, handler ? { handlerUp: () => handler.up } : {});
  const web = sandbox && sandboxMod ? sandboxMod.mountSandbox(app, sandbox, () => wired.deps) : null;
  if (sandbox && sandboxMod) await sandboxMod.seedSandbox(sandbox, wired.deps);
  phase('seed');
  const server = serve({ fetch: app.fetch, port: config.port, hostname: sandbox ? '127.0.0.1' : '0.0.0.0' });

  // The sweep and the reminder tick run where events are handled.
  const schedules = handler ? null : startSchedules({ wired, clock, timeZone: config.timeZone, log, defer });
  if (handler) {
    handler.start();
    void wired.deps.botOpenId();
  }

  phase('listening');
  log.info('server.started', { port: config.port, sandbox: Boolean(sandbox), db: handle.driver, handlerProcess: Boolean(handler), startMs: phases });
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
    await schedules?.stop();
    server.close();
    await Promise.race([Promise.all([...inFlight, wired.idle()]), new Promise((r) => setTimeout(r, 5000))]);
    // After the front's own work: the kicks and events it handed over are ahead of the stop.
    await handler?.stop();
    web?.flush();
    await handle.close();
    release();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

await main();
