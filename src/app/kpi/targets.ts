/**
 * Sales targets end to end (销售指标, §2.2 art.3–6; rules in src/domain/kpi/targets.ts): the
 * `指标` card (targets in force against actual sales by the owner at the time), setting one by
 * card, and a change during the period through the approval engine — kind `target_change`, the
 * subject is the change (`sales_target_change`), the manager approves (the director a manager's
 * own), and until it is approved the original target counts. Every version is kept.
 */
import type { Q, Tx } from '../../../db/client.js';
import {
  targetChangeFiledCard, targetChangeFormCard, targetHistoryCard, targetHistoryPickCard, targetSetFormCard, targetsCard, type SpecialistTargetsView,
} from '../../../cards/targets.js';
import type { Card } from '../../../cards/kit.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, pick, type I18nText } from '../../domain/i18n.js';
import { formatYuan } from '../../domain/money.js';
import { readList, readMoney, readText } from '../../domain/card-form.js';
import { hasEnded, hasStarted, periodFromKey, periodKey, periodLabel, quarter, type Period } from '../../domain/kpi/period.js';
import {
  applyChangeOutcome, completionPct, mayAskChange, maySetTarget, openChange, requestTargetChange, resubmitTargetChange, setTarget,
  targetInForce, targetLabel, targetPeriodOptions, visibleSpecialists, type ChangeOutcome, type SalesTarget, type TargetChange,
} from '../../domain/kpi/targets.js';
import { reviewerOf, type Member, type Roster } from '../../domain/roster.js';
import { formatDateTime } from '../../domain/time.js';
import type { FieldRow } from '../../domain/approval/view.js';
import { lastDecided } from '../../domain/approval/records.js';
import { enqueueSend } from '../outbox.js';
import type { UseCaseContext } from '../approval/apply.js';
import type { EffectOptions } from '../approval/effects.js';
import type { ApprovalHooks } from '../approval/hooks.js';
import { resubmitRequest } from '../approval/resubmit.js';
import { submitRequest } from '../approval/submit.js';
import { eq } from 'drizzle-orm';
import { auditLog, salesTargetChanges } from '../../../db/schema/index.js';
import { loadRosterMap } from '../customer/store.js';
import { salesByPerson } from './sales.js';
import { changeById, loadTarget, loadTargetByKey, loadTargets, saveTarget, setChangeApproval } from './targets-store.js';

export const TARGET_CHANGE_SUBJECT = 'sales_target_change';

const forbiddenList = (): DomainError =>
  new DomainError('FORBIDDEN', i18n('销售指标仅对专员本人、其经理、营销总监和内勤可见。', 'Sales targets are shown to the specialist, their manager, the director and the assistant only.'));
const notFound = (): DomainError => new DomainError('NOT_FOUND', i18n('找不到该销售指标。', 'That sales target was not found.'));

const periodChoices = (now: Date, timeZone: string) => targetPeriodOptions(now, timeZone).map((p) => ({ key: periodKey(p), label: periodLabel(p) }));

/** A period a target may be listed or set for: a quarter or a year, from a callback's key. */
export function targetPeriod(key: unknown): Period {
  const p = typeof key === 'string' ? periodFromKey(key) : null;
  if (!p || p.kind === 'month') throw new DomainError('VALIDATION', i18n('销售指标按季度或年度设定，请选择季度或年度。', 'Sales targets are set per quarter or per year; choose a quarter or a year.'));
  return p;
}

const TARGET = i18n('销售指标', 'Target');
const NEW_TARGET = i18n('新指标', 'New target');
/** The domain's rules (targets.ts) say why an amount must be above zero, so a minus is let through to them. */
const amountOf = (form: Record<string, unknown>, name: string, label: I18nText): number => readMoney(form, name, label, { required: true, signed: true });

function teamsOf(roster: Roster, specialists: readonly Member[]): { name: string; members: Member[] }[] {
  const byLead = new Map<string, { name: string; members: Member[] }>();
  for (const s of [...specialists].sort((a, b) => a.name.localeCompare(b.name, 'zh'))) {
    const lead = reviewerOf(roster, s);
    const key = lead?.openId ?? '';
    const team = byLead.get(key) ?? { name: lead?.name ?? '—', members: [] };
    team.members.push(s);
    byLead.set(key, team);
  }
  return [...byLead.values()];
}

