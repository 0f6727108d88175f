/**
 * The department's assessment card (the director's quarterly digest, `考核 部门`): every team's
 * four figures, one bar per team, one table of all specialists with their team — within
 * Feishu's five tables and 30 KB at the department's size — and the team card's notes for a
 * manager with no specialists and a quarter still running.
 */
import { describe, expect, it } from 'vitest';
import { assessmentCard, departmentAssessmentCard } from '../../cards/kpi-assessment.js';
import type { Card } from '../../cards/kit.js';
import { CARD_MAX_BYTES, validateCard } from '../../cards/validate.js';
import { i18n } from '../../src/domain/i18n.js';
import { quarterlyAssessment, quarterlyAssessmentFrom } from '../../src/domain/kpi/assessment.js';
import { quarter } from '../../src/domain/kpi/period.js';
import { tallyByPerson } from '../../src/domain/kpi/tally.js';
import { bytesOf, elementsOf, textOf } from '../domain/approval/card-fixtures.js';
import { at, departmentFacts } from '../domain/kpi/department-fixture.js';

const opts = { timeZone: 'Asia/Shanghai', now: at('2027-01-04T10:00:00') };
const Q4 = quarter(2026, 4);
const tables = (c: Card) => elementsOf(c).filter((e) => e.tag === 'table') as { rows: Record<string, string>[] }[];
const charts = (c: Card) => elementsOf(c).filter((e) => e.tag === 'chart') as { chart_spec: { data: { values: unknown[] }[] } }[];

describe('the department assessment card', () => {
  it('5 teams of 10: each team’s figures, a bar per team, one table of 50 specialists, under 30 KB', () => {
    const f = departmentFacts();
    const byPerson = tallyByPerson(f, { period: Q4, ...opts });
    const teams = f.teams.map((t) => ({ assessment: quarterlyAssessmentFrom(f, byPerson, t.id, Q4), teamName: i18n(t.name, t.name) }));
    // the same figures as the facts-based assessment
    expect(teams[0]!.assessment).toEqual(quarterlyAssessment(f, 'T0', Q4, opts));
    const c = departmentAssessmentCard(Q4, teams, i18n('大客户部', 'Key accounts'));
    expect(validateCard(c)).toEqual([]);
    expect(bytesOf(c)).toBeLessThan(CARD_MAX_BYTES);
    expect(tables(c)).toHaveLength(1);
    expect(tables(c)[0]!.rows).toHaveLength(50);
    expect(tables(c)[0]!.rows[0]).toMatchObject({ team: '第1组' });
    expect(charts(c)[0]!.chart_spec.data[0]!.values).toHaveLength(5);
    const zh = textOf(c, 'zh_cn');
    for (const t of f.teams) expect(zh).toContain(t.name);
    expect(zh).toContain('季度考核 · 大客户部');
    expect(textOf(c, 'en_us')).toContain('Q4 2026');
  });

  it('no teams: says so', () => {
    const c = departmentAssessmentCard(Q4, [], i18n('大客户部', 'Key accounts'));
    expect(validateCard(c)).toEqual([]);
    expect(textOf(c, 'zh_cn')).toContain('名册中还没有经理');
  });
});

describe('the team assessment card', () => {
  it('a manager with no specialists: the figures and a note, no table', () => {
    const f = departmentFacts({ teams: 1, perTeam: 0 });
    const c = assessmentCard(quarterlyAssessment(f, 'T0', Q4, opts), i18n('第1组', 'Team 1'));
    expect(validateCard(c)).toEqual([]);
    expect(tables(c)).toEqual([]);
    expect(textOf(c, 'zh_cn')).toContain('本团队暂无专员');
    expect(textOf(c, 'en_us')).toContain('No specialists in this team');
  });

  it('a quarter still running says its figures are to date', () => {
    const f = departmentFacts({ teams: 1, perTeam: 2 });
    const c = assessmentCard(quarterlyAssessment(f, 'T0', Q4, opts), i18n('第1组', 'Team 1'), { inProgress: true });
    expect(textOf(c, 'zh_cn')).toContain('本季度尚未结束');
  });
});
