/**
 * Sales targets (销售指标, source §2.2 art.3–6) as pure rules over plain data.
 *
 * - A target belongs to a specialist and a period (a quarter or a year), optionally split by
 *   region and product (art.5). The manager sets it (art.3); the director may too.
 * - Before the period starts the setter may revise it freely: each revision is a new version.
 * - Once the period has started, a change is a request (art.6): the specialist (for their own
 *   target) or the manager asks, with a reason; until it is approved the version in force still
 *   counts, and a rejected or withdrawn change leaves it untouched. A director's own change is
 *   final and takes effect at once (nobody in the bot sits above the director).
 * - After the period has ended nothing changes: the figure it was assessed on is history.
 * - Every version is kept with who set it, when, why, and which approval let it in.
 *
 * ## How this becomes the real "target change" flow (for the wiring session)
 * The free-form small request `target_change` (src/domain/requests/kinds.ts: period as text,
 * old and new target typed by hand) is replaced by a change linked to the target it changes:
 * 1. The form (`指标调整` / `change target`) lists the requester's targets whose period is
 *    running (a select of target ids, labelled "2026年第四季度 · 华东 · ¥1,200,000"); it asks only
 *    for the new amount and the reason. The old amount is read from the record, never typed.
 * 2. `requestTargetChange()` checks the rules and returns the pending change plus the approval
 *    `submit` action: kind `target_change`, `subjectId` = the change id, `hasBudget: false`.
 *    The engine's chain for `target_change` is [manager]; `deriveChain` already routes a
 *    manager's own request to the director (manager tier skipped as requester_is_approver,
 *    escalated) — which is exactly "the director approves a manager's own".
 * 3. The approval effects drive the target: `subject_approved` → `applyChangeOutcome(…,
 *    'approved')` appends the new version; `subject_rejected` / `subject_withdrawn` close the
 *    change; `subject_returned` leaves it `returned`, and `resubmitTargetChange()` updates the
 *    amount and reason before the engine's `resubmit`. Persist the target row and the approval
 *    row in one transaction, as the other subjects do.
 * 4. `smallRequestRows` for `target_change` should then show the target's label, the version in
 *    force and the proposed amount from the stored change, not the form's typed text; old rows
 *    of the free-form kind stay readable as they are (their data has `period`/`oldTarget`).
 * Storage: one `sales_targets` row per key, one `sales_target_versions` row per version, one
 * `sales_target_changes` row per change (status, approval_request_id). `targetFacts()` turns the
 * in-force versions into what the KPIs read.
 */
import { z } from 'zod';
import type { ApprovalAction } from '../approval/types.js';
import { DomainError } from '../errors.js';
import { i18n, type I18nText } from '../i18n.js';
import { formatYuan } from '../money.js';
import { reviewerOf, type Member, type Roster } from '../roster.js';
import type { TargetFact } from './facts.js';
import { hasEnded, hasStarted, Period, periodKey, periodLabel, periodOf, quarter, year } from './period.js';

/** ¥1,000,000,000 (10亿) per specialist and period: above it the figure is a typo, not a plan. */
export const MAX_TARGET_FEN = 100_000_000_000;
const TARGET_REASON_MAX = 500;
const LABEL_MAX = 50;

export const TargetKey = z.strictObject({
  specialistId: z.string().min(1).max(64),
  period: Period.refine((p) => p.kind !== 'month', { message: 'a target is set per quarter or year' }),
  region: z.string().trim().min(1).max(LABEL_MAX).nullable().default(null),
  product: z.string().trim().min(1).max(LABEL_MAX).nullable().default(null),
});
export type TargetKey = z.output<typeof TargetKey>;

export interface TargetVersion {
  version: number;
  amountFen: number;
  setBy: string;
  setAt: Date;
  reason: string | null;
  /** 'set': set or revised before the period began; 'change': a change during the period. */
  via: 'set' | 'change';
  /** The change this version came from, and who let it in (null for 'set'). */
  changeId: string | null;
  approvedBy: string | null;
}

export type ChangeStatus = 'pending' | 'returned' | 'approved' | 'rejected' | 'withdrawn';

export interface TargetChange {
  id: string;
  amountFen: number;
  /** The amount in force when the change was asked for: what the approver compares against. */
  fromFen: number;
  reason: string;
  requestedBy: string;
  requestedAt: Date;
  status: ChangeStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
}

export interface SalesTarget {
  id: string;
  key: TargetKey;
  versions: TargetVersion[];
  changes: TargetChange[];
}

export interface TargetContext {
  roster: Roster;
  now: Date;
  timeZone: string;
}

