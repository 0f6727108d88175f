/**
 * The fake Lark's `POST /open-apis/im/v1/files` through the real SDK (LarkClient.uploadFile):
 * it keeps the exact bytes under a file_key and the upload's name, refuses what Lark refuses
 * (an empty file, a missing file_name, a file_type outside Lark's list with 234001; over 30 MB
 * with 234006), and takes a `file` message only for a key it holds.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LarkClient } from '../../src/lark/client.js';
import { LarkApiError } from '../../src/lark/errors.js';
import { memoryLogger } from '../../src/log.js';
import { FakeLark } from '../../src/sandbox/fake-lark.js';

let server: ServerType;
const lark = new FakeLark({ rateLimits: false });
let client: LarkClient;

beforeAll(async () => {
  const url = await new Promise<string>((r) => {
    server = serve({ fetch: lark.app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => r(`http://127.0.0.1:${info.port}`));
  });
  client = new LarkClient({ appId: 'cli_fake0000000000', appSecret: 'fake-secret', baseUrl: url, log: memoryLogger('debug') });
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const refusal = async (p: Promise<unknown>): Promise<LarkApiError> => {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(LarkApiError);
  return e as LarkApiError;
};

describe('the fake Lark’s file upload', () => {
  it('keeps the bytes (binary, CRLFs and all) under the upload’s name, and a file message can send them', async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 3, 4, 0, 13, 10, 45, 45, 255, 13, 10]);
    const key = await client.uploadFile({ fileType: 'xls', fileName: '大客户部KPI_2026Q4.xlsx', bytes });
    expect(lark.files.get(key)).toMatchObject({ fileType: 'xls', fileName: '大客户部KPI_2026Q4.xlsx' });
    expect([...lark.files.get(key)!.bytes]).toEqual([...bytes]);
    const sent = await client.sendMessage({ receiveIdType: 'open_id', receiveId: 'ou_x', msgType: 'file', content: JSON.stringify({ file_key: key }), uuid: 'u-file-1' });
    expect(lark.fileOf(sent.messageId)?.fileName).toBe('大客户部KPI_2026Q4.xlsx');
    expect(lark.messages.get(sent.messageId)?.file).toEqual({ name: '大客户部KPI_2026Q4.xlsx', size: bytes.length });
    expect(client.takeCalls().get('im.file.create')).toBe(1);
  });

  it('refuses an empty file, a missing name and an unknown file_type with 234001, over 30 MB with 234006, and uploads nothing', async () => {
    const before = lark.files.size;
    expect(await refusal(client.uploadFile({ fileType: 'xls', fileName: 'a.xlsx', bytes: new Uint8Array() }))).toMatchObject({ code: 234001, failure: 'permanent' });
    expect(await refusal(client.uploadFile({ fileType: 'xls', fileName: '', bytes: new Uint8Array([1]) }))).toMatchObject({ code: 234001 });
    expect(await refusal(client.uploadFile({ fileType: 'xlsx' as 'xls', fileName: 'a.xlsx', bytes: new Uint8Array([1]) }))).toMatchObject({ code: 234001 });
    expect(await refusal(client.uploadFile({ fileType: 'stream', fileName: 'big.bin', bytes: new Uint8Array(30 * 1024 * 1024 + 1) }))).toMatchObject({ code: 234006 });
    expect(lark.files.size).toBe(before);
    expect(client.takeCalls().get('im.file.create')).toBeUndefined();
  }, 30_000);

  it('refuses a file message for a key it does not hold', async () => {
    const e = await refusal(client.sendMessage({ receiveIdType: 'open_id', receiveId: 'ou_x', msgType: 'file', content: JSON.stringify({ file_key: 'file_nope' }), uuid: 'u-file-2' }));
    expect(e.code).toBe(230001);
  });
});
