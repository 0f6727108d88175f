/**
 * The Lark client's HTTP on Node: node:http(s) with keep-alive, for the SDK's JSON calls. The
 * SDK's axios (axios, its Node adapter and follow-redirects) cost ~0.6 ms of CPU a call and
 * undici's fetch more; this is ~0.15 ms (bench:webhook:answers, where every answer is a send).
 * It answers as the SDK's own instance does: the parsed body (or `{data, headers}` when the SDK
 * asks for headers) on 2xx, and otherwise an axios-shaped error, `response: {status, data,
 * headers}` or a `code` for a network failure, which is what errors.ts classifies. Anything
 * but a JSON call (a file upload's multipart body, a download's stream) goes to the SDK's
 * instance unchanged. Workers keep that instance (axios' fetch adapter there).
 */
import http from 'node:http';
import https from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { larkSdk } from '../lark/sdk.js';
import type { LarkHttpRequest } from '../lark/client.js';

const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

type Opts = Record<string, unknown> & {
  url?: string;
  method?: string;
  data?: unknown;
  params?: Record<string, unknown>;
  headers?: Record<string, unknown>;
  paramsSerializer?: (p: Record<string, unknown>) => string;
  timeout?: number;
  responseType?: string;
  $return_headers?: boolean;
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/** What axios would send for `params` (undefined and null left out, as its serializers do). */
function withParams(url: string, o: Opts): string {
  const p = o.params;
  if (!p || !Object.keys(p).length) return url;
  const qs = o.paramsSerializer
    ? o.paramsSerializer(p)
    : new URLSearchParams(Object.entries(p).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, String(v)])).toString();
  return qs ? `${url}${url.includes('?') ? '&' : '?'}${qs}` : url;
}

function decode(body: Buffer, encoding: string | undefined): unknown {
  const raw = encoding === 'gzip' ? gunzipSync(body) : encoding === 'deflate' ? inflateSync(body) : encoding === 'br' ? brotliDecompressSync(body) : body;
  const text = raw.toString('utf8');
  // As axios: JSON when it parses, else the text.
  try {
    return text ? JSON.parse(text) : text;
  } catch {
    return text;
  }
}

const failure = (message: string, code: string, response?: { status: number; data: unknown; headers: Record<string, unknown> }) =>
  Object.assign(new Error(message), { isAxiosError: true, code, ...(response ? { response } : {}) });

export const nodeLarkHttp: LarkHttpRequest = (opts) => {
  const o = opts as Opts;
  const method = (o.method ?? 'get').toUpperCase();
  const contentType = Object.entries(o.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  const json = o.data === undefined || isPlainObject(o.data) || Array.isArray(o.data);
  if (!o.url || !json || (o.responseType && o.responseType !== 'json') || (typeof contentType === 'string' && !contentType.includes('json'))) {
    return larkSdk().then((lark) => lark.defaultHttpInstance.request(opts as never) as Promise<unknown>);
  }
  const url = new URL(withParams(o.url, o));
  const agent = agents[url.protocol as keyof typeof agents];
  if (!agent) return Promise.reject(failure(`unsupported protocol ${url.protocol}`, 'ERR_BAD_REQUEST'));
  const body = o.data === undefined ? undefined : Buffer.from(JSON.stringify(o.data), 'utf8');
  const headers: Record<string, string | number> = { Accept: 'application/json, text/plain, */*' };
  for (const [k, v] of Object.entries(o.headers ?? {})) if (v !== undefined && v !== null) headers[k] = String(v);
  if (body) {
    if (!contentType) headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = body.length;
  }
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? https : http).request(url, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e: NodeJS.ErrnoException) => reject(failure(e.message, e.code ?? 'ERR_NETWORK')));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        let data: unknown;
        try {
          data = decode(Buffer.concat(chunks), res.headers['content-encoding']);
        } catch (e) {
          reject(failure(`undecodable response: ${(e as Error).message}`, 'ERR_BAD_RESPONSE'));
          return;
        }
        const resHeaders = res.headers as Record<string, unknown>;
        if (status >= 200 && status < 300) resolve(o.$return_headers ? { data, headers: resHeaders } : data);
        else reject(failure(`Request failed with status code ${status}`, status >= 500 ? 'ERR_BAD_RESPONSE' : 'ERR_BAD_REQUEST', { status, data, headers: resHeaders }));
      });
    });
    if (o.timeout) req.setTimeout(o.timeout, () => req.destroy(failure(`timeout of ${o.timeout}ms exceeded`, 'ECONNABORTED')));
    req.on('error', (e: NodeJS.ErrnoException) => reject('isAxiosError' in e ? e : failure(e.message, e.code ?? 'ERR_NETWORK')));
    req.end(body);
  });
};
