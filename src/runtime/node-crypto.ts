/** Webhook verification with node:crypto: the same results as WebCrypto, synchronously. */
import { createDecipheriv, createHash } from 'node:crypto';
import type { WebhookCrypto } from '../lark/verify.js';

const keys = new Map<string, Buffer>();
const aesKey = (encryptKey: string): Buffer => {
  let k = keys.get(encryptKey);
  if (!k) keys.set(encryptKey, (k = createHash('sha256').update(encryptKey).digest()));
  return k;
};

export const nodeWebhookCrypto: WebhookCrypto = {
  decrypt(encryptKey, b64) {
    const data = Buffer.from(b64, 'base64');
    if (data.length < 32 || data.length % 16 !== 0) throw new Error('ciphertext has the wrong length');
    const d = createDecipheriv('aes-256-cbc', aesKey(encryptKey), data.subarray(0, 16));
    return Buffer.concat([d.update(data.subarray(16)), d.final()]).toString('utf8');
  },
  signature(timestamp, nonce, encryptKey, rawBody) {
    return createHash('sha256').update(timestamp + nonce + encryptKey + rawBody).digest('hex');
  },
};
