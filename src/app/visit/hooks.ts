/**
 * What an approved visit plan does (registered in approval/hooks.ts under 'visit'): the visit
 * is approved, the customer's project team coordinator and liaison are told (when a development
 * plan with a team was approved), the visit record becomes due at the end of the visit day, and
 * each material's owner is told what to prepare by when (materials.ts).
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { approvalRequests, developmentPlans, visits } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { i18n, pick } from '../../domain/i18n.js';
import { formatDateTime } from '../../domain/time.js';
import { enqueueSend } from '../outbox.js';
import type { ApprovalHooks } from '../approval/hooks.js';
import { loadCustomer, loadRosterMap } from '../customer/store.js';
import { VISIT_ACTIONS } from '../../../cards/visit-parts.js';
import { openMaterialDuties } from './materials.js';
import { refreshVisitCards } from './store.js';
import { openPlanDuty, planEndHooks } from './plan-lifecycle.js';
import { VISIT_PLAN } from './submit-plan.js';
import { editFormFor } from './plan-form.js';
import { syncVisitEvent } from './calendar-sync.js';
import { syncVisitTasks } from './task-sync.js';

/** Members holding the coordinator or liaison role in the customer's latest approved project team. */
async function teamContacts(q: Q, customerId: string): Promise<{ memberId: string; roles: string[] }[]> {
  const [plan] = await q
    .select({ plan: developmentPlans.plan })
    .from(developmentPlans)
    .innerJoin(approvalRequests, eq(approvalRequests.id, developmentPlans.requestId))
    .where(and(eq(developmentPlans.customerId, customerId), eq(approvalRequests.status, 'approved')))
    .orderBy(desc(developmentPlans.createdAt))
    .limit(1);
  const byMember = new Map<string, string[]>();
  for (const t of plan?.plan.team ?? []) {
    if (t.role === 'coordinator' || t.role === 'liaison') byMember.set(t.memberId, [...(byMember.get(t.memberId) ?? []), t.role]);
  }
  return [...byMember].map(([memberId, roles]) => ({ memberId, roles }));
}

export const visitHooks: ApprovalHooks = {
  /** "Edit & resubmit" after a rejection or a return: the plan form, filled in from the plan. */
  async editCard(ctx, approval, requester) {
    const [visit] = await ctx.tx.select().from(visits).where(eq(visits.id, approval.state.request.subjectId));
    if (!visit) return null;
    const customer = await loadCustomer(ctx.tx, visit.customerId);
    return editFormFor(ctx.tx, visit, customer, requester, ctx.deps.config.timeZone, { requestId: approval.state.request.id, version: approval.state.request.version });
  },

  /** Rejected, returned or withdrawn: the visit card stops saying 审批中 and offers what is left (resubmit, cancel). */
  ...planEndHooks(VISIT_PLAN),

  async onApproved(ctx, approval) {
    // Only a plan still waiting moves: a visit cancelled meanwhile (or gone) stays as it is.
    const [visit] = await ctx.tx
      .update(visits)
      .set({ status: 'approved', version: sql`${visits.version} + 1`, updatedAt: ctx.now })
      .where(and(eq(visits.id, approval.state.request.subjectId), eq(visits.status, 'pending')))
      .returning();
    if (!visit) return;
    const customer = await loadCustomer(ctx.tx, visit.customerId);
    await openPlanDuty(VISIT_PLAN, ctx, visit, { title: customer.name, action: { k: VISIT_ACTIONS.recordStart, vi: visit.id } });
    await openMaterialDuties(ctx.tx, ctx.deps.config.timeZone, visit, ctx.now, ctx.deps.ids, { roster: ctx.roster, customer, settings: ctx.settings });
    const roster = await loadRosterMap(ctx.tx, ctx.roster);
    const owner = roster.get(visit.ownerId)?.name ?? visit.ownerId;
    const at = formatDateTime(visit.visitAt, ctx.deps.config.timeZone);
    for (const t of await teamContacts(ctx.tx, visit.customerId)) {
      const m = roster.get(t.memberId);
      if (!m?.active || m.openId === visit.ownerId) continue;
      const role = t.roles.map((r) => (r === 'coordinator' ? i18n('统筹人', 'coordinator') : i18n('协调人', 'liaison')));
      const text = i18n(
        `${owner} 对「${customer.name}」的拜访计划已批准：${at}，${visit.plan.place}。您是项目小组的${role.map((r) => r.zh_cn).join('、')}，请协助准备人员、车辆和物料。`,
        `${owner}'s visit to ${customer.name} is approved: ${at}, ${visit.plan.place}. As the project team's ${role.map((r) => r.en_us).join(' and ')}, please help with people, vehicles and materials.`,
      );
      await enqueueSend(ctx, { openId: m.openId }, { text: pick(text, m.locale) });
    }
    await refreshVisitCards(ctx.tx, ctx.deps, visit, ctx.now, { roster: ctx.roster, customer });
    await syncVisitEvent(ctx.tx, ctx.deps, visit, ctx.now, { customer, settings: ctx.settings });
    await syncVisitTasks(ctx.tx, ctx.deps, visit, ctx.now, ctx.roster, ctx.settings);
  },
};
