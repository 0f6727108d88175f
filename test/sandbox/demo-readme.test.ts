/**
 * The README's examples on a fresh sandbox (issue 17): the demo department with its seeded
 * customers and history, each example typed by the person the README means, through the real
 * webhook. Each is answered by its command (never the fallback) with what the README promises.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, visits } from '../../db/schema/index.js';
import { DEMO_ROSTER, demoDirectory } from '../../src/sandbox/demo.js';
import { seedDemoCustomers } from '../../src/sandbox/demo-customers.js';
import { keyMentions } from '../../src/sandbox/web-chat.js';
import { describeMessage, startHarness, type Harness } from '../support/harness.js';

let h: Harness;
const LIU = 'ou_demo_liuyang';
const LI_NA = 'ou_demo_lina';
const WANG = 'ou_demo_wangjianguo';

beforeAll(async () => {
  // Friday 27 Nov 2026, 10:00 in Shanghai: the sandbox started this morning.
  h = await startHarness({ roster: DEMO_ROSTER, env: { KAM_ADMINS: WANG } });
  for (const [openId, u] of Object.entries(demoDirectory())) h.lark.users.set(openId, u);
  await seedDemoCustomers(h.deps, h.clock.now());
  await h.settle();
});
afterAll(() => h.close());

const PEOPLE = Object.entries(demoDirectory()).map(([openId, u]) => ({ openId, name: u.name }));

/** Types `text` as `who`; returns what the bot answered, failing if the fallback answered. */
async function example(who: string, text: string): Promise<string> {
  const keyed = keyMentions(text, PEOPLE.filter((p) => text.includes(`@${p.name}`)));
  const before = h.lark.sent().length;
  const d = await h.sender.message(who, keyed.text, { mentions: keyed.mentions });
  expect(d.status).toBe(200);
  await h.settle();
  const lines = h.log.lines.filter((l) => l.eventId === d.eventId);
  expect(lines.some((l) => l.event === 'chat.fallback'), `${text}: not the fallback`).toBe(false);
  expect(lines.some((l) => l.event === 'chat.command' || l.event === 'chat.free_text'), `${text}: a command answered`).toBe(true);
  const out = h.lark.sent().slice(before).filter((m) => m.receiverOpenId === who || m.chatId === h.lark.p2pChatId(who));
  expect(out.length, `${text}: an answer`).toBeGreaterThan(0);
  return out.map((m) => `${describeMessage(m)} ${JSON.stringify(m.content)}`).join('\n');
}

describe('the demo has customers with history', () => {
  it('five customers, 华能 first; a recorded visit, one waiting for its summary, one in approval', async () => {
    const rows = await h.db.db.select().from(customers).orderBy(customers.archiveSeq);
    expect(rows.map((r) => r.name)).toEqual(['中国华能集团', '上海申能集团', '中国石化上海分公司', '国家电网华东分部', '宝山钢铁股份有限公司']);
    expect(rows[0]!.archiveNo).toBe('KA-2026-0001');
    expect((await h.db.db.select().from(visits)).map((v) => v.status).sort()).toEqual(['approved', 'pending', 'recorded']);
  });
});

describe('every README example works as written', () => {
  it('the specialist\'s row', async () => {
    expect(await example(LIU, '拜访 华能')).toContain('拜访计划');
    expect(await example(LIU, '回访 电话联系了王总，对方案满意，满意度4分')).toContain('上海申能集团');
    expect(await example(LIU, '报销 华能')).toContain('无拜访总结不得报销');
    expect(await example(LIU, '接待 华能')).toContain('接待');
    expect(await example(LIU, '新客户 华东电网有限公司')).toContain('已建档');
    expect(await example(LIU, '客户 华能')).toContain('中国华能集团');
    expect(await example(LIU, '客户 KA-2026-0001')).toContain('中国华能集团');
    expect(await example(LIU, '我的客户')).toContain('上海申能集团');
    expect(await example(LIU, '模板')).toContain('复制');
    expect(await example(LIU, '草稿')).toBeTruthy();
    expect(await example(LIU, '进展 华能：本周完成技术交流，客户认可方案')).toBeTruthy();
    expect(await example(LIU, '月报 本月工作总结：完成华能和申能的拜访。下月计划：跟进两家的报价。')).toContain('月度报告');
    expect(await example(LIU, '月报')).toBeTruthy();
    expect(await example(LIU, '申请')).toContain('出差');
    expect(await example(LIU, '报备 上海浦东')).toContain('上海浦东');
    expect(await example(LIU, '帮助')).toContain('使用说明');
    expect(await example(LIU, '指标')).toContain('销售指标 · 2026年第四季度');
    expect(await example(LIU, '指标 2026年')).toContain('销售指标 · 2026年');
    // The demo sets this quarter's targets, so the change form opens (the manager approves it).
    expect(await example(LIU, '指标调整')).toContain('申请调整销售指标');
    expect(await example(LIU, 'KPI 本季度')).toContain('绩效 KPI · 刘洋');
  });

  it('the manager\'s and the director\'s rows', async () => {
    expect(await example(LI_NA, '待审批')).toContain('中国石化上海分公司');
    expect(await example(LI_NA, '我的客户')).toContain('中国华能集团');
    expect(await example(LI_NA, '月报汇总 11月')).toBeTruthy();
    expect(await example(WANG, '待审批')).toBeTruthy();
    expect(await example(LI_NA, '指标')).toContain('刘洋');
    expect(await example(LI_NA, '绩效 2026Q4 刘洋')).toContain('绩效 KPI · 刘洋');
    expect(await example(WANG, 'KPI 部门')).toContain('绩效 KPI · 大客户部');
    expect(await example(LI_NA, '考核')).toContain('季度考核');
    expect(await example(LI_NA, '预算')).toContain('预算');
    expect(await example(LI_NA, '开发计划')).toContain('开发计划');
    expect(await example(LI_NA, 'KPI 导出')).toContain('稍后发送到私聊');
    const finance = await example('ou_demo_zhouli', '绩效');
    expect(finance).toContain('服务费用控制');
    expect(finance).not.toContain('销售计划完成率');
  });

  it('customer feedback, recorded and answered', async () => {
    expect(await example(LIU, '反馈 华能 希望下周给出报价')).toContain('已记录「中国华能集团」的意见反馈');
    expect(await example(LIU, '已反馈 华能：已发报价')).toContain('的意见已按时反馈');
  });

  it('the administrator\'s row (the director administers the sandbox)', async () => {
    expect(await example(WANG, '添加成员 @吴涛 专员 @李娜')).toContain('吴涛');
    expect(await example(WANG, '成员 角色 @吴涛 经理')).toContain('吴涛');
    expect(await example(WANG, '成员 上级 @吴涛 @王建国')).toContain('王建国');
    expect(await example(WANG, '停用 @吴涛')).toContain('停用');
    expect(await example(WANG, '交接 @赵磊 @杨帆')).toContain('交接完成');
    expect(await example(WANG, '/holiday add 2027-01-01 元旦')).toContain('2027-01-01');
    expect(await example(WANG, '/workday add 2027-02-07 调休')).toContain('2027-02-07');
  });
});
