/** What the gateway (webhook, card callback, event processing) needs on top of the use cases' Deps. */
import type { Foreground } from './foreground.js';
import type { Deps } from '../app/deps.js';
import type { Logger } from '../log.js';
import type { LarkClient } from './client.js';
import type { NormalizedEvent } from './envelope.js';
import type { WebhookCrypto } from './verify.js';
import type { ArrivedEvent } from './envelope.js';

export interface GatewayDeps extends Deps {
  lark: LarkClient;
  /** Stores an inbound event; false when its event_id was seen before. Batched under load. */
  storeInbound(e: NormalizedEvent, source: 'event' | 'card', status?: 'pending' | 'ignored'): Promise<boolean>;
  /** Handles a stored event after the ack (bounded; the sweep covers what does not fit). */
  processLater(e: ArrivedEvent): void;
  /** Verification primitives for the webhook (node:crypto on Node; WebCrypto when absent). */
  webhookCrypto?: WebhookCrypto;
  /** What goes first in this process: clicks and acks over drains and handling (src/lark/foreground.ts). */
  foreground?: Foreground;
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
