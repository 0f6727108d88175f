/**
 * The search's prefilter must not change a single result: on a department-sized list of 1,000
 * realistic names, every query people type (fragments, pinyin, initials, homophone and key
 * typos, latin, long and odd input) finds the same customers, with the same scores, in the same
 * order as Fuse over the whole list.
 */
import { describe, expect, it } from 'vitest';
import { buildNameIndex, fuseSearch, searchCustomers, type FuseHit } from '../../../src/domain/customer/search.js';
import { coreName, fullPinyin, initials } from '../../../src/domain/customer/name.js';

/** A small seeded generator, so the list and the typos are the same every run. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20261204);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const REAL = [
  '中国华能集团有限公司', '华能国际电力股份有限公司', '中国华电集团有限公司', '中国大唐集团有限公司', '国家电网有限公司',
  '中国南方电网有限责任公司', '中国石油天然气集团有限公司', '中国石油化工集团有限公司', '中国海洋石油集团有限公司',
  '招商银行股份有限公司', '中国工商银行股份有限公司', '中国建设银行股份有限公司', '中国农业银行股份有限公司',
  '交通银行股份有限公司', '中国银行股份有限公司', '重庆银行股份有限公司', '上海浦东发展银行股份有限公司',
  '腾讯科技（深圳）有限公司', '字节跳动有限公司', '阿里巴巴（中国）有限公司', '北京百度网讯科技有限公司',
  '华为技术有限公司', '小米科技有限责任公司', '京东集团股份有限公司', '美团点评集团', '网易（杭州）网络有限公司',
  '海南航空控股股份有限公司', '中国南方航空股份有限公司', '中国东方航空股份有限公司', '中国国际航空股份有限公司',
  '湖南华菱钢铁集团有限责任公司', '宝山钢铁股份有限公司', '鞍钢集团有限公司', '中国远洋海运集团有限公司',
  '中国移动通信集团有限公司', '中国联合网络通信集团有限公司', '中国电信集团有限公司', '上海申能集团有限公司',
  '比亚迪股份有限公司', '上海汽车集团股份有限公司', '长城汽车股份有限公司', '吉利控股集团有限公司',
  '万科企业股份有限公司', '碧桂园控股有限公司', '中国平安保险（集团）股份有限公司', '中国人寿保险股份有限公司',
  '贵州茅台酒股份有限公司', '五粮液集团有限公司', '伊利实业集团股份有限公司', '蒙牛乳业有限公司',
  '顺丰控股股份有限公司', '中国邮政集团有限公司', '格力电器股份有限公司', '美的集团股份有限公司', '海尔集团公司',
  'Siemens Ltd., China', 'ABB (China) Ltd.', 'Tesla (Shanghai) Co., Ltd.', 'Microsoft China Co., Ltd', '3M中国有限公司',
];
const REGIONS = ['北京', '上海', '深圳', '广州', '杭州', '南京', '成都', '武汉', '西安', '重庆', '天津', '苏州', '江苏', '浙江', '四川', '湖南', '山东', '河南', '福建', '安徽'];
const BRANDS = [
  '恒达', '腾达', '宏图', '鑫源', '金桥', '天宇', '瑞丰', '东方', '安泰', '华信', '中联', '永鑫', '博远', '恒通', '汇丰', '新华',
  '华润', '长江', '黄河', '泰和', '同方', '海天', '远大', '正泰', '德力', '光明', '联创', '中科', '华夏', '锦江', '盛世', '众诚',
  '鸿运', '国泰', '信达', '佳禾', '兴业', '万通', '昌盛', '海通',
];
const TRADES = ['科技', '电力', '能源', '钢铁', '化工', '医药', '物流', '建设', '投资', '保险', '汽车', '电子', '食品', '环保', '机械', '置业', '贸易', '传媒', '软件', '新材料'];
const SUFFIXES = ['有限公司', '股份有限公司', '集团有限公司', '有限责任公司', '集团公司', '分公司'];

function names(n: number): string[] {
  const out = new Set(REAL);
  while (out.size < n) {
    const brand = pick(BRANDS);
    const trade = pick(TRADES);
    const r = rand();
    const name =
      r < 0.4 ? `${pick(REGIONS)}${brand}${trade}${pick(SUFFIXES)}`
      : r < 0.7 ? `${brand}${trade}（${pick(REGIONS)}）${pick(SUFFIXES)}`
      : r < 0.9 ? `${brand}${pick(BRANDS)}${trade}${pick(SUFFIXES)}`
      : `中国${brand}${trade}集团有限公司`;
    out.add(name);
  }
  return [...out];
}

const NAMES = names(1000);
const index = buildNameIndex(NAMES.map((name, i) => ({ id: `c${i + 1}`, name, archiveNo: `KA-2026-${String(i + 1).padStart(4, '0')}` })));

/** Homophones the pinyin IME mixes up. */
const HOMOPHONES: Record<string, string> = { 讯: '迅', 行: '航', 华: '化', 能: '龙', 达: '大', 信: '新', 源: '元', 通: '同', 海: '还', 泰: '太', 鑫: '新', 丰: '风', 天: '田', 力: '利', 联: '连' };
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One key slip: a letter changed, dropped, doubled or two swapped. */
function typo(s: string): string {
  if (s.length < 2) return s;
  const i = Math.floor(rand() * s.length);
  const r = rand();
  if (r < 0.25) return s.slice(0, i) + pick([...LETTERS]) + s.slice(i + 1);
  if (r < 0.5) return s.slice(0, i) + s.slice(i + 1);
  if (r < 0.75) return s.slice(0, i) + s[i] + s.slice(i);
  const j = Math.min(i + 1, s.length - 1);
  return s.slice(0, i) + s[j] + s[i] + s.slice(j + 1);
}