/** The `指标` card for the period, scoped to what the member may see. */
export async function targetsCardFor(q: Q, actorIn: Member, period: Period, ctx: { now: Date; timeZone: string; notice?: I18nText | null }): Promise<Card> {
  const roster = await loadRosterMap(q);
  const actor = roster.get(actorIn.openId) ?? actorIn;
  const visible = visibleSpecialists(actor, roster);
  if (!visible.length && !['director', 'assistant', 'manager'].includes(actor.role)) throw forbiddenList();
  const ids = visible.map((m) => m.openId);
  const quarters = period.kind === 'year' ? [1, 2, 3, 4].map((i) => periodKey(quarter(period.year, i))) : [];
  const targets = await loadTargets(q, [periodKey(period), ...quarters], ids);
  const sales = await salesByPerson(q, period, ctx.timeZone);
  const running = hasStarted(period, ctx.now, ctx.timeZone) && !hasEnded(period, ctx.now, ctx.timeZone);
  const view = (s: Member): SpecialistTargetsView => {
    const own = targets.filter((t) => t.key.specialistId === s.openId && periodKey(t.key.period) === periodKey(period));
    const fromQ = own.length ? [] : targets.filter((t) => t.key.specialistId === s.openId && quarters.includes(periodKey(t.key.period)));
    const counted = own.length ? own : fromQ;
    const targetFen = counted.length ? counted.reduce((sum, t) => sum + targetInForce(t).amountFen, 0) : null;
    const actualFen = sales.get(s.openId) ?? 0;
    return {
      id: s.openId, name: s.name, actualFen, targetFen, pct: completionPct(actualFen, targetFen), fromQuarters: fromQ.length > 0,
      items: own.map((t) => {
        const pending = openChange(t);
        return {
          id: t.id, label: targetLabel(t.key), amountFen: targetInForce(t).amountFen, version: targetInForce(t).version,
          pending: pending && pending.status === 'pending' ? { amountFen: pending.amountFen, reason: pending.reason, requesterName: roster.get(pending.requestedBy)?.name ?? pending.requestedBy } : null,
        };
      }),
    };
  };
  return targetsCard({
    periodKey: periodKey(period),
    periodLabel: periodLabel(period),
    teams: teamsOf(roster, visible).map((t) => ({ name: t.name, specialists: t.members.map(view) })),
    showTeams: actor.role === 'director' || actor.role === 'assistant',
    canSet: visible.some((s) => maySetTarget(actor, s, roster)),
    canChange: running && targets.some((t) => periodKey(t.key.period) === periodKey(period) && !openChange(t) && mayAskChange(actor, roster.get(t.key.specialistId) ?? actor, roster)),
    periods: periodChoices(ctx.now, ctx.timeZone),
    notice: ctx.notice ?? null,
  });
}

/** The set form, with the specialists this member may set targets for. */
export async function targetSetFormFor(q: Q, actorIn: Member, ctx: { now: Date; timeZone: string; periodKey?: string }): Promise<Card> {
  const roster = await loadRosterMap(q);
  const actor = roster.get(actorIn.openId) ?? actorIn;
  const mine = visibleSpecialists(actor, roster).filter((s) => maySetTarget(actor, s, roster));
  if (!mine.length) throw new DomainError('FORBIDDEN', i18n('只有经理或营销总监可以设定销售指标。', 'Only a manager or the director can set sales targets.'));
  return targetSetFormCard({ specialists: mine.map((s) => s.openId), periods: periodChoices(ctx.now, ctx.timeZone), periodKey: ctx.periodKey });
}

