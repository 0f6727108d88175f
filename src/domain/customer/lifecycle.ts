/**
 * The customer lifecycle (§2.3, source §3.1: 开发 → 拜访 → 谈判 → 成交 → 服务) as a pure
 * transition table. Who may move a customer is the caller's check; this file only knows which
 * moves exist and which need a reason.
 */
import { DomainError } from '../errors.js';
import { i18n, type I18nText } from '../i18n.js';

export const STAGES = [
  'prospect', 'researching', 'screened', 'applying', 'developing', 'negotiating', 'won', 'serving', 'lost', 'churned',
] as const;
export type Stage = (typeof STAGES)[number];

export const SCREENINGS = ['qualified', 'rejected'] as const;
export type Screening = (typeof SCREENINGS)[number];

export const STAGE_LABEL: Record<Stage, I18nText> = {
  prospect: i18n('选定', 'Prospect'),
  researching: i18n('调查', 'Researching'),
  screened: i18n('筛选评价', 'Screened'),
  applying: i18n('开发申请中', 'Applying'),
  developing: i18n('开发中', 'Developing'),
  negotiating: i18n('谈判', 'Negotiating'),
  won: i18n('成交', 'Won'),
  serving: i18n('服务', 'Serving'),
  lost: i18n('失败', 'Lost'),
  churned: i18n('流失', 'Churned'),
};
export const SCREENING_LABEL: Record<Screening, I18nText> = {
  qualified: i18n('合格', 'qualified'),
  rejected: i18n('不合格', 'rejected'),
};

export interface StageState {
  stage: Stage;
  /** Set while `screened` (and kept after, as the record of the evaluation). */
  screening: Screening | null;
}

export interface StageHistoryEntry {
  from: Stage;
  to: Stage;
  screening: Screening | null;
  reason: string | null;
  actorId: string;
  /** ISO instant. */
  at: string;
}

/**
 * Decisions where the source is silent: a rejected screening may be researched again; a
 * withdrawn application returns to screened; a stalled negotiation may go back to development;
 * a lost or churned customer may be reopened as a prospect. A served account ends as `churned`,
 * never `lost`, so it always counts in the churn KPI.
 */
export function allowedNextStages(current: StageState): Stage[] {
  switch (current.stage) {
    case 'prospect': return ['researching', 'lost'];
    case 'researching': return ['screened', 'lost'];
    case 'screened': return current.screening === 'rejected' ? ['researching', 'lost'] : ['applying', 'lost'];
    case 'applying': return ['developing', 'screened', 'lost'];
    case 'developing': return ['negotiating', 'lost'];
    case 'negotiating': return ['won', 'developing', 'lost'];
    case 'won': return ['serving', 'lost'];
    case 'serving': return ['churned'];
    case 'lost': return ['prospect'];
    case 'churned': return ['prospect'];
  }
}

/** Moves that must say why: failures are analysed and kept (§3.3.3 六.2). */
export function reasonRequired(from: Stage, to: Stage, screening: Screening | null): boolean {
  return to === 'lost' || to === 'churned' || (to === 'screened' && screening === 'rejected') || (to === 'prospect' && from !== 'prospect');
}

const list = (stages: Stage[]): I18nText =>
  i18n(stages.map((s) => STAGE_LABEL[s].zh_cn).join('、'), stages.map((s) => STAGE_LABEL[s].en_us).join(', '));

const STAGE_REASON_MAX = 1000;

/**
 * The next lifecycle state and its history entry, or DomainError('INVALID_TRANSITION') naming
 * the allowed next stages, or DomainError('VALIDATION') when a required reason or the screening
 * outcome is missing. Moving to `screened` needs `screening`; from `applying` it defaults to
 * qualified (the application was withdrawn, not the evaluation).
 */
export function moveStage(
  current: StageState,
  target: Stage,
  opts: { reason?: string | null; screening?: Screening | null; actor: string; now: Date },
): StageState & { historyEntry: StageHistoryEntry } {
  const allowed = allowedNextStages(current);
  if (!allowed.includes(target)) {
    const names = list(allowed);
    throw new DomainError(
      'INVALID_TRANSITION',
      i18n(
        `不能从「${STAGE_LABEL[current.stage].zh_cn}」转到「${STAGE_LABEL[target].zh_cn}」。可转到：${names.zh_cn}`,
        `Cannot move from ${STAGE_LABEL[current.stage].en_us} to ${STAGE_LABEL[target].en_us}. Allowed next: ${names.en_us}`,
      ),
      { from: current.stage, to: target, allowed },
    );
  }
  let screening: Screening | null = target === 'prospect' || target === 'researching' ? null : current.screening;
  if (target === 'screened') {
    screening = opts.screening ?? (current.stage === 'applying' ? 'qualified' : null);
    if (!screening) {
      throw new DomainError('VALIDATION', i18n('筛选评价需要选择：合格或不合格', 'A screening needs an outcome: qualified or rejected'));
    }
  }
  const reason = opts.reason?.trim() || null;
  if (reasonRequired(current.stage, target, screening) && !reason) {
    throw new DomainError(
      'VALIDATION',
      i18n(`转到「${STAGE_LABEL[target].zh_cn}」需要填写原因`, `Moving to ${STAGE_LABEL[target].en_us} needs a reason`),
      { to: target },
    );
  }
  if (reason && reason.length > STAGE_REASON_MAX) {
    throw new DomainError('VALIDATION', i18n(`原因最多 ${STAGE_REASON_MAX} 个字`, `The reason can be at most ${STAGE_REASON_MAX} characters`));
  }
  return {
    stage: target,
    screening,
    historyEntry: { from: current.stage, to: target, screening, reason, actorId: opts.actor, at: opts.now.toISOString() },
  };
}

/** The label shown on cards: "筛选评价（不合格）". */
export function stageText(state: StageState): I18nText {
  const base = STAGE_LABEL[state.stage];
  if (state.stage !== 'screened' || !state.screening) return base;
  const s = SCREENING_LABEL[state.screening];
  return i18n(`${base.zh_cn}（${s.zh_cn}）`, `${base.en_us} (${s.en_us})`);
}
