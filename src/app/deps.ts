import type { Config } from '../config.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { LarkClient } from '../lark/client.js';
import type { NormalizedEvent } from '../lark/envelope.js';
import type { WebhookCrypto } from '../lark/verify.js';
import type { ArrivedEvent } from '../lark/inbound.js';

/** Everything a use case may touch, injected by the runtime (Node, Worker, tests). */
export interface Deps {
  config: Config;
  db: Db;
  clock: Clock;
  log: Logger;
  lark: LarkClient;
  /** Runs work after the HTTP response: a detached promise on Node, ctx.waitUntil on Workers. */
  defer(task: () => Promise<unknown>): void;
  /** Asks the outbox drainer to run soon. */
  kickOutbox(): void;
  /** Stores an inbound event; false when its event_id was seen before. Batched under load. */
  storeInbound(e: NormalizedEvent, source: 'event' | 'card', status?: 'pending' | 'ignored'): Promise<boolean>;
  /** Handles a stored event after the ack (bounded; the sweep covers what does not fit). */
  processLater(e: ArrivedEvent): void;
  /** Verification primitives for the webhook (node:crypto on Node; WebCrypto when absent). */
  webhookCrypto?: WebhookCrypto;
  /** The bot's own open_id (to tell whether a group message @-mentions it), cached. */
  botOpenId: BotOpenIdLookup;
}

export interface BotOpenIdLookup {
  (): Promise<string | null>;
  /** The answer if a lookup has finished, without waiting: `undefined` while unknown. */
  peek(): string | null | undefined;
}

/** Caches the bot's open_id for the life of the deps; a failed lookup is retried next time. */
export function botOpenIdLookup(lark: LarkClient, log: Logger): BotOpenIdLookup {
  let cached: Promise<string | null> | null = null;
  let known: string | null | undefined;
  const lookup = () => {
    cached ??= lark.botInfo().then(
      (b) => (known = b?.openId ?? null),
      (e: unknown) => {
        log.warn('lark.bot_info_failed', { error: String(e) });
        cached = null;
        return null;
      },
    );
    return cached;
  };
  return Object.assign(lookup, { peek: () => known });
}