const err = (code: 'VALIDATION' | 'FORBIDDEN' | 'CONFLICT' | 'PRECONDITION_FAILED', zh: string, en: string, details?: Record<string, unknown>) =>
  new DomainError(code, i18n(zh, en), details);

/** The unique key of a target: a specialist has one target per period, region and product. */
export const targetKeyId = (k: TargetKey): string => [k.specialistId, periodKey(k.period), k.region ?? '', k.product ?? ''].join('|');

/** "2026年第四季度 · 华东 · 设备A" / "Q4 2026 · 华东 · 设备A". */
export function targetLabel(k: TargetKey): I18nText {
  const p = periodLabel(k.period);
  const extra = [k.region, k.product].filter(Boolean).map((s) => ` · ${s}`).join('');
  return i18n(`${p.zh_cn}${extra}`, `${p.en_us}${extra}`);
}

/** Refuses a zero, negative, fractional or absurd amount, naming it in both languages. */
export function checkTargetAmount(fen: unknown): number {
  if (typeof fen !== 'number' || !Number.isSafeInteger(fen) || fen <= 0) {
    throw err('VALIDATION', '销售指标必须是大于 0 的金额。', 'A sales target must be an amount above zero.', { amountFen: fen });
  }
  if (fen > MAX_TARGET_FEN) {
    throw err('VALIDATION', `销售指标 ${formatYuan(fen)} 超出合理范围（上限 ${formatYuan(MAX_TARGET_FEN)}），请检查是否多输了零。`, `A target of ${formatYuan(fen)} is beyond any plausible plan (limit ${formatYuan(MAX_TARGET_FEN)}); check for extra zeros.`, { amountFen: fen });
  }
  return fen;
}

function checkReason(reason: unknown, required: boolean): string | null {
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (!text) {
    if (required) throw err('VALIDATION', '请填写调整原因。', 'Give the reason for the change.');
    return null;
  }
  if ([...text].length > TARGET_REASON_MAX) throw err('VALIDATION', `原因不能超过 ${TARGET_REASON_MAX} 字。`, `Keep the reason under ${TARGET_REASON_MAX} characters.`);
  return text;
}

/** The version that counts now: the latest one let in. Until a change is approved, the original. */
export function targetInForce(t: SalesTarget): TargetVersion {
  return t.versions[t.versions.length - 1]!;
}

export const openChange = (t: SalesTarget): TargetChange | null => t.changes.find((c) => c.status === 'pending' || c.status === 'returned') ?? null;

function memberOrThrow(roster: Roster, id: string): Member {
  const m = roster.get(id);
  if (!m || !m.active) throw err('VALIDATION', '该成员不在名册中或已停用。', 'That person is not on the roster or is inactive.', { memberId: id });
  return m;
}

/** Who may set a specialist's target: their manager (the roster's reviewer) or a director. */
function maySet(actor: Member, specialist: Member, roster: Roster): boolean {
  if (!actor.active) return false;
  if (actor.role === 'director') return true;
  return actor.role === 'manager' && reviewerOf(roster, specialist)?.openId === actor.openId;
}

/**
 * Sets a new target, or revises one whose period has not begun. Once the period is running a
 * revision is a change request (requestTargetChange); once it has ended, nothing moves.
 */
export function setTarget(
  existing: SalesTarget | null,
  input: { id: string; key: unknown; amountFen: unknown; reason?: unknown },
  actor: Member,
  ctx: TargetContext,
): SalesTarget {
  const parsed = TargetKey.safeParse(input.key);
  if (!parsed.success) throw err('VALIDATION', '销售指标按季度或年度设定。', 'Sales targets are set per quarter or per year.');
  const key = parsed.data;
  const amountFen = checkTargetAmount(input.amountFen);
  const reason = checkReason(input.reason, false);
  const specialist = memberOrThrow(ctx.roster, key.specialistId);
  if (!maySet(actor, specialist, ctx.roster)) {
    throw err('FORBIDDEN', `只有「${specialist.name}」的经理或营销总监可以设定其销售指标。`, `Only ${specialist.name}'s manager or the director can set their sales target.`);
  }
  const label = targetLabel(key);
  if (hasEnded(key.period, ctx.now, ctx.timeZone)) {
    throw err('PRECONDITION_FAILED', `${label.zh_cn}已结束，指标不能再设定或修改。`, `${label.en_us} has ended; its target can no longer be set or changed.`);
  }
  const version = (v: number): TargetVersion => ({ version: v, amountFen, setBy: actor.openId, setAt: ctx.now, reason, via: 'set', changeId: null, approvedBy: null });
  if (!existing) return { id: input.id, key, versions: [version(1)], changes: [] };
  if (targetKeyId(existing.key) !== targetKeyId(key)) throw err('CONFLICT', '指标与记录不符，请重新打开。', 'This target does not match the record; reopen it.');
  if (hasStarted(key.period, ctx.now, ctx.timeZone)) {
    throw err('PRECONDITION_FAILED', `${label.zh_cn}已开始，调整指标需提交审批，批准前按原指标 ${formatYuan(targetInForce(existing).amountFen)} 核定。`, `${label.en_us} has begun: changing the target needs approval, and until then the current ${formatYuan(targetInForce(existing).amountFen)} counts.`);
  }
  return { ...existing, versions: [...existing.versions, version(existing.versions.length + 1)] };
}

