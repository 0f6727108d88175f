import { describe, expect, it } from 'vitest';
import { parseVisitRecord, type VisitRecordDraft } from '../../../src/domain/parse/visit-record.js';
import { CUSTOMERS, NOW, SH, show } from './helpers.js';

const parse = (text: string) => parseVisitRecord(text, { now: NOW, timeZone: SH, customerNames: CUSTOMERS });

/** The draft with instants as Shanghai wall-clock strings, for readable expectations. */
function view(d: VisitRecordDraft) {
  const { time, timeHasClock, nextVisitAt, nextVisitHasTime, trigger, ...rest } = d;
  return { ...rest, trigger: trigger.word, time: show(time, timeHasClock), nextVisitAt: show(nextVisitAt, nextVisitHasTime) };
}

const has = (s: string) => expect.stringContaining(s);

// Messages as specialists type them in Feishu. Reference: Friday 2026-11-27 10:00 Shanghai.
const MESSAGES: Array<[string, string, Record<string, unknown>]> = [
  [
    'the full template, full-width colons, numbered points',
    '@_user_1 拜访总结\n客户：三一重工\n时间：11月26日下午3点\n地点：三一重工长沙工厂\n方式：上门拜访\n要点：\n1. 介绍了新款设备\n2. 现场看了产线\n客户想法：对效率提升感兴趣，担心售后\n下一步：安排技术交流\n下次拜访：12月3日',
    {
      trigger: '拜访总结', labelled: true, customerText: '三一重工', customerMention: '三一重工股份有限公司',
      time: '2026-11-26 15:00', place: '三一重工长沙工厂', method: 'in_person',
      points: '1. 介绍了新款设备\n2. 现场看了产线', customerView: '对效率提升感兴趣，担心售后', nextSteps: '安排技术交流',
      nextVisitAt: '2026-12-03', nextVisitText: '12月3日', outcome: null, missing: [],
    },
  ],
  [
    'free text after 拜访总结：',
    '拜访总结：今天上午在华能总部和王总面谈，聊了明年设备更新的预算，王总说价格偏高，希望再给个优惠。下一步我们出一版报价，约了下周三下午两点再去。',
    {
      trigger: '拜访总结', labelled: false, customerMention: '中国华能集团有限公司', time: '2026-11-27', timeText: '今天上午',
      place: '华能总部', method: 'in_person', points: has('聊了明年设备更新的预算'), customerView: '王总说价格偏高，希望再给个优惠。',
      nextSteps: '下一步我们出一版报价，约了下周三下午两点再去。', nextVisitAt: '2026-12-02 14:00', nextVisitText: '下周三下午两点', missing: [],
    },
  ],
  [
    'chatter first, a refusal with its reason, emoji',
    '辛苦了，今天去了字节，跟采购聊了一下，对方明确拒绝了，说今年预算已经用完了，明年再说吧😂',
    {
      trigger: null, customerMention: '北京字节跳动科技有限公司', time: '2026-11-27', method: 'in_person', outcome: 'failed',
      failureReason: '今年预算已经用完了，明年再说吧😂', customerView: '对方明确拒绝了，说今年预算已经用完了，明年再说吧😂', points: has('辛苦了，今天去了字节'),
      missing: ['place', 'nextSteps'],
    },
  ],
  [
    'English, labels mid-line after full stops',
    'Visit summary: met Mr. Li at their Beijing office yesterday 3pm. Customer said the price is too high. Next steps: send a revised quote. Next visit: next Wednesday 2pm',
    {
      trigger: 'Visit summary', time: '2026-11-26 15:00', place: 'Beijing office', method: 'in_person',
      points: 'met Mr. Li at their Beijing office yesterday 3pm.', customerView: 'Customer said the price is too high.',
      nextSteps: 'send a revised quote.', nextVisitAt: '2026-12-02 14:00', nextVisitText: 'next Wednesday 2pm', missing: [],
    },
  ],
  [
    'a past weekday, the visit arranged by phone',
    '周三去华能拜访了李处，电话里约的。李处表示年底前不会有采购。下周再跟进',
    {
      time: '2026-11-25', timeText: '周三', method: 'in_person', customerView: '李处表示年底前不会有采购。',
      nextSteps: '下周再跟进', nextVisitAt: null, points: '周三去华能拜访了李处，电话里约的。', missing: ['place'],
    },
  ],
  [
    'video meeting, next visit on "3号"',
    '拜访记录 腾讯会议跟招行信息部开了个会，主要讲了数据平台方案，客户觉得不错。3号再约一次线下见面',
    {
      trigger: '拜访记录', method: 'video', customerView: '客户觉得不错。', nextSteps: '3号再约一次线下见面',
      nextVisitAt: '2026-12-03', nextVisitText: '3号', time: null, missing: ['time'],
    },
  ],
  [
    'half-width colons, labels out of order, mixed English',
    '下一步: 发quotation给他们\n客户想法: 觉得price有点高\n时间: 昨天下午2:30\n地点: 国网江苏公司\n方式: 面谈\n要点: demo了新系统，反响不错',
    {
      labelled: true, customerMention: '国网江苏省电力有限公司', time: '2026-11-26 14:30', place: '国网江苏公司', method: 'in_person',
      points: 'demo了新系统，反响不错', customerView: '觉得price有点高', nextSteps: '发quotation给他们', missing: [],
    },
  ],
  [
    '【】 labels',
    '【拜访总结】\n【时间】11月26日\n【地点】华能大厦18楼\n【方式】面谈\n【要点】续签维保合同，对方要求加一条响应时间\n【客户想法】希望4小时到场\n【下一步】法务看条款',
    {
      trigger: '拜访总结', time: '2026-11-26', place: '华能大厦18楼', method: 'in_person', points: has('续签维保合同'),
      customerView: '希望4小时到场', nextSteps: '法务看条款', missing: [],
    },
  ],
  [
    'one line, labels separated by ；',
    '总结：时间：今天上午；地点：三一长沙工厂；方式：上门；要点：看了产线，聊了改造计划；客户想法：想先小批量试用；下次拜访：下周五',
    {
      trigger: '总结', time: '2026-11-27', place: '三一长沙工厂', method: 'in_person', points: '看了产线，聊了改造计划',
      customerView: '想先小批量试用', nextVisitAt: '2026-12-04', nextVisitText: '下周五', missing: ['nextSteps'],
    },
  ],
  [
    'phone call in prose',
    '总结：下午跟华能王总电话沟通了半小时，主要确认了招标时间，对方说12月中旬挂网。下周一发资质文件过去。',
    {
      method: 'phone', customerView: '对方说12月中旬挂网。', nextSteps: '下周一发资质文件过去。', nextVisitAt: null,
      // Sent at 10:00, "下午" cannot be this afternoon: no day is said. A call has no place to ask for.
      time: null, points: '下午跟华能王总电话沟通了半小时，主要确认了招标时间', missing: ['time'],
    },
  ],
  [
    'a failed development visit with labels',
    '拜访记录\n客户：南京鼓楼医院\n时间：11/25\n地点：设备科办公室\n方式：面谈\n要点：介绍了影像设备方案\n结果：失败\n失败原因：院方已和竞品签了三年框架协议',
    {
      customerMention: '南京鼓楼医院', time: '2026-11-25', outcome: 'failed', failureReason: '院方已和竞品签了三年框架协议',
      missing: ['customerView', 'nextSteps'],
    },
  ],
  [
    'a failure in prose with 因为',
    '今天去国网江苏没谈成，因为他们今年预算砍了一半，明年3月再看看',
    { outcome: 'failed', failureReason: '他们今年预算砍了一半，明年3月再看看', time: '2026-11-27', method: 'in_person' },
  ],
  [
    'failure without a reason asks for one',
    '拜访总结：三一这次没戏了',
    { outcome: 'failed', failureReason: null, missing: ['time', 'place', 'method', 'customerView', 'nextSteps', 'failureReason'] },
  ],
  [
    'emoji, tilde, next visit with 带技术再去',
    '拜访总结~ 今天上午去了国网江苏公司👍 见了采购部张主任，聊得挺好，张主任表示明年一季度有采购需求😊 下周三带技术再去一趟',
    {
      time: '2026-11-27', place: '国网江苏公司', method: 'in_person', customerView: has('张主任表示明年一季度有采购需求'),
      nextVisitAt: '2026-12-02', nextVisitText: '下周三',
    },
  ],
  [
    'almost nothing: only the points',
    '总结：聊了下合同条款',
    { points: '聊了下合同条款', missing: ['time', 'place', 'method', 'customerView', 'nextSteps'] },
  ],
  [
    'a reply to the visit card, no trigger, no date',
    '见了王总，他们对价格还是有顾虑，想要3年质保。我们回去申请一下特价。',
    {
      // "想要3年质保" has no subject of its own: it goes on with "他们对价格还是有顾虑".
      trigger: null, time: null, method: 'in_person', customerView: '他们对价格还是有顾虑，想要3年质保。', nextSteps: '我们回去申请一下特价。',
      points: '见了王总', people: ['王总'],
    },
  ],
  [
    'next visit with a date and time in prose',
    '今天在鼓楼医院设备科汇报了方案，科长认可我们的售后，约好12月3日上午10点再来演示',
    { place: '鼓楼医院设备科', nextVisitAt: '2026-12-03 10:00', nextVisitText: '12月3日上午10点', customerView: '科长认可我们的售后' },
  ],
  ['ISO date for the next visit', '要点：报价确认\n下次拜访：2026-12-03 14:00', { nextVisitAt: '2026-12-03 14:00', nextVisitText: '2026-12-03 14:00' }],
  ['slash date for the next visit', '要点：报价确认\n下次拜访：2026/12/3', { nextVisitAt: '2026-12-03' }],
  [
    'circled numbers on one line per field',
    '① 时间：周三下午\n② 地点：对方会议室\n③ 方式：面谈\n④ 要点：讨论二期扩容\n⑤ 客户想法：预算还没批\n⑥ 下一步：等预算',
    { time: '2026-11-25', timeText: '周三下午', place: '对方会议室', points: '讨论二期扩容', customerView: '预算还没批', nextSteps: '等预算', missing: [] },
  ],
  [
    'English free text, "visit again next Thursday"',
    "Summary - visited Sany's Changsha plant today with our engineer. They liked the demo but worried about after-sales. Next step: send service plan. Will visit again next Thursday.",
    {
      trigger: 'Summary', time: '2026-11-27', method: 'in_person', nextSteps: has('send service plan'),
      nextVisitAt: '2026-12-03', customerView: has('They liked the demo'),
    },
  ],
  [
    'dash labels',
    '时间 - 昨天\n地点 - 华能总部\n要点 - 聊了续约，价格没谈拢',
    { time: '2026-11-26', place: '华能总部', points: '聊了续约，价格没谈拢' },
  ],
  [
    'block value quoting several people',
    '要点：二期项目\n客户想法：\n王总：价格偏高\n李工：技术上没问题\n下一步：先出技术方案',
    { customerView: '王总：价格偏高\n李工：技术上没问题', nextSteps: '先出技术方案', points: '二期项目' },
  ],
  [
    'sign-off and greeting kept aside',
    '领导好，汇报下今天拜访情况\n地点：华能大厦\n方式：面谈\n要点：客户同意试用两台\n以上，请领导审阅',
    { points: '客户同意试用两台', rest: '领导好，汇报下今天拜访情况\n以上，请领导审阅', outcome: 'success' },
  ],
  [
    'next visit undecided',
    '要点：介绍产品\n下次拜访：待定',
    { nextVisitAt: null, nextVisitText: '待定' },
  ],
  [
    'a deadline is not a next visit; 下个月5号 is',
    '总结：今天跟三一采购聊了框架协议。下一步：月底前把方案发过去，下个月5号再去拜访',
    { nextVisitAt: '2026-12-05', nextVisitText: '下个月5号', nextSteps: '月底前把方案发过去，下个月5号再去拜访' },
  ],
  ['上周五 as the visit day', '上周五去华能拜访了王总，聊了年度框架', { time: '2026-11-20', method: 'in_person' }],
  ['本周五 is today', '本周五上午在字节总部见了采购，关注交付周期', { time: '2026-11-27', place: '字节总部' }],
  ['下下周一 next visit', '今天和招行李总见了面，下下周一再约', { nextVisitAt: '2026-12-07', time: '2026-11-27' }],
  [
    'typos and no punctuation between labels',
    '拜访总结 时间:今天 地点:华能 方式:电话 要点:确认交期 客户想法:ok 下一步:发合同',
    { time: '2026-11-27', place: '华能', method: 'phone', points: '确认交期', customerView: 'ok', nextSteps: '发合同', missing: [] },
  ],
];

