import { describe, expect, it } from 'vitest';
import { parseFollowUp } from '../../../src/domain/parse/follow-up.js';
import { findSatisfaction } from '../../../src/domain/parse/satisfaction.js';
import { CUSTOMERS, NOW, SH, show } from './helpers.js';

const parse = (text: string) => {
  const { time, ...d } = parseFollowUp(text, { now: NOW, timeZone: SH, customerNames: CUSTOMERS });
  return { ...d, trigger: d.trigger.word, time: show(time, false) };
};

const has = (s: string) => expect.stringContaining(s);

const MESSAGES: Array<[string, string, Record<string, unknown>]> = [
  [
    'prose with a score in 分',
    '回访 华能王总，电话回访，客户对设备运行很满意，提了售后响应慢的问题，满意度4分',
    {
      trigger: '回访', customerMention: '中国华能集团有限公司', method: 'phone', satisfaction: 4, satisfactionText: '满意度4分',
      opinion: '华能王总，客户对设备运行很满意，提了售后响应慢的问题', missing: [],
    },
  ],
  [
    'labels and stars',
    '回访记录\n方式：上门\n客户意见：新设备用得挺顺，希望培训再安排一次\n满意度：★★★★★',
    { trigger: '回访记录', method: 'visit', satisfaction: 5, opinion: '新设备用得挺顺，希望培训再安排一次', missing: [] },
  ],
  [
    'English',
    'follow-up: called Mr Wang, he is satisfied overall but wants faster delivery. satisfaction: 4',
    { trigger: 'follow-up', method: 'phone', satisfaction: 4, opinion: has('wants faster delivery') },
  ],
  [
    'WeChat, 一般般',
    '回访了三一，微信聊的，说一般般吧',
    { method: 'other', satisfaction: 3, opinion: '三一，微信聊的，说一般般吧', customerMention: '三一重工股份有限公司' },
  ],
  ['only a score: method missing', '回访 华能 4/5', { method: null, satisfaction: 4, opinion: '华能', missing: ['method'] }],
  [
    'yesterday, on site, 非常满意 with emoji',
    '客户回访：昨天上门看了设备运行情况，客户非常满意👍',
    { trigger: '客户回访', method: 'visit', satisfaction: 5, time: '2026-11-26', opinion: has('客户非常满意') },
  ],
  [
    'labelled, 不太满意 and a bare 2',
    '回访记录\n客户：国网江苏\n方式：电话\n客户意见：对上次报价不太满意，希望再降5个点\n满意度：2',
    { customerText: '国网江苏', customerMention: '国网江苏省电力有限公司', method: 'phone', satisfaction: 2, opinion: '对上次报价不太满意，希望再降5个点' },
  ],
  [
    'English, 1/5',
    'follow up by phone, customer very dissatisfied with delivery delay, rating 1/5',
    { method: 'phone', satisfaction: 1, opinion: has('very dissatisfied') },
  ],
  ['很不满意 → 1', '回访：电话，很不满意，设备三天两头出故障', { method: 'phone', satisfaction: 1, opinion: has('设备三天两头出故障') }],
  ['Chinese numeral score', '回访 满意度：五分 客户说培训很到位', { satisfaction: 5, opinion: has('客户说培训很到位') }],
  ['no score is fine', '回访：电话联系了鼓楼医院设备科，设备运行正常，没有新需求', { method: 'phone', satisfaction: null, missing: [] }],
  ['nothing but the trigger', '回访', { method: null, opinion: null, missing: ['method', 'opinion'] }],
];

describe('parseFollowUp', () => {
  it.each(MESSAGES)('%s', (_name, text, expected) => {
    expect(parse(text)).toMatchObject(expected);
  });
});

describe('findSatisfaction', () => {
  it.each([
    ['满意度4', 4],
    ['满意度：3分', 3],
    ['打了5分', 5],
    ['4分', 4],
    ['4/5', 4],
    ['★★★', 3],
    ['⭐️⭐️⭐️⭐️', 4],
    ['非常满意', 5],
    ['满意', 4],
    ['比较满意', 4],
    ['感觉一般', 3],
    ['不满意', 2],
    ['不是很满意', 2],
    ['很不满意', 1],
    ['satisfaction: 4', 4],
    ['very satisfied', 5],
    ['not satisfied', 2],
    ['开了40分钟会', null],
    ['一般来说周三在', null],
  ])('%s → %s', (text, score) => {
    expect(findSatisfaction(text)?.score ?? null).toBe(score);
  });
});
