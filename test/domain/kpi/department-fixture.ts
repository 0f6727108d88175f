/**
 * A department-sized set of KPI facts built from a fixed time: 5 teams of 10 specialists, 20
 * customers each, a year of transactions, follow-ups, visits, complaints and targets. Values
 * vary by index so figures differ per person; nothing reads the real clock.
 */
import { emptyFacts, type KpiFacts, type KpiMember } from '../../../src/domain/kpi/facts.js';
import { quarter, year } from '../../../src/domain/kpi/period.js';

const SURNAMES = ['欧阳', '司马', '上官', '诸葛', '王', '李', '张', '刘', '陈', '杨'];
const GIVEN = ['明华', '晓峰', '雅婷', '建国', '思远', '海燕', '志强', '丽娜', '国栋', '婉清'];

export const at = (iso: string) => new Date(`${iso}+08:00`);
const pad = (n: number) => String(n).padStart(2, '0');

export function departmentFacts(opts: { teams?: number; perTeam?: number } = {}): KpiFacts {
  const teams = opts.teams ?? 5;
  const perTeam = opts.perTeam ?? 10;
  const f = emptyFacts();
  f.teams = Array.from({ length: teams }, (_, t) => ({ id: `T${t}`, name: `第${t + 1}组`, managerId: `M${t}` }));
  const members: KpiMember[] = [{ id: 'D', name: '总监', role: 'director', teamId: null }];
  for (let t = 0; t < teams; t++) {
    members.push({ id: `M${t}`, name: `经理${t + 1}`, role: 'manager', teamId: null });
    for (let i = 0; i < perTeam; i++) {
      const n = t * perTeam + i;
      members.push({ id: `S${n}`, name: `${SURNAMES[n % 10]}${GIVEN[(n * 3 + t) % 10]}`, role: 'specialist', teamId: `T${t}` });
    }
  }
  f.members = members;
  const specialists = members.filter((m) => m.role === 'specialist');
  const ownership = [], stages = [], sales = [], followUps = [], visits = [], complaints = [], archives = [], targets = [], customers = [];
  for (const [s, m] of specialists.entries()) {
    for (let q = 1; q <= 4; q++) targets.push({ specialistId: m.id, period: quarter(2026, q), amountFen: 50_000_000 + s * 1_000_000 });
    for (let c = 0; c < 20; c++) {
      const id = `C${s}-${c}`;
      customers.push({ id, categories: c % 3 === 0 ? ['important', 'strategic'] as const : ['high_value'] as const });
      ownership.push({ customerId: id, ownerId: m.id, from: at('2024-01-01T00:00:00'), to: null });
      stages.push({ customerId: id, stage: 'won' as const, at: at(`2025-${pad((c % 12) + 1)}-10T10:00:00`) });
      if (c === 19 && s % 4 === 0) stages.push({ customerId: id, stage: 'churned' as const, at: at('2026-08-10T10:00:00') });
      archives.push({ customerId: id, ownerId: m.id, filled: 10 + ((s + c) % 11), required: 20 });
      for (let mo = 1; mo <= 11; mo++) {
        if ((c + mo) % 4 === 0) sales.push({ customerId: id, date: `2026-${pad(mo)}-15`, amountFen: 1_000_000 + ((s * 7 + c * 13 + mo) % 50) * 100_000 });
      }
    }
    for (let mo = 1; mo <= 11; mo++) {
      for (let k = 0; k < 4; k++) {
        const due = at(`2026-${pad(mo)}-${pad(5 + k * 5)}T18:00:00`);
        followUps.push({ specialistId: m.id, dueAt: due, doneAt: (s + k + mo) % 5 === 0 ? null : due });
        visits.push({ specialistId: m.id, at: due, planApproved: true, recordOnTime: (s + k) % 3 !== 0, followUpOnTime: (s + mo) % 4 !== 0, rating: 3 + ((s + k + mo) % 3) });
      }
      if ((s + mo) % 6 === 0) complaints.push({ customerId: `C${s}-0`, at: at(`2026-${pad(mo)}-12T10:00:00`), valid: mo % 2 === 0 });
    }
  }
  Object.assign(f, { ownership, stages, sales, followUps, visits, complaints, archives, targets, customers });
  f.budgets = [{ year: 2026, scope: { kind: 'department' }, amountFen: 500_000_000 }];
  f.costs = specialists.map((m, i) => ({ claimantId: m.id, date: '2026-06-01', amountFen: 5_000_000 + i * 10_000 }));
  f.developmentPlans = specialists.map((m) => ({ specialistId: m.id, period: year(2026), plannedNewAccounts: 3 }));
  return f;
}
