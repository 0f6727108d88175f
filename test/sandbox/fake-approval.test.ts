/** The fake approval centre refuses and skips what Feishu does, and survives a sandbox restart. */
import { describe, expect, it } from 'vitest';
import { FakeApproval } from '../../src/sandbox/fake-approval.js';

const T = 1_796_000_000_000;
const res = [
  { locale: 'zh-CN', is_default: true, texts: [{ key: '@i18n@1', value: '拜访计划' }] },
  { locale: 'en-US', is_default: false, texts: [{ key: '@i18n@1', value: 'Visit plan' }] },
];
const links = { pc_link: 'https://applink.feishu.cn/client/bot/open?appId=cli_x' };

function world() {
  let now = T;
  const fake = new FakeApproval(() => now);
  const code = (fake.defineApproval({ approval_name: '@i18n@1', approval_code: 'kam_visit_plan', external: {}, i18n_resources: res }).payload.data as { approval_code: string }).approval_code;
  const body = (update: number, status: string, extra: Record<string, unknown> = {}) => ({
    approval_code: code, instance_id: 'kam-r1', status, links, open_id: 'ou_spec', title: '@i18n@1', update_mode: 'UPDATE',
    start_time: String(T), end_time: '0', update_time: String(update), i18n_resources: res,
    task_list: [{ task_id: 'kam-r1-t0', open_id: 'ou_mgr', links, status, create_time: String(T), end_time: '0', update_time: String(update) }],
    ...extra,
  });
  return { fake, code, body, later: (ms: number) => (now += ms) };
}

describe('FakeApproval', () => {
  it('a definition under an unknown code gets Lark’s own code; under that code it is updated', () => {
    const { fake, code } = world();
    expect(code).not.toBe('kam_visit_plan');
    const again = fake.defineApproval({ approval_name: '@i18n@1', approval_code: code, external: {}, i18n_resources: res });
    expect((again.payload.data as { approval_code: string }).approval_code).toBe(code);
    expect(fake.definitions.size).toBe(1);
  });

  it('refuses seconds and an unknown text key; skips an older update_time; 1395001 when synced again too soon', () => {
    const { fake, body, later } = world();
    expect(fake.syncInstance({ ...body(T, 'PENDING'), update_time: String(T / 1000) }).payload.code).toBe(1390001);
    expect(fake.syncInstance({ ...body(T, 'PENDING'), title: '拜访计划' }).payload.code).toBe(1390001);
    expect(fake.syncInstance(body(T + 10, 'PENDING')).payload.code).toBe(0);
    expect(fake.syncInstance(body(T + 20, 'APPROVED')).payload.code).toBe(1395001);
    later(5_000);
    expect(fake.syncInstance(body(T + 5, 'APPROVED')).payload.code).toBe(0);
    expect(fake.instances.get('kam-r1')).toMatchObject({ status: 'PENDING', dropped: 2 });
    later(5_000);
    const moved = fake.syncInstance(body(T + 30, 'PENDING', { task_list: [{ task_id: 'kam-r1-t0', open_id: 'ou_other', links, status: 'PENDING', create_time: String(T), end_time: '0', update_time: String(T + 30) }] }));
    expect(moved.payload.code).toBe(1390001);
    expect(fake.todo('ou_mgr')).toHaveLength(1);
  });

  it('check names what is missing or older; a snapshot restores the centre', () => {
    const { fake, body } = world();
    fake.syncInstance(body(T + 10, 'PENDING'));
    const diff = fake.check({ instances: [
      { instance_id: 'kam-r1', update_time: String(T + 10), tasks: [{ task_id: 'kam-r1-t0', update_time: String(T + 10) }] },
      { instance_id: 'kam-r2', update_time: String(T + 10), tasks: [] },
    ] });
    expect((diff.payload.data as { diff_instances: { instance_id: string }[] }).diff_instances.map((d) => d.instance_id)).toEqual(['kam-r2']);
    const restored = new FakeApproval(() => T);
    restored.restore(JSON.parse(JSON.stringify(fake.snapshot())));
    expect(restored.todo('ou_mgr')).toEqual(fake.todo('ou_mgr'));
    expect(restored.definitions.size).toBe(1);
  });
});