describe('parseVisitRecord', () => {
  it.each(MESSAGES)('%s', (_name, text, expected) => {
    expect(view(parse(text))).toMatchObject(expected);
  });

  it('strips the trigger and reports it', () => {
    const d = parse('visit summary - 今天去了华能');
    expect(d.trigger).toEqual({ matched: true, word: 'visit summary', body: '今天去了华能' });
  });

  it('loses nothing the user typed in free text', () => {
    const text = '辛苦了各位，今天见了王总，他说价格偏高，我们会尽快出方案，下周二再去';
    const d = parse(text);
    const pieces = [d.points, d.customerView, d.nextSteps].join('');
    for (const word of ['辛苦了各位', '今天见了王总', '他说价格偏高', '我们会尽快出方案', '下周二再去']) {
      expect(pieces).toContain(word);
    }
  });

  it('ends the place where what was done there begins, though a department is named after it', () => {
    const d = parse('今天下午在华能总部12楼会议室拜访了王总和采购部李经理，详细介绍了监测方案。');
    expect(d.place).toBe('华能总部12楼会议室');
    expect(parse('在商务室介绍了新产品，客户很感兴趣').place).toBe('商务室');
  });

  it('works without customer names', () => {
    expect(parseVisitRecord('总结：去了华能', { now: NOW, timeZone: SH }).customerMention).toBeNull();
  });
});
