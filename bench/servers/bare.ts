/** The ceiling: a bare Hono route on @hono/node-server that reads the body and answers {}. */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.post('/lark/events', async (c) => {
  await c.req.text();
  return c.json({});
});
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, () => process.send?.('ready'));
