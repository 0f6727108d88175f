import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/domain/approval/machine.js';
import type { DecideContext } from '../../../src/domain/approval/types.js';
import { DomainError } from '../../../src/domain/errors.js';
import { quarter, month, year } from '../../../src/domain/kpi/period.js';
import {
  applyChangeOutcome, checkTargetAmount, completionPct, MAX_TARGET_FEN, mayAskChange, maySetTarget, openChange, requestTargetChange, resubmitTargetChange,
  setTarget, targetFacts, targetInForce, targetLabel, targetPeriodOptions, visibleSpecialists, type SalesTarget,
} from '../../../src/domain/kpi/targets.js';
import { rosterOf, type Member } from '../../../src/domain/roster.js';

const SH = 'Asia/Shanghai';
const at = (iso: string) => new Date(`${iso}+08:00`);
const member = (openId: string, role: Member['role'], managerId: string | null = null): Member => ({ openId, name: openId, role, managerId, locale: 'zh_cn', active: true });
const D = member('ou_dir', 'director');
const M = member('ou_mgr', 'manager', 'ou_dir');
const M2 = member('ou_mgr2', 'manager', 'ou_dir');
const S = member('ou_s1', 'specialist', 'ou_mgr');
const S2 = member('ou_s2', 'specialist', 'ou_mgr2');
const roster = rosterOf([D, M, M2, S, S2]);
const Q1_2027 = quarter(2027, 1);
const before = { roster, timeZone: SH, now: at('2026-12-20T10:00:00') }; // Q1 2027 not begun
const during = { roster, timeZone: SH, now: at('2027-02-10T10:00:00') };
const after = { roster, timeZone: SH, now: at('2027-04-02T10:00:00') };
const key = { specialistId: 'ou_s1', period: Q1_2027 };

const code = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    expect(e.userMessage.zh_cn.length).toBeGreaterThan(0);
    expect(e.userMessage.en_us.length).toBeGreaterThan(0);
    return e.code;
  }
};

const initial = (): SalesTarget => setTarget(null, { id: 't1', key, amountFen: 100_000_000, reason: '参考近期人均销售量' }, M, before);

describe('setting a sales target', () => {
  it('the manager sets it per quarter or year, optionally per region and product', () => {
    const t = setTarget(null, { id: 't2', key: { ...key, region: '华东', product: '挖掘机' }, amountFen: 50_000_000 }, M, before);
    expect(targetLabel(t.key)).toEqual({ zh_cn: '2027年第一季度 · 华东 · 挖掘机', en_us: 'Q1 2027 · 华东 · 挖掘机' });
    expect(targetInForce(t)).toMatchObject({ version: 1, amountFen: 50_000_000, setBy: 'ou_mgr', via: 'set' });
    expect(code(() => setTarget(null, { id: 't3', key: { ...key, period: month(2027, 1) }, amountFen: 1 }, M, before))).toBe('VALIDATION');
    expect(setTarget(null, { id: 't4', key: { ...key, period: year(2027) }, amountFen: 400_000_000 }, D, before).versions).toHaveLength(1);
  });

  it.each([[0], [-100], [12.5], [MAX_TARGET_FEN + 1], [Number.NaN], ['1000']])('refuses the amount %s', (fen) => {
    expect(code(() => checkTargetAmount(fen))).toBe('VALIDATION');
    expect(code(() => setTarget(null, { id: 'x', key, amountFen: fen }, M, before))).toBe('VALIDATION');
  });

  it('only the specialist\'s own manager or the director sets it', () => {
    expect(code(() => setTarget(null, { id: 'x', key, amountFen: 1_000 }, S, before))).toBe('FORBIDDEN');
    expect(code(() => setTarget(null, { id: 'x', key, amountFen: 1_000 }, M2, before))).toBe('FORBIDDEN');
    expect(code(() => setTarget(null, { id: 'x', key: { ...key, specialistId: 'ou_gone' }, amountFen: 1_000 }, M, before))).toBe('VALIDATION');
  });

  it('before the period the manager revises freely, keeping every version', () => {
    const t = setTarget(initial(), { id: 't1', key, amountFen: 120_000_000, reason: '市场需求上升' }, M, before);
    expect(t.versions.map((v) => [v.version, v.amountFen, v.reason])).toEqual([[1, 100_000_000, '参考近期人均销售量'], [2, 120_000_000, '市场需求上升']]);
  });

  it('once the period runs, a revision must go through approval; after it ends, nothing moves', () => {
    expect(code(() => setTarget(initial(), { id: 't1', key, amountFen: 90_000_000 }, M, during))).toBe('PRECONDITION_FAILED');
    expect(code(() => setTarget(null, { id: 't9', key, amountFen: 90_000_000 }, M, after))).toBe('PRECONDITION_FAILED');
  });
});

