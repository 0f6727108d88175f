import { describe, expect, it } from 'vitest';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { larkDecrypt, larkEncrypt, larkSignature, timingSafeEqual } from '../../src/lark/crypto.js';
import { verifyLarkRequest, webCryptoWebhook } from '../../src/lark/verify.js';
import { nodeWebhookCrypto } from '../../src/runtime/node-crypto.js';

const KEY = 'kudryavka';
const TOKEN = 'vt-123';
const NOW = 1_764_208_800_000; // 2025-11-27T02:00:00Z

/** Lark's own construction (lark.md §1.4) with node:crypto, to check our WebCrypto side against. */
function nodeEncrypt(key: string, plain: string): string {
  const k = createHash('sha256').update(key).digest();
  const iv = randomBytes(16);
  const c = createCipheriv('aes-256-cbc', k, iv);
  return Buffer.concat([iv, c.update(plain, 'utf8'), c.final()]).toString('base64');
}

const event = (token = TOKEN) =>
  JSON.stringify({ schema: '2.0', header: { event_id: 'e1', event_type: 'im.message.receive_v1', token }, event: { a: 1 } });

async function signed(body: string, o: { ts?: number; key?: string } = {}) {
  const timestamp = String(Math.floor((o.ts ?? NOW) / 1000));
  const nonce = 'n0nce';
  return { timestamp, nonce, signature: await larkSignature(timestamp, nonce, o.key ?? KEY, body) };
}

const verify = (rawBody: string, headers: { timestamp?: string; nonce?: string; signature?: string }, o: { key?: string | undefined; token?: string | undefined } = {}) =>
  verifyLarkRequest({ rawBody, headers, encryptKey: 'key' in o ? o.key : KEY, verificationToken: 'token' in o ? o.token : TOKEN, nowMs: NOW });

describe('crypto', () => {
  it('decrypts what Lark encrypts (node:crypto reference) and round-trips our own', async () => {
    const plain = JSON.stringify({ 中文: '你好', n: 1 });
    expect(await larkDecrypt(KEY, nodeEncrypt(KEY, plain))).toBe(plain);
    expect(await larkDecrypt(KEY, await larkEncrypt(KEY, plain))).toBe(plain);
  });

  it('matches the documented signature formula', async () => {
    const expected = createHash('sha256').update('1700000000' + 'abc' + KEY + '{"x":1}').digest('hex');
    expect(await larkSignature('1700000000', 'abc', KEY, '{"x":1}')).toBe(expected);
  });

  it('compares in constant time, including different lengths', () => {
    expect(timingSafeEqual('abc', 'abc')).toBe(true);
    expect(timingSafeEqual('abc', 'abd')).toBe(false);
    expect(timingSafeEqual('abc', 'abcd')).toBe(false);
    expect(timingSafeEqual('', '')).toBe(true);
  });
});

describe('node:crypto and WebCrypto agree', () => {
  it('decrypts and signs identically', async () => {
    const plain = JSON.stringify({ 中文: '拜访总结', n: 42 });
    const b64 = nodeEncrypt(KEY, plain);
    expect(nodeWebhookCrypto.decrypt(KEY, b64)).toBe(await webCryptoWebhook.decrypt(KEY, b64));
    expect(nodeWebhookCrypto.signature('1', 'n', KEY, '{"a":1}')).toBe(await webCryptoWebhook.signature('1', 'n', KEY, '{"a":1}'));
    expect(() => nodeWebhookCrypto.decrypt(KEY, 'AAAA')).toThrow();
  });

  it('verifies the same request either way', async () => {
    const body = JSON.stringify({ encrypt: nodeEncrypt(KEY, event()) });
    const headers = await signed(body);
    const viaNode = await verifyLarkRequest({ rawBody: body, headers, encryptKey: KEY, verificationToken: TOKEN, nowMs: NOW, crypto: nodeWebhookCrypto });
    expect(viaNode).toEqual(await verify(body, headers));
  });
});

