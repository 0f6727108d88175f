import { describe, expect, it } from 'vitest';
import {
  STAGES, STAGE_LABEL, allowedNextStages, moveStage, stageText, type Screening, type Stage, type StageState,
} from '../../../src/domain/customer/lifecycle.js';
import { DomainError } from '../../../src/domain/errors.js';

const now = new Date('2026-03-01T02:00:00Z');
const at = (stage: Stage, screening: Screening | null = null): StageState => ({ stage, screening });

/** The whole table, written out so a change to it is a visible change to this test. */
const ALLOWED: [StageState, Stage, { reason?: string; screening?: Screening }][] = [
  [at('prospect'), 'researching', {}],
  [at('prospect'), 'lost', { reason: '预算取消' }],
  [at('researching'), 'screened', { screening: 'qualified' }],
  [at('researching'), 'screened', { screening: 'rejected', reason: '规模太小' }],
  [at('researching'), 'lost', { reason: '已被收购' }],
  [at('screened', 'qualified'), 'applying', {}],
  [at('screened', 'qualified'), 'lost', { reason: 'x' }],
  [at('screened', 'rejected'), 'researching', {}],
  [at('screened', 'rejected'), 'lost', { reason: 'x' }],
  [at('applying', 'qualified'), 'developing', {}],
  [at('applying', 'qualified'), 'screened', {}],
  [at('applying', 'qualified'), 'lost', { reason: 'x' }],
  [at('developing', 'qualified'), 'negotiating', {}],
  [at('developing', 'qualified'), 'lost', { reason: 'x' }],
  [at('negotiating', 'qualified'), 'won', {}],
  [at('negotiating', 'qualified'), 'developing', {}],
  [at('negotiating', 'qualified'), 'lost', { reason: 'x' }],
  [at('won', 'qualified'), 'serving', {}],
  [at('won', 'qualified'), 'lost', { reason: 'x' }],
  [at('serving', 'qualified'), 'churned', { reason: '转向竞争对手' }],
  [at('lost', 'qualified'), 'prospect', { reason: '新项目' }],
  [at('churned', 'qualified'), 'prospect', { reason: '重新接触' }],
];

const allowedKey = new Set(ALLOWED.map(([s, t]) => `${s.stage}/${s.screening}->${t}`));
const STATES: StageState[] = [...STAGES.filter((s) => s !== 'screened').map((s) => at(s, s === 'prospect' || s === 'researching' ? null : 'qualified')), at('screened', 'qualified'), at('screened', 'rejected')];
const REFUSED: [StageState, Stage][] = STATES.flatMap((s) => STAGES.filter((t) => !allowedKey.has(`${s.stage}/${s.screening}->${t}`)).map((t): [StageState, Stage] => [s, t]));

describe('lifecycle', () => {
  it.each(ALLOWED)('%j → %s is allowed', (from, to, o) => {
    const r = moveStage(from, to, { ...o, actor: 'ou_spec_a1', now });
    expect(r.stage).toBe(to);
    expect(r.historyEntry).toEqual({ from: from.stage, to, screening: r.screening, reason: o.reason ?? null, actorId: 'ou_spec_a1', at: '2026-03-01T02:00:00.000Z' });
  });

  it('the table above is the whole table', () => {
    const listed = STATES.flatMap((s) => allowedNextStages(s).map((t) => `${s.stage}/${s.screening}->${t}`));
    expect(new Set(listed)).toEqual(allowedKey);
  });

  it.each(REFUSED)('%j → %s is refused, naming the allowed stages', (from, to) => {
    try {
      moveStage(from, to, { reason: 'r', screening: 'qualified', actor: 'ou_x', now });
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      const err = e as DomainError;
      expect(err.code).toBe('INVALID_TRANSITION');
      expect(err.userMessage.zh_cn).toContain(`不能从「${STAGE_LABEL[from.stage].zh_cn}」转到「${STAGE_LABEL[to].zh_cn}」`);
      for (const next of allowedNextStages(from)) {
        expect(err.userMessage.zh_cn).toContain(STAGE_LABEL[next].zh_cn);
        expect(err.userMessage.en_us).toContain(STAGE_LABEL[next].en_us);
      }
      expect(err.details).toMatchObject({ from: from.stage, to, allowed: allowedNextStages(from) });
    }
  });

  it.each([
    [at('prospect'), 'lost'],
    [at('serving', 'qualified'), 'churned'],
    [at('lost', 'qualified'), 'prospect'],
    [at('churned', 'qualified'), 'prospect'],
  ] as const)('%j → %s needs a reason', (from, to) => {
    expect(() => moveStage(from, to, { actor: 'a', now })).toThrow(/needs a reason/);
    expect(() => moveStage(from, to, { reason: '  ', actor: 'a', now })).toThrow(DomainError);
  });

  it('a rejected screening needs a reason and is kept; a qualified one does not', () => {
    expect(() => moveStage(at('researching'), 'screened', { screening: 'rejected', actor: 'a', now })).toThrow(/needs a reason/);
    const r = moveStage(at('researching'), 'screened', { screening: 'rejected', reason: '资金不足', actor: 'a', now });
    expect(r).toMatchObject({ stage: 'screened', screening: 'rejected' });
    expect(stageText(r)).toEqual({ zh_cn: '筛选评价（不合格）', en_us: 'Screened (rejected)' });
    expect(allowedNextStages(r)).not.toContain('applying');
  });

  it('screening needs an outcome, except a withdrawn application which stays qualified', () => {
    expect(() => moveStage(at('researching'), 'screened', { actor: 'a', now })).toThrow(/qualified or rejected/);
    expect(moveStage(at('applying', 'qualified'), 'screened', { actor: 'a', now }).screening).toBe('qualified');
  });

  it('reopening clears the old screening', () => {
    expect(moveStage(at('lost', 'rejected'), 'prospect', { reason: '新项目', actor: 'a', now }).screening).toBeNull();
  });

  it('refuses an endless reason', () => expect(() => moveStage(at('prospect'), 'lost', { reason: 'x'.repeat(1001), actor: 'a', now })).toThrow(/at most 1000/));
});
