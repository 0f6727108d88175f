import { describe, expect, it } from 'vitest';
import { parseVisitRecord } from '../../../src/domain/parse/visit-record.js';
import { parseReceptionReport } from '../../../src/domain/parse/reception-report.js';
import { parseFollowUp } from '../../../src/domain/parse/follow-up.js';
import {
  looksLikeVisitSummary, needsReapproval, DEFAULT_TOLERANCE, checkRecord, recordFromDraft, fillFromPlan, recordOf, dayContradicts, receptionReportFromDraft, fillReceptionFromPlan, followUpFromDraft, fillFollowUpFromVisit, canReschedule, canCancel,
} from '../../../src/domain/visit/rules.js';

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

describe('what a draft says about where its values came from', () => {
  const plan = { place: '华能总部 12 楼会议室', contacts: [{ name: '王总', roles: ['economic'] }, { name: '陈科长', roles: ['coach'] }] };

  it('marks values read from prose as guessed and labelled ones as not', () => {
    // The method is inferred from the place; 王总 is read from the points' words.
    const d = recordFromDraft(parseVisitRecord('拜访总结\n地点：华能大厦\n要点：和王总谈了价格', opts));
    expect(d.marks).toEqual({ guessed: ['method', 'people'], fromPlan: [] });
  });

  it('fills the place and the people from the plan only where the message is silent, and says so', () => {
    const silent = fillFromPlan(recordFromDraft(parseVisitRecord('今天聊了价格，客户对价格比较敏感', opts)), plan);
    expect(silent).toMatchObject({ place: '华能总部 12 楼会议室', people: '王总、陈科长', marks: { fromPlan: ['place', 'people'] } });
    const named = fillFromPlan(recordFromDraft(parseVisitRecord('今天在华能大厦见了王总，客户对价格比较敏感', opts)), plan);
    expect(named).toMatchObject({ place: '华能大厦', people: '王总', marks: { fromPlan: [] } });
    // A call took place nowhere in particular: the plan's place is not put on it.
    const call = fillFromPlan(recordFromDraft(parseVisitRecord('电话跟王总聊了，客户说预算用完了', opts)), plan);
    expect(call.place).toBeNull();
    expect(recordOf(silent)).not.toHaveProperty('marks');
  });

  it('sees a written day that is not the planned day', () => {
    const planned = new Date('2026-11-29T06:30:00Z'); // Sunday 14:30 Shanghai
    expect(dayContradicts(new Date('2026-11-27T02:00:00Z'), planned, 'Asia/Shanghai')).toBe(true);
    expect(dayContradicts(new Date('2026-11-28T17:00:00Z'), planned, 'Asia/Shanghai')).toBe(false); // 01:00 on the 29th
    expect(dayContradicts(null, planned, 'Asia/Shanghai')).toBe(false);
  });
});

describe('what a reception report draft says about where its values came from', () => {
  const plan = { guests: '华能采购部王总一行3人', venue: '商务室' };
  const report = (t: string) => receptionReportFromDraft(parseReceptionReport(t, opts));

  it('marks values read from prose as guessed and labelled ones as not', () => {
    const labelled = report('接待报告\n来访人员：华能王总一行3人\n接待内容：参观展厅\n客户意见：很满意');
    expect(labelled.marks).toEqual({ guessed: [], fromPlan: [] });
    const prose = report('接待报告 今天华能王总一行3人来访，参观了展厅。客户对新产品很感兴趣。');
    expect(prose.marks!.guessed).toEqual(expect.arrayContaining(['guests', 'time', 'points', 'customerView']));
  });

  it('fills the guests, the venue and the hosts from the plan only where the report is silent, and says so', () => {
    const silent = fillReceptionFromPlan(report('接待报告 参观了展厅，客户对新产品很感兴趣。'), plan, ['钱经理', '李专员']);
    expect(silent).toMatchObject({ guests: '华能采购部王总一行3人', place: '商务室', hosts: '钱经理、李专员', marks: { fromPlan: ['guests', 'place', 'hosts'] } });
    const named = fillReceptionFromPlan(report('接待报告\n来访人员：华能李总\n接待地点：一号展厅\n陪同人员：张敏\n接待内容：参观'), plan, ['钱经理']);
    expect(named).toMatchObject({ guests: '华能李总', place: '一号展厅', hosts: '张敏', marks: { fromPlan: [] } });
    // no hosts on the plan: nothing to fill
    expect(fillReceptionFromPlan(report('接待报告 参观了展厅'), plan, []).hosts).toBeNull();
    expect(recordOf(silent)).not.toHaveProperty('marks');
  });
});

describe('what a follow-up draft says about where its values came from', () => {
  const plan = { contacts: [{ name: '王总', roles: ['economic'] }, { name: '陈科长', roles: ['coach'] }] };
  const followUp = (t: string) => followUpFromDraft(parseFollowUp(t, opts));

  it('marks values read from prose as guessed and labelled ones as not', () => {
    expect(followUp('回访\n回访方式：电话\n回访对象：王总\n客户意见：很满意\n满意度：5').marks).toEqual({ guessed: [], fromPlan: [] });
    const prose = followUp('回访 电话联系了王总，对方案满意，满意度4分');
    expect(prose).toMatchObject({ method: 'phone', people: '王总', satisfaction: 4 });
    expect(prose.marks!.guessed).toEqual(['method', 'opinion', 'satisfaction', 'people']);
  });

  it('fills who it was with from the summary, else the plan, only where the message is silent, and says so', () => {
    const silent = followUp('回访 上门回访，设备运行稳定');
    expect(fillFollowUpFromVisit(silent, { plan, record: { people: '采购部李经理' } })).toMatchObject({ people: '采购部李经理', marks: { fromPlan: ['people'] } });
    expect(fillFollowUpFromVisit(silent, { plan, record: { people: null } })).toMatchObject({ people: '王总、陈科长', marks: { fromPlan: ['people'] } });
    expect(fillFollowUpFromVisit(silent, { plan: { contacts: [] }, record: null }).people).toBeNull();
    const named = fillFollowUpFromVisit(followUp('回访 电话联系了赵部长，对方很满意'), { plan, record: { people: '采购部李经理' } });
    expect(named).toMatchObject({ people: '赵部长', marks: { fromPlan: [] } });
    expect(recordOf(fillFollowUpFromVisit(silent, { plan, record: null }))).not.toHaveProperty('marks');
  });
});

describe('what a visit or reception plan can still do', () => {
  it('moves only once approved, and is cancelled while not yet done', () => {
    const all = ['pending', 'approved', 'recorded', 'reported', 'cancelled'] as const;
    expect(all.filter(canReschedule)).toEqual(['approved']);
    expect(all.filter(canCancel)).toEqual(['pending', 'approved']);
  });
});