describe('verifyLarkRequest', () => {
  it('accepts an encrypted, signed event and checks the token inside', async () => {
    const body = JSON.stringify({ encrypt: nodeEncrypt(KEY, event()) });
    const r = await verify(body, await signed(body));
    expect(r).toMatchObject({ kind: 'event', envelope: { eventId: 'e1', eventType: 'im.message.receive_v1' } });
  });

  it('answers the challenge before requiring a signature', async () => {
    const body = JSON.stringify({ encrypt: nodeEncrypt(KEY, JSON.stringify({ type: 'url_verification', challenge: 'c1', token: TOKEN })) });
    expect(await verify(body, {})).toEqual({ kind: 'challenge', challenge: 'c1' });
  });

  it.each([
    ['a body signed with another key', async (b: string) => signed(b, { key: 'other' }), 401],
    ['a timestamp 6 minutes old', async (b: string) => signed(b, { ts: NOW - 6 * 60_000 }), 401],
    ['a timestamp 6 minutes ahead', async (b: string) => signed(b, { ts: NOW + 6 * 60_000 }), 401],
    ['no signature headers', async () => ({}), 401],
  ])('rejects %s', async (_n, headers, status) => {
    const body = JSON.stringify({ encrypt: nodeEncrypt(KEY, event()) });
    expect(await verify(body, await headers(body))).toMatchObject({ kind: 'rejected', status });
  });

  it('verifies before reading: an unsigned body is refused as unsigned whatever its shape', async () => {
    for (const body of ['nope', '[1,2]', '{"hello":1}', event()]) {
      expect(await verify(body, {})).toMatchObject({ kind: 'rejected', status: 401 });
    }
    // Signed, the same shapes are what is wrong with them.
    for (const body of ['nope', '[1,2]', '{"hello":1}']) expect(await verify(body, await signed(body))).toMatchObject({ kind: 'rejected', status: 400 });
    expect(await verify('nope', { ...(await signed('nope')), signature: 'f'.repeat(64) })).toMatchObject({ status: 401 });
  });

  it('refuses a signed payload nested past the bound, and cleans text before anyone reads it', async () => {
    const deep = JSON.stringify({ schema: '2.0', header: { event_id: 'd1', event_type: 'x', token: TOKEN }, event: {} }).replace('"event":{}', `"event":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`);
    const body = JSON.stringify({ encrypt: nodeEncrypt(KEY, deep) });
    expect(await verify(body, await signed(body))).toMatchObject({ kind: 'rejected', status: 400, reason: expect.stringContaining('nested') });
    const dirty = JSON.stringify({ schema: '2.0', header: { event_id: 'e\u0000 2', event_type: 't', token: TOKEN }, event: { text: 'a\u0000b\ud800c', ['k\u0000']: 1 } });
    const r = await verify(dirty, {}, { key: undefined });
    expect(r).toMatchObject({ kind: 'event', envelope: { eventId: 'e 2', event: { text: 'ab\ufffdc', k: 1 } } });
  });

  it('signs the raw bytes: a re-serialised body does not verify', async () => {
    const pretty = JSON.stringify(JSON.parse(event()), null, 2);
    const h = await signed(pretty);
    expect((await verify(pretty, h, { key: KEY })).kind).toBe('event');
    expect((await verify(JSON.stringify(JSON.parse(pretty)), h)).kind).toBe('rejected');
  });

  it('without an Encrypt Key, checks the plain token only', async () => {
    expect((await verify(event(), {}, { key: undefined })).kind).toBe('event');
    expect(await verify(event('bad'), {}, { key: undefined })).toMatchObject({ kind: 'rejected', status: 403 });
    expect(await verify(JSON.stringify({ encrypt: 'x' }), {}, { key: undefined })).toMatchObject({ status: 400 });
  });

  it('normalises 1.0 events with uuid as the dedupe key', async () => {
    const v1 = JSON.stringify({ uuid: 'u-1', token: TOKEN, ts: '1', type: 'event_callback', event: { type: 'p2p_chat_create', chat_id: 'oc_1' } });
    expect(await verify(v1, {}, { key: undefined })).toMatchObject({ kind: 'event', envelope: { eventId: 'u-1', eventType: 'p2p_chat_create' } });
  });

  it.each([
    ['not JSON', 'nope', 400],
    ['not an envelope', '{"hello":1}', 400],
    ['too large', JSON.stringify({ x: 'y'.repeat(1024 * 1024) }), 413],
  ])('rejects %s', async (_n, body, status) => {
    expect(await verify(body, {}, { key: undefined })).toMatchObject({ kind: 'rejected', status });
  });
});
