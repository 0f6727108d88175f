import { describe, expect, it } from 'vitest';
import { buildNameIndex, findDuplicates, searchCustomers } from '../../../src/domain/customer/search.js';
import { coreName, fullPinyin, initials } from '../../../src/domain/customer/name.js';

const NAMES = [
  '中国华能集团有限公司', '华能国际电力股份有限公司', '海南航空控股股份有限公司', '湖南华菱钢铁集团有限责任公司',
  '字节跳动有限公司', '腾讯科技（深圳）有限公司', '招商银行股份有限公司', '中国石油天然气集团有限公司',
  '中国石油化工集团有限公司', '中国工商银行股份有限公司', '中国建设银行股份有限公司', '重庆银行股份有限公司',
  '中国华电集团有限公司',
];
const index = buildNameIndex(NAMES.map((name, i) => ({ id: `c${i + 1}`, name, archiveNo: `KA-2026-${String(i + 1).padStart(4, '0')}` })));
const names = (q: string) => searchCustomers(index, q).map((m) => m.name);

describe('name forms', () => {
  it.each([
    ['中国华能集团有限公司', '华能', 'huaneng', 'hn'],
    ['腾讯科技（深圳）有限公司', '腾讯科技', 'tengxunkeji', 'txkj'],
    ['重庆银行股份有限公司', '重庆银行', 'chongqingyinhang', 'cqyh'],
    ['ＡＢＣ 有限公司', 'abc', 'abc', 'abc'],
    ['中国', '中国', 'zhongguo', 'zg'],
  ])('%s → core %s, pinyin %s, initials %s', (name, core, py, ini) => {
    expect(coreName(name)).toBe(core);
    expect(fullPinyin(coreName(name))).toBe(py);
    expect(initials(coreName(name))).toBe(ini);
  });
});

describe('customer search', () => {
  it.each([
    ['华能', ['中国华能集团有限公司', '华能国际电力股份有限公司']],
    ['huaneng', ['中国华能集团有限公司', '华能国际电力股份有限公司']],
    ['腾迅', ['腾讯科技（深圳）有限公司']],
    ['招商银航', ['招商银行股份有限公司']],
    ['招行', ['招商银行股份有限公司']],
    ['中石油', ['中国石油天然气集团有限公司']],
    ['中石化', ['中国石油化工集团有限公司']],
    ['工行', ['中国工商银行股份有限公司']],
    ['建行', ['中国建设银行股份有限公司']],
    ['zsyh', ['招商银行股份有限公司']],
    ['字节', ['字节跳动有限公司']],
    ['zjtd', ['字节跳动有限公司']],
    ['tx', ['腾讯科技（深圳）有限公司']],
    ['不存在的公司', []],
    ['', []],
  ])('%s finds %j', (q, expected) => expect(names(q).slice(0, Math.max(expected.length, 1))).toEqual(expected.length ? expected : []));

  it('hn ranks 中国华能 first, then other hn names', () => {
    const r = names('hn');
    expect(r[0]).toBe('中国华能集团有限公司');
    expect(r).toEqual(expect.arrayContaining(['华能国际电力股份有限公司', '海南航空控股股份有限公司']));
  });

  it.each(['KA-2026-0007', 'ka-2026-7', 'KA20260007', 'ＫＡ－２０２６－０００７'])('archive number %s is exact', (q) => {
    expect(searchCustomers(index, q)).toEqual([{ id: 'c7', name: '招商银行股份有限公司', archiveNo: 'KA-2026-0007', score: 0, via: 'archive_no' }]);
  });

  it('an unknown archive number finds nothing rather than fuzzy noise', () => expect(searchCustomers(index, 'KA-2025-0001')).toEqual([]));

  it('several matches, best first and within the threshold', () => {
    const r = searchCustomers(index, '银行');
    expect(r.map((m) => m.name)).toEqual(expect.arrayContaining(['招商银行股份有限公司', '重庆银行股份有限公司', '中国工商银行股份有限公司', '中国建设银行股份有限公司']));
    expect(r.every((m) => m.score <= 0.3)).toBe(true);
    expect([...r].sort((a, b) => a.score - b.score)).toEqual(r);
  });

  it('says how it matched', () => {
    expect(searchCustomers(index, '招行')[0]?.via).toBe('alias');
    expect(searchCustomers(index, '腾迅')[0]?.via).toBe('pinyin');
    expect(searchCustomers(index, '华能')[0]?.via).toBe('name');
  });

  it('respects the limit', () => expect(searchCustomers(index, '银行', { limit: 2 })).toHaveLength(2));

  it('中石油 falls back to a plain 中国石油 but never to 中国石油化工', () => {
    const small = buildNameIndex([{ id: 'a', name: '中国石油' }, { id: 'b', name: '中国石油化工集团有限公司' }]);
    expect(searchCustomers(small, '中石油').filter((m) => m.via === 'alias').map((m) => m.id)).toEqual(['a']);
  });
});

describe('duplicate protection', () => {
  it.each([
    ['华能集团', [['中国华能集团有限公司', 'same_name']]],
    ['中国华能集团有限公司', [['中国华能集团有限公司', 'same_name']]],
    ['华能（北京）有限公司', [['中国华能集团有限公司', 'same_name']]],
    ['腾迅科技有限公司', [['腾讯科技（深圳）有限公司', 'same_pinyin']]],
    ['招商银行', [['招商银行股份有限公司', 'same_name']]],
    ['华能国际', []],
    ['新公司', []],
    ['  ', []],
  ])('%s → %j', (name, expected) => {
    expect(findDuplicates(name, index).map((d) => [d.name, d.kind])).toEqual(expected);
  });

  it('lists same names before homophones', () => {
    const idx = buildNameIndex([{ id: '1', name: '腾迅有限公司' }, { id: '2', name: '腾讯集团' }]);
    expect(findDuplicates('腾讯', idx).map((d) => d.kind)).toEqual(['same_name', 'same_pinyin']);
  });
});
