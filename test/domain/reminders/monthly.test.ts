import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../src/domain/errors.js';
import { rosterOf, type Member } from '../../../src/domain/roster.js';
import {
  addMonths,
  monthKey,
  monthKeyOf,
  monthlyReportDrafts,
  monthStart,
  parseMonthKey,
  reportMonthDuring,
} from '../../../src/domain/reminders/monthly.js';
import { NONE, S, sh } from './helpers.js';

const member = (openId: string, role: Member['role'], managerId: string | null = null, active = true): Member => ({
  openId,
  name: openId,
  role,
  managerId,
  locale: 'zh_cn',
  active,
});

describe('month keys', () => {
  it.each([
    ['2026-11-27T02:00:00Z', '2026-11'],
    ['2026-11-30T20:00:00Z', '2026-12'], // already December in Shanghai
    ['2026-12-31T16:30:00Z', '2027-01'], // already the new year in Shanghai
  ])('monthKey(%s) = %s', (iso, key) => {
    expect(monthKey(new Date(iso), S.timeZone)).toBe(key);
  });

  it.each([
    ['2026-11', 1, '2026-12'],
    ['2026-12', 1, '2027-01'],
    ['2027-01', -1, '2026-12'],
    ['2026-11', -11, '2025-12'],
    ['2026-11', 0, '2026-11'],
  ])('addMonths(%s, %i) = %s', (key, n, expected) => {
    expect(addMonths(key, n)).toBe(expected);
  });

  it.each([
    ['2026-12-01 00:00', '2026-11'],
    ['2027-01-01 08:00', '2026-12'],
    ['2026-11-30 23:59', '2026-10'],
  ])('during %s the report for %s is collected', (now, key) => {
    expect(reportMonthDuring(sh(now), S.timeZone)).toBe(key);
  });

  it('round-trips and anchors at 00:00 on the 1st', () => {
    expect(monthKeyOf(2026, 3)).toBe('2026-03');
    expect(parseMonthKey('2026-03')).toEqual({ year: 2026, month: 3 });
    expect(monthStart('2026-11', S.timeZone)).toEqual(sh('2026-11-01 00:00'));
  });

  it.each(['2026-13', '2026-1', '26-11', ''])('refuses %j', (key) => {
    let caught: unknown;
    try {
      parseMonthKey(key);
    } catch (e) {
      caught = e;
    }
    expect(isDomainError(caught)).toBe(true);
  });
});

describe('monthlyReportDrafts', () => {
  const roster = rosterOf([
    member('ou_dir', 'director'),
    member('ou_mgr', 'manager', 'ou_dir'),
    member('ou_s2', 'specialist', 'ou_mgr'),
    member('ou_s1', 'specialist'), // no explicit reviewer: the only manager
    member('ou_gone', 'specialist', 'ou_mgr', false),
    member('ou_asst', 'assistant', 'ou_mgr'),
  ]);

  it('makes one per active specialist, reviewed by their manager, due by the (moved) 5th', () => {
    const drafts = monthlyReportDrafts('2026-11', roster, S, NONE);
    expect(drafts.map((d) => [d.ownerId, d.managerId])).toEqual([
      ['ou_s1', 'ou_mgr'],
      ['ou_s2', 'ou_mgr'],
    ]);
    expect(drafts[0]).toMatchObject({
      kind: 'monthly_report',
      subjectType: 'month',
      subjectId: '2026-11',
      anchorAt: sh('2026-11-01 00:00'),
      dueAt: sh('2026-12-07 18:00'),
      doneAt: null,
    });
  });

  it.each([
    ['2026-09', '2026-10-08 18:00'],
    ['2026-12', '2027-01-05 18:00'],
    ['2026-10', '2026-11-05 18:00'],
  ])('the %s report is due %s', (key, due) => {
    expect(monthlyReportDrafts(key, roster, S, NONE)[0]?.dueAt).toEqual(sh(due));
  });
});
