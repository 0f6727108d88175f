/**
 * Verifies a webhook request on its raw body (lark.md §1.8). Pure apart from WebCrypto: the
 * caller passes the time. With an Encrypt Key, a signed request is verified before anything
 * reads its body, so an unsigned body learns nothing about its shape (401, never 400). The one
 * exception: the URL challenge carries no signature headers even when encryption is on, so an
 * unsigned body is read only to answer a challenge (token checked), and refused otherwise.
 */
import { larkDecrypt, larkSignature, timingSafeEqual } from './crypto.js';
import { normalizeEnvelope, UrlVerification, type NormalizedEvent } from './envelope.js';
import { boundPayload, mayNeedBounding } from './payload.js';

export const MAX_BODY_BYTES = 1024 * 1024;
/** Lark publishes no freshness window; five minutes bounds replays while tolerating clock skew. */
const MAX_SKEW_SECONDS = 300;

/**
 * The two primitives verification needs. WebCrypto by default (Node and Workers); the Node runtime
 * passes node:crypto's synchronous versions, which cost far less per request under load.
 */
export interface WebhookCrypto {
  decrypt(encryptKey: string, b64: string): Promise<string> | string;
  signature(timestamp: string, nonce: string, encryptKey: string, rawBody: string): Promise<string> | string;
}

export const webCryptoWebhook: WebhookCrypto = { decrypt: larkDecrypt, signature: larkSignature };

export interface VerifyOptions {
  rawBody: string;
  headers: { timestamp?: string | null; nonce?: string | null; signature?: string | null };
  encryptKey: string | undefined;
  verificationToken: string | undefined;
  nowMs: number;
  crypto?: WebhookCrypto;
}

export type VerifyResult =
  | { kind: 'challenge'; challenge: string }
  | { kind: 'event'; envelope: NormalizedEvent; body: Record<string, unknown> }
  | { kind: 'rejected'; status: 400 | 401 | 403 | 413; reason: string };

const reject = (status: 400 | 401 | 403 | 413, reason: string): VerifyResult => ({ kind: 'rejected', status, reason });

export async function verifyLarkRequest(o: VerifyOptions): Promise<VerifyResult> {
  // A UTF-16 unit is at most 3 UTF-8 bytes: only a body near the limit needs encoding to measure.
  if (o.rawBody.length * 3 > MAX_BODY_BYTES && new TextEncoder().encode(o.rawBody).length > MAX_BODY_BYTES) {
    return reject(413, 'body over 1 MB');
  }
  const signed = o.encryptKey ? await checkSignature(o, o.encryptKey) : null;
  if (signed) return signed;
  // Without an Encrypt Key nothing is signed; with one, `signed === null` here means it verified.
  const unsigned = Boolean(o.encryptKey) && !hasSignatureHeaders(o.headers);
  const refuse = (reason: string) => (unsigned ? reject(401, 'missing signature headers') : reject(400, reason));

  let outer: unknown;
  try {
    outer = JSON.parse(o.rawBody);
  } catch {
    return refuse('malformed JSON');
  }
  if (typeof outer !== 'object' || outer === null || Array.isArray(outer)) return refuse('body is not a JSON object');

  let body = outer as Record<string, unknown>;
  let text = o.rawBody;
  const encrypted = typeof body.encrypt === 'string';
  if (encrypted) {
    if (!o.encryptKey) return reject(400, 'encrypted body but no Encrypt Key is configured');
    try {
      text = await (o.crypto ?? webCryptoWebhook).decrypt(o.encryptKey, body.encrypt as string);
      const inner: unknown = JSON.parse(text);
      if (typeof inner !== 'object' || inner === null) return refuse('decrypted body is not a JSON object');
      body = inner as Record<string, unknown>;
    } catch {
      return reject(401, 'cannot decrypt body with the configured Encrypt Key');
    }
  }

  // Checked by its type first: a failed parse builds an error, and almost every request is an event.
  const challenge = body.type === 'url_verification' ? UrlVerification.safeParse(body) : null;
  if (challenge?.success) {
    if (o.verificationToken && !timingSafeEqual(challenge.data.token ?? '', o.verificationToken)) {
      return reject(403, 'verification token mismatch');
    }
    return { kind: 'challenge', challenge: challenge.data.challenge };
  }
  if (unsigned) return reject(401, 'missing signature headers');

  // Bounded and made storable before anything (the envelope check included) walks it.
  const bounded = mayNeedBounding(text) ? boundPayload(body) : null;
  if (bounded && !bounded.ok) return reject(400, bounded.reason);
  const envelope = normalizeEnvelope(body);
  if (!envelope) return reject(400, 'not a Lark event envelope');
  if (o.verificationToken && !timingSafeEqual(envelope.token ?? '', o.verificationToken)) {
    return reject(403, 'verification token mismatch');
  }
  return { kind: 'event', envelope, body };
}

const hasSignatureHeaders = (h: VerifyOptions['headers']) => Boolean(h.timestamp && h.nonce && h.signature);

/** A rejection when the request carries signature headers that do not verify; null when they verify or are absent. */
async function checkSignature(o: VerifyOptions, encryptKey: string): Promise<VerifyResult | null> {
  const { timestamp, nonce, signature } = o.headers;
  if (!timestamp || !nonce || !signature) return null;
  const expected = await (o.crypto ?? webCryptoWebhook).signature(timestamp, nonce, encryptKey, o.rawBody);
  if (!timingSafeEqual(expected, signature.toLowerCase())) return reject(401, 'bad signature');
  const ts = Number(timestamp);
  if (!Number.isFinite(ts) || Math.abs(o.nowMs / 1000 - ts) > MAX_SKEW_SECONDS) return reject(401, 'stale or future timestamp');
  return null;
}
