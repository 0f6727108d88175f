/** The HTTP app, identical on Node and Workers; the runtime supplies the deps. */
import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import type { GatewayDeps } from '../lark/gateway-deps.js';
import { larkRoutes } from '../lark/routes.js';
import { CARD_ACTIONS, EVENT_HANDLERS } from './handlers.js';
import { appliedMigrations, EXPECTED_MIGRATIONS } from '../../db/migrations-status.js';
import { describeError } from '../log.js';

export function createApp(getDeps: () => GatewayDeps): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    const deps = getDeps();
    try {
      await deps.db.execute(sql`select 1`);
      const applied = await appliedMigrations(deps.db);
      const ready = applied >= EXPECTED_MIGRATIONS;
      return c.json({ ok: ready, database: 'up', migrations: { applied, expected: EXPECTED_MIGRATIONS } }, ready ? 200 : 503);
    } catch (e) {
      deps.log.warn('readyz.failed', { error: describeError(e) });
      return c.json({ ok: false, database: 'down' }, 503);
    }
  });
  app.route('/', larkRoutes(getDeps, { events: EVENT_HANDLERS, cards: CARD_ACTIONS }));
  app.notFound((c) => c.json({ error: 'not found' }, 404));
  app.onError((err, c) => {
    getDeps().log.error('http.error', { path: c.req.path, error: err });
    return c.json({ error: 'internal error' }, 500);
  });
  return app;
}
