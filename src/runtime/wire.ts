/**
 * Wiring shared by every runtime: given config, a database, a clock and a way to run work
 * after a response, build the deps the app and the schedules use. Workers-safe.
 */
import type { Config } from '../config.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import { randomIds, type Ids } from '../ids.js';
import type { Logger } from '../log.js';
import { botOpenIdLookup, type GatewayDeps } from '../lark/gateway-deps.js';
import { outboxKicker } from '../lark/outbox-kicker.js';
import { LarkClient, type LarkHttpRequest } from '../lark/client.js';
import type { WebhookCrypto } from '../lark/verify.js';
import { RateLimiter } from '../lark/rate-limit.js';
import { drainOutbox, type DrainOptions } from '../lark/drain.js';
import { PostgresDrainerLease, type DrainerLease } from '../lark/drainer-lease.js';
import { processEvents, sweepInbound } from '../lark/inbound.js';
import { eventQueue } from '../lark/event-queue.js';
import { inboundBatcher } from '../lark/inbound-batcher.js';
import { foreground } from '../lark/foreground.js';
import { CARD_ACTIONS, EVENT_HANDLERS, FILE_BUILDERS } from './handlers.js';
import { APPROVAL_HOOKS } from './approval-hooks.js';

export interface Wired {
  deps: GatewayDeps;
  /**
   * One pass of the periodic work: resume unprocessed events, then start a drain of the outbox
   * without waiting for it (a hanging Lark must not hold up the next sweep); `idle()` waits.
   */
  sweep(): Promise<void>;
  /** One drain of the outbox (tests drain after moving the clock). */
  drain(o?: DrainOptions): ReturnType<typeof drainOutbox>;
  /** Resolves when queued events are handled and the current drain has finished. */
  idle(): Promise<void>;
}

export function wire(o: {
  config: Config;
  db: Db;
  clock: Clock;
  /** Record ids; random unless a test names them. */
  ids?: Ids;
  log: Logger;
  defer: (task: () => Promise<unknown>) => void;
  /** Sandbox credentials when the config has none. */
  larkCredentials?: { appId: string; appSecret: string };
  limiter?: RateLimiter;
  /** Who drains: by default a lease in the database; PGlite (one process) passes a SoleDrainer. */
  drainerLease?: DrainerLease;
  drain?: DrainOptions;
  /** A client to reuse (tests, and Workers isolates keeping their tenant token). */
  lark?: LarkClient;
  /** The Lark client's HTTP when this builds the client (Node: node:http; by default the SDK's axios). */
  larkHttp?: LarkHttpRequest;
  webhookCrypto?: WebhookCrypto;
  /** Event handling lanes (src/lark/event-queue.ts): 1 unless the database runs transactions at once. */
  eventLanes?: number;
}): Wired {
  const appId = o.config.lark.appId ?? o.larkCredentials?.appId;
  const appSecret = o.config.lark.appSecret ?? o.larkCredentials?.appSecret;
  if (!appId || !appSecret) throw new Error('Lark credentials are missing: set LARK_APP_ID and LARK_APP_SECRET');
  const lark = o.lark ?? new LarkClient({ appId, appSecret, baseUrl: o.config.lark.baseUrl, log: o.log, http: o.larkHttp });
  const limiter = o.limiter ?? new RateLimiter(o.config.lark.clientRateLimit ? {} : { perApiPerSecond: Infinity, perReceiverPerSecond: Infinity });
  const lease = o.drainerLease ?? new PostgresDrainerLease(o.db);
  const ids = o.ids ?? randomIds;
  // Clicks and acks first; drains and handling batches wait for them at each database step.
  const fg = foreground();
  const drainDeps = { yieldTo: fg.quiet, db: o.db, lark, clock: o.clock, ids, log: o.log, limiter, admins: o.config.admins, lease, monthlyBudget: o.config.lark.monthlyCallBudget, timeZone: o.config.timeZone, files: FILE_BUILDERS, centreCallback: o.config.lark.approvalCallback };
  const drainOptions: DrainOptions = { leaseMs: o.config.outboxLeaseMs, ...o.drain };
  const kicker = outboxKicker(drainDeps, o.defer, o.log, drainOptions);
  // Filled in below: the queue needs the deps it hands to each event.
  const queue = eventQueue((events) => processEvents(deps, EVENT_HANDLERS, events), o.defer, { yieldTo: fg.quiet, lanes: o.eventLanes });
  const inbox = inboundBatcher(o.db);
  const deps: GatewayDeps = {
    config: o.config,
    db: o.db,
    clock: o.clock,
    ids,
    log: o.log,
    lark,
    contacts: { getUser: (openId) => lark.getUser(openId) },
    approvalHooks: APPROVAL_HOOKS,
    handlesCardAction: (kind) => CARD_ACTIONS.has(kind),
    defer: o.defer,
    kickOutbox: kicker.kick,
    storeInbound: (e, source, status = 'pending') => fg.run(() => inbox.store(e, source, status, o.clock.now())),
    foreground: fg,
    processLater: (e) => {
      if (!queue.push(e)) o.log.warn('event.queue_full', { eventId: e.eventId });
    },
    botOpenId: botOpenIdLookup(lark, o.log),
    webhookCrypto: o.webhookCrypto,
  };
  return {
    deps,
    sweep: async () => {
      await sweepInbound(deps, EVENT_HANDLERS);
      kicker.kick();
    },
    drain: (d) => drainOutbox(drainDeps, { ...drainOptions, ...d }),
    idle: async () => {
      await queue.idle();
      await kicker.idle();
    },
  };
}