/** Sets a target from the form (or revises it before its period begins). */
export async function setTargetFromForm(tx: Tx, actorIn: Member, formValues: Record<string, unknown>, ctx: UseCaseContext): Promise<{ target: SalesTarget; period: Period; notice: I18nText }> {
  const tz = ctx.deps.config.timeZone;
  const roster = await loadRosterMap(tx, ctx.roster);
  const actor = roster.get(actorIn.openId) ?? actorIn;
  const specialistId = readList(formValues, 'tg_specialist')[0]?.trim() || null;
  if (!specialistId) throw new DomainError('VALIDATION', i18n('请选择专员。', 'Choose the specialist.'));
  const period = targetPeriod(formValues.tg_period);
  const amountFen = amountOf(formValues, 'tg_amount', TARGET);
  const key = { specialistId, period, region: readText(formValues, 'tg_region', i18n('地区', 'Region'), 50), product: readText(formValues, 'tg_product', i18n('产品', 'Product'), 50) };
  const existing = await loadTargetByKey(tx, { ...key, region: key.region, product: key.product });
  const after = setTarget(existing, { id: existing?.id ?? ctx.deps.ids.newId(), key, amountFen, reason: formValues.tg_reason }, actor, { roster, now: ctx.now, timeZone: tz });
  await saveTarget(tx, existing, after, { actorId: actor.openId, now: ctx.now });
  const v = targetInForce(after);
  const specialist = roster.get(specialistId)!;
  const label = targetLabel(after.key);
  await tx.insert(auditLog).values({ at: ctx.now, actorId: actor.openId, action: existing ? 'target.revised' : 'target.set', subjectType: 'sales_target', subjectId: after.id, detail: { version: v.version, amountFen: v.amountFen } });
  if (specialist.openId !== actor.openId) {
    await enqueueSend({ tx, deps: ctx.deps }, { openId: specialist.openId }, {
      text: pick(i18n(`${actor.name} 为您设定了${label.zh_cn}销售指标：${formatYuan(v.amountFen)}。发送「指标」查看。`, `${actor.name} set your ${label.en_us} sales target: ${formatYuan(v.amountFen)}. Send "targets" to see it.`), specialist.locale),
    });
  }
  const notice = i18n(`已保存：${specialist.name} ${label.zh_cn} ${formatYuan(v.amountFen)}（第 ${v.version} 版）。`, `Saved: ${specialist.name}, ${label.en_us}, ${formatYuan(v.amountFen)} (version ${v.version}).`);
  return { target: after, period, notice };
}

/** The targets whose period is running that this member may ask to change. */
async function changeableTargets(q: Q, actor: Member, roster: Roster, now: Date, timeZone: string): Promise<SalesTarget[]> {
  const visible = visibleSpecialists(actor, roster).filter((s) => mayAskChange(actor, s, roster));
  const keys = targetPeriodOptions(now, timeZone).filter((p) => hasStarted(p, now, timeZone) && !hasEnded(p, now, timeZone)).map(periodKey);
  return (await loadTargets(q, keys, visible.map((s) => s.openId))).filter((t) => !openChange(t));
}

const labelWithName = (t: SalesTarget, roster: Roster, actor: Member): I18nText => {
  const l = targetLabel(t.key);
  if (t.key.specialistId === actor.openId) return l;
  const name = roster.get(t.key.specialistId)?.name ?? t.key.specialistId;
  return i18n(`${name} · ${l.zh_cn}`, `${name} · ${l.en_us}`);
};

/** The change form: for one target (from its button) or a choice of the member's running ones. */
export async function targetChangeFormFor(q: Q, actorIn: Member, ctx: { now: Date; timeZone: string; targetId?: string | null }): Promise<Card> {
  const roster = await loadRosterMap(q);
  const actor = roster.get(actorIn.openId) ?? actorIn;
  let targets: SalesTarget[];
  if (ctx.targetId) {
    const t = await loadTarget(q, ctx.targetId);
    if (!t) throw notFound();
    const specialist = roster.get(t.key.specialistId);
    if (!specialist || !mayAskChange(actor, specialist, roster)) {
      throw new DomainError('FORBIDDEN', i18n('只有专员本人、其经理或营销总监可以申请调整该指标。', 'Only the specialist, their manager or the director can ask to change this target.'));
    }
    if (openChange(t)) throw new DomainError('CONFLICT', i18n('该指标已有一个调整申请在审批中。', 'A change to this target is already waiting for approval.'));
    targets = [t];
  } else {
    targets = await changeableTargets(q, actor, roster, ctx.now, ctx.timeZone);
    if (!targets.length) {
      throw new DomainError('PRECONDITION_FAILED', i18n('您没有正在执行期间内、可以调整的销售指标。尚未开始的期间由经理直接修改（发送「指标」）。', 'You have no target in a running period to change. Targets of a period not yet begun are edited directly by the manager (send "targets").'));
    }
  }
  return targetChangeFormCard({ targets: targets.map((t) => ({ id: t.id, label: labelWithName(t, roster, actor), amountFen: targetInForce(t).amountFen })) });
}

