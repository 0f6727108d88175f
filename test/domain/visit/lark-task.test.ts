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

  it('a handover moves the same task’s members, removals first, and a role change is a remove and an add', () => {
    const open = dutyTask(facts);
    const toPeer = dutyTask({ ...facts, ownerId: 'ou_peer' });
    expect(taskSteps(toPeer, open, 'g')).toEqual([
      { op: 'remove_members', members: [{ id: 'ou_owner', role: 'assignee' }] },
      { op: 'add_members', members: [{ id: 'ou_peer', role: 'assignee' }] },
    ]);
    // The manager takes the work over: no longer following it, the director follows.
    const toManager = dutyTask({ ...facts, ownerId: 'ou_mgr', managerId: 'ou_dir', doneAt: new Date('2026-11-30T09:00:00Z') });
    expect(taskSteps(toManager, open, 'g')).toEqual([
      { op: 'remove_members', members: [{ id: 'ou_owner', role: 'assignee' }, { id: 'ou_mgr', role: 'follower' }] },
      { op: 'add_members', members: [{ id: 'ou_mgr', role: 'assignee' }, { id: 'ou_dir', role: 'follower' }] },
      { op: 'patch', fields: { completedAt: toManager.completedAt } },
    ]);
    // Never made yet: made for the successor, no member calls.
    expect(taskSteps(toPeer, null, null)).toEqual([{ op: 'create', spec: toPeer }]);
  });
});
