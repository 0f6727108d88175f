import { describe, expect, it } from 'vitest';
import { parseMonthlyReport } from '../../../src/domain/parse/monthly-report.js';
import { CUSTOMERS, NOW, SH } from './helpers.js';

const parse = (text: string, now = NOW) => {
  const d = parseMonthlyReport(text, { now, timeZone: SH, customerNames: CUSTOMERS });
  return { ...d, trigger: d.trigger.word };
};
const has = (s: string) => expect.stringContaining(s);

const MESSAGES: Array<[string, string, Record<string, unknown>]> = [
  [
    'the full template for November',
    '11月月报\n本月总结：完成销售额320万，新签2家\n下月预测：预计回款200万\n存在问题：华能项目卡在技术评审\n解决方案：请技术部支持\n产品质量反馈：无\n客户使用及满意度：整体满意\n竞品情况：XX公司降价15%\n行业动态：电力行业设备更新政策出台',
    {
      trigger: '11月月报', month: '2026-11', summary: '完成销售额320万，新签2家', forecast: '预计回款200万',
      problems: '华能项目卡在技术评审', solutions: '请技术部支持', qualityFeedback: '无', customerUsage: '整体满意',
      competitors: 'XX公司降价15%', industryNews: '电力行业设备更新政策出台', missing: [],
    },
  ],
  [
    'free text, sorted sentence by sentence',
    '月报：这个月跑了12家客户，签了三一的单子。下个月预计能拿下华能。主要困难是审批慢，合同要走三个部门。打算请经理出面协调解决。友商报价比我们低10%。行业方面，国家出了设备更新补贴政策。客户反馈新设备故障率低。',
    {
      month: null, summary: '这个月跑了12家客户，签了三一的单子。', forecast: '下个月预计能拿下华能。',
      problems: '主要困难是审批慢，合同要走三个部门。', solutions: '打算请经理出面协调解决。', competitors: '友商报价比我们低10%。',
      industryNews: '行业方面，国家出了设备更新补贴政策。', qualityFeedback: '客户反馈新设备故障率低。', missing: ['customerUsage'],
    },
  ],
  [
    'English labels, month after the trigger',
    'Monthly report - Nov 2026\nSummary: 3 new deals\nForecast: 2 more next month\nProblems: slow approvals\nSolutions: escalate\nCompetitors: Brand X cut prices',
    {
      trigger: 'Monthly report', month: '2026-11', summary: '3 new deals', forecast: '2 more next month', problems: 'slow approvals',
      solutions: 'escalate', competitors: 'Brand X cut prices', missing: ['qualityFeedback', 'customerUsage', 'industryNews'],
    },
  ],
  [
    '【】 labels, year in the trigger, sections missing',
    '2026年10月市场分析报告\n【本月总结】10月回款150万\n【下月计划】冲刺年底目标\n【问题】两个项目延期',
    { month: '2026-10', summary: '10月回款150万', forecast: '冲刺年底目标', problems: '两个项目延期', missing: ['solutions', 'qualityFeedback', 'customerUsage', 'competitors', 'industryNews'] },
  ],
  [
    '上月月报 on 2 December, greeting kept aside',
    '上月月报\n各位领导好\n本月总结：完成率92%\n下月预测：预计完成110%',
    { month: '2026-11', summary: '完成率92%', forecast: '预计完成110%', rest: '各位领导好' },
  ],
  [
    'a month label, mixed language',
    '月报\n月份：11月\n总结：签了2个new account\n预测：Q1有3个项目落地\n竞品：某品牌在搞promotion，价格很低',
    { month: '2026-11', summary: '签了2个new account', forecast: 'Q1有3个项目落地', competitors: has('promotion') },
  ],
  [
    '12月月报 sent in early January belongs to last year',
    '12月月报：全年收官，完成销售1500万',
    { month: '2026-12', summary: has('全年收官') },
  ],
];

describe('parseMonthlyReport', () => {
  it.each(MESSAGES)('%s', (name, text, expected) => {
    const now = name.startsWith('上月') ? new Date('2026-12-02T09:00:00+08:00') : name.startsWith('12月') ? new Date('2027-01-03T09:00:00+08:00') : NOW;
    expect(parse(text, now)).toMatchObject(expected);
  });
});
