/**
 * Planned new key accounts per specialist and period (大客户开发计划数) end to end: the `开发计划`
 * card (each visible specialist's plan against the accounts won, counted as the KPI counts them)
 * and setting one — by card or `开发计划 2026Q4 李专员 3` — by the specialist's manager or the
 * director (src/domain/kpi/targets.ts maySetTarget), for the periods targets are set for. The
 * development-plan completion KPI reads them through tallies.ts.
 */
import type { Ids } from '../../ids.js';
import { and, eq } from 'drizzle-orm';
import { auditLog, developmentTargets } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { devPlanCard } from '../../../cards/development-targets.js';
import type { Card } from '../../../cards/kit.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, pick, type I18nText } from '../../domain/i18n.js';
import { parsePlannedNew } from '../../domain/kpi/development-targets.js';
import { periodKey, periodLabel, type Period } from '../../domain/kpi/period.js';
import { maySetTarget, targetPeriodOptions, visibleSpecialists } from '../../domain/kpi/targets.js';
import type { Member } from '../../domain/roster.js';
import { enqueueSend } from '../outbox.js';
import { loadRosterMap } from '../customer/store.js';
import { tallyByPersonSql } from './tallies.js';
import { targetPeriod } from './targets.js';

const forbiddenView = (): DomainError =>
  new DomainError('FORBIDDEN', i18n('开发计划仅对专员本人、其经理、营销总监和内勤可见。', 'Development plans are shown to the specialist, their manager, the director and the assistant only.'));
const forbiddenSet = (): DomainError =>
  new DomainError('FORBIDDEN', i18n('开发计划由专员的经理或营销总监设定，未做更改。', 'A development plan is set by the specialist’s manager or the director; nothing was changed.'));

const periodChoices = (now: Date, timeZone: string) => targetPeriodOptions(now, timeZone).map((p) => ({ key: periodKey(p), label: periodLabel(p) }));

/** The `开发计划` card for a quarter or year. */
export async function devPlanCardFor(q: Q, actorIn: Member, period: Period, ctx: { now: Date; timeZone: string; notice?: I18nText | null }): Promise<Card> {
  const roster = await loadRosterMap(q);
  const actor = roster.get(actorIn.openId) ?? actorIn;
  const visible = visibleSpecialists(actor, roster).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  if (!visible.length && !['director', 'assistant', 'manager'].includes(actor.role)) throw forbiddenView();
  // Won and planned as the KPI counts them (archives are not needed here).
  const tallies = await tallyByPersonSql(q, period, { timeZone: ctx.timeZone, now: ctx.now, archives: new Map() });
  return devPlanCard({
    periodKey: periodKey(period),
    periodLabel: periodLabel(period),
    rows: visible.map((s) => ({ name: s.name, planned: tallies.get(s.openId)?.plannedNew ?? null, won: tallies.get(s.openId)?.won ?? 0 })),
    settable: visible.filter((s) => maySetTarget(actor, s, roster)).map((s) => s.openId),
    periods: periodChoices(ctx.now, ctx.timeZone),
    notice: ctx.notice ?? null,
  });
}

/** Sets (or changes) one specialist's plan for a period; refused, with nothing written, beyond the role or for a bad number. */
export async function setDevPlan(
  q: Q,
  actorIn: Member,
  input: { specialistId: unknown; periodKey: unknown; count: unknown },
  ctx: { now: Date; timeZone: string; ids: Ids },
): Promise<{ period: Period; notice: I18nText }> {
  const roster = await loadRosterMap(q);
  const actor = roster.get(actorIn.openId) ?? actorIn;
  const picked = Array.isArray(input.specialistId) ? input.specialistId[0] : input.specialistId;
  const specialist = typeof picked === 'string' ? roster.get(picked.trim()) : undefined;
  if (!specialist?.active || specialist.role !== 'specialist') {
    if (!['manager', 'director'].includes(actor.role)) throw forbiddenSet();
    throw new DomainError('VALIDATION', i18n('请选择一位在册的专员，未做更改。', 'Choose a specialist on the roster; nothing was changed.'));
  }
  if (!maySetTarget(actor, specialist, roster)) throw forbiddenSet();
  const period = targetPeriod(input.periodKey);
  if (!periodChoices(ctx.now, ctx.timeZone).some((p) => p.key === periodKey(period))) {
    throw new DomainError('VALIDATION', i18n('开发计划可为本季度、下季度、今年或明年设定，未做更改。', 'A development plan is set for this or next quarter, this or next year; nothing was changed.'));
  }
  const planned = parsePlannedNew(input.count);
  const key = periodKey(period);
  const where = and(eq(developmentTargets.specialistId, specialist.openId), eq(developmentTargets.periodKey, key));
  const [before] = await q.select().from(developmentTargets).where(where).for('update');
  await q
    .insert(developmentTargets)
    .values({ specialistId: specialist.openId, periodKey: key, plannedNew: planned, setBy: actor.openId, setAt: ctx.now })
    .onConflictDoUpdate({ target: [developmentTargets.specialistId, developmentTargets.periodKey], set: { plannedNew: planned, setBy: actor.openId, setAt: ctx.now } });
  await q.insert(auditLog).values({ at: ctx.now, actorId: actor.openId, action: 'development_target.set', subjectType: 'development_target', subjectId: `${specialist.openId}|${key}`, detail: { old: before?.plannedNew ?? null, new: planned } });
  const label = periodLabel(period);
  if (specialist.openId !== actor.openId && before?.plannedNew !== planned) {
    await enqueueSend({ tx: q, deps: ctx }, { openId: specialist.openId }, {
      text: pick(i18n(`${actor.name} 为您设定了${label.zh_cn}开发计划：新开发大客户 ${planned} 个。发送「开发计划」查看。`, `${actor.name} set your ${label.en_us} development plan: ${planned} new key accounts. Send "dev plan" to see it.`), specialist.locale),
    });
  }
  const was = before ? { zh: `（原 ${before.plannedNew} 个）`, en: ` (was ${before.plannedNew})` } : { zh: '', en: '' };
  return { period, notice: i18n(`已保存：${specialist.name} ${label.zh_cn}计划开发新客户 ${planned} 个${was.zh}。`, `Saved: ${specialist.name}, ${label.en_us}, ${planned} new key accounts planned${was.en}.`) };
}
