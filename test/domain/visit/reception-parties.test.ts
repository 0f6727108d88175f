import { describe, expect, it } from 'vitest';
import { receptionBriefing, receptionCancelled, receptionMoved, receptionParties } from '../../../src/domain/visit/reception-parties.js';
import type { ReceptionPlan } from '../../../src/domain/visit/types.js';

const plan: ReceptionPlan = { guests: '王总一行3人', venue: '商务室', hosts: ['ou_m', 'ou_lead', 'ou_h'], meals: '中午外出用餐', leaderId: 'ou_m', lodging: null, budgetFen: 0 };
const facts = { customerName: '三一重工', at: new Date('2026-11-30T02:00:00Z'), plan, leadName: '李专员', timeZone: 'Asia/Shanghai' };

describe('the people of a reception', () => {
  it('lists each person once with all their parts, without the lead', () => {
    expect(receptionParties(plan, 'ou_lead', 'ou_a')).toEqual([
      { openId: 'ou_m', parts: ['host', 'leader'] },
      { openId: 'ou_h', parts: ['host'] },
      { openId: 'ou_a', parts: ['assistant'] },
    ]);
    expect(receptionParties({ hosts: ['ou_lead'], leaderId: null }, 'ou_lead', null)).toEqual([]);
    expect(receptionParties({ hosts: ['ou_a'], leaderId: null }, 'ou_lead', 'ou_a')).toEqual([{ openId: 'ou_a', parts: ['host', 'assistant'] }]);
  });

  it('says when, where, who comes and what this person does', () => {
    const t = receptionBriefing(facts, ['host', 'leader']);
    expect(t.zh_cn).toContain('时间：2026-11-30 10:00');
    expect(t.zh_cn).toContain('你的任务：接待人员：在商务室迎接客户并洽谈；陪同领导：陪同外出用餐（中午外出用餐）');
    expect(t.en_us).toContain('Your part: host: greet the guests and hold the talks in 商务室; accompanying leader');
  });

  it('a move within the tolerance keeps the part; one back in approval says to wait; a cancel gives the reason', () => {
    const from = new Date('2026-11-29T02:00:00Z');
    expect(receptionMoved(facts, from, ['host'], false, null).zh_cn).toContain('由 2026-11-29 10:00 改到 2026-11-30 10:00，地点：商务室。你的任务不变');
    expect(receptionMoved(facts, from, ['host'], true, '客户推迟').zh_cn).toContain('批准后会再通知你');
    expect(receptionCancelled(facts, '客户改为线上会议').zh_cn).toContain('原因：客户改为线上会议');
  });
});
