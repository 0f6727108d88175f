import { describe, expect, it } from 'vitest';
import { dutyTask, taskClientToken, taskSteps } from '../../../src/domain/visit/lark-task.js';

const facts = {
  kind: 'visit_record' as const, title: '中国华能集团', ownerId: 'ou_owner', managerId: 'ou_mgr', locale: 'zh_cn' as const,
  dueAt: new Date('2026-11-30T13:00:00Z'), doneAt: null, appId: 'cli_test',
};

describe('the Feishu task a duty should be', () => {
  it('is due in milliseconds, the visitor assigned, the manager following, in the owner’s language', () => {
    const t = dutyTask(facts);
    expect(t.due).toBe(Date.parse('2026-11-30T13:00:00Z'));
    expect(t).toMatchObject({ summary: '拜访总结：中国华能集团', assignee: 'ou_owner', followers: ['ou_mgr'], completedAt: null });
    expect(t.href).toBe('https://applink.feishu.cn/client/bot/open?appId=cli_test');
    expect(dutyTask({ ...facts, kind: 'follow_up', locale: 'en_us' }).summary).toBe('Follow-up: 中国华能集团');
    // A manager of oneself follows nothing.
    expect(dutyTask({ ...facts, managerId: 'ou_owner' }).followers).toEqual([]);
  });

  it('takes the fewest calls: create, complete, move, delete, nothing', () => {
    const open = dutyTask(facts);
    const done = dutyTask({ ...facts, doneAt: new Date('2026-11-30T09:00:00Z') });
    expect(taskSteps(open, null, null)).toEqual([{ op: 'create', spec: open }]);
    expect(taskSteps(done, null, null)).toEqual([{ op: 'create', spec: done }, { op: 'patch', fields: { completedAt: done.completedAt } }]);
    expect(taskSteps(done, open, 'g')).toEqual([{ op: 'patch', fields: { completedAt: done.completedAt } }]);
    const moved = dutyTask({ ...facts, dueAt: new Date('2026-12-01T13:00:00Z') });
    expect(taskSteps(moved, open, 'g')).toEqual([{ op: 'patch', fields: { due: moved.due } }]);
    expect(taskSteps(open, done, 'g')).toEqual([{ op: 'patch', fields: { completedAt: null } }]);
    expect(taskSteps(null, open, 'g')).toEqual([{ op: 'delete' }]);
    expect(taskSteps(null, null, null)).toEqual([]);
    expect(taskSteps(open, open, 'g')).toEqual([]);
    expect(taskClientToken(7).length).toBeGreaterThanOrEqual(10);
  });
});
