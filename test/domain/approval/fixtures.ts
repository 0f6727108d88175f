/** A small department roster and helpers for driving the approval reducer in tests. */
import { decide } from '../../../src/domain/approval/machine.js';
import type { ApprovalAction, ApprovalState, DecideContext, Decision } from '../../../src/domain/approval/types.js';
import type { PlannedStep } from '../../../src/domain/approval/chain.js';
import type { RequestKind } from '../../../src/domain/approval/kinds.js';
import { rosterOf, type Member, type Role, type Roster } from '../../../src/domain/roster.js';

const m = (openId: string, name: string, role: Role, managerId: string | null = null): Member => ({
  openId,
  name,
  role,
  managerId,
  locale: 'zh_cn',
  active: true,
});

/** ou_spec → ou_mgr → ou_dir; a second team under ou_mgr2; two of everything above specialists. */
export const MEMBERS: Member[] = [
  m('ou_dir', '赵总监', 'director'),
  m('ou_dir2', '钱总监', 'director'),
  m('ou_mgr', '王经理', 'manager', 'ou_dir'),
  m('ou_mgr2', '孙经理', 'manager', 'ou_dir'),
  m('ou_spec', '张专员', 'specialist', 'ou_mgr'),
  m('ou_spec2', '李专员', 'specialist', 'ou_mgr2'),
  m('ou_asst', '周内勤', 'assistant', 'ou_mgr'),
  m('ou_fin', '吴财务', 'finance'),
  m('ou_fin2', '郑财务', 'finance'),
  m('ou_admin', '陈管理员', 'admin'),
];

/** The roster with some members changed: `{ ou_mgr: { active: false } }`. */
export function rosterWith(changes: Record<string, Partial<Member>> = {}): Roster {
  return rosterOf(MEMBERS.map((x) => ({ ...x, ...changes[x.openId] })));
}

export const ROSTER = rosterWith();
export const T0 = new Date('2026-03-02T01:30:00Z'); // 09:30 in Shanghai
export const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

export const ctxAt = (now: Date, roster: Roster = ROSTER, admins: string[] = []): DecideContext => ({ roster, admins, now });

export const member = (roster: Roster, id: string): Member => {
  const found = roster.get(id);
  if (!found) throw new Error(`no member ${id}`);
  return found;
};

/** Compact chain notation: `manager=ou_mgr`, `director=ou_dir<manager` (escalated), `finance~no_budget`, `manager~no_active_member>director`. */
export function notation(steps: PlannedStep[]): string[] {
  return steps.map((s) =>
    s.skipped ? `${s.tier}~${s.reason}${s.escalatedTo ? `>${s.escalatedTo}` : ''}` : `${s.tier}=${s.approverId}${s.escalatedFrom ? `<${s.escalatedFrom}` : ''}`,
  );
}

export type Step = [actorId: string, action: ApprovalAction, minutes?: number];

/** Runs actions in order from `state`, each a minute apart unless told; returns every decision. */
export function run(state: ApprovalState | null, steps: Step[], roster: Roster = ROSTER, admins: string[] = []): Decision[] {
  const out: Decision[] = [];
  let cur = state;
  steps.forEach(([actorId, action, minutes], i) => {
    const d = decide(cur, action, member(roster, actorId), ctxAt(at(minutes ?? i), roster, admins));
    out.push(d);
    cur = d.state;
  });
  return out;
}

export const last = (ds: Decision[]): Decision => ds[ds.length - 1]!;

/** A submitted request, by default a visit plan with a budget from ou_spec. */
export function submitted(opts: { kind?: RequestKind; by?: string; hasBudget?: boolean; roster?: Roster } = {}): ApprovalState {
  const action: ApprovalAction = { type: 'submit', id: 'req1', kind: opts.kind ?? 'visit_plan', subjectId: 'visit9', hasBudget: opts.hasBudget ?? true };
  return decide(null, action, member(opts.roster ?? ROSTER, opts.by ?? 'ou_spec'), ctxAt(T0, opts.roster ?? ROSTER)).state;
}

export function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !(o instanceof Date)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