export interface ChangeRequested {
  target: SalesTarget;
  change: TargetChange;
  /** What to hand to the approval engine; null when a director's change took effect at once. */
  submit: Extract<ApprovalAction, { type: 'submit' }> | null;
}

/** Asks to change a target during its period (art.6). */
export function requestTargetChange(
  target: SalesTarget,
  input: { changeId: string; approvalId: string; amountFen: unknown; reason: unknown },
  actor: Member,
  ctx: TargetContext,
): ChangeRequested {
  const amountFen = checkTargetAmount(input.amountFen);
  const reason = checkReason(input.reason, true)!;
  const specialist = memberOrThrow(ctx.roster, target.key.specialistId);
  const own = actor.openId === specialist.openId;
  if (!actor.active || !(own || maySet(actor, specialist, ctx.roster))) {
    throw err('FORBIDDEN', `只有「${specialist.name}」本人、其经理或营销总监可以申请调整该指标。`, `Only ${specialist.name}, their manager or the director can ask to change this target.`);
  }
  const label = targetLabel(target.key);
  if (!hasStarted(target.key.period, ctx.now, ctx.timeZone)) {
    throw err('PRECONDITION_FAILED', `${label.zh_cn}尚未开始，经理可直接修改指标，无需审批。`, `${label.en_us} has not begun; the manager can edit the target directly, no approval needed.`);
  }
  if (hasEnded(target.key.period, ctx.now, ctx.timeZone)) {
    throw err('PRECONDITION_FAILED', `${label.zh_cn}已结束，指标不能再调整。`, `${label.en_us} has ended; its target can no longer change.`);
  }
  if (openChange(target)) throw err('CONFLICT', '该指标已有一个调整申请在审批中。', 'A change to this target is already waiting for approval.');
  const current = targetInForce(target);
  if (current.amountFen === amountFen) throw err('VALIDATION', `新指标与现行指标 ${formatYuan(amountFen)} 相同。`, `The new target equals the current ${formatYuan(amountFen)}.`);
  const change: TargetChange = {
    id: input.changeId, amountFen, fromFen: current.amountFen, reason, requestedBy: actor.openId, requestedAt: ctx.now,
    status: 'pending', decidedBy: null, decidedAt: null, decisionNote: null,
  };
  if (actor.role === 'director' && !own) {
    const approved = { ...change, status: 'approved' as const, decidedBy: actor.openId, decidedAt: ctx.now };
    return { target: withVersion({ ...target, changes: [...target.changes, approved] }, approved, actor.openId, ctx.now), change: approved, submit: null };
  }
  return {
    target: { ...target, changes: [...target.changes, change] },
    change,
    submit: { type: 'submit', id: input.approvalId, kind: 'target_change', subjectId: change.id, hasBudget: false },
  };
}

function withVersion(target: SalesTarget, change: TargetChange, approvedBy: string, at: Date): SalesTarget {
  const v: TargetVersion = {
    version: target.versions.length + 1, amountFen: change.amountFen, setBy: change.requestedBy, setAt: at, reason: change.reason,
    via: 'change', changeId: change.id, approvedBy,
  };
  return { ...target, versions: [...target.versions, v] };
}

export type ChangeOutcome = 'approved' | 'rejected' | 'returned' | 'withdrawn';

/**
 * Applies the approval engine's outcome for a change (the subject_* effects). Approving appends
 * the new version; anything else leaves the version in force as it was. Idempotent: an outcome
 * already applied returns the target unchanged, so a retried effect cannot add a second version.
 */
