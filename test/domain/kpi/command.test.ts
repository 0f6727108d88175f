import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.js';
import { kpiExportRequest, parseKpiQuery } from '../../../src/domain/kpi/command.js';
import { periodKey } from '../../../src/domain/kpi/period.js';

const ctx = { now: new Date('2026-12-02T02:00:00Z'), timeZone: 'Asia/Shanghai' };
const dir = {
  members: [{ id: 'ou_1', name: '张三' }, { id: 'ou_2', name: '欧阳明华' }, { id: 'ou_3', name: '李伟' }, { id: 'ou_4', name: '李伟' }, { id: 'ou_5', name: 'Anna Li' }],
  teams: [{ id: 'T1', name: '华东组' }, { id: 'T2', name: '华南组' }],
};
const q = (text: string) => {
  const r = parseKpiQuery(text, dir, ctx);
  return [periodKey(r.period), r.who];
};

describe('parseKpiQuery', () => {
  it.each<[string, string, unknown]>([
    ['KPI', '2026Q4', { kind: 'self' }],
    ['kpi 本季度', '2026Q4', { kind: 'self' }],
    ['绩效 2026Q3', '2026Q3', { kind: 'self' }],
    ['统计 11月 张三', '2026-11', { kind: 'member', id: 'ou_1' }],
    ['KPI 欧阳明华 上季度', '2026Q3', { kind: 'member', id: 'ou_2' }],
    ['KPI 华东组 2026年第四季度', '2026Q4', { kind: 'team', id: 'T1' }],
    ['KPI 华南 今年', '2026', { kind: 'team', id: 'T2' }],
    ['KPI last month team', '2026-11', { kind: 'own_team' }],
    ['KPI Q4 2026 department', '2026Q4', { kind: 'department' }],
    ['绩效：部门 本月', '2026-12', { kind: 'department' }],
    ['KPI this quarter Anna Li', '2026Q4', { kind: 'member', id: 'ou_5' }],
    ['考核 上季度 华东组', '2026Q3', { kind: 'team', id: 'T1' }],
    ['KPI 我', '2026Q4', { kind: 'self' }],
    ['绩效本季度', '2026Q4', { kind: 'self' }],
    ['KPI本月', '2026-12', { kind: 'self' }],
    ['统计：上个月 华东组', '2026-11', { kind: 'team', id: 'T1' }],
  ])('%s', (text, period, who) => {
    expect(q(text)).toEqual([period, who]);
  });

  it('a future period is refused as such, not taken for a name', () => {
    const e = (() => { try { parseKpiQuery('KPI 2027Q1', dir, ctx); } catch (x) { return x as DomainError; } return null; })();
    expect(e?.userMessage.zh_cn).toContain('还没有开始');
  });

  it('someone not on the roster, in both languages', () => {
    const e = (() => { try { parseKpiQuery('KPI 王二麻子 本季度', dir, ctx); } catch (x) { return x as DomainError; } return null; })();
    expect(e).toBeInstanceOf(DomainError);
    expect(e!.code).toBe('NOT_FOUND');
    expect(e!.userMessage.zh_cn).toContain('名册中没有「王二麻子」');
    expect(e!.userMessage.en_us).toContain('neither on the roster nor a period');
  });

  it('two people with the same name: asks for an @-mention', () => {
    expect(() => parseKpiQuery('KPI 李伟', dir, ctx)).toThrow(/@/);
  });
});

describe('kpiExportRequest', () => {
  it('finds the export word anywhere after the command word, and the format', () => {
    expect(kpiExportRequest('KPI 导出 2026Q4')).toEqual({ format: 'xlsx', rest: 'KPI 2026Q4' });
    expect(kpiExportRequest('绩效导出 部门')).toEqual({ format: 'xlsx', rest: '绩效部门' });
    expect(kpiExportRequest('绩效 2026Q4 团队 导出 csv')).toEqual({ format: 'csv', rest: '绩效 2026Q4 团队' });
    expect(kpiExportRequest('kpi export last quarter CSV')).toEqual({ format: 'csv', rest: 'kpi last quarter' });
    expect(kpiExportRequest('KPI 导出 excel')).toEqual({ format: 'xlsx', rest: 'KPI ' });
  });

  it('is null without the export word', () => {
    expect(kpiExportRequest('KPI 本季度')).toBeNull();
    expect(kpiExportRequest('绩效 csv')).toBeNull();
  });

  it('leaves what parseKpiQuery reads as the plain query would', () => {
    const ctx = { now: new Date('2026-11-27T02:00:00Z'), timeZone: 'Asia/Shanghai' };
    const dir = { members: [], teams: [] };
    expect(periodKey(parseKpiQuery(kpiExportRequest('绩效导出 2026年11月')!.rest, dir, ctx).period)).toBe('2026-11');
    expect(parseKpiQuery(kpiExportRequest('绩效导出部门')!.rest, dir, ctx).who).toEqual({ kind: 'department' });
  });
});
