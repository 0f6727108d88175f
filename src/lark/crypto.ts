/**
 * Lark's webhook crypto on WebCrypto, so the same code runs on Node and Workers (lark.md §1.4–1.5).
 * key = SHA-256(encryptKey); payload = base64(iv[16] ‖ AES-256-CBC(PKCS#7)).
 */
const te = new TextEncoder();
const td = new TextDecoder();

const keyCache = new Map<string, Promise<CryptoKey>>();
function aesKey(encryptKey: string): Promise<CryptoKey> {
  let k = keyCache.get(encryptKey);
  if (!k) {
    k = crypto.subtle
      .digest('SHA-256', te.encode(encryptKey))
      .then((raw) => crypto.subtle.importKey('raw', raw, { name: 'AES-CBC' }, false, ['encrypt', 'decrypt']));
    keyCache.set(encryptKey, k);
  }
  return k;
}

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export async function larkDecrypt(encryptKey: string, b64: string): Promise<string> {
  const data = fromBase64(b64);
  if (data.length < 32 || data.length % 16 !== 0) throw new Error('ciphertext has the wrong length');
  const plain = await crypto.subtle.decrypt({ name: 'AES-CBC', iv: data.slice(0, 16) }, await aesKey(encryptKey), data.slice(16));
  return td.decode(plain);
}

/** The sender side, for the sandbox and tests: what Lark does before posting an event. */
export async function larkEncrypt(encryptKey: string, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(16));
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, await aesKey(encryptKey), te.encode(plaintext)));
  const out = new Uint8Array(16 + cipher.length);
  out.set(iv);
  out.set(cipher, 16);
  return toBase64(out);
}

async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', te.encode(text)));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** hex(sha256(timestamp + nonce + encryptKey + rawBody)), over the raw bytes Lark sent. */
export const larkSignature = (timestamp: string, nonce: string, encryptKey: string, rawBody: string): Promise<string> =>
  sha256Hex(timestamp + nonce + encryptKey + rawBody);

/** Compares secrets without leaking where they first differ. */
export function timingSafeEqual(a: string, b: string): boolean {
  // UTF-16 units compare as well as bytes (equal strings have equal units) without encoding both.
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}