describe('changing a target during its period (art.6)', () => {
  const ask = (t: SalesTarget, actor: Member, amountFen: unknown = 80_000_000, reason: unknown = '客户预算冻结', ctx = during) =>
    requestTargetChange(t, { changeId: 'c1', approvalId: 'r1', amountFen, reason }, actor, ctx);

  it('the original counts until the change is approved, then the new one; both versions are kept', () => {
    const { target, change, submit } = ask(initial(), S);
    expect(change).toMatchObject({ status: 'pending', fromFen: 100_000_000, amountFen: 80_000_000, requestedBy: 'ou_s1' });
    expect(submit).toEqual({ type: 'submit', id: 'r1', kind: 'target_change', subjectId: 'c1', hasBudget: false });
    expect(targetInForce(target).amountFen).toBe(100_000_000);
    expect(targetFacts([target])[0]!.amountFen).toBe(100_000_000);
    const approved = applyChangeOutcome(target, 'c1', 'approved', 'ou_mgr', at('2027-02-11T09:00:00'));
    expect(targetInForce(approved)).toMatchObject({ version: 2, amountFen: 80_000_000, setBy: 'ou_s1', approvedBy: 'ou_mgr', via: 'change', changeId: 'c1', reason: '客户预算冻结' });
    expect(approved.versions[0]!.amountFen).toBe(100_000_000);
    // A retried effect does not add a second version.
    expect(applyChangeOutcome(approved, 'c1', 'approved', 'ou_mgr', at('2027-02-11T09:05:00'))).toBe(approved);
    expect(code(() => applyChangeOutcome(approved, 'c1', 'rejected', 'ou_mgr', at('2027-02-11T09:05:00')))).toBe('INVALID_TRANSITION');
  });

  it('a rejected or withdrawn change leaves the original in force', () => {
    for (const outcome of ['rejected', 'withdrawn'] as const) {
      const t = applyChangeOutcome(ask(initial(), S).target, 'c1', outcome, 'ou_mgr', at('2027-02-11T09:00:00'), '理由不足');
      expect(targetInForce(t).amountFen).toBe(100_000_000);
      expect(t.versions).toHaveLength(1);
      expect(t.changes[0]).toMatchObject({ status: outcome, decidedBy: 'ou_mgr' });
      expect(openChange(t)).toBeNull();
    }
  });

  it('a returned change is edited and goes back; one open change at a time', () => {
    const pending = ask(initial(), S).target;
    expect(code(() => ask(pending, M, 70_000_000))).toBe('CONFLICT');
    const returned = applyChangeOutcome(pending, 'c1', 'returned', 'ou_mgr', at('2027-02-11T09:00:00'), '请说明客户');
    const edited = resubmitTargetChange(returned, 'c1', { amountFen: 85_000_000, reason: '某客户预算冻结，预计减少15万' }, S, during);
    expect(edited.changes[0]).toMatchObject({ status: 'pending', amountFen: 85_000_000 });
    expect(code(() => resubmitTargetChange(returned, 'c1', { amountFen: 85_000_000, reason: 'x' }, M, during))).toBe('FORBIDDEN');
  });

  it('refuses a change without reason, to the same amount, by someone else, or outside the period', () => {
    expect(code(() => ask(initial(), S, 80_000_000, '  '))).toBe('VALIDATION');
    expect(code(() => ask(initial(), S, 100_000_000))).toBe('VALIDATION');
    expect(code(() => ask(initial(), S, -5))).toBe('VALIDATION');
    expect(code(() => ask(initial(), S2))).toBe('FORBIDDEN');
    expect(code(() => ask(initial(), M2))).toBe('FORBIDDEN');
    expect(code(() => ask(initial(), S, 80_000_000, '原因', before))).toBe('PRECONDITION_FAILED');
    expect(code(() => ask(initial(), S, 80_000_000, '原因', after))).toBe('PRECONDITION_FAILED');
  });

  it('a director\'s change is final at once', () => {
    const { target, submit } = ask(initial(), D);
    expect(submit).toBeNull();
    expect(targetInForce(target)).toMatchObject({ amountFen: 80_000_000, approvedBy: 'ou_dir' });
  });

  it('through the approval engine: the specialist\'s change goes to the manager, the manager\'s own to the director', () => {
    const ctx: DecideContext = { roster, admins: [], now: during.now, timeZone: SH };
    const bySpecialist = ask(initial(), S);
    const d1 = decide(null, bySpecialist.submit!, S, ctx);
    expect(d1.state.steps.filter((s) => s.status === 'pending').map((s) => s.approverId)).toEqual(['ou_mgr']);
    const byManager = ask(initial(), M);
    const d2 = decide(null, byManager.submit!, M, ctx);
    expect(d2.state.steps.filter((s) => s.status === 'pending').map((s) => s.approverId)).toEqual(['ou_dir']);
    // The manager approves the specialist's change; the engine's effect drives the target.
    const step = d1.state.request.currentStep!;
    const approved = decide(d1.state, { type: 'approve', stepIndex: step, version: d1.state.request.version }, M, ctx);
    const effect = approved.effects.find((e) => e.type === 'subject_approved');
    expect(effect).toMatchObject({ kind: 'target_change', subjectId: 'c1' });
    const t = applyChangeOutcome(bySpecialist.target, (effect as { subjectId: string }).subjectId, 'approved', 'ou_mgr', ctx.now);
    expect(targetInForce(t).amountFen).toBe(80_000_000);
  });
});

