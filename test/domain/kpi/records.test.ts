/** What people type for the new KPI records: budget amounts and years, planned new accounts, the standard answer times. */
import { describe, expect, it } from 'vitest';
import { budgetYear, checkMaySetBudget, MAX_BUDGET_FEN, parseBudgetAmount, scopeFromValue, settableScopes } from '../../../src/domain/kpi/budgets.js';
import { MAX_PLANNED_NEW, parsePlannedNew } from '../../../src/domain/kpi/development-targets.js';
import { DEFAULT_SETTINGS, parseSettingText, settingNamed } from '../../../src/domain/settings.js';
import type { KpiDirectory } from '../../../src/domain/kpi/report.js';
import { isDomainError } from '../../../src/domain/errors.js';

/** The Chinese message of the DomainError `f` throws ('' when it throws none). */
const zh = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (isDomainError(e)) return e.userMessage.zh_cn;
    throw e;
  }
  return '';
};

const dir: KpiDirectory = {
  teams: [{ id: 'M', name: '钱经理', managerId: 'M' }],
  members: [
    { id: 'M', name: '钱经理', role: 'manager', teamId: null },
    { id: 'S1', name: '李专员', role: 'specialist', teamId: 'M' },
    { id: 'D', name: '赵总监', role: 'director', teamId: null },
  ],
  budgets: [],
};

describe('budgets', () => {
  it('amounts: yuan, 万, refused when not more than 0 or over the limit', () => {
    expect(parseBudgetAmount('5万')).toBe(5_000_000);
    expect(parseBudgetAmount('50,000元')).toBe(5_000_000);
    expect(zh(() => parseBudgetAmount('0'))).toMatch(/须大于 0/);
    expect(zh(() => parseBudgetAmount('-100'))).toMatch(/须大于 0/);
    expect(zh(() => parseBudgetAmount(String(MAX_BUDGET_FEN)))).toMatch(/超过上限/);
    expect(zh(() => parseBudgetAmount('很多'))).toMatch(/不是有效金额/);
  });

  it('years: this, next, last, or a number within a year of now', () => {
    expect(budgetYear('', 2026)).toBe(2026);
    expect(budgetYear('明年', 2026)).toBe(2027);
    expect(budgetYear('last year', 2026)).toBe(2025);
    expect(budgetYear('2027年', 2026)).toBe(2027);
    expect(zh(() => budgetYear('2030', 2026))).toMatch(/预算按年度设定/);
  });

  it('who sets what: a manager their members, the director and finance teams and the department', () => {
    expect(settableScopes({ id: 'M', role: 'manager' }, dir)).toEqual([{ kind: 'member', id: 'S1' }]);
    expect(settableScopes({ id: 'F', role: 'finance' }, dir)).toEqual([{ kind: 'department' }, { kind: 'team', id: 'M' }]);
    expect(settableScopes({ id: 'S1', role: 'specialist' }, dir)).toEqual([]);
    expect(zh(() => checkMaySetBudget({ id: 'M', role: 'manager' }, { kind: 'team', id: 'M' }, dir))).toMatch(/没有设定这一预算的权限/);
    expect(scopeFromValue('member:S1')).toEqual({ kind: 'member', id: 'S1' });
    expect(scopeFromValue('everyone')).toBeNull();
  });
});

describe('planned new accounts', () => {
  it('a whole number from 1 to the limit', () => {
    expect(parsePlannedNew('3个')).toBe(3);
    expect(parsePlannedNew('１２')).toBe(12);
    for (const bad of ['0', '-1', '2.5', String(MAX_PLANNED_NEW + 1), '三']) expect(zh(() => parsePlannedNew(bad))).toMatch(/须为 1 到/);
  });
});

describe('standard answer times', () => {
  it('are named in Chinese or English and read in hours or days', () => {
    expect(settingNamed('反馈时限')).toBe('feedbackAnswerHours');
    expect(settingNamed('question-hours')).toBe('questionAnswerHours');
    expect(parseSettingText('feedbackAnswerHours', '2天', DEFAULT_SETTINGS)).toBe(48);
    expect(parseSettingText('questionAnswerHours', '8小时', DEFAULT_SETTINGS)).toBe(8);
    expect(zh(() => parseSettingText('questionAnswerHours', '0', DEFAULT_SETTINGS))).toMatch(/1 到 720/);
    expect(zh(() => parseSettingText('feedbackAnswerHours', '31天', DEFAULT_SETTINGS))).toMatch(/1 到 720/);
  });
});
