/** Sandbox start-up pieces: the demo roster, the sandbox admin, and the chat log kept across restarts. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { memoryLogger } from '../../src/log.js';
import { listMembers } from '../../src/app/roster.js';
import { prepareSandbox } from '../../src/sandbox/runtime.js';
import { DEMO_ROSTER } from '../../src/sandbox/demo.js';
import { FakeLark } from '../../src/sandbox/fake-lark.js';
import { chatLogWriter, loadChatLog } from '../../src/sandbox/chat-log.js';
import { createTestDb, type TestDb } from '../support/db.js';

let db: TestDb;
const dir = mkdtempSync(join(tmpdir(), 'kam-sandbox-'));
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('prepareSandbox', () => {
  it('loads the demo department into an empty roster once, makes the director admin, and points Lark at itself', async () => {
    const config = loadConfig({ PORT: '3456', PGLITE_DIR: join(dir, 'run1', 'pglite') });
    const first = await prepareSandbox({ config, db: db.db, log: memoryLogger('error') });
    expect(first.demoLoaded).toBe(true);
    const members = await listMembers(db.db);
    expect(members).toHaveLength(DEMO_ROSTER.length);
    expect(members.map((m) => m.role).sort()).toEqual(['assistant', 'director', 'finance', 'manager', 'specialist', 'specialist', 'specialist', 'specialist']);
    expect(first.config.admins).toEqual(['ou_demo_wangjianguo']);
    expect(first.config.lark).toMatchObject({ baseUrl: 'http://127.0.0.1:3456', sandbox: true });
    expect(first.config.lark.encryptKey).toBeTruthy();
    expect(first.lark.users.get('ou_demo_wutao')?.name).toBe('吴涛');
    expect(first.clock.now().getTime()).toBeGreaterThan(0);

    mkdirSync(join(dir, 'run2'), { recursive: true });
    // A restart: the roster stays, and so do the chats and the moved clock (never back in time).
    writeFileSync(join(dir, 'run2', 'sandbox-chats.json'), JSON.stringify({ version: 1, clockOffsetMs: 3 * 86_400_000, messages: [{ messageId: 'om_00000a', chatId: 'oc_1', sender: 'bot', msgType: 'text', content: { text: '早' }, parentId: null, receiverOpenId: null, createdAt: 1, updatedAt: null, patches: 0 }] }));
    const again = await prepareSandbox({ config: loadConfig({ KAM_ADMINS: 'ou_someone', PGLITE_DIR: join(dir, 'run2', 'pglite') }), db: db.db, log: memoryLogger('error') });
    expect(again.demoLoaded).toBe(false);
    expect(again.clock.offsetMs).toBe(3 * 86_400_000);
    expect(again.lark.messages.get('om_00000a')?.content).toEqual({ text: '早' });
    expect(again.config.admins).toEqual(['ou_someone']);
    expect(await listMembers(db.db)).toHaveLength(DEMO_ROSTER.length);
  });
});

describe('the chat log', () => {
  it('round-trips messages and the clock offset; restored ids continue after the saved ones', async () => {
    const file = join(dir, 'chats.json');
    const lark = new FakeLark();
    const first = lark.recordUserMessage({ chatId: 'oc_1', sender: 'ou_a', text: '你好' });
    const writer = chatLogWriter(file, () => ({ messages: [...lark.messages.values()], clockOffsetMs: 86_400_000 }));
    writer.flush();
    const saved = loadChatLog(file);
    expect(saved.clockOffsetMs).toBe(86_400_000);
    const restored = new FakeLark();
    restored.restore(saved.messages);
    expect(restored.messages.get(first.messageId)?.content).toEqual({ text: '你好' });
    const next = restored.recordUserMessage({ chatId: 'oc_1', sender: 'ou_a', text: '再见' });
    expect(next.messageId).not.toBe(first.messageId);
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(1);
  });

  it('keeps the Feishu tasks across a restart: a saved task can still be completed, new ones get new guids', () => {
    const file = join(dir, 'tasks.json');
    const lark = new FakeLark();
    const made = lark.tasks.create({ summary: '回访：中国华能集团', due: { timestamp: '1796632200000', is_all_day: false }, members: [{ id: 'ou_spec1', type: 'user', role: 'assignee' }] }, 'open_id');
    const guid = (made.payload.data as { task: { guid: string } }).task.guid;
    let changes = 0;
    lark.tasks.onChange = () => changes++;
    lark.tasks.addMembers(guid, { members: [{ id: 'ou_manager', role: 'follower' }] }, 'open_id');
    lark.tasks.addMembers(guid, { members: [] }, 'open_id'); // refused: not a change
    expect(changes).toBe(1);
    chatLogWriter(file, () => ({ messages: [], clockOffsetMs: 0, tasks: lark.tasks.snapshot() })).flush();
    const restored = new FakeLark();
    restored.tasks.restore(loadChatLog(file).tasks);
    expect(restored.tasks.of('ou_manager').map((t) => t.guid)).toEqual([guid]);
    expect(restored.tasks.patch(guid, { update_fields: ['completed_at'], task: { completed_at: '1796632200000' } }).status).toBe(200);
    const next = restored.tasks.create({ summary: '拜访总结：国家电网' }, 'open_id');
    expect((next.payload.data as { task: { guid: string } }).task.guid).not.toBe(guid);
  });

  it('starts afresh from a missing or torn file', () => {
    expect(loadChatLog(join(dir, 'none.json'))).toEqual({ messages: [], clockOffsetMs: 0 });
    writeFileSync(join(dir, 'torn.json'), '{"messages": [');
    expect(loadChatLog(join(dir, 'torn.json'))).toEqual({ messages: [], clockOffsetMs: 0 });
  });
});

describe('FakeLark.replaceCard', () => {
  it('replaces a bot card in place, refusing what Feishu would (230011, 200672)', () => {
    const lark = new FakeLark();
    const user = lark.recordUserMessage({ chatId: 'oc_1', sender: 'ou_a', text: 'x' });
    expect(lark.replaceCard(user.messageId, {})).toMatchObject({ ok: false, code: 230011 });
    expect(lark.replaceCard('om_missing', {})).toMatchObject({ ok: false, code: 230011 });

    const valid = { schema: '2.0', config: { update_multi: true }, body: { elements: [{ tag: 'markdown', content: '旧' }] } };
    lark.messages.set('om_card', { messageId: 'om_card', chatId: 'oc_1', receiverOpenId: 'ou_a', sender: 'bot', msgType: 'interactive', content: valid, parentId: null, createdAt: 0, updatedAt: null, patches: 0 });
    const changed: string[] = [];
    lark.onChange = (m) => changed.push(m.messageId);
    expect(lark.replaceCard('om_card', { schema: '2.0', body: { elements: [{ tag: 'note' }] } })).toMatchObject({ ok: false, code: 200672 });
    expect(lark.messages.get('om_card')).toMatchObject({ content: valid, patches: 0 });
    const next = { ...valid, body: { elements: [{ tag: 'markdown', content: '新' }] } };
    expect(lark.replaceCard('om_card', next)).toEqual({ ok: true });
    expect(lark.messages.get('om_card')).toMatchObject({ content: next, patches: 1 });
    expect(changed).toEqual(['om_card']);
  });
});
