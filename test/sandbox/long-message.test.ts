/**
 * Long messages through the sandbox's web chat (issue 17): Lark carries text far beyond 4,000
 * characters, so the sandbox does too, and the bot answers a long summary rather than dropping it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, ROSTER, type Harness } from '../support/harness.js';
import { webChatRoutes } from '../../src/sandbox/web-chat.js';
import { OffsetClock } from '../../src/sandbox/offset-clock.js';
import type { SendResult } from '../../src/sandbox/web/types.js';
import { eq } from 'drizzle-orm';
import { visits } from '../../db/schema/index.js';
import { approvedVisit, button, click } from '../integration/visit-helpers.js';

let h: Harness;
let web: ReturnType<typeof webChatRoutes>;

const post = async <T>(path: string, body: unknown): Promise<{ status: number; body: T }> => {
  const res = await web.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
};

beforeAll(async () => {
  h = await startHarness();
  for (const m of ROSTER) h.lark.users.set(m.openId, { name: m.name });
  web = webChatRoutes({
    lark: h.lark,
    sender: h.sender,
    clock: new OffsetClock({ realNow: () => h.clock.now().getTime() }),
    deps: () => h.deps,
    group: { chatId: 'oc_group', name: '群', enName: 'Group' },
    clientScript: async () => 'export {}',
  });
});
afterAll(async () => h?.close());

const PARAGRAPH = '今天下午在华能总部12楼会议室拜访了王总和采购部李经理，详细介绍了新一代机组监测方案的技术路线、实施周期和售后服务体系。客户对价格比较敏感，希望分期付款。';

describe('long messages', () => {
  it('a visit summary of 6,000 characters reaches the bot and is answered', async () => {
    await approvedVisit(h, 'ou_spec1', '中国华能集团');
    // The evening of the planned day (Mon 30 Nov 14:30): the text's 今天下午 is that visit.
    h.clock.set('2026-11-30T10:00:00Z');
    const text = `拜访总结：\n${PARAGRAPH.repeat(Math.ceil(6000 / PARAGRAPH.length))}`;
    expect(text.length).toBeGreaterThan(6000);
    const before = h.lark.sent().length;
    const r = await post<SendResult>('/sandbox/api/send', { from: 'ou_spec1', chat: 'p2p', text });
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(true);
    await h.settle();
    const answers = h.lark.sent().slice(before);
    expect(answers).toHaveLength(1);
    const preview = answers[0]!;
    expect(JSON.stringify(preview.content)).toContain('华能总部12楼会议室');
    expect(JSON.stringify(preview.content)).toContain('地点（推测）**：华能总部12楼会议室\\n'); // the place ends at the room
    // The preview says it shows only the start of each field, and that nothing is lost.
    expect(JSON.stringify(preview.content)).toContain('完整内容已保存');
    // Confirmed, the whole text is kept: nothing past the preview's ellipsis is lost.
    const confirm = button(preview.content, 'draft.confirm');
    const done = await click(h, 'ou_spec1', preview.messageId, confirm);
    expect(done.toast?.type, done.toast?.content).toBe('success');
    const [visit] = await h.db.db.select().from(visits).where(eq(visits.ownerId, 'ou_spec1'));
    const kept = JSON.stringify(visit!.record);
    expect(kept.split('分期付款').length - 1).toBeGreaterThanOrEqual(Math.floor(6000 / PARAGRAPH.length) - 1);
  });

  it('over Lark\'s 150 KB is refused with the reason, before it reaches the bot', async () => {
    const before = h.lark.messages.size;
    const r = await post<{ error: string }>('/sandbox/api/send', { from: 'ou_spec1', chat: 'p2p', text: '长'.repeat(60_000) });
    expect(r.status).toBe(400);
    expect(r.body.error).toContain('150 KB');
    expect(h.lark.messages.size).toBe(before);
  });
});