export function applyChangeOutcome(target: SalesTarget, changeId: string, outcome: ChangeOutcome, by: string, at: Date, note: string | null = null): SalesTarget {
  const change = target.changes.find((c) => c.id === changeId);
  if (!change) throw new DomainError('NOT_FOUND', i18n('找不到该指标调整申请。', 'Target change not found.'), { changeId });
  if (change.status === outcome) return target;
  if (change.status !== 'pending' && change.status !== 'returned') {
    throw new DomainError('INVALID_TRANSITION', i18n('该调整申请已处理。', 'This change has already been decided.'), { changeId, status: change.status });
  }
  const decided: TargetChange = { ...change, status: outcome, decidedBy: by, decidedAt: at, decisionNote: note };
  const next = { ...target, changes: target.changes.map((c) => (c.id === changeId ? decided : c)) };
  return outcome === 'approved' ? withVersion(next, decided, by, at) : next;
}

/** Edits a returned change before it goes back to the approver. */
export function resubmitTargetChange(target: SalesTarget, changeId: string, input: { amountFen: unknown; reason: unknown }, actor: Member, ctx: TargetContext): SalesTarget {
  const change = target.changes.find((c) => c.id === changeId);
  // The engine lets a rejected request be edited and sent again (a new round), as a returned one.
  if (!change || (change.status !== 'returned' && change.status !== 'rejected')) throw new DomainError('INVALID_TRANSITION', i18n('只有被退回或驳回的调整申请可以重新提交。', 'Only a returned or rejected change can be resubmitted.'), { changeId });
  const other = openChange(target);
  if (other && other.id !== changeId) throw err('CONFLICT', '该指标已有一个调整申请在审批中。', 'A change to this target is already waiting for approval.');
  if (change.requestedBy !== actor.openId) throw err('FORBIDDEN', '只有申请人可以重新提交。', 'Only the requester can resubmit.');
  if (hasEnded(target.key.period, ctx.now, ctx.timeZone)) throw err('PRECONDITION_FAILED', '该期间已结束，指标不能再调整。', 'The period has ended; the target can no longer change.');
  const amountFen = checkTargetAmount(input.amountFen);
  const reason = checkReason(input.reason, true)!;
  const current = targetInForce(target).amountFen;
  if (amountFen === current) throw err('VALIDATION', `新指标与现行指标 ${formatYuan(amountFen)} 相同。`, `The new target equals the current ${formatYuan(amountFen)}.`);
  const edited: TargetChange = { ...change, amountFen, fromFen: current, reason, status: 'pending' };
  return { ...target, changes: target.changes.map((c) => (c.id === changeId ? edited : c)) };
}

/** The in-force targets as the KPIs read them: one per specialist and period, regions and products summed. */
export function targetFacts(targets: readonly SalesTarget[]): TargetFact[] {
  const sums = new Map<string, TargetFact>();
  for (const t of targets) {
    const k = `${t.key.specialistId}|${periodKey(t.key.period)}`;
    const fact = sums.get(k) ?? { specialistId: t.key.specialistId, period: t.key.period, amountFen: 0 };
    fact.amountFen += targetInForce(t).amountFen;
    sums.set(k, fact);
  }
  return [...sums.values()];
}

/**
 * The periods a target can be set for now: this quarter, the next one, this year and the next
 * (those not yet ended), as the set form offers them.
 */
export function targetPeriodOptions(now: Date, timeZone: string): Period[] {
  const q = periodOf('quarter', now, timeZone);
  const nextQ = q.index === 4 ? quarter(q.year + 1, 1) : quarter(q.year, q.index + 1);
  return [q, nextQ, year(q.year), year(q.year + 1)];
}

/**
 * Whose targets a member may see (销售指标 list): the director and the assistant everyone's, a
 * manager their team's, a specialist their own. Anyone else none (the caller refuses).
 */
export function visibleSpecialists(actor: Member, roster: Roster): Member[] {
  if (!actor.active) return [];
  const specialists = [...roster.values()].filter((m) => m.active && m.role === 'specialist');
  if (actor.role === 'director' || actor.role === 'assistant') return specialists;
  if (actor.role === 'manager') return specialists.filter((m) => reviewerOf(roster, m)?.openId === actor.openId);
  if (actor.role === 'specialist') return [actor];
  return [];
}

/** Whether the member may set (or directly revise) this specialist's targets. */
export const maySetTarget = (actor: Member, specialist: Member, roster: Roster): boolean => maySet(actor, specialist, roster);

/** Whether the member may ask to change this specialist's target: the specialist, their manager, the director. */
export const mayAskChange = (actor: Member, specialist: Member, roster: Roster): boolean =>
  actor.active && (actor.openId === specialist.openId || maySet(actor, specialist, roster));

/** Completion in percent with one decimal, or null without a target. */
export const completionPct = (actualFen: number, targetFen: number | null): number | null =>
  targetFen && targetFen > 0 ? Math.round((actualFen / targetFen) * 1000) / 10 : null;
