import { describe, expect, it } from 'vitest';
import { coreName, findCustomerMention } from '../../../src/domain/parse/customer-mention.js';
import { CUSTOMERS } from './helpers.js';

describe('findCustomerMention', () => {
  it.each([
    ['今天去了华能', '中国华能集团有限公司'], // the exact core beats 华能国际电力's prefix
    ['华能国际那边的电厂', '华能国际电力股份有限公司'],
    ['跟字节的采购聊了', '北京字节跳动科技有限公司'],
    ['三一重工长沙工厂', '三一重工股份有限公司'],
    ['国网江苏公司', '国网江苏省电力有限公司'],
    ['招商银行信息部', '招商银行股份有限公司'],
    ['鼓楼医院设备科', '南京鼓楼医院'],
    ['今天天气不错', null],
    ['电力行业政策', null], // a generic word inside a name is not a mention
  ])('%s → %s', (text, name) => {
    expect(findCustomerMention(text, CUSTOMERS)).toBe(name);
  });

  it.each([
    ['中国华能集团有限公司', '华能'],
    ['北京字节跳动科技有限公司', '字节跳动'],
    ['三一重工股份有限公司', '三一重工'],
    ['Tencent Holdings Ltd.', 'tencent holdings'],
  ])('core of %s is %s', (name, core) => {
    expect(coreName(name)).toBe(core);
  });
});