function changeRows(t: SalesTarget, c: TargetChange, roster: Roster): FieldRow[] {
  return [
    { label: i18n('专员', 'Specialist'), value: roster.get(t.key.specialistId)?.name ?? t.key.specialistId },
    { label: i18n('指标期间', 'Period'), value: targetLabel(t.key) },
    { label: i18n('现行指标', 'Current target'), value: formatYuan(c.fromFen) },
    { label: i18n('新指标', 'New target'), value: formatYuan(c.amountFen) },
    { label: i18n('调整原因', 'Reason'), value: c.reason },
  ];
}

const changeSummary = (t: SalesTarget, c: TargetChange, roster: Roster): I18nText => {
  const l = labelWithName(t, roster, { openId: '' } as Member);
  return i18n(`${l.zh_cn} · ${formatYuan(c.fromFen)} → ${formatYuan(c.amountFen)}`, `${l.en_us} · ${formatYuan(c.fromFen)} → ${formatYuan(c.amountFen)}`);
};

/** Asks for a change during the period: into the approval engine, or in force at once for the director. */
export async function requestChangeFromForm(
  tx: Tx,
  actorIn: Member,
  input: { targetId: string | null; form: Record<string, unknown>; formMessageId: string | null },
  ctx: UseCaseContext,
): Promise<Card> {
  const tz = ctx.deps.config.timeZone;
  const roster = await loadRosterMap(tx, ctx.roster);
  const actor = roster.get(actorIn.openId) ?? actorIn;
  const targetId = input.targetId || readText(input.form, 'tc_target', i18n('指标', 'Target'), 64);
  if (!targetId) throw new DomainError('VALIDATION', i18n('请选择要调整的指标。', 'Choose the target to change.'));
  const before = await loadTarget(tx, targetId);
  if (!before) throw notFound();
  const amountFen = amountOf(input.form, 'tc_amount', NEW_TARGET);
  const changeId = ctx.deps.ids.newId();
  const r = requestTargetChange(before, { changeId, approvalId: changeId, amountFen, reason: input.form.tc_reason }, actor, { roster, now: ctx.now, timeZone: tz });
  // A second Submit from the same card files nothing (the form's message id is unique on the change).
  if (input.formMessageId && (await tx.select({ id: salesTargetChanges.id }).from(salesTargetChanges).where(eq(salesTargetChanges.formMessageId, input.formMessageId))).length) {
    throw new DomainError('CONFLICT', i18n('此表单已提交过，请勿重复提交。', 'This form has already been submitted.'));
  }
  await saveTarget(tx, before, r.target, { actorId: actor.openId, now: ctx.now, formMessageId: input.formMessageId });
  const label = targetLabel(before.key);
  const specialist = roster.get(before.key.specialistId)!;
  if (r.submit) {
    const { requestId } = await submitRequest(
      tx,
      { kind: 'target_change', subjectType: TARGET_CHANGE_SUBJECT, subjectId: changeId, requester: actor, fields: changeRows(r.target, r.change, roster), summary: changeSummary(r.target, r.change, roster), hasBudget: false },
      ctx,
    );
    await setChangeApproval(tx, changeId, requestId);
  } else {
    await tx.insert(auditLog).values({ at: ctx.now, actorId: actor.openId, action: 'target.changed', subjectType: 'sales_target', subjectId: before.id, detail: { changeId, fromFen: r.change.fromFen, amountFen } });
    for (const m of [specialist, reviewerOf(roster, specialist)]) {
      if (!m || !m.active || m.openId === actor.openId) continue;
      await enqueueSend({ tx, deps: ctx.deps }, { openId: m.openId }, {
        text: pick(i18n(`${actor.name} 已将 ${specialist.name} 的${label.zh_cn}销售指标由 ${formatYuan(r.change.fromFen)} 调整为 ${formatYuan(amountFen)}。原因：${r.change.reason}`, `${actor.name} changed ${specialist.name}'s ${label.en_us} target from ${formatYuan(r.change.fromFen)} to ${formatYuan(amountFen)}. Reason: ${r.change.reason}`), m.locale),
      });
    }
  }
  return targetChangeFiledCard({ label: labelWithName(before, roster, actor), fromFen: r.change.fromFen, toFen: amountFen, applied: !r.submit });
}