describe('targets as the KPIs read them', () => {
  it('sums regions and products per specialist and period', () => {
    const a = setTarget(null, { id: 'a', key: { ...key, region: '华东' }, amountFen: 30_000_000 }, M, before);
    const b = setTarget(null, { id: 'b', key: { ...key, region: '华南' }, amountFen: 20_000_000 }, M, before);
    const c = setTarget(null, { id: 'c', key: { ...key, period: quarter(2027, 2) }, amountFen: 10_000_000 }, M, before);
    expect(targetFacts([a, b, c]).map((f) => [f.period.index, f.amountFen])).toEqual([[1, 50_000_000], [2, 10_000_000]]);
  });
});

describe('what the targets card offers (wiring helpers)', () => {
  const ask = (t: SalesTarget, actor: Member) => requestTargetChange(t, { changeId: 'c1', approvalId: 'r1', amountFen: 80_000_000, reason: '客户预算冻结' }, actor, during);
  it('a rejected change may be edited and sent again (a new round), unless another is open', () => {
    const pending = ask(initial(), S).target;
    const rejected = applyChangeOutcome(pending, 'c1', 'rejected', 'ou_mgr', at('2027-02-11T09:00:00'), '维持原指标');
    const again = resubmitTargetChange(rejected, 'c1', { amountFen: 90_000_000, reason: '补充说明' }, S, during);
    expect(again.changes[0]).toMatchObject({ status: 'pending', amountFen: 90_000_000, fromFen: 100_000_000 });
    expect(targetInForce(again).amountFen).toBe(100_000_000);
    const withdrawn = applyChangeOutcome(pending, 'c1', 'withdrawn', 'ou_s1', at('2027-02-11T09:00:00'));
    expect(code(() => resubmitTargetChange(withdrawn, 'c1', { amountFen: 90_000_000, reason: 'x' }, S, during))).toBe('INVALID_TRANSITION');
    expect(code(() => resubmitTargetChange(rejected, 'c1', { amountFen: 90_000_000, reason: 'x' }, S, after))).toBe('PRECONDITION_FAILED');
  });

  it('offers this and next quarter, this and next year', () => {
    expect(targetPeriodOptions(at('2026-12-31T23:30:00'), SH)).toEqual([quarter(2026, 4), quarter(2027, 1), year(2026), year(2027)]);
    expect(targetPeriodOptions(at('2027-01-01T00:00:00'), SH)).toEqual([quarter(2027, 1), quarter(2027, 2), year(2027), year(2028)]);
  });

  it('shows the director and the assistant everyone, a manager their team, a specialist themselves, finance nobody', () => {
    const A = member('ou_asst', 'assistant', 'ou_mgr');
    const F = member('ou_fin', 'finance');
    const r = rosterOf([D, M, M2, S, S2, A, F]);
    const ids = (m: Member) => visibleSpecialists(m, r).map((x) => x.openId).sort();
    expect(ids(D)).toEqual(['ou_s1', 'ou_s2']);
    expect(ids(A)).toEqual(['ou_s1', 'ou_s2']);
    expect(ids(M)).toEqual(['ou_s1']);
    expect(ids(S2)).toEqual(['ou_s2']);
    expect(ids(F)).toEqual([]);
    expect(ids({ ...D, active: false })).toEqual([]);
    expect(mayAskChange(S, S, r)).toBe(true);
    expect(mayAskChange(S2, S, r)).toBe(false);
    expect(mayAskChange(M2, S, r)).toBe(false);
    expect(maySetTarget(M, S, r)).toBe(true);
    expect(maySetTarget(S, S, r)).toBe(false);
  });

  it('completion is a percentage with one decimal, none without a target', () => {
    expect(completionPct(60_000_000, 85_000_000)).toBe(70.6);
    expect(completionPct(0, 100)).toBe(0);
    expect(completionPct(100, null)).toBeNull();
    expect(completionPct(100, 0)).toBeNull();
  });
});
