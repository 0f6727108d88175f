/**
 * Turns a request kind's tier spec into the people who approve it, from the roster alone.
 * Every tier that nobody will act on is kept as a recorded skip, so the card and the audit
 * trail can say why a tier was passed over; a chain with nobody at all to act is refused
 * up front rather than left waiting forever.
 */
import { DomainError } from '../errors.js';
import { i18n } from '../i18n.js';
import { activeMembersWithRole, directorOf, reviewerOf, ROLE_LABEL, type Member, type Roster } from '../roster.js';
import { escalationOf, KIND_SPECS, type RequestKind, type Tier } from './kinds.js';

export type SkipReason = 'no_budget' | 'requester_is_approver' | 'same_as_previous' | 'no_active_member';

/** A step that someone must decide. `escalatedFrom`: it stands in for a lower tier nobody could fill. */
export interface ActiveStep {
  tier: Tier;
  skipped: false;
  approverId: string;
  escalatedFrom?: Tier;
}

/**
 * A tier nobody is asked for. `approverId` is who would have been asked (the requester, or the
 * person already asked at the previous step), or null when nobody holds the tier.
 */
export interface SkippedStep {
  tier: Tier;
  skipped: true;
  reason: SkipReason;
  approverId: string | null;
  escalatedTo?: Tier;
}

export type PlannedStep = ActiveStep | SkippedStep;

export interface ChainOptions {
  /**
   * Whether the request carries money. Defaults to true: when the caller does not say,
   * finance is asked rather than silently passed over.
   */
  hasBudget?: boolean;
}

type Resolution = { approver: Member } | { approver: null; reason: 'requester_is_approver' | 'no_active_member' };

/** Who holds `tier` for this requester, or why nobody can. */
function resolveTier(tier: Tier, requester: Member, roster: Roster): Resolution {
  switch (tier) {
    case 'manager': {
      // A manager (or a director) is the manager tier of their own request: nobody approves their own.
      if (requester.role === 'manager' || requester.role === 'director') return { approver: null, reason: 'requester_is_approver' };
      const reviewer = reviewerOf(roster, requester);
      return reviewer ? { approver: reviewer } : { approver: null, reason: 'no_active_member' };
    }
    case 'director': {
      const director = directorOf(roster, requester);
      if (director) return { approver: director };
      return { approver: null, reason: requester.role === 'director' ? 'requester_is_approver' : 'no_active_member' };
    }
    case 'finance': {
      const all = activeMembersWithRole(roster, 'finance');
      const other = all.find((m) => m.openId !== requester.openId);
      if (other) return { approver: other };
      return { approver: null, reason: all.length ? 'requester_is_approver' : 'no_active_member' };
    }
  }
}

/** The tiers of `kind` in order, before any person is looked up. */
function tierPlan(kind: RequestKind, hasBudget: boolean): { tier: Tier; noBudget: boolean }[] {
  return KIND_SPECS[kind].chain.map((t) => ({ tier: t.tier, noBudget: !!t.needsBudget && !hasBudget }));
}

/**
 * The approval chain for a request, in order. Rules, in the order they apply:
 * 1. a tier that needs a budget is skipped (`no_budget`) when the request has none;
 * 2. a tier held by nobody active, or only by the requester, is skipped with that reason and
 *    escalates one tier up (manager → director) — unless the chain's next tier is that one anyway;
 * 3. an approver who is also the previous active approver is asked once (`same_as_previous`).
 * Throws DomainError('PRECONDITION_FAILED') when no step is left for anybody to decide.
 */
export function deriveChain(kind: RequestKind, requester: Member, roster: Roster, opts: ChainOptions = {}): PlannedStep[] {
  const plan = tierPlan(kind, opts.hasBudget ?? true);
  const steps: PlannedStep[] = [];
  plan.forEach(({ tier, noBudget }, i) => {
    if (noBudget) {
      steps.push({ tier, skipped: true, reason: 'no_budget', approverId: null });
      return;
    }
    const r = resolveTier(tier, requester, roster);
    if (r.approver) {
      steps.push({ tier, skipped: false, approverId: r.approver.openId });
      return;
    }
    const up = escalationOf(tier);
    const skip: SkippedStep = { tier, skipped: true, reason: r.reason, approverId: r.reason === 'requester_is_approver' ? requester.openId : null };
    if (up) skip.escalatedTo = up;
    steps.push(skip);
    const nextTier = plan.slice(i + 1).find((p) => !p.noBudget)?.tier;
    if (!up || nextTier === up) return;
    const upper = resolveTier(up, requester, roster);
    if (upper.approver) steps.push({ tier: up, skipped: false, approverId: upper.approver.openId, escalatedFrom: tier });
    else steps.push({ tier: up, skipped: true, reason: upper.reason, approverId: upper.reason === 'requester_is_approver' ? requester.openId : null });
  });
  const deduped = askOnce(steps);
  if (!deduped.some((s) => !s.skipped)) throw nobodyCanApprove(kind, requester, deduped);
  return deduped;
}

/** Rule 3: later duplicates of the last active approver become `same_as_previous` skips. */
function askOnce(steps: readonly PlannedStep[]): PlannedStep[] {
  let last: string | null = null;
  return steps.map((s) => {
    if (s.skipped) return s;
    if (s.approverId === last) return { tier: s.tier, skipped: true, reason: 'same_as_previous', approverId: s.approverId };
    last = s.approverId;
    return s;
  });
}

function nobodyCanApprove(kind: RequestKind, requester: Member, steps: PlannedStep[]): DomainError {
  const missing = [...new Set(steps.filter((s) => s.skipped && s.reason !== 'no_budget' && s.reason !== 'same_as_previous').map((s) => s.tier))];
  const zh = missing.map((t) => ROLE_LABEL[t].zh_cn).join('、') || '审批人';
  const en = missing.map((t) => ROLE_LABEL[t].en_us).join(' / ') || 'approver';
  const label = KIND_SPECS[kind].label;
  return new DomainError(
    'PRECONDITION_FAILED',
    i18n(
      `「${requester.name}」的${label.zh_cn}无人可审批：名册中没有可审批的在岗${zh}。请管理员在名册中添加或启用${zh}，或为其设置上级。`,
      `Nobody can approve ${requester.name}'s ${label.en_us.toLowerCase()}: the roster has no active ${en} other than the requester. An admin must add or re-activate a ${en}, or set this person's superior in the roster.`,
    ),
    { kind, requesterId: requester.openId, missingTiers: missing },
  );
}
