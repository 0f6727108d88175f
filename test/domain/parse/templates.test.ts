import { describe, expect, it } from 'vitest';
import { parseFollowUp } from '../../../src/domain/parse/follow-up.js';
import { parseMonthlyReport } from '../../../src/domain/parse/monthly-report.js';
import { parseReceptionReport } from '../../../src/domain/parse/reception-report.js';
import { detectIntent, TEMPLATES, type ReportIntent } from '../../../src/domain/parse/templates.js';
import { parseVisitRecord } from '../../../src/domain/parse/visit-record.js';
import { NOW, SH } from './helpers.js';

const opts = { now: NOW, timeZone: SH };
const PARSERS = {
  visit_record: (t: string) => parseVisitRecord(t, opts),
  follow_up: (t: string) => parseFollowUp(t, opts),
  monthly_report: (t: string) => parseMonthlyReport(t, opts),
  reception_report: (t: string) => parseReceptionReport(t, opts),
};

describe('templates', () => {
  it.each(Object.keys(TEMPLATES) as ReportIntent[])('%s: both languages are recognised, and an unfilled copy is all missing', (intent) => {
    for (const text of [TEMPLATES[intent].zh_cn, TEMPLATES[intent].en_us]) {
      expect(detectIntent(text)).toBe(intent);
      const d = PARSERS[intent](text) as { trigger: { matched: boolean }; labelled: boolean; missing: string[] };
      expect(d.trigger.matched).toBe(true);
      expect(d.labelled).toBe(true);
      expect(d.missing.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('a filled-in visit template parses', () => {
    const filled = TEMPLATES.visit_record.zh_cn
      .replace('时间：', '时间：今天上午10点')
      .replace('地点：', '地点：华能大厦')
      .replace('方式：', '方式：面谈')
      .replace('要点：', '要点：续约')
      .replace('客户想法：', '客户想法：价格敏感')
      .replace('下一步：', '下一步：报价')
      .replace('下次拜访：', '下次拜访：下周三');
    const d = parseVisitRecord(filled, opts);
    expect(d).toMatchObject({ place: '华能大厦', method: 'in_person', points: '续约', customerView: '价格敏感', nextSteps: '报价', nextVisitText: '下周三', missing: [] });
  });
});

describe('detectIntent', () => {
  it.each([
    ['拜访总结：今天去了华能', 'visit_record'],
    ['总结一下今天的拜访：去了华能', 'visit_record'],
    ['#拜访记录# 三一', 'visit_record'],
    ['【拜访总结】华能', 'visit_record'],
    ['@_user_1 Summary: met the CFO', 'visit_record'],
    ['时间：昨天\n地点：华能\n要点：聊价格\n客户想法：贵', 'visit_record'],
    ['回访 华能王总 电话 满意', 'follow_up'],
    ['回访总结：电话', 'follow_up'],
    ['Follow up: called them', 'follow_up'],
    ['11月月报', 'monthly_report'],
    ['2026年11月市场分析报告', 'monthly_report'],
    ['monthly report', 'monthly_report'],
    ['本月总结：xx\n下月预测：yy', 'monthly_report'],
    ['接待报告：华能一行5人', 'reception_report'],
    ['来访人员：华能3人\n陪同人员：张经理', 'reception_report'],
    ['今天天气不错', null],
    ['发个模板', null],
    ['地点：华能', null],
  ])('%s → %s', (text, intent) => {
    expect(detectIntent(text)).toBe(intent);
  });
});
