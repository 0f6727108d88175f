import { describe, expect, it } from 'vitest';
import { parseReceptionReport } from '../../../src/domain/parse/reception-report.js';
import { CUSTOMERS, NOW, SH, show } from './helpers.js';

const parse = (text: string) => {
  const { time, timeHasClock, ...d } = parseReceptionReport(text, { now: NOW, timeZone: SH, customerNames: CUSTOMERS });
  return { ...d, trigger: d.trigger.word, time: show(time, timeHasClock) };
};

const MESSAGES: Array<[string, string, Record<string, unknown>]> = [
  [
    'free text',
    '接待报告：今天下午华能王总一行5人来访，在商务室介绍了新产品，参观了生产线，王总对我们的交付能力很认可，下一步安排技术交流。',
    {
      trigger: '接待报告', guests: '华能王总一行5人', time: '2026-11-27', place: '商务室', customerMention: '中国华能集团有限公司',
      points: '今天下午华能王总一行5人来访，在商务室介绍了新产品，参观了生产线', customerView: '王总对我们的交付能力很认可',
      nextSteps: '下一步安排技术交流。', missing: [],
    },
  ],
  [
    'the template',
    '接待报告\n来访人员：三一采购部李经理等3人\n接待时间：11月25日上午\n接待地点：商务室\n陪同人员：张经理\n接待内容：产品演示+工厂参观\n客户意见：比较满意\n下一步：12月初报价',
    {
      guests: '三一采购部李经理等3人', hosts: '张经理', time: '2026-11-25', place: '商务室', points: '产品演示+工厂参观',
      customerView: '比较满意', nextSteps: '12月初报价', missing: [],
    },
  ],
  [
    'English',
    'Reception report: 3 visitors from Sany came yesterday 2pm. We showed them the showroom and the new line. They said delivery time is key. Next step: send a quote.',
    { trigger: 'Reception report', guests: '3 visitors from Sany', time: '2026-11-26 14:00', customerView: 'They said delivery time is key.', nextSteps: 'send a quote.' },
  ],
  [
    'short, most fields missing',
    '接待总结：华能来了3个人参观工厂',
    { trigger: '接待总结', guests: '华能来了3个人', points: '华能来了3个人参观工厂', missing: ['time', 'place', 'customerView', 'nextSteps'] },
  ],
  [
    'mid-line labels',
    '接待报告 来宾：鼓楼医院设备科2人；时间：周三上午；地点：3号会议室；内容：看了影像设备样机；客户意见：希望能先试用',
    { guests: '鼓楼医院设备科2人', time: '2026-11-25', place: '3号会议室', points: '看了影像设备样机', customerView: '希望能先试用', missing: ['nextSteps'] },
  ],
];

describe('parseReceptionReport', () => {
  it.each(MESSAGES)('%s', (_name, text, expected) => {
    expect(parse(text)).toMatchObject(expected);
  });
});