/** "Edit & resubmit" of a returned or rejected change: the new amount and reason, then the engine's resubmit. */
export async function resubmitChangeFromForm(
  tx: Tx,
  actorIn: Member,
  input: { approvalId: string; version: number | undefined; changeId: string; form: Record<string, unknown> },
  ctx: UseCaseContext,
  o: EffectOptions = {},
) {
  const roster = await loadRosterMap(tx, ctx.roster);
  const actor = roster.get(actorIn.openId) ?? actorIn;
  const found = await changeById(tx, input.changeId);
  if (!found || found.approvalId !== input.approvalId) throw notFound();
  const amountFen = amountOf(input.form, 'tc_amount', NEW_TARGET);
  const after = resubmitTargetChange(found.target, input.changeId, { amountFen, reason: input.form.tc_reason }, actor, { roster, now: ctx.now, timeZone: ctx.deps.config.timeZone });
  await saveTarget(tx, found.target, after, { actorId: actor.openId, now: ctx.now });
  const change = after.changes.find((c) => c.id === input.changeId)!;
  return resubmitRequest(tx, { requestId: input.approvalId, requester: actor, fields: changeRows(after, change, roster), summary: changeSummary(after, change, roster), hasBudget: false, version: input.version }, ctx, o);
}

/** 历史版本: which of the period's visible targets to open. */
export async function targetHistoryPickFor(q: Q, actorIn: Member, period: Period): Promise<Card> {
  const roster = await loadRosterMap(q);
  const actor = roster.get(actorIn.openId) ?? actorIn;
  const visible = visibleSpecialists(actor, roster);
  if (!visible.length) throw forbiddenList();
  const targets = await loadTargets(q, [periodKey(period)], visible.map((s) => s.openId));
  if (!targets.length) throw new DomainError('NOT_FOUND', i18n('该期间还没有设定销售指标。', 'No sales target is set for this period yet.'));
  return targetHistoryPickCard({ targets: targets.map((t) => ({ id: t.id, label: labelWithName(t, roster, actor) })) });
}

/** The versions of one target, for someone who may see it. */
export async function targetHistoryFor(q: Q, actorIn: Member, targetId: string, timeZone: string): Promise<Card> {
  const roster = await loadRosterMap(q);
  const actor = roster.get(actorIn.openId) ?? actorIn;
  const t = await loadTarget(q, targetId);
  if (!t) throw notFound();
  if (!visibleSpecialists(actor, roster).some((s) => s.openId === t.key.specialistId)) throw forbiddenList();
  const name = (id: string | null) => (id ? (roster.get(id)?.name ?? id) : null);
  const STATUS: Record<TargetChange['status'], I18nText> = {
    pending: i18n('审批中', 'Pending'), returned: i18n('已退回', 'Returned'), approved: i18n('已批准', 'Approved'), rejected: i18n('已驳回', 'Rejected'), withdrawn: i18n('已撤回', 'Withdrawn'),
  };
  return targetHistoryCard({
    label: targetLabel(t.key),
    specialistName: name(t.key.specialistId)!,
    versions: t.versions.map((v) => ({ version: v.version, amountFen: v.amountFen, setByName: name(v.setBy)!, setAt: formatDateTime(v.setAt, timeZone), reason: v.reason, approvedByName: v.via === 'change' ? name(v.approvedBy) : null })),
    changes: t.changes.map((c) => ({ amountFen: c.amountFen, status: STATUS[c.status], requesterName: name(c.requestedBy)!, reason: c.reason, note: c.decisionNote })),
  });
}

