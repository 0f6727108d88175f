/**
 * The webhook: `POST /lark/events` stores and acknowledges at once, processing afterwards;
 * `POST /lark/cards` answers card clicks inside the request. Neither changes data on bad input.
 */
import { Hono } from 'hono';
import type { Deps } from '../app/deps.js';
import { verifyLarkRequest, MAX_BODY_BYTES } from './verify.js';
import { needsHandling, type EventFilter, type EventHandler } from '../app/inbound.js';
import { handleCardCallback, type CardHandler } from '../app/card-callback.js';

export interface Handlers {
  events: Record<string, EventHandler>;
  filters: Record<string, EventFilter>;
  cards: Record<string, CardHandler>;
}

export function larkRoutes(getDeps: () => Deps, handlers: Handlers): Hono {
  const app = new Hono();

  const verified = async (deps: Deps, req: Request) => {
    const length = Number(req.headers.get('content-length') ?? 0);
    if (length > MAX_BODY_BYTES) return { kind: 'rejected' as const, status: 413 as const, reason: 'body over 1 MB' };
    return verifyLarkRequest({
      rawBody: await req.text(),
      headers: {
        timestamp: req.headers.get('x-lark-request-timestamp'),
        nonce: req.headers.get('x-lark-request-nonce'),
        signature: req.headers.get('x-lark-signature'),
      },
      encryptKey: deps.config.lark.encryptKey,
      verificationToken: deps.config.lark.verificationToken,
      nowMs: deps.clock.now().getTime(),
      crypto: deps.webhookCrypto,
    });
  };

  app.post('/lark/events', async (c) => {
    const deps = getDeps();
    const result = await verified(deps, c.req.raw);
    if (result.kind === 'challenge') return c.json({ challenge: result.challenge });
    if (result.kind === 'rejected') {
      deps.log.warn('webhook.rejected', { path: '/lark/events', status: result.status, reason: result.reason });
      return c.json({ error: result.reason }, result.status);
    }
    const { envelope } = result;
    // One URL for both is a valid console setup: answer clicks synchronously wherever they arrive.
    if (envelope.eventType === 'card.action.trigger') return c.json(await handleCardCallback(deps, handlers.cards, envelope));
    const handle = needsHandling(envelope, handlers.events, handlers.filters, deps.botOpenId.peek());
    const stored = await deps.storeInbound(envelope, 'event', handle ? 'pending' : 'ignored');
    if (!stored) deps.log.info('event.duplicate', { eventId: envelope.eventId, eventType: envelope.eventType });
    else if (handle) deps.processLater(envelope);
    else if (!handlers.events[envelope.eventType]) deps.log.info('event.unhandled_type', { eventId: envelope.eventId, eventType: envelope.eventType });
    return c.json({});
  });

  app.post('/lark/cards', async (c) => {
    const deps = getDeps();
    const result = await verified(deps, c.req.raw);
    if (result.kind === 'challenge') return c.json({ challenge: result.challenge });
    if (result.kind === 'rejected') {
      deps.log.warn('webhook.rejected', { path: '/lark/cards', status: result.status, reason: result.reason });
      return c.json({ error: result.reason }, result.status);
    }
    return c.json(await handleCardCallback(deps, handlers.cards, result.envelope));
  });

  return app;
}
