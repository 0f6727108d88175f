import { describe, expect, it } from 'vitest';
import { parseVisitRecord } from '../../../src/domain/parse/visit-record.js';
import { looksLikeVisitSummary, needsReapproval, DEFAULT_TOLERANCE, checkRecord, recordFromDraft } from '../../../src/domain/visit/rules.js';

const opts = { now: new Date('2026-11-27T08:00:00Z'), timeZone: 'Asia/Shanghai', customerNames: ['中国华能集团有限公司'] };
const looks = (t: string) => looksLikeVisitSummary(t, parseVisitRecord(t, opts));

describe('when untriggered text is a visit record', () => {
  it.each([
    '今天下午在华能总部和王总面谈，王总说价格偏高，约了下周三再去',
    '上午去了华能，见了采购部李经理，对方对方案很感兴趣，下一步发报价',
    '电话沟通了华能王总，客户认为交期太长，下周一再跟进',
    '和华能开了视频会议，客户表示预算今年已用完，明年一月再联系',
  ])('takes %s', (t) => expect(looks(t)).toBe(true));

  it.each([
    '帮助',
    '明天再说吧',
    '帮我看看华能的档案怎么填？',
    '华能的报价单发你了吗？',
    '谢谢',
    'how do I plan a visit with Huaneng next week?',
    '下午开会',
  ])('leaves %s', (t) => expect(looks(t)).toBe(false));
});

describe('reschedule tolerance', () => {
  const at = new Date('2026-12-01T02:00:00Z');
  const day = 86_400_000;
  it.each([
    ['same day, new hour', 3 * 3600_000, 300_000, false],
    ['two days later', 2 * day, 300_000, false],
    ['three days later', 3 * day, 300_000, true],
    ['two days earlier', -2 * day, 300_000, false],
    ['budget +10%', 0, 330_000, false],
    ['budget +10.01%', 0, 330_030, true],
    ['budget lowered', 0, 100_000, false],
  ] as const)('%s', (_, shift, budget, expected) => {
    expect(needsReapproval({ at, budgetFen: 300_000 }, { at: new Date(at.getTime() + shift), budgetFen: budget }, DEFAULT_TOLERANCE)).toBe(expected);
  });
  it('a first budget on a plan without one needs approval', () => {
    expect(needsReapproval({ at, budgetFen: 0 }, { at, budgetFen: 1 }, DEFAULT_TOLERANCE)).toBe(true);
  });
});

describe('a record is final only when complete enough', () => {
  it('needs the main points, and the reason when the visit failed', () => {
    const failed = recordFromDraft(parseVisitRecord('拜访总结：谈崩了，客户没有合作意向', opts));
    expect(failed.outcome).toBe('failed');
    expect(() => checkRecord({ ...failed, failureReason: null })).toThrow(/reason it failed/);
    expect(() => checkRecord({ ...failed, points: null, failureReason: 'x' })).toThrow();
    expect(() => checkRecord({ ...failed, points: '谈了价格', failureReason: '已有固定供应商' })).not.toThrow();
  });
});