async function applyOutcome(ctx: { tx: Tx; now: Date }, changeId: string, outcome: ChangeOutcome, by: string, note: string | null) {
  const found = await changeById(ctx.tx, changeId);
  if (!found) return null;
  const after = applyChangeOutcome(found.target, changeId, outcome, by, ctx.now, note);
  await saveTarget(ctx.tx, found.target, after, { actorId: by, now: ctx.now });
  return { before: found.target, after, change: after.changes.find((c) => c.id === changeId)! };
}

/** The approval engine drives the change: approved → a new version; rejected, withdrawn, returned → the original stands. */
export const targetChangeHooks: ApprovalHooks = {
  async onApproved(ctx, approval) {
    const by = lastDecided(approval.state.steps)?.decidedBy ?? approval.state.request.requesterId;
    const r = await applyOutcome(ctx, approval.state.request.subjectId, 'approved', by, lastDecided(approval.state.steps)?.comment ?? null);
    if (!r) return;
    await ctx.tx.insert(auditLog).values({ at: ctx.now, actorId: by, action: 'target.changed', subjectType: 'sales_target', subjectId: r.after.id, detail: { changeId: r.change.id, fromFen: r.change.fromFen, amountFen: r.change.amountFen, approvalId: approval.state.request.id } });
    const roster = await loadRosterMap(ctx.tx, ctx.roster);
    const specialist = roster.get(r.after.key.specialistId);
    // the requester hears from the engine; the specialist whose target it is, if someone else asked
    if (specialist?.active && specialist.openId !== approval.state.request.requesterId) {
      const label = targetLabel(r.after.key);
      await enqueueSend(ctx, { openId: specialist.openId }, {
        text: pick(i18n(`您的${label.zh_cn}销售指标已调整为 ${formatYuan(r.change.amountFen)}（原 ${formatYuan(r.change.fromFen)}）。`, `Your ${label.en_us} sales target is now ${formatYuan(r.change.amountFen)} (was ${formatYuan(r.change.fromFen)}).`), specialist.locale),
      });
    }
  },
  async onEnded(ctx, approval, outcome) {
    const last = lastDecided(approval.state.steps);
    await applyOutcome(ctx, approval.state.request.subjectId, outcome, last?.decidedBy ?? approval.state.request.requesterId, last?.comment ?? null);
  },
  async onReturned(ctx, approval) {
    const last = lastDecided(approval.state.steps);
    await applyOutcome(ctx, approval.state.request.subjectId, 'returned', last?.decidedBy ?? approval.state.request.requesterId, last?.comment ?? null);
  },
  /** Sent again without the form (unchanged): the change waits for approval again, as it was. */
  async onResubmitted(ctx, approval) {
    const found = await changeById(ctx.tx, approval.state.request.subjectId);
    if (!found || found.change.status === 'pending') return;
    const roster = await loadRosterMap(ctx.tx, ctx.roster);
    const requester = roster.get(found.change.requestedBy);
    if (!requester) return;
    const after = resubmitTargetChange(found.target, found.change.id, { amountFen: found.change.amountFen, reason: found.change.reason }, requester, { roster, now: ctx.now, timeZone: ctx.deps.config.timeZone });
    await saveTarget(ctx.tx, found.target, after, { actorId: requester.openId, now: ctx.now });
  },
  async editCard(ctx, approval) {
    const found = await changeById(ctx.tx, approval.state.request.subjectId);
    if (!found) return null;
    const roster = await loadRosterMap(ctx.tx, ctx.roster);
    const requester = roster.get(found.change.requestedBy);
    return targetChangeFormCard({
      targets: [{ id: found.target.id, label: labelWithName(found.target, roster, requester ?? ({ openId: '' } as Member)), amountFen: targetInForce(found.target).amountFen }],
      edit: { approvalId: approval.state.request.id, version: approval.state.request.version, amountFen: found.change.amountFen, reason: found.change.reason },
    });
  },
};
