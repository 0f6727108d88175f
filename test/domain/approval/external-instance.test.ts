/** The approval centre's mapping (issue 13): statuses, one task per approver asked, and update times that only rise. */
import { describe, expect, it } from 'vitest';
import { centreInstance, checkEntry, definitionBody, centreDefinition, instanceBody, touched, type CentreInstance } from '../../../src/domain/approval/external-instance.js';
import type { ApprovalAction, ApprovalState } from '../../../src/domain/approval/types.js';
import { at, last, run, submitted, T0 } from './fixtures.js';

const approve = (stepIndex: number): ApprovalAction => ({ type: 'approve', stepIndex });
const LINK = 'https://applink.feishu.cn/client/bot/open?appId=cli_x';
const spec = (state: ApprovalState, prev: CentreInstance | null, nowMs: number) =>
  centreInstance({ state, summary: '华东电网 · 12月3日 · ¥12,000.00', requesterName: '张专员', link: LINK, nowMs }, prev);
const tasks = (s: CentreInstance) => s.tasks.map((t) => `${t.openId}:${t.status}`);

describe('centreInstance', () => {
  it('a submitted request is PENDING with the first approver’s task; waiting steps are no task', () => {
    const s = spec(submitted(), null, T0.getTime());
    expect(s).toMatchObject({ instanceId: 'kam-req1', status: 'PENDING', requesterId: 'ou_spec', endTime: 0, updateTime: T0.getTime(), title: { zh_cn: '张专员的拜访计划' } });
    expect(tasks(s)).toEqual(['ou_mgr:PENDING']);
    expect(s.tasks[0]).toMatchObject({ taskId: 'kam-req1-t0', endTime: 0, reason: null });
  });

  it('a change gives the changed parts a later time and keeps the others’; the same state changes nothing', () => {
    const s1 = spec(submitted(), null, T0.getTime());
    expect(spec(submitted(), s1, at(5).getTime())).toEqual(s1);
    // As it comes back from jsonb: keys reordered, still the same.
    const reordered = JSON.parse(JSON.stringify(s1, Object.keys(s1).sort().concat(['zh_cn', 'en_us', 'name', 'value', ...Object.keys(s1.tasks[0]!)]))) as CentreInstance;
    expect(spec(submitted(), reordered, at(5).getTime()).updateTime).toBe(s1.updateTime);
    const d = last(run(submitted(), [['ou_mgr', approve(0)]]));
    // The clock behind the last time (another instance's clock): still later than before.
    const s2 = spec(d.state, s1, T0.getTime() - 10_000);
    expect(s2.updateTime).toBe(s1.updateTime + 1);
    expect(tasks(s2)).toEqual(['ou_mgr:APPROVED', 'ou_dir:PENDING']);
    expect(s2.tasks[0]!.updateTime).toBeGreaterThan(s1.tasks[0]!.updateTime);
    expect(s2.tasks[0]!.createTime).toBe(s1.tasks[0]!.createTime);
    expect(s2.tasks[0]!.reason).toBe('approved');
  });

  it('withdrawn → CANCELED with the pending task done; an admin deciding for someone is a CC', () => {
    const w = last(run(submitted(), [['ou_spec', { type: 'withdraw' }]])).state;
    const s = spec(w, null, T0.getTime());
    expect(s.status).toBe('CANCELED');
    expect(s.tasks.map((t) => `${t.status}:${t.reason}`)).toEqual(['DONE:recall']);
    const a = last(run(submitted(), [['ou_admin', approve(0)]])).state;
    expect(spec(a, null, T0.getTime()).ccs.map((c) => c.openId)).toEqual(['ou_admin']);
  });

  it('returned for revision: REJECTED in the centre, the task sent back; the resubmit is PENDING with a new task', () => {
    const ret = last(run(submitted(), [['ou_mgr', { type: 'return_for_revision', stepIndex: 0, reason: '请补充拜访目的' }]])).state;
    const s1 = spec(ret, null, T0.getTime());
    expect(s1.status).toBe('REJECTED');
    expect(s1.tasks.map((t) => `${t.status}:${t.reason}`)).toEqual(['REJECTED:specific_rollback']);
    const again = last(run(ret, [['ou_spec', { type: 'resubmit' }]], undefined)).state;
    const s2 = spec(again, s1, at(10).getTime());
    expect(s2.status).toBe('PENDING');
    expect(s2.endTime).toBe(0);
    expect(tasks(s2)).toEqual(['ou_mgr:REJECTED', 'ou_mgr:PENDING']);
    expect(new Set(s2.tasks.map((t) => t.taskId)).size).toBe(2);
  });

  it('a long summary is cut to fit the centre’s form', () => {
    const s = centreInstance({ state: submitted(), summary: '华东电网'.repeat(200), requesterName: '张专员', link: LINK, nowMs: T0.getTime() }, null);
    expect(s.form[0]!.value.zh_cn).toHaveLength(300);
    expect(s.form[0]!.value.zh_cn.endsWith('…')).toBe(true);
  });

  it('touched moves every time on, for a resend Lark will take', () => {
    const s = spec(submitted(), null, T0.getTime());
    const t = touched(s, T0.getTime());
    expect(t.updateTime).toBeGreaterThan(s.updateTime);
    expect(t.tasks[0]!.updateTime).toBeGreaterThan(s.tasks[0]!.updateTime);
    expect(checkEntry(t)).toEqual({ instance_id: 'kam-req1', update_time: String(t.updateTime), tasks: [{ task_id: 'kam-req1-t0', update_time: String(t.tasks[0]!.updateTime) }] });
  });
});

describe('the bodies Lark is sent', () => {
  it('instance: millisecond strings, @i18n@ keys in both languages, only the tasks changed since the last sync', () => {
    const s1 = spec(submitted(), null, T0.getTime());
    const b = instanceBody(s1, 'CODE-1');
    expect(b).toMatchObject({ approval_code: 'CODE-1', update_mode: 'UPDATE', status: 'PENDING', end_time: '0', open_id: 'ou_spec', title: '@i18n@1' });
    expect(b.start_time).toMatch(/^\d{13}$/);
    expect(b.i18n_resources.map((r) => r.locale)).toEqual(['zh-CN', 'en-US']);
    expect(b.i18n_resources[0]!.texts[0]).toEqual({ key: '@i18n@1', value: '张专员的拜访计划' });
    const s2 = spec(last(run(submitted(), [['ou_mgr', approve(0)]])).state, s1, at(1).getTime());
    expect(instanceBody(s2, 'CODE-1', s1).task_list.map((t) => `${t.task_id}:${t.status}`)).toEqual(['kam-req1-t0:APPROVED', 'kam-req1-t1:PENDING']);
    expect(instanceBody(s2, 'CODE-1', s2).task_list).toEqual([]);
    expect(JSON.parse(instanceBody(s2, 'CODE-1', s1).task_list[0]!.extra!)).toEqual({ complete_reason: 'approved' });
  });

  it('definition: names in both languages, no quick approval (decisions stay on the card)', () => {
    const b = definitionBody(centreDefinition('reimbursement'), 'kam_reimbursement', LINK);
    expect(b.i18n_resources[0]!.texts[0]).toEqual({ key: '@i18n@1', value: '费用报销' });
    expect(b.i18n_resources[1]!.texts[0]).toEqual({ key: '@i18n@1', value: 'Reimbursement' });
    expect(b.external.enable_quick_operate).toBe(false);
  });
});