function queriesFor(name: string): string[] {
  const core = coreName(name);
  const py = fullPinyin(core);
  const ini = initials(core);
  const two = core.slice(0, 2);
  const homophone = [...core].map((c) => HOMOPHONES[c] ?? c).join('');
  const start = Math.floor(rand() * Math.max(1, core.length - 1));
  return [
    core, two, core.slice(start, start + 2 + Math.floor(rand() * 3)), name, homophone, homophone.slice(0, 2),
    py, py.slice(0, 6), fullPinyin(two), typo(py), typo(typo(py)), typo(fullPinyin(two)),
    ini, ini.slice(0, 2), typo(ini), `${two} ${ini}`, core.toUpperCase(), `${core}公司`, `${pick(REGIONS)}${two}`,
  ];
}

const QUERIES = [
  ...NAMES.filter((_, i) => i % 60 === 0).flatMap(queriesFor),
  // What people also type: aliases, numbers, latin, one character, nonsense, and a paste too long for bitap.
  '招行', '工行', '中石油', '中石化', '国网', '南航', 'KA-2026-0007', 'ka-2026-12', 'KA-2025-0001', '华', '公司', '有限公司', '集团',
  'siemens', 'tesla shanghai', 'abb', 'microsoft', '3m', 'x', 'zz', 'qwertyuiop', '不存在的公司', '😀华能', '华能😀集团',
  '中国华能集团有限公司北京分公司华能国际电力股份有限公司上海电厂', 'zhongguohuanengjituanyouxiangongsibeijingfengongsi',
];

describe('search prefilter, 1,000 customers', () => {
  it('the list is department-sized and varied', () => {
    expect(NAMES).toHaveLength(1000);
    expect(new Set(NAMES.map(coreName)).size).toBeGreaterThan(800);
  });

  it(`${QUERIES.length} queries find exactly what Fuse over every name finds, with the same scores and order`, () => {
    let found = 0;
    for (const q of QUERIES) {
      const fast = searchCustomers(index, q, { limit: 1000 });
      const full = searchCustomers(index, q, { limit: 1000, prefilter: false });
      expect(fast, q).toEqual(full);
      if (full.length) found++;
    }
    // The comparison means something only if most queries find customers.
    expect(found / QUERIES.length).toBeGreaterThan(0.6);
    // Fuse over every name is the slow reference (tens of ms a query on a busy machine).
  }, 180_000);

  it('Fuse itself, before the score cut, returns the same records, scores and order for the name and the pinyin query', () => {
    const raw = (hits: FuseHit[]) => hits.map((h) => `${h.item.id}:${h.score}`);
    let fuzzy = 0;
    for (const q of QUERIES) {
      const text = coreName(q);
      const full = fuseSearch(index, text, false);
      expect(raw(fuseSearch(index, text, true)), text).toEqual(raw(full));
      const py = fullPinyin(text);
      if (py) expect(raw(fuseSearch(index, { py }, true)), py).toEqual(raw(fuseSearch(index, { py }, false)));
      if (full.some((h) => (h.score ?? 0) > 0.01)) fuzzy++;
    }
    // Inexact matches are where a too-strict prefilter would drop records.
    expect(fuzzy / QUERIES.length).toBeGreaterThan(0.5);
  }, 180_000);

  it('typed the way people do, the prefiltered search still finds the customer', () => {
    expect(searchCustomers(index, 'huaneng')[0]?.name).toBe('中国华能集团有限公司');
    expect(searchCustomers(index, '腾迅')[0]?.name).toBe('腾讯科技（深圳）有限公司');
    expect(searchCustomers(index, 'zsyh')[0]?.name).toBe('招商银行股份有限公司');
    expect(searchCustomers(index, '招商银航')[0]?.name).toBe('招商银行股份有限公司');
  });
});
