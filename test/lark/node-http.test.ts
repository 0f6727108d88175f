/**
 * The Lark client's Node transport (node:http) against the SDK's axios it replaces: through
 * the real SDK, every answer Lark can give — success, a business error at 200, 429 with its
 * reset header, 5xx with and without a JSON body, 401, gzip, a timeout, a refused connection —
 * must come back as the same result or the same classified error (failure, code, status,
 * retry-after), which is what the drain decides on; and the request must reach Lark the same.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LarkClient } from '../../src/lark/client.js';
import { LarkApiError } from '../../src/lark/errors.js';
import { memoryLogger } from '../../src/log.js';
import { nodeLarkHttp } from '../../src/runtime/node-http.js';

type Seen = { method: string; url: string; contentType: string | undefined; body: string; auth: string | undefined };
let seen: Seen[] = [];
let tokens = 0;
let server: http.Server;
let base: string;

/** What the fake answers a send to `receive_id`: status, headers, body. */
const ANSWERS: Record<string, { status: number; headers?: Record<string, string>; body: string | Buffer }> = {
  ok: { status: 200, body: JSON.stringify({ code: 0, msg: 'success', data: { message_id: 'om_回执1', chat_id: 'oc_1' } }) },
  expired: { status: 200, body: JSON.stringify({ code: 230031, msg: '消息已超过可编辑时间' }) },
  limited: { status: 429, headers: { 'x-ogw-ratelimit-reset': '3' }, body: JSON.stringify({ code: 99991400, msg: 'request trigger frequency limit' }) },
  bare429: { status: 429, body: '' },
  down: { status: 503, body: '<html>Service Unavailable</html>' },
  broken: { status: 500, body: JSON.stringify({ code: 1234567, msg: 'internal error' }) },
  invalid: { status: 400, body: JSON.stringify({ code: 230001, msg: '参数错误：receive_id 无效' }) },
  gzip: { status: 200, headers: { 'content-encoding': 'gzip' }, body: gzipSync(JSON.stringify({ code: 0, data: { message_id: 'om_gz', chat_id: 'oc_gz' } })) },
};
let unauthorizedOnce = false;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = req.url ?? '';
      const json = (status: number, v: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(typeof v === 'string' || Buffer.isBuffer(v) ? v : JSON.stringify(v));
      };
      if (url.startsWith('/open-apis/auth/v3/tenant_access_token/internal')) {
        tokens++;
        return json(200, { code: 0, tenant_access_token: `t-${tokens}`, expire: 7200 });
      }
      seen.push({ method: req.method!, url, contentType: req.headers['content-type'], body, auth: req.headers.authorization });
      if (url.startsWith('/open-apis/contact/v3/users/')) {
        if (unauthorizedOnce) {
          unauthorizedOnce = false;
          return json(401, { code: 99991663, msg: 'Invalid access token for authorization' });
        }
        return json(200, { code: 0, data: { user: { open_id: 'ou_1', name: '王芳', en_name: '' } } });
      }
      const receiveId = (JSON.parse(body || '{}') as { receive_id?: string }).receive_id ?? '';
      if (receiveId === 'hang') return; // never answers
      const a = ANSWERS[receiveId] ?? ANSWERS.ok!;
      json(a.status, a.body, a.headers);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const TRANSPORTS = { axios: undefined, node: nodeLarkHttp } as const;
const clientOf = (t: keyof typeof TRANSPORTS, url = base) =>
  new LarkClient({ appId: 'cli_test', appSecret: 'secret', baseUrl: url, log: memoryLogger('error'), timeoutMs: 300, http: TRANSPORTS[t] });

/** The result, or the error as the drain sees it. */
async function outcome(p: Promise<unknown>): Promise<unknown> {
  try {
    return { ok: await p };
  } catch (e) {
    if (!(e instanceof LarkApiError)) return { notClassified: String(e) };
    return { failure: e.failure, code: e.code, httpStatus: e.httpStatus, retryAfterMs: e.retryAfterMs, network: e.message.startsWith('network:') };
  }
}
const send = (c: LarkClient, receiveId: string) =>
  c.sendMessage({ receiveIdType: 'open_id', receiveId, msgType: 'text', content: JSON.stringify({ text: '您好，华能的档案已更新' }), uuid: `u-${receiveId}` });

describe('the Node transport answers as the SDK axios does', () => {
  it.each([...Object.keys(ANSWERS), 'hang'])('a send answered %s', async (receiveId) => {
    const [viaAxios, viaNode] = [await outcome(send(clientOf('axios'), receiveId)), await outcome(send(clientOf('node'), receiveId))];
    expect(viaNode).toEqual(viaAxios);
  });

  it('the classification is the one the drain expects', async () => {
    const c = clientOf('node');
    expect(await outcome(send(c, 'ok'))).toEqual({ ok: { messageId: 'om_回执1', chatId: 'oc_1' } });
    expect(await outcome(send(c, 'limited'))).toMatchObject({ failure: 'rate_limited', code: 99991400, httpStatus: 429, retryAfterMs: 3000 });
    expect(await outcome(send(c, 'down'))).toMatchObject({ failure: 'retryable', httpStatus: 503 });
    expect(await outcome(send(c, 'broken'))).toMatchObject({ failure: 'retryable', code: 1234567, httpStatus: 500 });
    expect(await outcome(send(c, 'invalid'))).toMatchObject({ failure: 'permanent', code: 230001, httpStatus: 400 });
    expect(await outcome(send(c, 'expired'))).toMatchObject({ failure: 'expired', code: 230031 });
    expect(await outcome(send(c, 'hang'))).toMatchObject({ failure: 'retryable', network: true });
  });

  it('a refused connection is a retryable network failure on both', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((r) => closed.close(r));
    const viaAxios = await outcome(send(clientOf('axios', url), 'ok'));
    expect(viaAxios).toMatchObject({ failure: 'retryable', network: true });
    expect(await outcome(send(clientOf('node', url), 'ok'))).toEqual(viaAxios);
  });

  it('the request reaches Lark the same: method, path and query, JSON body, token', async () => {
    const requests: Record<string, Seen[]> = {};
    for (const t of ['axios', 'node'] as const) {
      seen = [];
      const c = clientOf(t);
      await send(c, 'ok');
      await c.getUser('ou_1');
      await c.patchCard('om_1', { header: { title: { tag: 'plain_text', content: '客户档案' } } });
      requests[t] = seen.map((s) => ({ ...s, auth: s.auth?.replace(/t-\d+/, 't-N') }));
    }
    expect(requests.node).toEqual(requests.axios);
    expect(requests.node![0]).toMatchObject({ method: 'POST', url: '/open-apis/im/v1/messages?receive_id_type=open_id', contentType: expect.stringContaining('application/json') });
  });

  it('an invalidated token (401) is fetched again and the call retried once', async () => {
    const c = clientOf('node');
    await c.tenantToken();
    unauthorizedOnce = true;
    expect(await c.getUser('ou_1')).toEqual({ openId: 'ou_1', name: '王芳', enName: null });
    expect(c.tokenFetches).toBe(2);
  });
});
