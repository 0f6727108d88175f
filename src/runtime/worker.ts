/**
 * The bot on Cloudflare Workers: `fetch` serves the same Hono app as Node, `scheduled` runs the
 * same periodic work from cron triggers (UTC). Postgres comes from the HYPERDRIVE binding or a
 * DATABASE_URL secret; there is no embedded PGlite here. Everything that touches I/O (the
 * postgres.js client, the Lark client) is built per request — workerd does not let one request
 * use another's sockets — and work after the response goes through `ctx.waitUntil`.
 *
 * Only Workers-safe modules may be imported from here: this file is the bundle's entry. It must
 * export nothing but the default handler (and types): workerd treats every named export as an
 * entrypoint and refuses to start on a constant or helper.
 */
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createLogger, type Logger } from '../log.js';
import { systemClock } from '../clock.js';
import { createPostgresDb } from '../../db/client.js';
import { createApp } from './create-app.js';
import { RateLimiter } from '../lark/rate-limit.js';
import { LarkClient } from '../lark/client.js';
import { wire, type Wired } from './wire.js';
import { tick } from '../scheduler/tick.js';

// Minimal Workers types, declared here so the Node typecheck needs no @cloudflare/workers-types.
export interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
}
export interface ScheduledController {
  readonly scheduledTime: number;
  readonly cron: string;
  noRetry(): void;
}
export interface HyperdriveBinding {
  readonly connectionString: string;
}
/** Bindings: [vars], secrets, and the optional [[hyperdrive]] binding. */
export interface Env {
  HYPERDRIVE?: HyperdriveBinding;
  [name: string]: unknown;
}

/** The cron strings in wrangler.toml [triggers]; keep both in step. */
const CRON_SWEEP = '* * * * *';
const CRON_REMINDER_TICK = '*/5 * * * *';

/** What a request or a cron run cannot proceed without, said in one line. */
class WorkerSetupError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'WorkerSetupError';
  }
}

/** Per isolate: the client-side throttle holds no I/O, so requests in one isolate share a budget. */
const limiter = new RateLimiter();

/**
 * Per isolate, per app: the Lark client holds the tenant token (and its single in-flight fetch),
 * so requests reuse one token for its 2 hours instead of fetching one each. Each API call still
 * opens its own connection inside the request that makes it.
 */
const larkClients = new Map<string, LarkClient>();
function larkClientFor(config: Config, log: Logger): LarkClient {
  const key = `${config.lark.baseUrl}|${config.lark.appId}|${config.lark.appSecret}`;
  let client = larkClients.get(key);
  if (!client) {
    client = new LarkClient({ appId: config.lark.appId!, appSecret: config.lark.appSecret!, baseUrl: config.lark.baseUrl, log });
    larkClients.set(key, client);
  }
  return client;
}

/** The environment as loadConfig sees it: string bindings, DATABASE_URL from Hyperdrive if bound. */
function workerEnv(env: Env): Record<string, string | undefined> {
  const vars: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string') vars[k] = v;
  const hyperdrive = env.HYPERDRIVE?.connectionString;
  if (hyperdrive) vars.DATABASE_URL = hyperdrive;
  return vars;
}

/** Validates what the Worker needs; throws ConfigError or WorkerSetupError with one clear line. */
function workerConfig(env: Env): Config & { databaseUrl: string } {
  const config = loadConfig(workerEnv(env));
  if (!config.databaseUrl) {
    throw new WorkerSetupError(
      'DATABASE_URL',
      'Configuration error: no database. Bind Hyperdrive as HYPERDRIVE in wrangler.toml ([[hyperdrive]] binding = "HYPERDRIVE") ' +
        'or set the DATABASE_URL secret (npx wrangler secret put DATABASE_URL); there is no embedded PGlite on Workers.',
    );
  }
  if (config.lark.sandbox) {
    throw new WorkerSetupError(
      'LARK_APP_ID',
      'Configuration error: LARK_APP_ID and LARK_APP_SECRET are not set (npx wrangler secret put LARK_APP_ID, then LARK_APP_SECRET); ' +
        'the sandbox runs on Node only.',
    );
  }
  return config as Config & { databaseUrl: string };
}

function wireWorker(env: Env, ctx: ExecutionContext): { wired: Wired; log: Logger } {
  const config = workerConfig(env);
  const log = createLogger(config.logLevel, { service: 'kam-bot', runtime: 'workers' });
  // Per request, never end()ed: sql.end() on workerd cancels a stream it still owns.
  const { db } = createPostgresDb(config.databaseUrl, { onWorkers: true, max: 4 });
  const defer = (task: () => Promise<unknown>) =>
    ctx.waitUntil(
      (async () => {
        try {
          await task();
        } catch (e) {
          log.error('deferred.failed', { error: e });
        }
      })(),
    );
  const wired = wire({ config, db, clock: systemClock, log, defer, limiter, lark: larkClientFor(config, log) });
  return { wired, log };
}

/** Misconfiguration is the deployment's fault, not the request's: 503 with the one line. */
const setupFailure = (e: unknown): { line: string; variable: string } | null =>
  e instanceof WorkerSetupError || e instanceof ConfigError ? { line: e.message, variable: e.variable } : null;

/**
 * The reminder tick (src/scheduler/tick.ts) turns due obligations into nudges and digests in
 * the outbox; the sweep after it delivers them.
 */
async function reminderTick(wired: Wired, now: Date, log: Logger): Promise<void> {
  log.debug('cron.reminder_tick', { now: now.toISOString() });
  await tick(wired.deps, now);
  await wired.sweep();
}

export default {
  async fetch(req: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    let wired: Wired;
    try {
      ({ wired } = wireWorker(env, ctx));
    } catch (e) {
      const failure = setupFailure(e);
      if (!failure) throw e;
      console.error(JSON.stringify({ t: new Date().toISOString(), level: 'error', event: 'worker.misconfigured', variable: failure.variable, error: failure.line }));
      return Response.json({ error: failure.line, variable: failure.variable }, { status: 503 });
    }
    return createApp(() => wired.deps).fetch(req);
  },

  async scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
    const now = new Date(controller.scheduledTime);
    let wired: Wired;
    let log: Logger;
    try {
      ({ wired, log } = wireWorker(env, ctx));
    } catch (e) {
      const failure = setupFailure(e);
      if (failure) console.error(JSON.stringify({ t: new Date().toISOString(), level: 'error', event: 'worker.misconfigured', cron: controller.cron, variable: failure.variable, error: failure.line }));
      throw e;
    }
    const started = Date.now();
    try {
      if (controller.cron === CRON_REMINDER_TICK) await reminderTick(wired, now, log);
      else {
        // An unknown cron string (wrangler.toml changed without this file) still gets the sweep.
        if (controller.cron !== CRON_SWEEP) log.warn('cron.unknown', { cron: controller.cron });
        await wired.sweep();
      }
      await wired.idle();
      log.info('cron.done', { cron: controller.cron, scheduledTime: now.toISOString(), ms: Date.now() - started });
    } catch (e) {
      log.error('cron.failed', { cron: controller.cron, scheduledTime: now.toISOString(), error: e });
      throw e;
    }
  },
};
