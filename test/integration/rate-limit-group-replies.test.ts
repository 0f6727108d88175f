/**
 * Issue 18: Lark allows 5 messages a second into one chat, and a reply lands in the chat of the
 * message it answers. Replies were counted per API only (the outbox row knew the message, not the
 * chat), so a busy team group answered eleven people in one burst. Through the real path: eleven
 * @-mentions in one group, every answer a reply; the fake Lark's arrival times decide.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROSTER, startHarness, type Harness } from '../support/harness.js';
import { overLimit } from '../support/windows.js';
import type { OrgMember } from '../../src/app/org-file.js';

const GROUP = 'oc_busy_team_group';
const EXTRA: OrgMember[] = Array.from({ length: 8 }, (_, i) => ({
  openId: `ou_group_spec${i}`,
  name: `组员${i}`,
  role: 'specialist' as const,
  managerId: 'ou_manager',
  locale: 'zh_cn',
}));
const PEOPLE = [...ROSTER.filter((m) => m.role === 'specialist' || m.role === 'manager'), ...EXTRA];

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ roster: [...ROSTER, ...EXTRA] });
});
afterAll(async () => h?.close());

describe('answers in one busy group chat', () => {
  it('stay within 5 a second in that chat, and every asker is answered once', async () => {
    expect(PEOPLE.length).toBeGreaterThanOrEqual(11);
    const startedAt = Date.now();
    const deliveries = await Promise.all(
      PEOPLE.map((p) =>
        h.sender.message(p.openId, '@_user_1 帮助', {
          chatType: 'group',
          chatId: GROUP,
          mentions: [{ key: '@_user_1', openId: 'ou_bot', name: '大客户助手' }],
        }),
      ),
    );
    expect(deliveries.map((d) => d.status)).toEqual(PEOPLE.map(() => 200));
    await h.settle();

    // Every request counts, refused or not, as Lark counts them: a 429 and its retry are two.
    const replies = h.lark.arrivals.filter((a) => a.at >= startedAt && a.api === 'message.reply');
    expect(new Set(replies.map((a) => a.receiver)), 'the replies land in the group').toEqual(new Set([GROUP]));
    expect(overLimit(replies, (a) => a.receiver, (a) => a.at, 5)).toEqual({});
    expect(replies.length, 'none refused and sent again').toBe(PEOPLE.length);
    expect(h.lark.sent().filter((m) => m.chatId === GROUP).length, 'one answer per asker').toBe(PEOPLE.length);
  });
});
