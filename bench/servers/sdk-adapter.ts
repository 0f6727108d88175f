/**
 * The usual way Lark bots are built: the SDK's EventDispatcher behind its node:http adapter.
 * It decrypts and checks the signature, but neither persists nor deduplicates.
 */
import http from 'node:http';
import * as lark from '@larksuiteoapi/node-sdk';

const dispatcher = new lark.EventDispatcher({
  encryptKey: process.env.LARK_ENCRYPT_KEY!,
  verificationToken: process.env.LARK_VERIFICATION_TOKEN!,
  loggerLevel: lark.LoggerLevel.error,
}).register({ 'im.message.receive_v1': async () => {} });

http
  .createServer(lark.adaptDefault('/lark/events', dispatcher, { autoChallenge: true }))
  .listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
