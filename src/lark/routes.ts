/**
 * The webhook: `POST /lark/events` stores and acknowledges at once, processing afterwards;
 * `POST /lark/cards` answers card clicks inside the request. Neither changes data on bad input.
 */
import { Hono } from 'hono';
import type { GatewayDeps } from './gateway-deps.js';
import type { NormalizedEvent } from './envelope.js';
import { verifyLarkRequest, MAX_BODY_BYTES } from './verify.js';
import { arrive, type EventHandlers } from './inbound.js';
import { handleCardCallback } from './card-callback.js';
import { type CardAction } from '../app/card-handler.js';
import { ownEntry } from './payload.js';
import { UnstorableEvent } from './inbound-batcher.js';
import { describeError } from '../log.js';
import { handleApprovalCallback } from './approval-callback.js';

export interface Handlers {
  events: EventHandlers;
  cards: ReadonlyMap<string, CardAction>;
}

export function larkRoutes(getDeps: () => GatewayDeps, handlers: Handlers): Hono {
  const app = new Hono();

  const verified = async (deps: GatewayDeps, req: Request) => {
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

  const unstorable = (deps: GatewayDeps, envelope: NormalizedEvent, e: UnstorableEvent) => {
    // Never storable, so never acknowledged: 400, and nothing beside it suffers.
    deps.log.warn('webhook.unstorable', { eventId: envelope.eventId, eventType: envelope.eventType, error: describeError(e.reason) });
    return Response.json({ error: 'event cannot be stored' }, { status: 400 });
  };

  const answerCard = async (deps: GatewayDeps, envelope: NormalizedEvent) => {
    try {
      const answer = () => handleCardCallback(deps, handlers.cards, envelope);
      return Response.json(await (deps.foreground ? deps.foreground.run(answer) : answer()));
    } catch (e) {
      if (e instanceof UnstorableEvent) return unstorable(deps, envelope, e);
      throw e;
    }
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
    if (envelope.eventType === 'card.action.trigger') return answerCard(deps, envelope);
    const { handle, arrived } = arrive(envelope, handlers.events, deps.botOpenId.peek());
    let stored: boolean;
    try {
      stored = await deps.storeInbound(envelope, 'event', handle ? 'pending' : 'ignored');
    } catch (e) {
      if (e instanceof UnstorableEvent) return unstorable(deps, envelope, e);
      throw e;
    }
    if (!stored) deps.log.info('event.duplicate', { eventId: envelope.eventId, eventType: envelope.eventType });
    else if (handle) deps.processLater(arrived);
    else if (!ownEntry(handlers.events, envelope.eventType)) deps.log.info('event.unhandled_type', { eventId: envelope.eventId, eventType: envelope.eventType });
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
    return answerCard(deps, result.envelope);
  });

  // Quick approval from Feishu's approval centre: verified by the definition's token (approval-callback.ts).
  app.post('/lark/approval-centre', async (c) => {
    if (Number(c.req.header('content-length') ?? 0) > MAX_BODY_BYTES) return c.json({ message: '请求过大。', without_prefix: true }, 413);
    const body = await c.req.json<Record<string, unknown>>().catch(() => ({}));
    const a = await handleApprovalCallback(getDeps(), body);
    return c.json(a.body, a.status);
  });

  return app;
}
