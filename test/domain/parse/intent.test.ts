import { describe, expect, it } from 'vitest';
import { guessIntent, splitPlanWords } from '../../../src/domain/parse/intent.js';
import { findCustomerMention } from '../../../src/domain/parse/customer-mention.js';
import { formatDateTime } from '../../../src/domain/time.js';

const TZ = 'Asia/Shanghai';
// Friday 4 December 2026, 10:00 in Shanghai.
const NOW = new Date('2026-12-04T02:00:00Z');
const NAMES = ['中国华能集团有限公司', '上海申能集团有限公司', '北京字节跳动科技有限公司', '国家电网有限公司华东分部'];
const guess = (text: string) => {
  const i = guessIntent({ text, now: NOW, timeZone: TZ, customer: findCustomerMention(text, NAMES) });
  return i && 'at' in i ? { ...i, at: i.at ? formatDateTime(i.at, TZ) : null } : i;
};

describe('guessIntent', () => {
  it.each([
    ['明天下午去申能拜访', { kind: 'plan_visit', customer: '上海申能集团有限公司', at: '2026-12-05 14:00' }],
    ['下周三上午10点要去华能见王总', { kind: 'plan_visit', customer: '中国华能集团有限公司', at: '2026-12-09 10:00' }],
    ['我想约一下字节的李总，下周拜访', { kind: 'plan_visit', customer: '北京字节跳动科技有限公司', at: null }],
    ['准备去拜访一个新客户', { kind: 'plan_visit', customer: null, at: null }],
    ['周二华能的人来我司参观', { kind: 'plan_reception', customer: '中国华能集团有限公司', at: '2026-12-08 09:00' }],
    ['下周申能要来访，需要安排接待', { kind: 'plan_reception', customer: '上海申能集团有限公司', at: null }],
  ])('%s → a plan', (text, want) => {
    const g = guess(text) as Record<string, unknown>;
    expect({ kind: g.kind, customer: g.customer, at: want.at === null ? null : g.at }).toEqual(want);
  });

  it.each([
    ['怎么报销打车费', { kind: 'reimburse', customer: null }],
    ['华能那次的餐费发票怎么交', { kind: 'reimburse', customer: '中国华能集团有限公司' }],
    ['How do I claim expenses?', { kind: 'reimburse', customer: null }],
    ['我要请假', { kind: 'hr' }],
    ['下周一调休一天', { kind: 'hr' }],
    ['这个月工资什么时候发', { kind: 'hr' }],
    ['下周要去上海出差', { kind: 'travel' }],
    ['华能的联系人是谁', { kind: 'customer', customer: '中国华能集团有限公司' }],
    ['申能现在什么情况', { kind: 'customer', customer: '上海申能集团有限公司' }],
    ['字节跳动', { kind: 'customer', customer: '北京字节跳动科技有限公司' }],
    ['华能的拜访总结写了吗', { kind: 'customer', customer: '中国华能集团有限公司' }],
    ['团队这个月的业绩怎么样', { kind: 'kpi', args: '本月 团队' }],
    ['上季度全部门的完成率', { kind: 'kpi', args: '上季度 部门' }],
    ['我的业绩', { kind: 'kpi', args: '' }],
    ['这个月报销了多少钱', { kind: 'kpi', args: '本月' }],
    ['华能今年成交了多少', { kind: 'customer', customer: '中国华能集团有限公司' }],
    ['哪些报销等我审批', { kind: 'pending' }],
    ['陈静的拜访计划批一下', { kind: 'pending' }],
    ['有哪些待审批的', { kind: 'pending' }],
    ['我还有什么没做的', { kind: 'todo' }],
    ['今天有哪些待办', { kind: 'todo' }],
  ])('%s', (text, want) => {
    expect(guess(text)).toEqual(want);
  });

  it.each(['拜方 华能', '昨天拜访了华能王总，聊得不错', '今天天气不错', '这个方案你看一下', '', '随便说点什么'.repeat(40)])('no guess for %j', (text) => {
    expect(guess(text)).toBeNull();
  });
});

describe('splitPlanWords', () => {
  const split = (w: string) => {
    const s = splitPlanWords(w, NOW, TZ);
    return s && { ...s, at: formatDateTime(s.at, TZ) };
  };
  it('takes the date phrase out of the customer words and keeps what follows as the purpose', () => {
    expect(split('申能 明天下午')).toEqual({ customer: '申能', at: '2026-12-05 14:00', purpose: null });
    expect(split('华能 下周三上午10点 谈续约')).toEqual({ customer: '华能', at: '2026-12-09 10:00', purpose: '谈续约' });
    expect(split('12月10日 国家电网华东分部')).toEqual({ customer: '国家电网华东分部', at: '2026-12-10 09:00', purpose: null });
    expect(split('字节，周一晚上')).toEqual({ customer: '字节', at: '2026-12-07 19:00', purpose: null });
  });
  it('is null without a date phrase or without a customer', () => {
    expect(split('华能')).toBeNull();
    expect(split('明天下午')).toBeNull();
  });
});
